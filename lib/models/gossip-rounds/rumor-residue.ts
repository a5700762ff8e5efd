/**
 * Residue of rumor mongering (Demers et al., "Epidemic algorithms for
 * replicated database maintenance", PODC 1987, section 1.4): the fraction s
 * of nodes the rumor never reaches, and the traffic m (messages per node).
 *
 * Feedback with a coin (an infective node loses interest with probability
 * 1/k after each contact with a node that already knew the rumor): Demers'
 * differential equations ds/dt = -s i, di/dt = s i - (1/k)(1 - s) i give
 *   s = exp(-(k + 1)(1 - s))                                  (section 1.4)
 * and, as every message reaches a uniformly random node, s = exp(-m), so
 * m = (k + 1)(1 - s) (ibid.). The counter variant (interest lost after
 * exactly k unnecessary contacts) has the same mean number of unnecessary
 * contacts per informed node, k, so the same traffic and the same equation.
 *
 * Blind variants (interest lost after each contact, whatever the recipient
 * knew: coin with probability 1/k, or counter after k contacts): every
 * informed node makes k contacts on average, so m = k (1 - s) and, by the
 * same two steps, s = exp(-k (1 - s)) (derived here the way Demers derives the
 * feedback case; the paper tabulates these variants by simulation only).
 *
 * These are large-N limits; in the kernels (rumor.ts) a contact counts as
 * unnecessary when the recipient already knew the rumor on arrival, which is
 * what the counting argument above needs.
 */

/**
 * The root s in (0, 1) of s = exp(-a (1 - s)) for a > 1 (the rumor reaches a
 * positive fraction); 1 when a <= 1 (only the trivial root). Bisection to
 * machine precision on [0, 1 - ln(a)/a], where s - exp(-a(1-s)) changes sign.
 */
export function epidemicResidue(a: number): number {
  if (!(a > 1)) return 1;
  let lo = 0;
  let hi = 1 - Math.log(a) / a; // maximum of s - exp(-a(1-s)): positive there
  for (let i = 0; i < 200 && hi - lo > 1e-16; i++) {
    const mid = (lo + hi) / 2;
    if (mid - Math.exp(-a * (1 - mid)) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Residue of rumor mongering with stopping parameter k: feedback s = exp(-(k+1)(1-s)), blind s = exp(-k(1-s)). */
export function rumorResidue(k: number, feedback: boolean): number {
  return epidemicResidue(feedback ? k + 1 : k);
}

/** Traffic (messages per node) that goes with a residue: m = -ln s (Demers et al. 1987, section 1.4). */
export function rumorTraffic(residue: number): number {
  return -Math.log(residue);
}

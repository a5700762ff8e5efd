/**
 * Reliability of infect-and-die gossip (Kermarrec, Massoulié & Ganesh,
 * "Probabilistic reliable dissemination in large-scale systems", IEEE TPDS
 * 14(3), 2003): every node, on first receipt, forwards the message
 * to a fanout of random others once, then stops. With mean fanout
 * ln N + c the probability that every node is reached tends to
 *   exp(-exp(-c))        (ibid.; the connectivity threshold of Erdős & Rényi)
 *
 * Finite N (the Poisson approximation behind that limit): a live node other
 * than the source is missed when none of the other informed nodes' messages
 * reaches it. If (nearly) all L live nodes forward, each with mean fanout x
 * among the N - 1 others and loss p, a node is missed with probability about
 * (1 - x (1 - p) / (N - 1))^(L - 1), the number missed is about Poisson with
 * mean lambda = (L - 1) (1 - x (1 - p) / (N - 1))^(L - 1), and the
 * reliability is about exp(-lambda). With L = N, p = 0, x = ln N + c,
 * lambda -> exp(-c).
 */

/** exp(-exp(-c)): the large-N reliability with mean fanout ln N + c (Kermarrec et al. 2003). */
export function infectAndDieReliabilityLimit(c: number): number {
  return Math.exp(-Math.exp(-c));
}

/** Expected number of live nodes missed (the Poisson mean lambda of the file header). */
export function infectAndDieMissed(n: number, meanFanout: number, live = n, lossRate = 0): number {
  const hit = (meanFanout * (1 - lossRate)) / (n - 1);
  return (live - 1) * Math.pow(Math.max(0, 1 - hit), live - 1);
}

/** exp(-lambda): finite-N reliability estimate (file header). */
export function infectAndDieReliability(n: number, meanFanout: number, live = n, lossRate = 0): number {
  return Math.exp(-infectAndDieMissed(n, meanFanout, live, lossRate));
}

/** Mean fanout ln N + c. */
export function infectAndDieMeanFanout(n: number, c: number): number {
  return Math.log(n) + c;
}

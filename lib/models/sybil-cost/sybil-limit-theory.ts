/**
 * What SybilLimit's analysis predicts for the simulation (Yu, Gibbons,
 * Kaminsky & Xiao, IEEE S&P 2008, sections 4.2-4.5), written for a
 * d-regular honest region of m edges and g attack edges, M = 2m + 2g
 * directed edges. On a fast-mixing graph a route's position after a few
 * steps is uniform over the M directed edges (random routes are permutations,
 * so the uniform distribution on directed edges is stationary).
 *
 *   r = ceil(r0 sqrt(m)) instances, w = ceil(walkFactor ln n) steps (w = O(log n), the mixing time)
 *   honest intersection  P(two honest tail sets meet) ~ 1 - exp(-r^2 / M)        (birthday paradox, 4.3)
 *   escaping tails       <= w - 1 per attack edge per instance (4.3); a route entering at h
 *                        goes straight back with probability 1/(d+1) and re-enters later with
 *                        about g/M per step, so per attack edge
 *                        K = r d/(d+1) sum_{j<w-1} (1 - g/M)^j  (<= r (w - 1)) keys
 *   escaping matches     each key lands on one of V's r tails with probability 1 - (1 - 1/M)^r:
 *                        per attack edge ~ K (1 - (1 - 1/M)^r) ~ r0^2 (w - 1) / 2
 *   tainted tails of V   a w-step route crosses a given attack edge with probability ~ w / M:
 *                        per attack edge ~ r w / M
 *   balance condition    each tainted tail takes at most b = h max(ln r, a) Sybils, a ~ n / r (4.4)
 *   Sybils per attack edge ~ K (1 - (1 - 1/M)^r) + (r w / M) h max(ln r, n / r) = O(w) = O(log n)
 * (the second term: r w / M * h n / r ~ w h / d). This is the O(log n) per
 * attack edge of the paper's main theorem, with the constants of this setup.
 * Approximations: uniform tails, the union bound for crossings, no re-entry.
 */

/** r = ceil(r0 sqrt(m)). */
export function sybilLimitInstances(r0: number, honestEdges: number): number {
  return Math.ceil(r0 * Math.sqrt(honestEdges));
}

/** w = ceil(walkFactor ln n). */
export function sybilLimitWalkLength(walkFactor: number, nodes: number): number {
  return Math.max(1, Math.ceil(walkFactor * Math.log(nodes)));
}

/** 1 - exp(-r^2 / M): probability that two honest nodes' r uniform tails meet. */
export function honestIntersectionTheory(r: number, directedEdges: number): number {
  return 1 - Math.exp(-(r * r) / directedEdges);
}

/** K = r d/(d+1) sum_{j=0}^{w-2} (1 - g/M)^j: escaping keys per attack edge. */
export function escapingKeysPerEdgeTheory(r: number, w: number, degree: number, attackEdges: number, directedEdges: number): number {
  const q = 1 - attackEdges / directedEdges;
  const steps = q === 1 ? w - 1 : (1 - q ** (w - 1)) / (1 - q);
  return ((r * degree) / (degree + 1)) * steps;
}

/** 1 - (1 - 1/M)^r: probability that one key's tail is one of V's r (uniform) tails. */
export function keyMatchProbability(r: number, directedEdges: number): number {
  return -Math.expm1(r * Math.log1p(-1 / directedEdges));
}

/** K (1 - (1 - 1/M)^r): escaping keys per attack edge that land on one of V's tails. */
export function escapingMatchesPerEdgeTheory(r: number, w: number, degree: number, attackEdges: number, directedEdges: number): number {
  return escapingKeysPerEdgeTheory(r, w, degree, attackEdges, directedEdges) * keyMatchProbability(r, directedEdges);
}

/** r w / M: tainted tails of V per attack edge (the union bound over the w steps: an upper approximation). */
export function taintedTailsPerEdgeTheory(r: number, w: number, directedEdges: number): number {
  return (r * w) / directedEdges;
}

/** Escaping matches plus tainted tails times b = h max(ln r, n / r), per attack edge. */
export function sybilsPerEdgeTheory(r: number, w: number, degree: number, attackEdges: number, directedEdges: number, h: number, nodes: number): number {
  const b = h * Math.max(Math.log(r), nodes / r);
  return escapingMatchesPerEdgeTheory(r, w, degree, attackEdges, directedEdges) + taintedTailsPerEdgeTheory(r, w, directedEdges) * b;
}

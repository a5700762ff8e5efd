/**
 * Mean-field estimate of the rounds of push, pull and push-pull on K_N: the
 * recursion of the C reference w2_gossip (mean_field_rounds), which iterates
 * the exact one-round expectation of the uninformed fraction u given the
 * informed count, with a Poisson tail for the finish:
 *   push:      u' = u (1 - 1/(N-1))^I
 *   push-pull: u' = u (1 - 1/(N-1))^I (1 - I/(N-1)),   I = N (1 - u),
 *   E[rounds] ~ sum_t P(rounds > t) ~ sum_t (1 - exp(-N u_t)).
 * Pittel (SIAM J. Appl. Math. 1987, abstract) shows the informed count of push
 * follows such a deterministic recursion closely with high probability.
 *
 * Generalised here, in the same spirit, to fanout k (k distinct partners: a
 * given node is among an informed node's partners with probability k/(N-1)),
 * message loss p, and L live nodes among N (crashed nodes are picked but never
 * informed; u is the uninformed fraction of live nodes, I = L (1 - u)):
 *   push stays uninformed:  (1 - k (1-p) / (N-1))^I
 *   pull stays uninformed:  (1 - (1-p) I / (N-1))^k   (exact for k = 1; for k > 1
 *                           the k distinct partners are treated as independent)
 *   push-pull: the product;  E[rounds] ~ sum_t (1 - exp(-L u_t)).
 * With k = 1, p = 0 and L = N this is exactly the C recursion.
 */
import type { RoundProtocol } from "./round-types";

export interface MeanFieldOptions {
  readonly fanout?: number;
  readonly lossRate?: number;
  /** Live nodes (default: all N). */
  readonly live?: number;
  /** Stop after this many rounds (default 10,000, as the C reference). */
  readonly maxRounds?: number;
}

export interface MeanField {
  /** Estimated mean rounds until every live node is informed (Infinity if u did not vanish within maxRounds). */
  readonly rounds: number;
  /** Expected informed fraction of live nodes after round t (t = 0, 1, ...), until u is negligible. */
  readonly informed: number[];
}

/** The mean-field recursion for `protocol` on K_N (see the file header). */
export function meanField(n: number, protocol: RoundProtocol, options: MeanFieldOptions = {}): MeanField {
  const k = options.fanout ?? 1;
  const p = options.lossRate ?? 0;
  const live = options.live ?? n;
  const maxRounds = options.maxRounds ?? 10_000;
  let u = (live - 1) / live;
  let expect = 0;
  const informed: number[] = [1 - u];
  let t = 0;
  for (; t < maxRounds && live * u > 1e-12; t++) {
    expect += 1 - Math.exp(-live * u); // P(rounds > t)
    const I = live * (1 - u);
    let stay = 1;
    if (protocol !== "pull") stay *= Math.pow(1 - (k * (1 - p)) / (n - 1), I);
    if (protocol !== "push") stay *= Math.pow(1 - ((1 - p) * I) / (n - 1), k);
    u *= stay;
    informed.push(1 - u);
  }
  return { rounds: live * u > 1e-12 ? Infinity : expect, informed };
}

/** Mean-field estimate of the mean rounds (meanField(...).rounds). */
export function meanFieldRounds(n: number, protocol: RoundProtocol, options: MeanFieldOptions = {}): number {
  return meanField(n, protocol, options).rounds;
}

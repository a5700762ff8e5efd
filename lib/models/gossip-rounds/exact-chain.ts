/**
 * Exact law of the informed count of push, pull and push-pull with fanout 1
 * on K_N (with message loss p and C crashed nodes, L = N - C live): the
 * informed count I_t is a Markov chain, and its transition law is exact:
 *   pull:      each of the U = L - I uninformed live nodes picks one of the
 *              N - 1 others, independently; it is informed with probability
 *              r = (1 - p) I / (N - 1). So I' = I + Binomial(U, r).
 *   push:      each of the I informed nodes picks one of the N - 1 others, so
 *              one push reaches a given uninformed live node with probability
 *              q = (1 - p) / (N - 1), and at most one of them; the number h of
 *              distinct uninformed nodes reached by I pushes follows the
 *              occupancy recursion P(new node) = (U - h) q per push.
 *   push-pull: pulls are independent of pushes, so I' = I + h + Binomial(U - h, r).
 * E[rounds] = sum_t P(I_t < L), summed until P(I_t < L) < tolerance. Cost O(L^3) time and
 * O(L^2) memory: an oracle for tests at a few hundred nodes.
 */
import type { RoundProtocol } from "./round-types";

export interface ExactChainOptions {
  readonly lossRate?: number;
  /** Crashed nodes (default 0). */
  readonly crashed?: number;
  /** Stop when P(not finished) < tolerance (default 1e-13). */
  readonly tolerance?: number;
}

export interface ExactChain {
  /** Exact mean rounds until every live node is informed. */
  readonly rounds: number;
  /** E[I_t] / L for t = 0, 1, ... until finished with probability >= 1 - tolerance. */
  readonly informed: number[];
}

/** log k! for k = 0..n. */
function logFactorials(n: number): Float64Array {
  const out = new Float64Array(n + 1);
  for (let k = 2; k <= n; k++) out[k] = out[k - 1] + Math.log(k);
  return out;
}

/** Binomial(n, r) probabilities into out[0..n]. */
function binomialPmf(n: number, r: number, logFact: Float64Array, out: Float64Array): void {
  if (r <= 0 || r >= 1) {
    out.fill(0, 0, n + 1);
    out[r <= 0 ? 0 : n] = 1;
    return;
  }
  const lr = Math.log(r);
  const lq = Math.log1p(-r);
  for (let k = 0; k <= n; k++) out[k] = Math.exp(logFact[n] - logFact[k] - logFact[n - k] + k * lr + (n - k) * lq);
}

/** Law of the number of distinct uninformed nodes (of U) reached by `pushes` pushes, each reaching a given one with probability q. */
function occupancyPmf(pushes: number, U: number, q: number, out: Float64Array): void {
  out.fill(0, 0, U + 1);
  out[0] = 1;
  for (let b = 0; b < pushes; b++) {
    for (let h = Math.min(U, b + 1); h >= 0; h--) {
      const stay = out[h] * (1 - (U - h) * q);
      const arrive = h > 0 ? out[h - 1] * (U - h + 1) * q : 0;
      out[h] = stay + arrive;
    }
  }
}

/** Transition matrix row by row: T[I * (L+1) + J] = P(I' = J | I), for I = 1..L. */
function transitions(n: number, live: number, protocol: RoundProtocol, p: number): Float64Array {
  const size = live + 1;
  const T = new Float64Array(size * size);
  const logFact = logFactorials(live);
  const pushLaw = new Float64Array(size);
  const pullLaw = new Float64Array(size);
  const q = (1 - p) / (n - 1);
  for (let I = 1; I <= live; I++) {
    const U = live - I;
    const r = ((1 - p) * I) / (n - 1);
    const row = I * size;
    if (protocol === "pull") {
      binomialPmf(U, r, logFact, pullLaw);
      for (let g = 0; g <= U; g++) T[row + I + g] += pullLaw[g];
      continue;
    }
    occupancyPmf(I, U, q, pushLaw);
    for (let h = 0; h <= U; h++) {
      if (pushLaw[h] === 0) continue;
      if (protocol === "push") {
        T[row + I + h] += pushLaw[h];
        continue;
      }
      binomialPmf(U - h, r, logFact, pullLaw);
      for (let g = 0; g <= U - h; g++) T[row + I + h + g] += pushLaw[h] * pullLaw[g];
    }
  }
  return T;
}

/** Exact mean rounds and mean informed fraction per round of `protocol`, fanout 1, on K_N. */
export function exactChain(n: number, protocol: RoundProtocol, options: ExactChainOptions = {}): ExactChain {
  const p = options.lossRate ?? 0;
  const live = n - (options.crashed ?? 0);
  const tolerance = options.tolerance ?? 1e-13;
  if (!(p < 1)) throw new RangeError(`exactChain: lossRate ${p} never finishes`);
  const size = live + 1;
  const T = transitions(n, live, protocol, p);
  let law = new Float64Array(size);
  let next = new Float64Array(size);
  law[1] = 1;
  let rounds = 0;
  const informed: number[] = [1 / live];
  for (let t = 0; t < 100_000; t++) {
    const notDone = 1 - law[live];
    if (notDone < tolerance) break;
    rounds += notDone;
    next.fill(0);
    for (let I = 1; I <= live; I++) {
      const w = law[I];
      if (w === 0) continue;
      if (I === live) {
        next[live] += w;
        continue;
      }
      const row = I * size;
      for (let J = I; J <= live; J++) next[J] += w * T[row + J];
    }
    [law, next] = [next, law];
    let mean = 0;
    for (let I = 1; I <= live; I++) mean += I * law[I];
    informed.push(mean / live);
  }
  return { rounds, informed };
}

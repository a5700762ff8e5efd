/**
 * Who finds the next block. The miners together form one Poisson process
 * (the superposition of independent Poisson miners), and each block goes to
 * miner i with probability equal to its hash share.
 */
import { ParameterError } from "../../experiment/params";
import type { Xoshiro128 } from "../../random/xoshiro128";

export class HashShares {
  readonly shares: Float64Array;
  /** Every node has share 1 / n. */
  readonly uniform: boolean;
  private readonly cumulative: Float64Array;

  /** `shares`: one per node in [0, 1], summing to 1 (default: equal shares). */
  constructor(readonly n: number, shares?: ArrayLike<number> | null) {
    if (shares == null) {
      this.shares = new Float64Array(n).fill(1 / n);
      this.uniform = true;
      this.cumulative = new Float64Array(0);
      return;
    }
    if (shares.length !== n) throw new ParameterError("hashShares", `${shares.length} values`, `one share per node (nodes = ${n})`);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const s = shares[i];
      if (!(s >= 0 && s <= 1)) throw new ParameterError(`hashShares[${i}]`, s, "a number, 0 <= share <= 1");
      sum += s;
    }
    if (Math.abs(sum - 1) > 1e-6) throw new ParameterError("hashShares", `sum ${sum}`, "shares summing to 1 (within 1e-6)");
    this.shares = Float64Array.from(shares);
    this.uniform = false;
    this.cumulative = new Float64Array(n);
    let acc = 0;
    for (let i = 0; i < n; i++) this.cumulative[i] = acc += shares[i];
  }

  /** The finder of the next block. */
  pick(rng: Xoshiro128): number {
    if (this.uniform) return rng.below(this.n);
    const u = rng.nextFloat() * this.cumulative[this.n - 1];
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return lo; // the first miner whose cumulative share exceeds u: never one with share 0
  }
}

/** Shares with node 0 holding `bigShare` and the rest split evenly (the experiment's knob). */
export function bigMinerShares(n: number, bigShare: number): Float64Array | null {
  if (bigShare === 0) return null;
  if (!(bigShare > 0 && bigShare <= 1)) throw new ParameterError("bigMinerShare", bigShare, "a number, 0 <= bigMinerShare <= 1");
  const s = new Float64Array(n).fill(n > 1 ? (1 - bigShare) / (n - 1) : 0);
  s[0] = n > 1 ? bigShare : 1;
  return s;
}

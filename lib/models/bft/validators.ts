/**
 * Validators, voting power and quorums.
 *
 * Voting power is an integer per validator (CometBFT's int64 voting power,
 * types/validator.go), so quorum tests are exact integer comparisons:
 *   quorum       stake  > 2/3 of the total   (3 s > 2 T)
 *   weak quorum  stake  > 1/3 of the total   (3 s > T)
 * With equal stakes and N = 3f + 1 the quorum is 2f + 1 validators and the
 * weak quorum f + 1: the 2f + 1 and f + 1 of PBFT (Castro & Liskov, OSDI
 * 1999, section 4) and of Tendermint (Buchman, Kwon & Milosevic 2018,
 * section 2: "more than 2/3 of the voting power"). Two quorums intersect in
 * more than 1/3 of the stake, so in more than the faulty stake whenever the
 * faulty stake is below 1/3: the safety argument of all three protocols.
 * At N = 3f the largest tolerated count is f - 1 (floor((N - 1) / 3)) and the
 * quorum is 2f + 1 of 3f.
 */
import { ParameterError } from "../../experiment/params";
import type { Xoshiro128 } from "../../random/xoshiro128";
import { standardNormal } from "../../network/latency/draw";

/** How stakes are given: equal, an explicit vector, or a distribution (scaled to integer voting power). */
export type StakeSpec = "equal" | readonly number[] | { readonly dist: "lognormal"; readonly sigma: number } | { readonly dist: "pareto"; readonly shape: number };

export interface ValidatorSet {
  readonly n: number;
  /** Integer voting power per validator. */
  readonly stake: Float64Array;
  readonly total: number;
}

/** Largest number of faulty validators N equal validators tolerate: floor((N - 1) / 3). */
export function maxFaulty(n: number): number {
  return Math.floor((n - 1) / 3);
}

/** Smallest count of equal validators with more than 2/3 of the stake: floor(2N / 3) + 1 (2f + 1 at N = 3f + 1). */
export function quorumCount(n: number): number {
  return Math.floor((2 * n) / 3) + 1;
}

/** More than 2/3 of `total`. */
export function hasQuorum(stake: number, total: number): boolean {
  return 3 * stake > 2 * total;
}

/** More than 1/3 of `total` (at least one honest validator among them while the faulty stake is below 1/3). */
export function hasWeakQuorum(stake: number, total: number): boolean {
  return 3 * stake > total;
}

/** Scale for distributions: voting power = max(1, round(SCALE * draw)). */
export const STAKE_SCALE = 1000;

/** Check a stake spec's shape (not the length of a vector); returns it typed. */
export function checkStakeSpec(value: unknown, name = "stake"): StakeSpec {
  if (value === "equal") return value;
  if (Array.isArray(value)) {
    value.forEach((s, i) => {
      if (!(typeof s === "number" && Number.isInteger(s) && s >= 1 && s <= 2 ** 40)) throw new ParameterError(`${name}[${i}]`, s, "an integer voting power, 1 <= stake <= 2^40");
    });
    return value as number[];
  }
  if (value && typeof value === "object") {
    const v = value as { dist?: unknown; sigma?: unknown; shape?: unknown };
    if (v.dist === "lognormal" && typeof v.sigma === "number" && v.sigma >= 0 && v.sigma <= 5) return { dist: "lognormal", sigma: v.sigma };
    if (v.dist === "pareto" && typeof v.shape === "number" && v.shape >= 0.5 && v.shape <= 100) return { dist: "pareto", shape: v.shape };
  }
  throw new ParameterError(name, value, '"equal", a vector of integer voting powers, {"dist":"lognormal","sigma":0..5} or {"dist":"pareto","shape":0.5..100}');
}

/** The validator set of N validators under a stake spec; distributions draw from `rng` (one draw per validator). */
export function validatorSet(n: number, spec: StakeSpec, rng: Xoshiro128): ValidatorSet {
  if (!(Number.isInteger(n) && n >= 1)) throw new ParameterError("validators", n, "an integer >= 1");
  const stake = new Float64Array(n);
  if (spec === "equal") stake.fill(1);
  else if (Array.isArray(spec)) {
    if (spec.length !== n) throw new ParameterError("stake", `${spec.length} entries`, `one voting power per validator (${n})`);
    for (let i = 0; i < n; i++) stake[i] = spec[i];
  } else {
    const s = spec as Exclude<StakeSpec, "equal" | readonly number[]>;
    for (let i = 0; i < n; i++) {
      const x = s.dist === "lognormal" ? Math.exp(s.sigma * standardNormal(rng)) : Math.pow(1 - rng.nextFloat(), -1 / s.shape);
      stake[i] = Math.max(1, Math.round(STAKE_SCALE * x));
    }
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += stake[i];
  return { n, stake, total };
}

/** Sum of the stake of validators flagged in `set`. */
export function stakeOf(v: ValidatorSet, set: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < v.n; i++) if (set[i]) s += v.stake[i];
  return s;
}

/** Fewest validators whose stakes exceed 2/3 (largest first): the signatures a quorum certificate carries at least. */
export function quorumSigners(v: ValidatorSet): number {
  const sorted = Float64Array.from(v.stake).sort().reverse();
  let s = 0;
  for (let i = 0; i < sorted.length; i++) {
    s += sorted[i];
    if (hasQuorum(s, v.total)) return i + 1;
  }
  return v.n;
}

/**
 * Monte Carlo of random committee assignment (see takeover.ts): each trial
 * shuffles the validators (Fisher-Yates, Durstenfeld 1964) into S committees
 * of n and counts adversarial members per committee.
 *
 * `simulateTakeover` is the hot kernel: one Uint8Array of flags shuffled in
 * place, only the first S n positions drawn (a permutation of a permutation
 * is still uniform, so the array is never reset), no allocation per trial.
 * `simulateTakeoverReference` builds each trial's committees as arrays of
 * validator records and counts them with filter; it draws the same numbers
 * in the same order and must return exactly the same counts.
 */
import type { Xoshiro128 } from "../../random/xoshiro128";
import { committeeSize, thresholdCount, type ShardSetup } from "./takeover";

export interface TakeoverCounts {
  trials: number;
  /** Trials in which some committee was taken over. */
  anyTakenOver: number;
  /** Committees taken over, summed over trials (out of S x trials). */
  committeesTakenOver: number;
  /** Largest adversarial count seen in any committee. */
  maxAdversarial: number;
}

export function simulateTakeover(s: ShardSetup, trials: number, rng: Xoshiro128): TakeoverCounts {
  const { validators: N, adversaries: K, shards: S } = s;
  const n = committeeSize(s);
  const t = thresholdCount(s.threshold, n);
  const flags = new Uint8Array(N);
  flags.fill(1, 0, K);
  let anyTakenOver = 0;
  let committeesTakenOver = 0;
  let maxAdversarial = 0;
  for (let trial = 0; trial < trials; trial++) {
    let taken = 0;
    let i = 0;
    for (let c = 0; c < S; c++) {
      let bad = 0;
      for (const end = i + n; i < end; i++) {
        const j = i + rng.below(N - i);
        const f = flags[j];
        flags[j] = flags[i];
        flags[i] = f;
        bad += f;
      }
      if (bad >= t) taken++;
      if (bad > maxAdversarial) maxAdversarial = bad;
    }
    committeesTakenOver += taken;
    if (taken > 0) anyTakenOver++;
  }
  return { trials, anyTakenOver, committeesTakenOver, maxAdversarial };
}

interface Validator {
  id: number;
  adversarial: boolean;
}

/** Readable reference of simulateTakeover: same draws, explicit committees. */
export function simulateTakeoverReference(s: ShardSetup, trials: number, rng: Xoshiro128): TakeoverCounts {
  const n = committeeSize(s);
  const t = thresholdCount(s.threshold, n);
  const validators: Validator[] = Array.from({ length: s.validators }, (_, id) => ({ id, adversarial: id < s.adversaries }));
  const out: TakeoverCounts = { trials, anyTakenOver: 0, committeesTakenOver: 0, maxAdversarial: 0 };
  for (let trial = 0; trial < trials; trial++) {
    // Shuffle the first S n places (the rest sit out).
    for (let i = 0; i < s.shards * n; i++) {
      const j = i + rng.below(s.validators - i);
      [validators[i], validators[j]] = [validators[j], validators[i]];
    }
    const committees = Array.from({ length: s.shards }, (_, c) => validators.slice(c * n, (c + 1) * n));
    const bad = committees.map((members) => members.filter((v) => v.adversarial).length);
    const taken = bad.filter((b) => b >= t).length;
    out.committeesTakenOver += taken;
    if (taken > 0) out.anyTakenOver++;
    out.maxAdversarial = Math.max(out.maxAdversarial, ...bad);
  }
  return out;
}

/**
 * Monte Carlo of light-client sampling: each trial draws s shares uniformly
 * (distinct: partial Fisher-Yates; or with replacement) and detects
 * withholding if any is unavailable.
 *
 * `simulateSampling` keeps one Int32Array permutation and one availability mask
 * and allocates nothing per trial (a permutation of a permutation is still
 * uniform, so it is never reset). `simulateSamplingReference` holds the
 * shares as an array of {row, col} records and the withheld ones in a Set of
 * "row,col" strings; same draws, same counts.
 */
import type { Xoshiro128 } from "../../random/xoshiro128";

export interface SamplingCounts {
  trials: number;
  detected: number;
  /** Samples that hit a withheld share, summed over trials. */
  hits: number;
}

/** available[i] = 1 if share i is served. */
export function simulateSampling(available: Uint8Array, samples: number, trials: number, withReplacement: boolean, rng: Xoshiro128): SamplingCounts {
  const n = available.length;
  if (!withReplacement && samples > n) throw new RangeError(`cannot draw ${samples} distinct samples from ${n} shares`);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  let detected = 0;
  let hits = 0;
  for (let t = 0; t < trials; t++) {
    let hit = 0;
    for (let i = 0; i < samples; i++) {
      let share: number;
      if (withReplacement) share = rng.below(n);
      else {
        const j = i + rng.below(n - i);
        share = perm[j];
        perm[j] = perm[i];
        perm[i] = share;
      }
      if (available[share] === 0) hit++;
    }
    hits += hit;
    if (hit > 0) detected++;
  }
  return { trials, detected, hits };
}

/** Readable reference (shares of a width x (n / width) grid as records). */
export function simulateSamplingReference(available: Uint8Array, width: number, samples: number, trials: number, withReplacement: boolean, rng: Xoshiro128): SamplingCounts {
  const shares = Array.from({ length: available.length }, (_, i) => ({ row: Math.floor(i / width), col: i % width }));
  const withheld = new Set(shares.filter((_, i) => available[i] === 0).map((s) => `${s.row},${s.col}`));
  const out: SamplingCounts = { trials, detected: 0, hits: 0 };
  for (let t = 0; t < trials; t++) {
    const drawn: { row: number; col: number }[] = [];
    for (let i = 0; i < samples; i++) {
      if (withReplacement) drawn.push(shares[rng.below(shares.length)]);
      else {
        const j = i + rng.below(shares.length - i);
        [shares[i], shares[j]] = [shares[j], shares[i]];
        drawn.push(shares[i]);
      }
    }
    const hit = drawn.filter((s) => withheld.has(`${s.row},${s.col}`)).length;
    out.hits += hit;
    if (hit > 0) out.detected++;
  }
  return out;
}

/**
 * Probability that a light client's samples hit a withheld share (Al-Bassam,
 * Sonnino & Buterin, FC 2019, section 5.4): n shares, m withheld, s distinct
 * shares sampled uniformly (without replacement):
 *   P(detect) = 1 - C(n - m, s) / C(n, s) = 1 - prod_{i<s} (1 - m / (n - i)),
 * and with replacement 1 - (1 - m/n)^s.
 *   2-D (2k x 2k, section 5.1): n = (2k)^2, minimal unrecoverable m = (k+1)^2, so m/n > 1/4.
 *   1-D (n = 2k, e.g. PeerDAS columns, EIP-7594): m = k + 1, m/n > 1/2.
 */
export type Layout = "1d" | "2d";

export function shareCount(k: number, layout: Layout): number {
  return layout === "2d" ? 4 * k * k : 2 * k;
}

/** Fewest withheld shares that make the data unrecoverable. */
export function minimalWithheld(k: number, layout: Layout): number {
  return layout === "2d" ? (k + 1) * (k + 1) : k + 1;
}

/** P(at least one of s distinct uniform samples among n hits one of m withheld). */
export function detectionProbability(n: number, m: number, s: number): number {
  if (s > n) throw new RangeError(`cannot draw ${s} distinct samples from ${n} shares`);
  let miss = 1;
  for (let i = 0; i < s; i++) {
    miss *= 1 - m / (n - i);
    if (miss <= 0) return 1;
  }
  return 1 - miss;
}

export function detectionProbabilityWithReplacement(n: number, m: number, s: number): number {
  return -Math.expm1(s * Math.log1p(-m / n));
}

/** Smallest s with detection probability >= target (without replacement; with replacement if asked). */
export function samplesForConfidence(n: number, m: number, target: number, withReplacement = false): number {
  if (!(target > 0 && target < 1)) throw new RangeError(`target must be in (0, 1), got ${target}`);
  if (m <= 0) return Infinity;
  if (withReplacement) return Math.max(1, Math.ceil(Math.log1p(-target) / Math.log1p(-m / n) - 1e-12));
  let miss = 1;
  for (let s = 1; s <= n; s++) {
    miss *= 1 - m / (n - s + 1);
    if (1 - miss >= target) return s;
  }
  return n;
}

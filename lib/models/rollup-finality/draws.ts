/**
 * Continuous draws from the fast generator used by the rollup pipeline:
 * exponential by inversion and Erlang as a sum of exponentials
 * (Devroye 1986, Non-Uniform Random Variate Generation, sections II.2.1 and IX.3).
 */
import type { Xoshiro128 } from "../../random/xoshiro128";

/** Exponential with the given mean (0 when the mean is 0): -mean * ln(1 - U), U uniform on [0, 1). */
export function exponential(rng: Xoshiro128, mean: number): number {
  if (mean === 0) return 0;
  return -mean * Math.log(1 - rng.nextFloat());
}

/** Erlang(k) with the given mean: a sum of k exponentials of mean mean / k (variance mean^2 / k). */
export function erlang(rng: Xoshiro128, stages: number, mean: number): number {
  let total = 0;
  for (let i = 0; i < stages; i++) total += exponential(rng, mean / stages);
  return total;
}

/**
 * The first multiple of `period` that is >= t (t itself when t is on the
 * grid); t when period is 0, or so small against t that the multiple is not
 * representable (t / period overflows, or rounding lands below t).
 */
export function nextBoundary(t: number, period: number): number {
  if (period === 0) return t;
  const b = Math.ceil(t / period) * period;
  return Number.isFinite(b) && b >= t ? b : t;
}

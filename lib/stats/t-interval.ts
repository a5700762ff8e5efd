/**
 * The Student-t confidence interval of a mean (Student 1908; e.g. Casella &
 * Berger, Statistical Inference, 2nd ed., section 9.2.2): for n independent
 * replicates with mean m and sample standard deviation s,
 *   m +- t_{(1+level)/2, n-1} s / sqrt(n),
 * exact for normal data and the right small-sample interval for Monte Carlo
 * replicates (the normal quantile 1.96 covers about 86% at n = 4).
 * Quantiles come from @stdlib/stats-base-dists-t-quantile.
 */
import tQuantileStdlib from "@stdlib/stats-base-dists-t-quantile";
import { ParameterError } from "../experiment/params";
import { checkLevel, DEFAULT_LEVEL } from "./level";

export interface MeanInterval {
  /** Valid (finite, non-null) values used. */
  n: number;
  mean: number;
  /** Sample standard deviation (n - 1 in the denominator); NaN for n < 2. */
  sd: number;
  /** Standard error of the mean sd / sqrt(n); NaN for n < 2. */
  se: number;
  lo: number;
  hi: number;
  level: number;
}

/** The two-sided quantile t_{(1+level)/2, df}. */
export function tQuantile(level: number, df: number): number {
  checkLevel(level);
  if (!(df > 0)) throw new ParameterError("df", df, "degrees of freedom > 0");
  return tQuantileStdlib((1 + level) / 2, df);
}

/** The finite numbers of a column (nulls, NaN and non-numbers dropped). */
export function validValues(values: ArrayLike<unknown>): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === "number" && Number.isFinite(v)) out.push(v);
  }
  return out;
}

/** Mean and sample sd in one pass (Welford 1962), stable for values with a large common offset. */
export function meanAndSd(values: readonly number[]): { n: number; mean: number; sd: number } {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (const x of values) {
    n++;
    const d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
  }
  return { n, mean: n > 0 ? mean : NaN, sd: n > 1 ? Math.sqrt(m2 / (n - 1)) : NaN };
}

/** Interval from a mean, sd and n with a given critical value. */
function around(n: number, mean: number, sd: number, critical: (n: number) => number, level: number): MeanInterval {
  if (n < 2) return { n, mean, sd: NaN, se: NaN, lo: NaN, hi: NaN, level };
  const se = sd / Math.sqrt(n);
  const half = critical(n) * se;
  return { n, mean, sd, se, lo: mean - half, hi: mean + half, level };
}

/** Student-t interval of the mean of the valid values (n - 1 degrees of freedom). */
export function tInterval(values: ArrayLike<unknown>, level = DEFAULT_LEVEL): MeanInterval {
  checkLevel(level);
  const { n, mean, sd } = meanAndSd(validValues(values));
  return around(n, mean, sd, (k) => tQuantile(level, k - 1), level);
}

/** Student-t interval from summary statistics (n, mean, sd). */
export function tIntervalFromMoments(n: number, mean: number, sd: number, level = DEFAULT_LEVEL): MeanInterval {
  checkLevel(level);
  return around(n, mean, sd, (k) => tQuantile(level, k - 1), level);
}

/**
 * The normal-approximation interval m +- z se, kept only to show (and test)
 * why it is wrong for few replicates; summaries never use it.
 */
export function normalInterval(values: ArrayLike<unknown>, z: number): MeanInterval {
  const { n, mean, sd } = meanAndSd(validValues(values));
  return around(n, mean, sd, () => z, NaN);
}

/** Half the width of an interval (NaN when it is undefined). */
export function halfWidth(interval: { lo: number; hi: number }): number {
  return (interval.hi - interval.lo) / 2;
}

/**
 * Non-overlapping batch means (Conway 1963; Schmeiser, Batch size effects in
 * the analysis of simulation output, Operations Research 30, 1982; Law,
 * Simulation Modeling and Analysis, 5th ed., section 9.5.3): the standard
 * error of a mean over one correlated run (e.g. a stale indicator per block,
 * where forks cluster in time). The run is cut into B consecutive batches;
 * if batches are long compared with the correlation time their means are
 * nearly independent, and
 *   se = sd(batch means) / sqrt(B),  interval: mean +- t_{(1+level)/2, B-1} se.
 * A per-observation binomial se sqrt(p(1-p)/n) assumes independence and is
 * too small when observations are positively correlated.
 */
import { ParameterError } from "../experiment/params";
import { checkLevel, DEFAULT_LEVEL } from "./level";
import { meanAndSd, tQuantile } from "./t-interval";

/** Default number of batches: 20 (Schmeiser 1982 finds 10 to 30 batches a good compromise). */
export const DEFAULT_BATCHES = 20;

export interface BatchMeans {
  /** Observations. */
  n: number;
  /** Mean of all observations. */
  mean: number;
  batches: number;
  /** Standard error from the spread of the batch means (NaN with fewer than 2 batches). */
  se: number;
  lo: number;
  hi: number;
  level: number;
}

/**
 * Batch-means estimate of the mean of a run's observations, in run order.
 * Batch k holds observations [floor(k n / B), floor((k + 1) n / B)), so
 * sizes differ by at most one; B is at most n.
 */
export function batchMeans(values: ArrayLike<number>, batches = DEFAULT_BATCHES, level = DEFAULT_LEVEL): BatchMeans {
  checkLevel(level);
  if (!Number.isInteger(batches) || batches < 2) throw new ParameterError("batches", batches, "an integer >= 2");
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = n > 0 ? sum / n : NaN;
  const b = Math.min(batches, n);
  if (b < 2) return { n, mean, batches: b, se: NaN, lo: NaN, hi: NaN, level };
  const means = new Array<number>(b);
  for (let k = 0; k < b; k++) {
    const from = Math.floor((k * n) / b);
    const to = Math.floor(((k + 1) * n) / b);
    let s = 0;
    for (let i = from; i < to; i++) s += values[i];
    means[k] = s / (to - from);
  }
  const se = meanAndSd(means).sd / Math.sqrt(b);
  const half = tQuantile(level, b - 1) * se;
  return { n, mean, batches: b, se, lo: mean - half, hi: mean + half, level };
}

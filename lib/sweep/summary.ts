/**
 * Replicate summaries: per parameter point, for each numeric output, the mean,
 * standard deviation, standard error and a normal-approximation 95% confidence
 * interval (mean +- z_0.975 * se). With few replicates (< 30) the Student-t
 * interval is wider; use more replicates or read `sd` and `n` directly.
 */
import * as aq from "arquero";
import { mean, probit, sampleStandardDeviation } from "simple-statistics";

export const Z95 = probit(0.975);

export interface Estimate {
  n: number;
  mean: number;
  sd: number;
  se: number;
  lo: number;
  hi: number;
}

/** Mean, sd, standard error and 95% CI of a sample. */
export function estimate(values: readonly number[]): Estimate {
  const n = values.length;
  if (n === 0) return { n, mean: NaN, sd: NaN, se: NaN, lo: NaN, hi: NaN };
  const m = mean(values as number[]);
  const sd = n > 1 ? sampleStandardDeviation(values as number[]) : NaN;
  const se = n > 1 ? sd / Math.sqrt(n) : NaN;
  return { n, mean: m, sd, se, lo: m - Z95 * se, hi: m + Z95 * se };
}

/** The name of the replicate-count column: `n`, or `count` when a parameter or output is itself named n. */
export function countColumn(by: readonly string[], measures: readonly string[]): string {
  return by.includes("n") || measures.includes("n") ? "count" : "n";
}

/**
 * One row per distinct value of `by` (arquero groupby/rollup); for each column
 * in `measures`: `<col>_mean`, `<col>_sd`, `<col>_se`, `<col>_lo`, `<col>_hi`,
 * plus `n`, the number of replicates (named `count` when a parameter or
 * output is called n, e.g. the n of n = 3f + 1). Groups are ordered by `by`.
 */
export function summarize(table: aq.ColumnTable, by: readonly string[], measures: readonly string[]): aq.ColumnTable {
  const n = countColumn(by, measures);
  const rollups: Record<string, unknown> = { [n]: aq.op.count() };
  for (const m of measures) {
    rollups[`${m}_mean`] = aq.op.mean(m);
    rollups[`${m}_sd`] = aq.op.stdev(m);
  }
  let out = table.groupby(...by).rollup(rollups as never);
  for (const m of measures) {
    out = out.derive({
      [`${m}_se`]: aq.escape((d: Record<string, number>) => d[`${m}_sd`] / Math.sqrt(d[n])),
      [`${m}_lo`]: aq.escape((d: Record<string, number>) => d[`${m}_mean`] - (Z95 * d[`${m}_sd`]) / Math.sqrt(d[n])),
      [`${m}_hi`]: aq.escape((d: Record<string, number>) => d[`${m}_mean`] + (Z95 * d[`${m}_sd`]) / Math.sqrt(d[n])),
    } as never);
  }
  return out.orderby(...by);
}

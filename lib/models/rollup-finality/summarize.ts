/**
 * Mean, standard error and quantiles of per-transaction delays held in a
 * Float64Array (sorted in place). Quantile q is the inverse of the empirical
 * CDF: the smallest value with at least a fraction q of the sample at or
 * below it (Hyndman & Fan 1996, definition 1).
 */
export interface DelayStats {
  mean: number;
  se: number;
  p50: number;
  p99: number;
}

export function empiricalQuantile(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  return sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))];
}

export function delayStats(values: Float64Array): DelayStats {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  const se = n > 1 ? Math.sqrt(ss / (n - 1) / n) : 0;
  values.sort();
  return { mean, se, p50: empiricalQuantile(values, 0.5), p99: empiricalQuantile(values, 0.99) };
}

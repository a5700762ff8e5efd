/** One line of the benchmark table. */
export interface BenchRow {
  /** What was measured, e.g. "selfish-mining kernel". */
  name: string;
  /** Throughput or time. */
  value: number;
  /** Unit of value, e.g. "events/s", "ms/point". */
  unit: string;
  /** What the ratio compares against, measured in the same run (e.g. "C w1_selfish switch -O2"). */
  baseline?: string;
  /** value / baseline value (higher is better for rates). */
  ratio?: number;
  /** Peak resident memory of the process that did the work, MiB. */
  peakRssMB?: number;
  note?: string;
}

/**
 * Replicate summaries: one row per parameter point; for each numeric output m
 *   m_n     valid (finite, non-null) values at the point
 *   m_mean  their mean
 *   m_sd    sample standard deviation (n - 1)
 *   m_se    standard error sd / sqrt(m_n)
 *   m_lo, m_hi  Student-t interval m_mean +- t_{(1+level)/2, m_n - 1} m_se
 *               (default level 95%; lib/stats/t-interval.ts)
 * and `n`, the rows (replicates) at the point (named `count` when a parameter
 * or output is itself called n).
 *
 * Proportions (successes over independent trials, declared by the experiment
 * in `proportions`, e.g. double-spend's simulated = successes / trials) are
 * pooled over the replicates: m_successes and m_trials are the sums, m_mean
 * is successes / trials, m_se the binomial standard error, and m_lo/m_hi a
 * Wilson (default) or Clopper-Pearson interval, proper at 0 and at n of n;
 * m_sd stays the spread of the replicates' rates.
 *
 * Which interval each measure's columns hold is in `summaryInfo(...)`,
 * recorded in a stored sweep's manifest (`summary`) and on every SweepResult.
 * Replicates are independent runs, so the between-replicate interval is valid
 * for within-run rates too (stale rate, per-height latency), however
 * correlated the observations inside a run are.
 */
import * as aq from "arquero";
import { checkLevel, DEFAULT_LEVEL, levelPercent } from "../stats/level";
import { checkProportionMethod, type ProportionMethod } from "../stats/proportion";
import { proportionInterval } from "../stats/proportion-interval";
import { tInterval, validValues, type MeanInterval } from "../stats/t-interval";

/** Counts behind a proportion measure: column names (or a fixed number of trials per row). */
export interface ProportionSpec {
  /** Column with the successes of a replicate. */
  successes: string;
  /** Column (output or parameter) with its trials, or a number (1: the replicate is one trial). */
  trials: string | number;
}

export interface SummaryOptions {
  /** Confidence level of every interval. Default 0.95. */
  level?: number;
  /** Proportion measures and their counts. Default: none (every measure gets a t-interval). */
  proportions?: Readonly<Record<string, ProportionSpec>>;
  /** Interval for proportions. Default "wilson". */
  proportionMethod?: ProportionMethod;
}

/** What the summary columns hold (stored in the manifest as `summary`). */
export interface SummaryInfo {
  level: number;
  /** Interval of every measure that is not a proportion. */
  means: "student-t";
  proportions: Record<string, ProportionSpec & { method: ProportionMethod }>;
  /** One sentence for people. */
  description: string;
}

export function summaryInfo(options: SummaryOptions = {}): SummaryInfo {
  const level = checkLevel(options.level ?? DEFAULT_LEVEL);
  const method = checkProportionMethod(options.proportionMethod ?? "wilson");
  const proportions = Object.fromEntries(Object.entries(options.proportions ?? {}).map(([m, spec]) => [m, { successes: spec.successes, trials: spec.trials, method }]));
  const pct = levelPercent(level);
  const props = Object.keys(proportions);
  const description =
    `<m>_lo, <m>_hi: ${pct} Student-t interval of the mean over the <m>_n valid replicates (n - 1 degrees of freedom)` +
    (props.length ? `; for ${props.join(", ")}: counts pooled over replicates, ${pct} ${method === "wilson" ? "Wilson score" : "Clopper-Pearson exact"} interval of successes / trials` : "");
  return { level, means: "student-t", proportions, description };
}

/** Summary options back from a SummaryInfo (e.g. a stored manifest's), so a merge or reload summarizes alike. */
export function summaryOptionsOf(info: SummaryInfo | undefined): SummaryOptions {
  if (!info) return {};
  const entries = Object.entries(info.proportions ?? {});
  return {
    level: info.level,
    proportions: Object.fromEntries(entries.map(([m, p]) => [m, { successes: p.successes, trials: p.trials }])),
    proportionMethod: entries[0]?.[1].method ?? "wilson",
  };
}

/** The name of the replicate-count column: `n`, or `count` when a parameter or output is itself named n. */
export function countColumn(by: readonly string[], measures: readonly string[]): string {
  return by.includes("n") || measures.includes("n") ? "count" : "n";
}

/**
 * The measures of a rows table: every column not in `exclude` whose values are
 * all numbers or null (read from the whole column, so a null in the first
 * row does not drop it). sweep, runSweep, merge and loadSweep all use this.
 */
export function measureColumns(table: aq.ColumnTable, exclude: Iterable<string>): string[] {
  const skip = new Set(exclude);
  return table.columnNames().filter((name) => {
    if (skip.has(name)) return false;
    const values = table.array(name) as ArrayLike<unknown>;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== null && v !== undefined && typeof v !== "number") return false;
    }
    return true;
  });
}

/** The columns of one measure, in order. */
export function measureSummaryColumns(measure: string, proportion: boolean): string[] {
  const base = ["n", "mean", "sd", "se", "lo", "hi"].map((s) => `${measure}_${s}`);
  return proportion ? [...base, `${measure}_successes`, `${measure}_trials`] : base;
}

type Datum = Record<string, unknown>;

function meanColumns(m: string, t: MeanInterval): Datum {
  return { [`${m}_n`]: t.n, [`${m}_mean`]: t.mean, [`${m}_sd`]: t.sd, [`${m}_se`]: t.se, [`${m}_lo`]: t.lo, [`${m}_hi`]: t.hi };
}

function proportionColumns(m: string, rows: readonly Datum[], spec: ProportionSpec, level: number, method: ProportionMethod): Datum {
  let successes = 0;
  let trials = 0;
  let used = 0;
  const rates: number[] = [];
  for (const row of rows) {
    const s = row[spec.successes];
    const n = typeof spec.trials === "number" ? spec.trials : row[spec.trials];
    if (typeof s !== "number" || typeof n !== "number" || !Number.isFinite(s) || !Number.isFinite(n)) continue;
    successes += s;
    trials += n;
    used++;
    if (typeof row[m] === "number" && Number.isFinite(row[m])) rates.push(row[m] as number);
  }
  const sd = tInterval(rates, level).sd;
  if (trials < 1) return { ...meanColumns(m, { n: used, mean: NaN, sd, se: NaN, lo: NaN, hi: NaN, level }), [`${m}_successes`]: successes, [`${m}_trials`]: trials };
  const p = proportionInterval(successes, trials, level, method);
  return { [`${m}_n`]: used, [`${m}_mean`]: p.p, [`${m}_sd`]: sd, [`${m}_se`]: p.se, [`${m}_lo`]: p.lo, [`${m}_hi`]: p.hi, [`${m}_successes`]: successes, [`${m}_trials`]: trials };
}

/**
 * One row per distinct value of `by`, ordered by `by`: the parameters, `n`
 * (rows at the point), then each measure's columns (see the file header).
 */
export function summarize(table: aq.ColumnTable, by: readonly string[], measures: readonly string[], options: SummaryOptions = {}): aq.ColumnTable {
  const info = summaryInfo(options);
  const level = info.level;
  const count = countColumn(by, measures);
  const proportions = options.proportions ?? {};
  const method = checkProportionMethod(options.proportionMethod ?? "wilson");
  const names = table.columnNames();
  for (const [m, spec] of Object.entries(proportions)) {
    if (!measures.includes(m)) continue;
    for (const col of [spec.successes, spec.trials]) {
      if (typeof col === "string" && !names.includes(col)) throw new RangeError(`invalid proportion ${m}: no column ${JSON.stringify(col)} in the rows (columns: ${names.join(", ")})`);
    }
  }
  // Group rows by their `by` values, keeping the first-seen order, then sort as arquero's orderby would.
  const groups = new Map<string, Datum[]>();
  for (const row of table.objects() as Datum[]) {
    const key = JSON.stringify(by.map((b) => row[b]));
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(row);
  }
  const out: Datum[] = [];
  for (const rows of groups.values()) {
    const row: Datum = {};
    for (const b of by) row[b] = rows[0][b];
    row[count] = rows.length;
    for (const m of measures) {
      const spec = proportions[m];
      Object.assign(row, spec ? proportionColumns(m, rows, spec, level, method) : meanColumns(m, tInterval(validValues(rows.map((r) => r[m])), level)));
    }
    out.push(row);
  }
  if (out.length === 0) return aq.table({});
  return aq.from(out).orderby(...by);
}

/** "mean and 95% t-interval over 8 replicates": a caption for a figure of a measure's summary. */
export function intervalCaption(info: SummaryInfo, measure: string, replicates: number, unit = "replicates"): string {
  const pct = levelPercent(info.level);
  const p = info.proportions[measure];
  if (p) return `pooled rate and ${pct} ${p.method === "wilson" ? "Wilson" : "Clopper-Pearson"} interval over ${replicates} ${unit}`;
  return `mean and ${pct} t-interval over ${replicates} ${unit}`;
}

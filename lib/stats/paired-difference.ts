/**
 * Paired comparisons: the difference of one measure between two settings
 * (two strategies, two models, two parameter values) replicate by replicate,
 * with a Student-t interval over the n paired differences (n - 1 df). Run
 * the sweep with common random numbers (`commonRandomNumbers: true`, CLI
 * `--crn`) so both settings of a pair see the same random stream: positively
 * correlated outputs make the difference's variance
 *   var(A - B) = var(A) + var(B) - 2 cov(A, B)
 * smaller than with independent streams (Law, Simulation Modeling and
 * Analysis, 5th ed., section 11.2, common random numbers; the paired-t
 * interval of section 10.2.1).
 *
 *   // selfish (gamma = 1) against gamma = 0 at each alpha, pairs matched by seed and replicate
 *   pairedDifference(result.rows, { y: "revenue", treatment: { gamma: 1 }, control: { gamma: 0 }, by: ["alpha"] })
 *   // within a row: revenue minus the honest revenue alpha
 *   pairedDifference(result.rows, { y: "revenue", control: "honestRevenue", by: ["alpha", "gamma"] })
 */
import * as aq from "arquero";
import { ParameterError } from "../experiment/params";
import { DEFAULT_LEVEL } from "./level";
import { tInterval } from "./t-interval";

type Cell = number | string | boolean | null;
type Datum = Record<string, Cell>;

export interface PairedDifferenceOptions {
  /** The measure compared. */
  y: string;
  /**
   * The baseline: another column of the same row (e.g. "honestRevenue"), or
   * the parameter values that select the baseline rows (e.g. { gamma: 0 }).
   */
  control: string | Readonly<Record<string, Cell>>;
  /** Parameter values selecting the rows compared with the baseline rows. Required when control selects rows. */
  treatment?: Readonly<Record<string, Cell>>;
  /** Columns that define a comparison point (one output row each). Default: none (one overall comparison). */
  by?: readonly string[];
  /** Columns that pair a treatment row with its control row, besides `by`. Default ["seed", "replicate"]. */
  pairBy?: readonly string[];
  /** Confidence level. Default 0.95. */
  level?: number;
}

export interface PairedDifferenceRow {
  [key: string]: Cell;
  /** Pairs with both values valid. */
  n: number;
  treatment_mean: number;
  control_mean: number;
  diff_mean: number;
  diff_sd: number;
  diff_se: number;
  diff_lo: number;
  diff_hi: number;
  /** Correlation of treatment and control over the pairs (CRN makes it positive); NaN if undefined. */
  correlation: number;
}

function rowsOf(table: aq.ColumnTable | readonly Datum[]): Datum[] {
  return Array.isArray(table) ? (table as Datum[]) : ((table as aq.ColumnTable).objects() as Datum[]);
}

function matches(row: Datum, filter: Readonly<Record<string, Cell>>): boolean {
  return Object.entries(filter).every(([k, v]) => row[k] === v);
}

function correlation(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  if (n < 2) return NaN;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}

const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** One row per `by` group: the mean paired difference y(treatment) - y(control) with its t-interval. */
export function pairedDifference(table: aq.ColumnTable | readonly Datum[], options: PairedDifferenceOptions): aq.ColumnTable {
  const rows = rowsOf(table);
  const by = [...(options.by ?? [])];
  const level = options.level ?? DEFAULT_LEVEL;
  const { y, control } = options;
  if (rows.length === 0) throw new ParameterError("table", "(empty)", "rows with the measure to compare");
  for (const col of [y, ...by]) if (!(col in rows[0])) throw new ParameterError("y/by", col, `a column of the table (${Object.keys(rows[0]).join(", ")})`);
  // (group key) -> pairs of values
  const groups = new Map<string, { key: Datum; a: number[]; b: number[] }>();
  const groupOf = (row: Datum) => {
    const key = Object.fromEntries(by.map((c) => [c, row[c]]));
    const text = JSON.stringify(by.map((c) => row[c]));
    let g = groups.get(text);
    if (!g) groups.set(text, (g = { key, a: [], b: [] }));
    return g;
  };
  if (typeof control === "string") {
    if (!(control in rows[0])) throw new ParameterError("control", control, `a column of the table (${Object.keys(rows[0]).join(", ")})`);
    for (const row of rows) {
      const g = groupOf(row);
      if (isNum(row[y]) && isNum(row[control])) {
        g.a.push(row[y] as number);
        g.b.push(row[control] as number);
      }
    }
  } else {
    const treatment = options.treatment;
    if (!treatment) throw new ParameterError("treatment", treatment, "the parameter values of the compared rows, e.g. { gamma: 1 }");
    const pairBy = [...(options.pairBy ?? ["seed", "replicate"])].filter((c) => c in rows[0]);
    if (pairBy.length === 0) throw new ParameterError("pairBy", options.pairBy, "columns present in the table that pair rows (default seed and replicate)");
    const pairKey = (row: Datum) => JSON.stringify([...by, ...pairBy].map((c) => row[c]));
    const controls = new Map<string, Datum>();
    for (const row of rows) if (matches(row, control)) {
      const k = pairKey(row);
      if (controls.has(k)) throw new ParameterError("control", control, `a selection with one row per pair (two rows share ${k}; add the varying column to by)`);
      controls.set(k, row);
    }
    if (controls.size === 0) throw new ParameterError("control", control, "parameter values that some rows have");
    let found = 0;
    for (const row of rows) {
      if (!matches(row, treatment)) continue;
      const c = controls.get(pairKey(row));
      if (!c) continue;
      found++;
      const g = groupOf(row);
      if (isNum(row[y]) && isNum(c[y])) {
        g.a.push(row[y] as number);
        g.b.push(c[y] as number);
      }
    }
    if (found === 0) throw new ParameterError("treatment", treatment, "parameter values of rows that have a control row with the same by and pairBy values");
  }
  const out: PairedDifferenceRow[] = [];
  for (const { key, a, b } of groups.values()) {
    if (a.length === 0 && typeof control !== "string") continue;
    const diffs = a.map((x, i) => x - b[i]);
    const t = tInterval(diffs, level);
    out.push({
      ...key,
      n: t.n,
      treatment_mean: a.length ? a.reduce((s, x) => s + x, 0) / a.length : NaN,
      control_mean: b.length ? b.reduce((s, x) => s + x, 0) / b.length : NaN,
      diff_mean: t.mean,
      diff_sd: t.sd,
      diff_se: t.se,
      diff_lo: t.lo,
      diff_hi: t.hi,
      correlation: correlation(a, b),
    });
  }
  return aq.from(out).orderby(...by);
}

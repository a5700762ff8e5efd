/**
 * Which columns showTable shows. A sweep summary has, per measure m, the
 * columns m_n, m_mean, m_sd, m_se, m_lo, m_hi (and m_successes, m_trials for
 * proportions; see lib/sweep/summary.ts), so 6 measures over 3 parameters are
 * already 40 columns. The default view ("auto") reads like a results table:
 * the parameters, the replicate count, then one column per measure holding
 * "mean [lo, hi]". Columns are found by their suffixes, not by fixed names,
 * so any experiment's summary (and later summary columns) is handled.
 * Only measures with all of m_mean, m_lo and m_hi are condensed: a table
 * without them (rows, or a summary narrowed with select) is shown whole.
 */

/** The suffixes a summary gives each measure, in the order a full view lists them. */
export const MEASURE_SUFFIXES = ["_n", "_mean", "_sd", "_se", "_lo", "_hi", "_successes", "_trials"] as const;

/** Which columns to show: "auto" (default), "all", or the names to show, in that order. */
export type ColumnChoice = "auto" | "all" | readonly string[];

/** One shown column: a column of the table, or a measure's mean with its interval. */
export type ShownColumn = { kind: "column"; name: string } | { kind: "interval"; name: string; mean: string; lo?: string; hi?: string };

export interface ColumnSelection {
  shown: ShownColumn[];
  /** Columns of the table not shown, in any form (m_mean, m_lo, m_hi count as shown in "mean [lo, hi]"). */
  hidden: number;
}

/** Measures of a summary: stems m with `m_mean`, `m_lo` and `m_hi` columns, in table order. */
export function summaryMeasures(names: readonly string[]): string[] {
  return names
    .filter((n) => n.endsWith("_mean") && n.length > 5)
    .map((n) => n.slice(0, -5))
    .filter((m) => names.includes(`${m}_lo`) && names.includes(`${m}_hi`));
}

/** The columns derived from a measure (m_n, m_mean, ...). */
function derived(names: readonly string[], measures: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const m of measures) for (const s of MEASURE_SUFFIXES) if (names.includes(m + s)) out.add(m + s);
  return out;
}

export function selectColumns(names: readonly string[], choice: ColumnChoice = "auto"): ColumnSelection {
  if (choice === "all") return { shown: names.map((name) => ({ kind: "column", name })), hidden: 0 };
  if (Array.isArray(choice)) {
    const unknown = choice.filter((c) => !names.includes(c));
    if (unknown.length) throw new RangeError(`invalid showTable columns: ${unknown.map((c) => JSON.stringify(c)).join(", ")} (allowed: "auto", "all", or names among ${names.join(", ")})`);
    return { shown: choice.map((name) => ({ kind: "column", name })), hidden: names.length - new Set(choice).size };
  }
  if (choice !== "auto") throw new RangeError(`invalid showTable columns: ${JSON.stringify(choice)} (allowed: "auto", "all", or a list of column names)`);
  const measures = summaryMeasures(names);
  if (measures.length === 0) return { shown: names.map((name) => ({ kind: "column", name })), hidden: 0 };
  const fromMeasures = derived(names, measures);
  const others = names.filter((n) => !fromMeasures.has(n));
  const shown: ShownColumn[] = others.map((name) => ({ kind: "column", name }));
  for (const m of measures) shown.push({ kind: "interval", name: m, mean: `${m}_mean`, lo: `${m}_lo`, hi: `${m}_hi` });
  return { shown, hidden: names.length - others.length - 3 * measures.length }; // an interval column shows m_mean, m_lo and m_hi
}

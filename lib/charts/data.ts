/**
 * Chart input: an arquero table or an array of row objects, normalized to
 * plain rows that a spec can embed inline (`data: { values }`), plus the early
 * checks every builder runs on its options.
 */
import type { ColumnTable } from "arquero";

export type Datum = Record<string, unknown>;
/** What chart builders take: an arquero table or row objects. */
export type TableLike = ColumnTable | readonly Datum[];

/** Error in a chart's options, e.g. `invalid lineChart option y: "revnue" (not a column; columns: alpha, gamma)`. */
export class ChartOptionError extends Error {
  override name = "ChartOptionError";
}

function isTable(data: unknown): data is ColumnTable {
  return typeof data === "object" && data !== null && typeof (data as ColumnTable).objects === "function" && typeof (data as ColumnTable).columnNames === "function";
}

/** JSON-safe copy of a value: non-finite numbers become null (JSON has no NaN), dates ISO strings. */
function clean(value: unknown): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** Plain, JSON-safe row objects from a table or rows; `chart` names the caller in error messages. */
export function toRows(data: TableLike, chart: string): Datum[] {
  let rows: readonly unknown[];
  if (isTable(data)) rows = data.objects();
  else if (Array.isArray(data)) rows = data;
  else throw new ChartOptionError(`invalid ${chart} data: ${describe(data)} (allowed: an arquero table or an array of row objects)`);
  return rows.map((row, i) => {
    if (typeof row !== "object" || row === null || Array.isArray(row))
      throw new ChartOptionError(`invalid ${chart} data: row ${i} is ${describe(row)} (allowed: an object such as { x: 1, y: 2 })`);
    const out: Datum = {};
    for (const [k, v] of Object.entries(row)) out[k] = clean(v);
    return out;
  });
}

/** Column names present in any row, in first-seen order. */
export function columnsOf(rows: readonly Datum[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const k of Object.keys(row)) seen.add(k);
  return [...seen];
}

/** Require `field` to be a string naming a column of `rows` (skipped for an empty table). */
export function checkField(rows: readonly Datum[], field: unknown, option: string, chart: string): string {
  if (typeof field !== "string" || field === "")
    throw new ChartOptionError(`invalid ${chart} option ${option}: ${describe(field)} (allowed: a column name)`);
  if (rows.length > 0) {
    const columns = columnsOf(rows);
    if (!columns.includes(field))
      throw new ChartOptionError(`invalid ${chart} option ${option}: ${JSON.stringify(field)} (not a column; columns: ${columns.join(", ")})`);
  }
  return field;
}

/** Require a non-empty table. */
export function checkNonEmpty(rows: readonly Datum[], chart: string): void {
  if (rows.length === 0) throw new ChartOptionError(`invalid ${chart} data: the table has no rows`);
}

/** A Vega-Lite field reference: dots and brackets in column names are escaped (they mean nesting otherwise). */
export function fieldRef(name: string): string {
  return name.replace(/[.[\]\\]/g, (c) => `\\${c}`);
}

/** Finite numeric values of a column. */
export function numbersOf(rows: readonly Datum[], field: string): number[] {
  const out: number[] = [];
  for (const row of rows) {
    const v = row[field];
    if (typeof v === "number" && Number.isFinite(v)) out.push(v);
  }
  return out;
}

/** [min, max] of a numeric column, or undefined when it has no finite numbers. */
export function extentOf(rows: readonly Datum[], field: string): [number, number] | undefined {
  const values = numbersOf(rows, field);
  if (values.length === 0) return undefined;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** Distinct values of a column in first-seen order (null and undefined skipped). */
export function distinctOf(rows: readonly Datum[], field: string): unknown[] {
  const seen = new Set<unknown>();
  for (const row of rows) {
    const v = row[field];
    if (v !== null && v !== undefined) seen.add(v);
  }
  return [...seen];
}

/**
 * Vega-Lite type for a color column: quantitative for numbers with more than
 * `maxCategories` distinct values, nominal otherwise (a few numeric levels such
 * as gamma in {0, 0.5, 1} read best as distinct hues).
 */
export function inferColorType(rows: readonly Datum[], field: string, maxCategories = 8): "nominal" | "quantitative" {
  const values = distinctOf(rows, field);
  const numeric = values.length > 0 && values.every((v) => typeof v === "number");
  return numeric && values.length > maxCategories ? "quantitative" : "nominal";
}

export function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined || value === null || typeof value !== "object") return String(value);
  try {
    const text = JSON.stringify(value);
    if (text.length <= 60) return text;
    return Array.isArray(value) ? `an array of ${value.length}` : text.slice(0, 57) + "...";
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * Series: what a kernel returns beside its row (per-height latencies, the
 * informed fraction per round), each a set of equal-length numeric columns.
 * A sweep stores every unit's series in one long table, series.arrow beside
 * rows.arrow:
 *   point (int32, grid index), replicate (int32), series (utf8 name),
 *   then the union of every series' columns (float64; null where a series lacks the column)
 * in plan order (point, replicate, then series in the order the kernel returned
 * them), so the file does not depend on workers, batching or resumes.
 */
import * as aq from "arquero";
import type { Series } from "../experiment/experiment";
import type { ColumnData } from "./arrow";

export const SERIES_KEYS = ["point", "replicate", "series"] as const;

/** JSON-safe form of series for the journal: plain arrays. */
export type PlainSeries = Record<string, Record<string, number[]>>;

/** Throws unless every series has equal-length numeric columns with names that do not clash with the key columns. */
export function checkSeries(experiment: string, series: Series): void {
  for (const [name, columns] of Object.entries(series)) {
    if (name === "") throw new RangeError(`${experiment}: a series needs a name`);
    let length = -1;
    for (const [column, values] of Object.entries(columns)) {
      if ((SERIES_KEYS as readonly string[]).includes(column)) throw new RangeError(`${experiment}: series ${name} has a column named ${column} (reserved: ${SERIES_KEYS.join(", ")})`);
      if (values === null || typeof values !== "object" || typeof values.length !== "number") throw new RangeError(`${experiment}: series ${name} column ${column} is not an array of numbers`);
      if (length >= 0 && values.length !== length) throw new RangeError(`${experiment}: series ${name} has columns of unequal length (${column}: ${values.length}, others: ${length})`);
      length = values.length;
      for (let i = 0; i < values.length; i++) if (typeof values[i] !== "number") throw new RangeError(`${experiment}: series ${name} column ${column}[${i}] is not a number: ${String(values[i])}`);
    }
  }
}

/** Series with typed arrays turned into plain arrays (what the journal stores). */
export function plainSeries(series: Series): PlainSeries {
  const out: PlainSeries = {};
  for (const [name, columns] of Object.entries(series)) {
    out[name] = {};
    for (const [column, values] of Object.entries(columns)) out[name][column] = Array.from(values);
  }
  return out;
}

export interface UnitSeries {
  point: number;
  replicate: number;
  series: Series;
}

export interface SeriesColumnsResult {
  columns: ColumnData[];
  /** The columns of each series, by name, in order of first appearance. */
  names: Record<string, string[]>;
}

/** The long table of the units' series (units in plan order). */
export function seriesColumns(units: readonly UnitSeries[]): SeriesColumnsResult {
  const names: Record<string, string[]> = {};
  const union: string[] = [];
  let rows = 0;
  for (const unit of units) {
    for (const [name, columns] of Object.entries(unit.series)) {
      const known = (names[name] ??= []);
      for (const column of Object.keys(columns)) {
        if (!known.includes(column)) known.push(column);
        if (!union.includes(column)) union.push(column);
      }
      rows += seriesLength(columns);
    }
  }
  const point = new Int32Array(rows);
  const replicate = new Int32Array(rows);
  const label = new Array<string>(rows);
  const values = union.map(() => new Array<number | null>(rows).fill(null));
  let at = 0;
  for (const unit of units) {
    for (const [name, columns] of Object.entries(unit.series)) {
      const length = seriesLength(columns);
      point.fill(unit.point, at, at + length);
      replicate.fill(unit.replicate, at, at + length);
      label.fill(name, at, at + length);
      for (const [column, data] of Object.entries(columns)) {
        const target = values[union.indexOf(column)];
        for (let i = 0; i < length; i++) target[at + i] = data[i];
      }
      at += length;
    }
  }
  const columns: ColumnData[] = [
    { name: "point", type: "int32", values: point },
    { name: "replicate", type: "int32", values: replicate },
    { name: "series", type: "utf8", values: label },
    ...union.map((name, k) => ({ name, type: "float64" as const, values: values[k] })),
  ];
  return { columns, names };
}

function seriesLength(columns: Readonly<Record<string, ArrayLike<number>>>): number {
  const first = Object.values(columns)[0];
  return first ? first.length : 0;
}

/**
 * One series out of the long table: point, replicate and that series' own
 * columns, as an arquero table. Unknown names list the known ones.
 */
export function selectSeries(table: aq.ColumnTable, names: Readonly<Record<string, readonly string[]>>, name: string): aq.ColumnTable {
  const columns = names[name];
  if (!columns) {
    const known = Object.keys(names);
    throw new RangeError(`unknown series: ${JSON.stringify(name)} (known: ${known.length ? known.join(", ") : "none: this result has no series"})`);
  }
  const label = table.array("series") as ArrayLike<string>;
  const keep: number[] = [];
  for (let i = 0; i < label.length; i++) if (label[i] === name) keep.push(i);
  const out: Record<string, ArrayLike<unknown>> = {};
  for (const column of ["point", "replicate", ...columns]) {
    const data = table.array(column) as ArrayLike<unknown>;
    const picked = column === "point" || column === "replicate" ? new Int32Array(keep.length) : new Float64Array(keep.length);
    for (let k = 0; k < keep.length; k++) (picked as unknown as unknown[])[k] = data[keep[k]] ?? NaN;
    out[column] = picked;
  }
  return aq.table(out);
}

/**
 * Back from a stored long table (a shard's series.arrow) to per-unit series,
 * in table order: the inverse of seriesColumns for a merge. `names` are the
 * columns of each series (the manifest's `series`).
 */
export function unitSeriesOfTable(table: aq.ColumnTable, names: Readonly<Record<string, readonly string[]>>): UnitSeries[] {
  const point = table.array("point") as ArrayLike<number>;
  const replicate = table.array("replicate") as ArrayLike<number>;
  const label = table.array("series") as ArrayLike<string>;
  const data = new Map<string, ArrayLike<number | null>>();
  for (const columns of Object.values(names)) for (const c of columns) if (!data.has(c)) data.set(c, table.array(c) as ArrayLike<number | null>);
  const out: UnitSeries[] = [];
  let current: { point: number; replicate: number; series: Record<string, Record<string, number[]>> } | undefined;
  for (let i = 0; i < label.length; i++) {
    if (!current || current.point !== point[i] || current.replicate !== replicate[i]) {
      current = { point: point[i], replicate: replicate[i], series: {} };
      out.push(current);
    }
    const columns = (current.series[label[i]] ??= Object.fromEntries((names[label[i]] ?? []).map((c) => [c, [] as number[]])));
    for (const [c, values] of Object.entries(columns)) values.push((data.get(c) as ArrayLike<number | null>)[i] ?? NaN);
  }
  return out;
}

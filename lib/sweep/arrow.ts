/**
 * Sweep tables on disk: Apache Arrow IPC files (the "file" format, also known
 * as Feather v2), written with flechette (arquero's Arrow engine), readable by
 * pyarrow (`pyarrow.feather.read_table`), pandas (`read_feather`), polars
 * (`read_ipc`), R (`arrow::read_feather`) and DuckDB (arrow extension).
 *
 * Column types are fixed by what a column is, not guessed per file, so every
 * sweep of an experiment has the same schema:
 *   integer parameter -> int64, other number parameter -> float64,
 *   choice -> utf8, boolean -> bool, json -> utf8 (canonical JSON text); replicate -> int32; seed -> int64;
 *   stream -> utf8; outputs: numbers -> float64, strings -> utf8,
 *   booleans -> bool (a column mixing kinds is stored as utf8 text).
 * Nulls are kept (Arrow validity bitmaps).
 */
import * as aq from "arquero";
import { bool, columnFromArray, float64, int32, int64, tableFromColumns, tableToIPC, utf8 } from "@uwdata/flechette";
import type { Cell } from "../experiment/experiment";
import type { Schema } from "../experiment/params";

export type ColumnType = "int32" | "int64" | "float64" | "utf8" | "bool";

export interface ColumnData {
  name: string;
  type: ColumnType;
  values: ArrayLike<Cell>;
}

/** The declared types of an experiment's parameter columns. */
export function parameterTypes(schema: Schema): Record<string, ColumnType> {
  const out: Record<string, ColumnType> = {};
  for (const [name, spec] of Object.entries(schema)) {
    out[name] = spec.kind === "number" ? (spec.integer ? "int64" : "float64") : spec.kind === "boolean" ? "bool" : "utf8";
  }
  return out;
}

/** Types of the columns every row has besides parameters and outputs. */
export const FIXED_TYPES: Readonly<Record<string, ColumnType>> = { replicate: "int32", seed: "int64", stream: "utf8" };

/** The type of an output column, from its values. */
export function valueType(values: ArrayLike<Cell>): ColumnType {
  let kind: string | undefined;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    const k = typeof v;
    if (kind === undefined) kind = k;
    else if (kind !== k) return "utf8";
  }
  return kind === "string" ? "utf8" : kind === "boolean" ? "bool" : "float64";
}

function fits(values: ArrayLike<Cell>, type: ColumnType): boolean {
  const lo = type === "int32" ? -(2 ** 31) : Number.MIN_SAFE_INTEGER;
  const hi = type === "int32" ? 2 ** 31 - 1 : Number.MAX_SAFE_INTEGER;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    if (typeof v !== "number" || !Number.isInteger(v) || v < lo || v > hi || Object.is(v, -0)) return false;
  }
  return true;
}

function hasNull(values: ArrayLike<Cell>): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] === null || values[i] === undefined) return true;
  return false;
}

function arrowColumn(column: ColumnData) {
  let type = column.type;
  let values: ArrayLike<Cell> = column.values;
  if ((type === "int32" || type === "int64") && !fits(values, type)) type = "float64";
  if (type === "float64" || type === "int32" || type === "int64") {
    const numeric = Array.from(values, (v) => (v === null || v === undefined ? null : typeof v === "number" ? v : Number(v)));
    if (!hasNull(numeric)) {
      const typed = type === "int32" ? Int32Array.from(numeric as number[]) : Float64Array.from(numeric as number[]);
      return columnFromArray(typed, type === "int32" ? int32() : type === "int64" ? int64() : float64());
    }
    values = numeric;
  }
  if (type === "utf8") values = Array.from(values, (v) => (v === null || v === undefined ? null : String(v)));
  if (type === "bool") values = Array.from(values, (v) => (v === null || v === undefined ? null : Boolean(v)));
  const arrowType = type === "int32" ? int32() : type === "int64" ? int64() : type === "float64" ? float64() : type === "utf8" ? utf8() : bool();
  return columnFromArray(Array.from(values) as unknown[], arrowType);
}

/** Arrow IPC file bytes of the columns (same columns and values give the same bytes). */
export function encodeArrow(columns: readonly ColumnData[]): Uint8Array {
  const table = tableFromColumns(columns.map((c) => [c.name, arrowColumn(c)] as const) as never);
  return tableToIPC(table, { format: "file" }) as Uint8Array;
}

/** An arquero table of Arrow IPC bytes (file or stream format). */
export function decodeArrow(bytes: Uint8Array): aq.ColumnTable {
  return aq.fromArrow(bytes);
}

/** The columns of an arquero table, typed: declared types first (parameters), the count `n` (or `count`) int32, the rest by value. */
export function tableColumns(table: aq.ColumnTable, declared: Readonly<Record<string, ColumnType>>): ColumnData[] {
  return table.columnNames().map((name) => {
    const values = table.array(name) as ArrayLike<Cell>;
    const type = declared[name] ?? FIXED_TYPES[name] ?? (name === "n" || name === "count" ? "int32" : valueType(values));
    return { name, type, values };
  });
}

/**
 * The files of a finished sweep folder, written the same way by a run and by
 * `merge`, so equal rows give byte-identical files:
 *   rows.arrow     one row per replicate, plan order (Arrow IPC file)
 *   summary.arrow  one row per point (whole sweeps only, not shards)
 *   errors.json    failed units with parameters, seed and replay command (if any)
 *   manifest.json  written last (see manifest.ts)
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import * as aq from "arquero";
import { writeFileAtomic } from "./atomic-file";
import { FIXED_TYPES, decodeArrow, encodeArrow, tableColumns, type ColumnData, type ColumnType } from "./arrow";
import type { Point } from "./grid";
import { ERRORS, ROWS, SUMMARY, fileInfo, type FileInfo, type SweepManifest } from "./manifest";
import { summarize } from "./summary";

/** A unit that threw: enough to rerun it alone. */
export interface UnitError {
  unit: number;
  point: Point;
  replicate: number;
  seed: number;
  /** The unit's stream seed (as rows record it). */
  stream: string;
  name: string;
  message: string;
  /** The one-line command that reruns this unit. */
  replay: string;
}

export interface WrittenFiles {
  rows: FileInfo;
  summary: FileInfo | null;
  errors: FileInfo | null;
  columns: Array<{ name: string; type: ColumnType }>;
  rowCount: number;
}

/** Summary of a rows table: by every parameter, over every float64 output. */
export function summaryOf(rows: aq.ColumnTable, parameters: Readonly<Record<string, ColumnType>>, columns: ReadonlyArray<{ name: string; type: ColumnType }>): aq.ColumnTable {
  if (rows.numRows() === 0) return aq.table({});
  const by = Object.keys(parameters).filter((p) => rows.columnNames().includes(p));
  const measures = columns.filter((c) => !(c.name in parameters) && !(c.name in FIXED_TYPES) && c.type === "float64").map((c) => c.name);
  return summarize(rows, by, measures);
}

/**
 * Write rows (and, for a whole sweep, the summary) and errors atomically.
 * `parameters` are the parameter columns' declared types.
 */
export function writeResultFiles(dir: string, columns: readonly ColumnData[], parameters: Readonly<Record<string, ColumnType>>, errors: readonly UnitError[], withSummary: boolean): WrittenFiles {
  const rowBytes = encodeArrow(columns);
  writeFileAtomic(join(dir, ROWS), rowBytes);
  let summary: FileInfo | null = null;
  if (withSummary) {
    const table = summaryOf(decodeArrow(rowBytes), parameters, columns);
    const bytes = encodeArrow(tableColumns(table, parameters));
    writeFileAtomic(join(dir, SUMMARY), bytes);
    summary = fileInfo(SUMMARY, bytes);
  } else rmSync(join(dir, SUMMARY), { force: true });
  let errorsInfo: FileInfo | null = null;
  if (errors.length) {
    const bytes = Buffer.from(JSON.stringify(errors, null, 1) + "\n", "utf8");
    writeFileAtomic(join(dir, ERRORS), bytes);
    errorsInfo = fileInfo(ERRORS, bytes);
  } else rmSync(join(dir, ERRORS), { force: true });
  return {
    rows: fileInfo(ROWS, rowBytes),
    summary,
    errors: errorsInfo,
    columns: columns.map((c) => ({ name: c.name, type: c.type })),
    rowCount: columns[0]?.values.length ?? 0,
  };
}

export interface OpenedResult {
  rows: aq.ColumnTable;
  summary: aq.ColumnTable;
  errors: UnitError[];
}

/** The tables of a finished folder. */
export function readResultFiles(dir: string, manifest: SweepManifest): OpenedResult {
  const rows = decodeArrow(readFileSync(join(dir, manifest.files.rows.path)));
  const summary = manifest.files.summary ? decodeArrow(readFileSync(join(dir, manifest.files.summary.path))) : aq.table({});
  const errorsPath = manifest.files.errors ? join(dir, manifest.files.errors.path) : undefined;
  const errors = errorsPath && existsSync(errorsPath) ? (JSON.parse(readFileSync(errorsPath, "utf8")) as UnitError[]) : [];
  return { rows, summary, errors };
}

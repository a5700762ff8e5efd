/**
 * The files of a finished sweep folder, written the same way by a run and by
 * `merge`, so equal rows give byte-identical files:
 *   rows.arrow     one row per replicate, plan order (Arrow IPC file)
 *   summary.arrow  one row per point (whole sweeps only, not shards)
 *   rows.parquet, summary.parquet  the same tables as Parquet (see parquet.ts)
 *   errors.json    failed units with parameters, seed and replay command (if any)
 *   series.arrow   the units' series, one long table (only if the kernel returns series; see series.ts)
 *   manifest.json  written last (see manifest.ts)
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import * as aq from "arquero";
import { writeFileAtomic } from "./atomic-file";
import { FIXED_TYPES, decodeArrow, encodeArrow, tableColumns, type ColumnData, type ColumnType } from "./arrow";
import type { Point } from "./grid";
import { ERRORS, ROWS, SERIES, SUMMARY, fileInfo, type FileInfo, type SweepManifest } from "./manifest";
import { selectSeries, type SeriesColumnsResult } from "./series";
import { measureColumns, summarize, type SummaryOptions } from "./summary";
import { SUMMARY_PARQUET, writeParquetCopy } from "./parquet";

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
  /** series.arrow and the columns of each series, when there are series. */
  series?: { file: FileInfo; names: Record<string, string[]> };
}

/** Summary of a rows table: by every parameter, over every numeric output (summary.ts measureColumns, as sweep() does). */
export function summaryOf(rows: aq.ColumnTable, parameters: Readonly<Record<string, ColumnType>>, _columns: ReadonlyArray<{ name: string; type: ColumnType }>, options: SummaryOptions = {}): aq.ColumnTable {
  if (rows.numRows() === 0) return aq.table({});
  const by = Object.keys(parameters).filter((p) => rows.columnNames().includes(p));
  const measures = measureColumns(rows, [...Object.keys(parameters), ...Object.keys(FIXED_TYPES)]);
  return summarize(rows, by, measures, options);
}

/**
 * Write rows (and, for a whole sweep, the summary) and errors atomically.
 * `parameters` are the parameter columns' declared types.
 */
export function writeResultFiles(dir: string, columns: readonly ColumnData[], parameters: Readonly<Record<string, ColumnType>>, errors: readonly UnitError[], withSummary: boolean, series: SeriesColumnsResult | null = null, summaryOptions: SummaryOptions = {}): WrittenFiles {
  const rowBytes = encodeArrow(columns);
  writeFileAtomic(join(dir, ROWS), rowBytes);
  writeParquetCopy(dir, ROWS, rowBytes);
  let summary: FileInfo | null = null;
  if (withSummary) {
    const table = summaryOf(decodeArrow(rowBytes), parameters, columns, summaryOptions);
    const bytes = encodeArrow(tableColumns(table, parameters));
    writeFileAtomic(join(dir, SUMMARY), bytes);
    writeParquetCopy(dir, SUMMARY, bytes);
    summary = fileInfo(SUMMARY, bytes);
  } else for (const f of [SUMMARY, SUMMARY_PARQUET]) rmSync(join(dir, f), { force: true });
  let errorsInfo: FileInfo | null = null;
  if (errors.length) {
    const bytes = Buffer.from(JSON.stringify(errors, null, 1) + "\n", "utf8");
    writeFileAtomic(join(dir, ERRORS), bytes);
    errorsInfo = fileInfo(ERRORS, bytes);
  } else rmSync(join(dir, ERRORS), { force: true });
  let seriesInfo: WrittenFiles["series"];
  if (series) {
    const bytes = encodeArrow(series.columns);
    writeFileAtomic(join(dir, SERIES), bytes);
    seriesInfo = { file: fileInfo(SERIES, bytes), names: series.names };
  } else rmSync(join(dir, SERIES), { force: true });
  return {
    rows: fileInfo(ROWS, rowBytes),
    summary,
    errors: errorsInfo,
    columns: columns.map((c) => ({ name: c.name, type: c.type })),
    rowCount: columns[0]?.values.length ?? 0,
    ...(seriesInfo ? { series: seriesInfo } : {}),
  };
}

export interface OpenedResult {
  rows: aq.ColumnTable;
  summary: aq.ColumnTable;
  errors: UnitError[];
  /** Names of the stored series ([] if none). */
  seriesNames: string[];
  /** One series as a table: point (grid index), replicate and its columns. Read from series.arrow on first use. */
  series(name: string): aq.ColumnTable;
}

/** The tables of a finished folder. */
export function readResultFiles(dir: string, manifest: SweepManifest): OpenedResult {
  const rows = decodeArrow(readFileSync(join(dir, manifest.files.rows.path)));
  const summary = manifest.files.summary ? decodeArrow(readFileSync(join(dir, manifest.files.summary.path))) : aq.table({});
  const errorsPath = manifest.files.errors ? join(dir, manifest.files.errors.path) : undefined;
  const errors = errorsPath && existsSync(errorsPath) ? (JSON.parse(readFileSync(errorsPath, "utf8")) as UnitError[]) : [];
  const names = manifest.series ?? {};
  const file = manifest.files.series;
  let table: aq.ColumnTable | undefined;
  const series = (name: string): aq.ColumnTable => {
    if (!file) return selectSeries(aq.table({}), names, name);
    table ??= decodeArrow(readFileSync(join(dir, file.path)));
    return selectSeries(table, names, name);
  };
  return { rows, summary, errors, seriesNames: Object.keys(names), series };
}

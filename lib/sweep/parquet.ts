/**
 * Parquet copies of the sweep tables (rows.parquet, summary.parquet), for the
 * readers that take Parquet built in: DuckDB (`read_parquet`), pandas with
 * pyarrow or fastparquet, polars (`read_parquet`), R (`arrow::read_parquet`),
 * Spark. Apache Parquet file format: https://parquet.apache.org/docs/file-format/
 *
 * Written by parquet-wasm (Kyle Barron), the Apache Arrow Rust `parquet` crate
 * compiled to WebAssembly, from the very Arrow IPC bytes of rows.arrow /
 * summary.arrow: the Parquet columns have the same names, types (int32, int64,
 * float64, utf8, bool) and nulls, and the Arrow schema travels in the file's
 * `ARROW:schema` metadata. Same Arrow bytes give the same Parquet bytes
 * (no timestamps in the file), so merged shards equal a one-machine run.
 * The Arrow IPC files stay the primary store; these are derived from them.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tableFromIPC, tableToIPC } from "@uwdata/flechette";
import type * as ParquetWasm from "parquet-wasm";
import { writeFileAtomic } from "./atomic-file";

export const ROWS_PARQUET = "rows.parquet";
export const SUMMARY_PARQUET = "summary.parquet";

/** The Parquet file next to an Arrow file of a sweep folder (rows.arrow -> rows.parquet). */
export function parquetName(arrowName: string): string {
  return arrowName.replace(/\.arrow$/, "") + ".parquet";
}

let wasm: typeof ParquetWasm | undefined;

/** parquet-wasm, loaded on first use (instantiating the module takes ~70 ms; most commands never need it). */
function parquetWasm(): typeof ParquetWasm {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  wasm ??= require("parquet-wasm") as typeof ParquetWasm;
  return wasm;
}

/**
 * Parquet bytes of an Arrow IPC table (file or stream format). Snappy pages,
 * the codec every Parquet reader supports. A table without columns (the
 * summary of a sweep whose every unit failed) has no Parquet form: null.
 */
export function arrowToParquet(ipc: Uint8Array): Uint8Array | null {
  const arrow = tableFromIPC(ipc);
  if (arrow.numCols === 0) return null; // the Rust writer panics on an empty schema
  const pq = parquetWasm();
  // parquet-wasm reads the IPC stream format; re-encoding with flechette keeps the columns as they are.
  const stream = tableToIPC(arrow, { format: "stream" }) as Uint8Array;
  const table = pq.Table.fromIPCStream(stream);
  const properties = new pq.WriterPropertiesBuilder().setCompression(pq.Compression.SNAPPY).build();
  return pq.writeParquet(table, properties);
}

/**
 * Write `<name>.parquet` beside the Arrow bytes of `<name>.arrow` in `dir`
 * (atomically); returns its path, or null (and removes a stale copy) for a table without columns.
 */
export function writeParquetCopy(dir: string, arrowName: string, ipc: Uint8Array): string | null {
  const path = join(dir, parquetName(arrowName));
  const bytes = arrowToParquet(ipc);
  if (bytes === null) {
    rmSync(path, { force: true });
    return null;
  }
  writeFileAtomic(path, bytes);
  return path;
}

/** True when `dir` has the Parquet copy of `arrowName`. */
export function hasParquetCopy(dir: string, arrowName: string): boolean {
  return existsSync(join(dir, parquetName(arrowName)));
}

/**
 * Write the Parquet copies a folder lacks (folders stored before Parquet was
 * written, or a copy deleted by hand), from its Arrow files. Returns the paths written.
 */
export function ensureParquetCopies(dir: string, arrowNames: readonly string[]): string[] {
  const written: string[] = [];
  for (const name of arrowNames) {
    const arrow = join(dir, name);
    if (hasParquetCopy(dir, name) || !existsSync(arrow)) continue;
    const path = writeParquetCopy(dir, name, readFileSync(arrow));
    if (path) written.push(path);
  }
  return written;
}

/** Arrow IPC (stream) bytes of a Parquet file, e.g. for `loadSweep("x.parquet")`. */
export function parquetToArrow(parquet: Uint8Array): Uint8Array {
  return parquetWasm().readParquet(parquet).intoIPCStream();
}

/**
 * Loading a stored sweep back, e.g. in a notebook:
 *   const rows = loadSweep("3fa2c1d0");                       // by id (or a unique prefix)
 *   const summary = loadSweep("data/sweeps/selfish-mining/3fa2c1d0e4b5a697", { table: "summary" });
 *   const { manifest, rows, summary, errors } = openSweep("selfish-mining/3fa2c1d0");
 *   const latency = openSweep("3fa2c1d0").series("latency");   // a series: point, replicate, its columns
 *   const same = loadSweep("3fa2c1d0", { table: "series", series: "latency" });
 * A path to any .arrow or .parquet file loads that file.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import * as aq from "arquero";
import { decodeArrow } from "./arrow";
import { parquetToArrow } from "./parquet";
import { readManifest, type SweepManifest } from "./manifest";
import { readResultFiles, type UnitError } from "./result-files";
import { findSweepDir } from "./store";

export interface LoadOptions {
  /** Which table: one row per replicate (default), one per point, or a series (name it in `series`). */
  table?: "rows" | "summary" | "series";
  /** The series to load with table "series". */
  series?: string;
  /** Where ids are looked up. Default: see store.ts. */
  dataDir?: string;
}

export interface StoredSweep {
  dir: string;
  manifest: SweepManifest;
  rows: aq.ColumnTable;
  summary: aq.ColumnTable;
  errors: UnitError[];
  /** Names of the stored series ([] if none). */
  seriesNames: string[];
  /** One series: point (grid index into manifest.points), replicate and its columns. */
  series(name: string): aq.ColumnTable;
}

/** A stored sweep's folder, manifest and tables. */
export function openSweep(ref: string, options: Pick<LoadOptions, "dataDir"> = {}): StoredSweep {
  const dir = findSweepDir(ref, options.dataDir);
  const manifest = readManifest(dir);
  if (!manifest) throw new RangeError(`${dir} has no manifest.json: the sweep has not finished (run it again to resume)`);
  return { dir, manifest, ...readResultFiles(dir, manifest) };
}

/** One table of a stored sweep, as an arquero table. */
export function loadSweep(ref: string, options: LoadOptions = {}): aq.ColumnTable {
  if (ref.endsWith(".arrow")) return decodeArrow(readFileSync(resolve(ref)));
  if (ref.endsWith(".parquet")) return decodeArrow(parquetToArrow(readFileSync(resolve(ref))));
  const sweep = openSweep(ref, options);
  if (options.table === "series") {
    if (options.series === undefined) throw new RangeError(`loadSweep: table "series" needs the series' name in options.series (stored: ${sweep.seriesNames.join(", ") || "none"})`);
    return sweep.series(options.series);
  }
  return options.table === "summary" ? sweep.summary : sweep.rows;
}

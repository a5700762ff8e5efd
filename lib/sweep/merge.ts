/**
 * Merging shards: `--shard i/n` runs leave folders shard-<i>-of-<n>; merge
 * checks that they belong to one sweep (same id, hence same experiment, points,
 * replicates, seed and code), that every unit is present exactly once, and
 * writes the whole sweep's files exactly as a single-machine run does (same
 * column typing, same order, same writer), so the bytes are identical.
 * Shard layouts may be mixed (0/2 with 2/4 and 3/4) as long as they cover
 * every unit once.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import type { Cell } from "../experiment/experiment";
import { decodeArrow, FIXED_TYPES, valueType, type ColumnData } from "./arrow";
import { acquireLock } from "./lock";
import { MANIFEST, provenance, readManifest, writeManifest, type SweepManifest, type Timings } from "./manifest";
import { readResultFiles, writeResultFiles, type UnitError } from "./result-files";
import { summaryOptionsOf } from "./summary";
import { seriesColumns, unitSeriesOfTable, type UnitSeries } from "./series";
import { shardUnits, type Shard } from "./shard";
import { dataRoot } from "./store";

export interface MergeOptions {
  /** Output folder. Default: the shards' common parent folder, else <data>/sweeps/<experiment>/<id>. */
  out?: string;
  dataDir?: string;
  command?: string;
}

export interface MergeResult {
  dir: string;
  manifest: SweepManifest;
  inputs: string[];
}

/** Folders to merge: each argument is a shard folder, a file in one, or a sweep folder holding shard-* folders. */
export function expandInputs(refs: readonly string[]): string[] {
  const out: string[] = [];
  for (const ref of refs) {
    let path = resolve(ref);
    if (!existsSync(path)) throw new RangeError(`no such file or folder: ${ref}`);
    if (!statSync(path).isDirectory()) path = dirname(path);
    const shards = readdirSync(path).filter((name) => /^shard-\d+-of-\d+$/.test(name) && statSync(join(path, name)).isDirectory());
    if (!existsSync(join(path, MANIFEST)) && shards.length) out.push(...shards.sort(byShard).map((s) => join(path, s)));
    else out.push(path);
  }
  return out;
}

function byShard(a: string, b: string): number {
  const [ai, an] = a.match(/\d+/g)!.map(Number);
  const [bi, bn] = b.match(/\d+/g)!.map(Number);
  return an - bn || ai - bi;
}

interface Part {
  dir: string;
  manifest: SweepManifest;
  shard: Shard;
  units: Uint32Array;
}

function loadPart(dir: string): Part {
  const manifest = readManifest(dir);
  if (!manifest) {
    const journal = existsSync(join(dir, "journal.jsonl"));
    throw new RangeError(`${dir} has no manifest.json: ${journal ? "that shard has not finished (rerun it to resume)" : "not a sweep folder"}`);
  }
  const shard = manifest.shard ? { index: manifest.shard.index, count: manifest.shard.count } : { index: 0, count: 1 };
  return { dir, manifest, shard, units: shardUnits(manifest.units, shard) };
}

function checkSameSweep(parts: readonly Part[]): void {
  const first = parts[0].manifest;
  for (const p of parts.slice(1)) {
    const m = p.manifest;
    if (m.id !== first.id) {
      const why =
        m.experiment.name !== first.experiment.name ? "experiments differ" :
        m.code.hash !== first.code.hash ? "code differs (rebuild every machine from the same commit)" :
        m.seed !== first.seed ? "seeds differ" :
        m.replicates !== first.replicates ? "replicates differ" : "grids differ";
      throw new RangeError(`${p.dir} belongs to sweep ${m.id}, ${parts[0].dir} to ${first.id}: ${why}`);
    }
  }
}

function checkCoverage(parts: readonly Part[], total: number): void {
  const owner = new Int32Array(total).fill(-1);
  parts.forEach((p, k) => {
    for (const u of p.units) {
      if (owner[u] >= 0) throw new RangeError(`unit ${u} is in both ${parts[owner[u]].dir} and ${p.dir} (shards overlap)`);
      owner[u] = k;
    }
  });
  const missing: number[] = [];
  for (let u = 0; u < total; u++) if (owner[u] < 0) missing.push(u);
  if (missing.length) {
    const counts = [...new Set(parts.map((p) => p.shard.count))];
    const hint = counts.length === 1 ? ` (absent: ${[...new Set(missing.map((u) => u % counts[0]))].slice(0, 10).map((i) => `shard ${i}/${counts[0]}`).join(", ")})` : "";
    throw new RangeError(`${missing.length} of ${total} units are in no shard, first unit ${missing[0]}${hint}`);
  }
}

/** Merge shard folders into one whole-sweep folder. */
export function mergeShards(refs: readonly string[], options: MergeOptions = {}): MergeResult {
  const started = new Date();
  const inputs = expandInputs(refs);
  if (inputs.length === 0) throw new RangeError("nothing to merge: give shard folders (or the folder holding them)");
  const parts = inputs.map(loadPart);
  checkSameSweep(parts);
  const first = parts[0].manifest;
  const total = first.units;
  checkCoverage(parts, total);

  // Rows back to their units, in plan order.
  const status = new Uint8Array(total); // 1 row, 2 error
  const errors: UnitError[] = [];
  const cols = new Map<string, { values: Cell[]; firstUnit: number; index: number }>();
  const unitSeries: UnitSeries[] = [];
  for (const part of parts) {
    const { rows, errors: partErrors } = readResultFiles(part.dir, part.manifest);
    if (part.manifest.files.series && part.manifest.series)
      unitSeries.push(...unitSeriesOfTable(decodeArrow(readFileSync(join(part.dir, part.manifest.files.series.path))), part.manifest.series));
    const failed = new Set(partErrors.map((e) => e.unit));
    errors.push(...partErrors);
    const rowUnits = Array.from(part.units).filter((u) => !failed.has(u));
    if (rows.numRows() !== rowUnits.length) throw new RangeError(`${part.dir}: ${rows.numRows()} rows, expected ${rowUnits.length} (${part.units.length} units, ${failed.size} failed)`);
    checkRowsMatchPlan(part, rows, rowUnits, first);
    for (const u of rowUnits) status[u] = 1;
    for (const u of failed) status[u] = 2;
    rows.columnNames().forEach((name, index) => {
      const values = rows.array(name) as ArrayLike<Cell>;
      let col = cols.get(name);
      if (!col) {
        col = { values: new Array<Cell>(total).fill(null), firstUnit: rowUnits[0] ?? total, index };
        cols.set(name, col);
      } else if ((rowUnits[0] ?? total) < col.firstUnit) {
        col.firstUnit = rowUnits[0];
        col.index = index;
      }
      for (let k = 0; k < rowUnits.length; k++) col.values[rowUnits[k]] = values[k] ?? null;
    });
  }
  const keep: number[] = [];
  for (let u = 0; u < total; u++) if (status[u] === 1) keep.push(u);
  const columns: ColumnData[] = [...cols.entries()]
    .sort(([, a], [, b]) => a.firstUnit - b.firstUnit || a.index - b.index)
    .map(([name, c]) => {
      const values = keep.length === total ? c.values : keep.map((u) => c.values[u]);
      return { name, type: first.parameters[name] ?? FIXED_TYPES[name] ?? valueType(values), values };
    });
  errors.sort((a, b) => a.unit - b.unit);

  const out = options.out ? resolve(options.out) : defaultOut(inputs, first, options.dataDir);
  const existing = readManifest(out);
  if (existing && existing.id !== first.id)
    throw new RangeError(`${out} holds another sweep (id ${existing.id}; the shards are ${first.id}): merge into another folder with --out`);
  mkdirSync(out, { recursive: true });
  const release = acquireLock(out);
  try {
    // Series in plan order (unit = point * replicates + replicate), as a single-machine run writes them.
    unitSeries.sort((a, b) => a.point - b.point || a.replicate - b.replicate);
    const series = unitSeries.length ? seriesColumns(unitSeries) : null;
    const files = writeResultFiles(out, columns, first.parameters, errors, true, series, summaryOptionsOf(first.summary)); // the shards' summary settings
    const { library, git } = provenance();
    const manifest: SweepManifest = {
      ...first,
      status: errors.length ? "incomplete" : "complete",
      shard: null,
      rows: files.rowCount,
      errors: errors.length,
      library,
      git,
      node: process.version,
      host: hostname(),
      command: options.command ?? null,
      files: { rows: files.rows, summary: files.summary, errors: files.errors, ...(files.series ? { series: files.series.file } : {}) },
      ...(files.series ? { series: files.series.names } : {}),
      columns: files.columns,
      timings: mergedTimings(parts.map((p) => p.manifest.timings), started),
      mergedFrom: parts.map((p) => ({ shard: p.shard, host: p.manifest.host, timings: p.manifest.timings })),
    };
    writeManifest(out, manifest);
    return { dir: out, manifest, inputs };
  } finally {
    release();
  }
}

/** Each row's replicate and parameters are those of its unit: the folder's rows match its manifest. */
function checkRowsMatchPlan(part: Part, rows: ReturnType<typeof readResultFiles>["rows"], rowUnits: readonly number[], plan: SweepManifest): void {
  const names = rows.columnNames();
  const checks = ["replicate", ...Object.keys(plan.parameters)].filter((n) => names.includes(n)).map((n) => [n, rows.array(n)] as const);
  rowUnits.forEach((u, k) => {
    const point = plan.points[Math.floor(u / plan.replicates)];
    for (const [name, values] of checks) {
      const expected = name === "replicate" ? u % plan.replicates : point[name];
      if (values[k] !== expected)
        throw new RangeError(`${part.dir}: row ${k} has ${name} ${String(values[k])}, expected ${String(expected)} (unit ${u}); the rows do not match the manifest`);
    }
  });
}

function defaultOut(inputs: readonly string[], manifest: SweepManifest, dataDir?: string): string {
  const parents = new Set(inputs.map((d) => dirname(d)));
  if (parents.size === 1 && inputs.every((d) => /^shard-\d+-of-\d+$/.test(basename(d)))) return [...parents][0];
  return join(dataRoot(dataDir), "sweeps", manifest.experiment.name, manifest.id);
}

function mergedTimings(parts: readonly Timings[], mergeStarted: Date): Timings {
  const startedAt = parts.map((t) => t.startedAt).sort()[0] ?? mergeStarted.toISOString();
  const finishedAt = new Date().toISOString();
  const sum = (f: (t: Timings) => number) => parts.reduce((a, t) => a + f(t), 0);
  return {
    startedAt,
    finishedAt,
    elapsedS: (Date.parse(finishedAt) - Date.parse(startedAt)) / 1000,
    unitsRun: sum((t) => t.unitsRun),
    unitsResumed: sum((t) => t.unitsResumed),
    workers: sum((t) => t.workers),
    unitsPerS: sum((t) => t.unitsPerS),
  };
}

/**
 * The manifest of a sweep folder (manifest.json): what was run (experiment,
 * points, replicates, seed, code hash), by what (library version, git commit,
 * Node), how it went (status, rows, errors, timings) and the data files with
 * their SHA-256. It is written last and atomically: a folder whose manifest
 * says "complete" holds a finished result.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { sha256 } from "@noble/hashes/sha256";
import { bytesToHex } from "@noble/hashes/utils";
import { writeFileAtomic } from "./atomic-file";
import type { ColumnType } from "./arrow";
import { PROJECT_ROOT, type CodeFile } from "./code-hash";
import type { Point } from "./grid";
import type { Shard } from "./shard";
import type { SummaryInfo } from "./summary";
import type { PrecisionReport } from "./precision-sweep";
import type { WrittenFiles } from "./result-files";

export const MANIFEST = "manifest.json";
export const ROWS = "rows.arrow";
export const SUMMARY = "summary.arrow";
export const ERRORS = "errors.json";
export const SERIES = "series.arrow";
export const JOURNAL = "journal.jsonl";

export interface FileInfo {
  path: string;
  bytes: number;
  sha256: string;
}

/** Wall-clock facts of a run (not part of the result: they differ between runs). */
export interface Timings {
  startedAt: string;
  /** When the last unit finished (before the files were written). */
  finishedAt: string;
  elapsedS: number;
  /** Units computed by this run (the rest were resumed from the journal). */
  unitsRun: number;
  unitsResumed: number;
  /** Threads that ran units: 1 in this thread, 0 if nothing was left to run. */
  workers: number;
  unitsPerS: number;
}

export interface SweepManifest {
  format: "consensus-lab sweep";
  formatVersion: 1;
  id: string;
  /** complete: every unit has a row; incomplete: some units failed (see errors.json). */
  status: "complete" | "incomplete";
  experiment: { name: string; title: string; reference: string };
  /** Parameter columns and their Arrow types, in schema order. */
  parameters: Record<string, ColumnType>;
  /** Resolved points in grid order. */
  points: Point[];
  replicates: number;
  seed: number;
  /** Units of the whole sweep (points x replicates). */
  units: number;
  /** The slice this folder holds, or null for the whole sweep. */
  shard: (Shard & { units: number }) | null;
  rows: number;
  errors: number;
  code: { hash: string; files: CodeFile[] };
  library: { name: string; version: string };
  git: { commit: string; dirty: boolean } | null;
  node: string;
  host: string;
  command: string | null;
  /** `series`: only when some unit returned series (see series.ts). */
  files: { rows: FileInfo; summary: FileInfo | null; errors: FileInfo | null; series?: FileInfo };
  /** The columns of each series in series.arrow, by series name (only when there are series). */
  series?: Record<string, string[]>;
  columns: Array<{ name: string; type: ColumnType }>;
  /** What summary.arrow's interval columns hold: level, Student-t for means, the proportions and their method (see summary.ts). */
  summary?: SummaryInfo;
  /** True when every point's replicate r ran on the same stream (common random numbers). */
  commonRandomNumbers?: boolean;
  /** Precision sweeps: targets, rounds, replicates per point and the points left short at the cap (see precision-sweep.ts). */
  precision?: PrecisionReport;
  timings: Timings;
  /** For merged results: the shards' manifests in brief. */
  mergedFrom?: Array<{ shard: Shard; host: string; timings: Timings }>;
}

/** What a run knows about itself when its files are written; buildManifest adds the provenance. */
export interface ManifestInput {
  id: string;
  experiment: { name: string; title: string; reference: string };
  parameters: Record<string, ColumnType>;
  points: Point[];
  replicates: number;
  seed: number;
  units: number;
  shard: SweepManifest["shard"];
  code: { hash: string; files: CodeFile[] };
  command: string | null;
  files: WrittenFiles;
  errors: number;
  summary: SummaryInfo;
  commonRandomNumbers: boolean;
  timings: Timings;
  precision?: PrecisionReport;
}

/** The manifest of a finished run (a whole sweep, a shard or a precision sweep): one field order for all. */
export function buildManifest(run: ManifestInput): SweepManifest {
  const { library, git } = provenance();
  const { files } = run;
  return {
    format: "consensus-lab sweep",
    formatVersion: 1,
    id: run.id,
    status: run.errors ? "incomplete" : "complete",
    experiment: { name: run.experiment.name, title: run.experiment.title, reference: run.experiment.reference },
    parameters: run.parameters,
    points: run.points,
    replicates: run.replicates,
    seed: run.seed,
    units: run.units,
    shard: run.shard,
    rows: files.rowCount,
    errors: run.errors,
    code: { hash: run.code.hash, files: run.code.files },
    library,
    git,
    node: process.version,
    host: hostname(),
    command: run.command,
    files: { rows: files.rows, summary: files.summary, errors: files.errors, ...(files.series ? { series: files.series.file } : {}) },
    ...(files.series ? { series: files.series.names } : {}),
    columns: files.columns,
    summary: run.summary,
    ...(run.commonRandomNumbers ? { commonRandomNumbers: true } : {}),
    ...(run.precision ? { precision: run.precision } : {}),
    timings: run.timings,
  };
}

export function fileInfo(name: string, bytes: Uint8Array): FileInfo {
  return { path: name, bytes: bytes.length, sha256: bytesToHex(sha256(bytes)) };
}

export function readManifest(dir: string): SweepManifest | undefined {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) return undefined;
  const m = JSON.parse(readFileSync(path, "utf8")) as SweepManifest;
  if (m.format !== "consensus-lab sweep") throw new Error(`${path} is not a consensus-lab sweep manifest`);
  return m;
}

/** Indented JSON, with one grid point per line (grids can have thousands). */
export function formatManifest(manifest: SweepManifest): string {
  const marker = "\u0000points\u0000";
  const text = JSON.stringify({ ...manifest, points: marker }, null, 2);
  const points = manifest.points.length ? `[\n${manifest.points.map((p) => `    ${JSON.stringify(p)}`).join(",\n")}\n  ]` : "[]";
  return text.replace(JSON.stringify(marker), () => points) + "\n";
}

export function writeManifest(dir: string, manifest: SweepManifest): void {
  writeFileAtomic(join(dir, MANIFEST), formatManifest(manifest));
}

/** True when the data files named by the manifest exist with their recorded size. */
export function filesPresent(dir: string, manifest: SweepManifest): boolean {
  const infos = [manifest.files.rows, manifest.files.summary, manifest.files.errors, manifest.files.series ?? null].filter((f): f is FileInfo => f !== null);
  return infos.every((f) => {
    try {
      return readFileSync(join(dir, f.path)).length === f.bytes;
    } catch {
      return false;
    }
  });
}

let provenanceCache: { library: SweepManifest["library"]; git: SweepManifest["git"] } | undefined;

/** Library version and git commit of the code that runs (cached per process). */
export function provenance(): { library: SweepManifest["library"]; git: SweepManifest["git"] } {
  if (provenanceCache) return provenanceCache;
  let library = { name: "consensus-lab", version: "unknown" };
  try {
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { name: string; version: string };
    library = { name: pkg.name, version: pkg.version };
  } catch {
    // not fatal: the manifest says "unknown"
  }
  let git: SweepManifest["git"] = null;
  try {
    const opts = { cwd: PROJECT_ROOT, encoding: "utf8" as const, stdio: ["ignore", "pipe", "ignore"] as ["ignore", "pipe", "ignore"], timeout: 5000 };
    const commit = execFileSync("git", ["rev-parse", "HEAD"], opts).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], opts).trim() !== "";
    git = { commit, dirty };
  } catch {
    // no git, or not a checkout
  }
  provenanceCache = { library, git };
  return provenanceCache;
}

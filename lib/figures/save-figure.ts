/**
 * saveFigure: one figure as the files a paper and its reviewers need.
 *
 *   <name>.svg            vector, as Vega draws it
 *   <name>.pdf            vector, DejaVu fonts embedded (for LaTeX)
 *   <name>.png            300 dpi raster
 *   <name>.vl.json        the Vega-Lite spec (data inline): re-render or restyle without rerunning
 *   <name>.csv            the data behind the figure
 *   <name>.manifest.json  name, parameters, seeds, library version, git commit, Node and
 *                         renderer versions, and every file above with its size and SHA-256
 *
 * No timestamps unless asked (`timestamp: true`), so rerunning the same
 * figure from the same commit rewrites identical bytes.
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import * as aq from "arquero";
import { toRows, type Datum, type TableLike } from "../charts/data";
import type { VegaLiteSpec } from "../charts/spec";
import { gitState, libraryVersion, rendererVersions, type GitState } from "./provenance";
import { DEFAULT_DPI, renderFigure, specTitle } from "../render/render";

export interface SaveFigureOptions {
  /** Output folder (created if missing). */
  dir: string;
  /** File stem: letters, digits, ".", "_", "-" (e.g. "selfish-mining-revenue"). */
  name: string;
  /** The data behind the figure, written as CSV. Default: the spec's inline data. */
  data?: TableLike;
  /** Parameters that produced the figure (JSON-serializable), recorded in the manifest. Default {}. */
  params?: Record<string, unknown>;
  /** Seeds that produced the figure, recorded in the manifest. Default: none. */
  seeds?: unknown;
  /** PNG resolution. Default 300 dpi. */
  dpi?: number;
  /** Record the git commit of the project checkout. Default true. */
  git?: boolean;
  /** Record the creation time (makes reruns differ). Default false. */
  timestamp?: boolean;
}

export interface FileEntry {
  file: string;
  bytes: number;
  sha256: string;
}

export interface FigureManifest {
  name: string;
  title: string | null;
  parameters: Record<string, unknown>;
  seeds: unknown;
  library: { name: string; version: string };
  git: GitState | null;
  node: string;
  renderers: Record<string, string>;
  units: string;
  warnings?: string[];
  createdAt?: string;
  files: FileEntry[];
}

export interface SavedFigure {
  /** Absolute paths of the six files, manifest last. */
  paths: string[];
  manifest: FigureManifest;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function sha256(bytes: string | Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export async function saveFigure(spec: VegaLiteSpec, options: SaveFigureOptions): Promise<SavedFigure> {
  const { dir, name } = options;
  if (typeof dir !== "string" || dir === "") throw new RangeError(`invalid saveFigure dir: ${JSON.stringify(dir)} (allowed: a folder path)`);
  if (typeof name !== "string" || !NAME.test(name) || name.endsWith(".vl") || name.endsWith(".manifest"))
    throw new RangeError(`invalid saveFigure name: ${JSON.stringify(name)} (allowed: letters, digits, ".", "_", "-", starting with a letter or digit)`);
  const dpi = options.dpi ?? DEFAULT_DPI;
  const rendered = await renderFigure(spec, { dpi });
  const rows = options.data !== undefined ? toRows(options.data, "saveFigure") : inlineData(spec);
  const contents: Array<[string, string | Uint8Array]> = [
    [`${name}.svg`, rendered.svg],
    [`${name}.pdf`, rendered.pdf],
    [`${name}.png`, rendered.png],
    [`${name}.vl.json`, JSON.stringify(spec, null, 2) + "\n"],
    [`${name}.csv`, toCsv(rows)],
  ];
  mkdirSync(dir, { recursive: true });
  const files: FileEntry[] = [];
  const paths: string[] = [];
  for (const [file, body] of contents) {
    const full = path.resolve(dir, file);
    writeFileSync(full, body);
    paths.push(full);
    files.push({ file, bytes: typeof body === "string" ? Buffer.byteLength(body) : body.byteLength, sha256: sha256(body) });
  }
  const manifest: Omit<FigureManifest, "files"> & Partial<FigureManifest> = {
    name,
    title: specTitle(spec) ?? null,
    parameters: options.params ?? {},
    seeds: options.seeds ?? null,
    library: libraryVersion(),
    git: options.git === false ? null : gitState(undefined, dir),
    node: process.version,
    renderers: rendererVersions(),
    units: `1 SVG unit = 1 pt (1/72 in); PDF page in pt; PNG ${dpi} dpi`,
  };
  if (rendered.warnings.length) manifest.warnings = rendered.warnings;
  if (options.timestamp) manifest.createdAt = new Date().toISOString();
  const complete: FigureManifest = { ...manifest, files };
  const manifestPath = path.resolve(dir, `${name}.manifest.json`);
  writeFileSync(manifestPath, JSON.stringify(complete, null, 2) + "\n");
  paths.push(manifestPath);
  return { paths, manifest: complete };
}

/**
 * The spec's inline data: the top-level `data.values` when present; else, if
 * layers or sub-charts carry their own, all of them stacked with a `dataset`
 * column naming where each row came from (layer name or path).
 */
export function inlineData(spec: VegaLiteSpec): Datum[] {
  const top = (spec as { data?: { values?: unknown } }).data?.values;
  if (Array.isArray(top)) return top as Datum[];
  const found: Array<{ where: string; values: Datum[] }> = [];
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) return node.forEach((child, i) => walk(child, `${where}[${i}]`));
    if (typeof node !== "object" || node === null) return;
    const obj = node as Record<string, unknown>;
    const values = (obj.data as { values?: unknown } | undefined)?.values;
    if (Array.isArray(values)) found.push({ where: typeof obj.name === "string" ? obj.name : where || "root", values: values as Datum[] });
    for (const key of ["layer", "hconcat", "vconcat", "concat", "spec"]) if (key in obj) walk(obj[key], where ? `${where}.${key}` : key);
  };
  walk(spec, "");
  if (found.length === 1) return found[0].values;
  return found.flatMap(({ where, values }) => values.map((row) => ({ dataset: where, ...row })));
}

function toCsv(rows: readonly Datum[]): string {
  if (rows.length === 0) return "";
  const columns: string[] = [];
  for (const row of rows) for (const k of Object.keys(row)) if (!columns.includes(k)) columns.push(k);
  const table = aq.table(Object.fromEntries(columns.map((c) => [c, rows.map((r) => cell(r[c]))])));
  const csv = table.toCSV();
  return csv.endsWith("\n") ? csv : csv + "\n";
}

function cell(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return value;
}

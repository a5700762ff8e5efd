/**
 * Rows to text for stdout and files (CSV by arquero, RFC 4180; or JSON lines),
 * and the checks on output paths that run before any work: a file's extension
 * says its format, and its folder must exist and be writable.
 */
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import * as aq from "arquero";
import type { Row } from "../experiment/experiment";
import { UsageError } from "./command";

export type RowFormat = "csv" | "json";

/** What a `--out` target is: a text format, a copy of a stored table, or stdout. */
export type OutputKind = "csv" | "json" | "arrow" | "parquet" | "stdout";

/** File extensions `--out` accepts, with their kind (.json and .jsonl are both JSON lines). */
export const OUTPUT_EXTENSIONS: Readonly<Record<string, Exclude<OutputKind, "stdout">>> = {
  ".csv": "csv",
  ".json": "json",
  ".jsonl": "json",
  ".arrow": "arrow",
  ".parquet": "parquet",
};

/** CSV with one header line and one line per row, each ending in a single newline; or one JSON object per line. */
export function formatRows(rows: readonly Row[] | aq.ColumnTable, format: RowFormat): string {
  const table = Array.isArray(rows) ? aq.from(rows as Row[]) : (rows as aq.ColumnTable);
  if (format === "csv") {
    const csv = table.toCSV();
    return csv === "" || csv.endsWith("\n") ? csv : csv + "\n";
  }
  return (table.objects() as Row[]).map((r) => JSON.stringify(r)).join("\n") + "\n";
}

export function checkFormat(raw: string | undefined): RowFormat {
  const format = raw ?? "csv";
  if (format !== "csv" && format !== "json") throw new RangeError(`invalid --format: ${JSON.stringify(format)} (allowed: csv, json)`);
  return format;
}

/** The kind of an output target by its extension ("-" is stdout); an unknown extension is refused with the allowed list. */
export function outputKind(option: string, target: string): OutputKind {
  if (target === "-") return "stdout";
  const ext = Object.keys(OUTPUT_EXTENSIONS).find((e) => target.toLowerCase().endsWith(e));
  if (!ext) throw new UsageError(`invalid --${option}: ${JSON.stringify(target)} (allowed: a file ending in ${Object.keys(OUTPUT_EXTENSIONS).join(", ")}, or - for stdout)`);
  return OUTPUT_EXTENSIONS[ext];
}

/** A file we are about to write: its folder exists and is writable, and it is not itself a folder. */
export function checkOutputFile(option: string, target: string): void {
  const path = resolve(target);
  const folder = dirname(path);
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`invalid --${option}: ${JSON.stringify(target)} is a folder (give a file name, e.g. ${JSON.stringify(`${target.replace(/\/$/, "")}/rows.csv`)})`);
  if (!existsSync(folder)) throw new UsageError(`invalid --${option}: ${JSON.stringify(target)}: the folder ${folder} does not exist (create it first)`);
  if (!statSync(folder).isDirectory()) throw new UsageError(`invalid --${option}: ${JSON.stringify(target)}: ${folder} is not a folder`);
  if (!writable(existsSync(path) ? path : folder)) throw new UsageError(`invalid --${option}: ${JSON.stringify(target)}: ${existsSync(path) ? path : folder} is not writable`);
}

/** A folder we are about to create or write into: a folder if it exists, else its nearest existing parent is a writable folder. */
export function checkOutputFolder(option: string, target: string): void {
  let path = resolve(target);
  if (existsSync(path)) {
    if (!statSync(path).isDirectory()) throw new UsageError(`invalid --${option}: ${JSON.stringify(target)} is a file, not a folder`);
    if (!writable(path)) throw new UsageError(`invalid --${option}: ${JSON.stringify(target)}: ${path} is not writable`);
    return;
  }
  while (!existsSync(path) && dirname(path) !== path) path = dirname(path);
  if (!statSync(path).isDirectory()) throw new UsageError(`invalid --${option}: ${JSON.stringify(target)}: ${path} is a file, so the folder cannot be created`);
  if (!writable(path)) throw new UsageError(`invalid --${option}: ${JSON.stringify(target)}: cannot create it, ${path} is not writable`);
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

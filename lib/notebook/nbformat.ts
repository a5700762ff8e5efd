/**
 * Jupyter notebooks (nbformat 4, https://nbformat.readthedocs.io/en/latest/format_description.html):
 * read, upgrade to 4.5 (cell ids), and write exactly as Jupyter does so a rerun of a
 * deterministic notebook is byte-identical and diffs stay small. Jupyter's writer
 * (nbformat/v4/nbjson.py): sorted keys, 1-space indent, non-ASCII kept, multi-line strings
 * split into lists of lines (sources, stream text, text/* and SVG/JavaScript data), trailing newline.
 */
import { createHash } from "node:crypto";

/** A string, or (on disk) the same string split into lines. */
export type MultilineString = string | string[];

export interface StreamOutput {
  output_type: "stream";
  name: "stdout" | "stderr";
  text: MultilineString;
}

export interface DisplayDataOutput {
  output_type: "display_data";
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

export interface ExecuteResultOutput {
  output_type: "execute_result";
  execution_count: number | null;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

export interface ErrorOutput {
  output_type: "error";
  ename: string;
  evalue: string;
  traceback: string[];
}

export type Output = StreamOutput | DisplayDataOutput | ExecuteResultOutput | ErrorOutput;

export interface CellMetadata {
  tags?: string[];
  [key: string]: unknown;
}

export interface CodeCell {
  id?: string;
  cell_type: "code";
  metadata: CellMetadata;
  source: MultilineString;
  execution_count: number | null;
  outputs: Output[];
}

export interface TextCell {
  id?: string;
  cell_type: "markdown" | "raw";
  metadata: CellMetadata;
  source: MultilineString;
  attachments?: Record<string, Record<string, unknown>>;
}

export type Cell = CodeCell | TextCell;

export interface Notebook {
  nbformat: 4;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: Cell[];
}

/** Parses a notebook file's text; multi-line strings come back joined. */
export function parseNotebook(text: string, name = "notebook"): Notebook {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`${name}: not a notebook (invalid JSON: ${(err as Error).message})`);
  }
  const nb = raw as Notebook;
  if (!nb || typeof nb !== "object" || nb.nbformat !== 4 || !Array.isArray(nb.cells))
    throw new Error(`${name}: not an nbformat 4 notebook (nbformat: ${JSON.stringify((nb as { nbformat?: unknown })?.nbformat)}, allowed: 4)`);
  nb.metadata ??= {};
  for (const cell of nb.cells) {
    cell.metadata ??= {};
    cell.source = joinLines(cell.source ?? "");
    if (cell.cell_type === "code") {
      cell.outputs ??= [];
      for (const output of cell.outputs) joinOutput(output);
    }
  }
  return nb;
}

/** The notebook as Jupyter writes it, ending with a newline. */
export function serializeNotebook(nb: Notebook): string {
  const onDisk = {
    ...nb,
    cells: nb.cells.map((cell) =>
      cell.cell_type === "code"
        ? { ...cell, source: splitLines(joinLines(cell.source)), outputs: cell.outputs.map(splitOutput) }
        : { ...cell, source: splitLines(joinLines(cell.source)) },
    ),
  };
  return dumpJson(onDisk, 0) + "\n";
}

/** Source of a cell as one string. */
export function cellSource(cell: Cell): string {
  return joinLines(cell.source);
}

export function hasTag(cell: Cell, tag: string): boolean {
  return Array.isArray(cell.metadata.tags) && cell.metadata.tags.includes(tag);
}

/**
 * nbformat 4.5 requires a unique `id` per cell. Older notebooks are upgraded with ids derived
 * from position and source (not random: reruns of an unchanged notebook must not differ).
 */
export function upgradeToV45(nb: Notebook): void {
  if (nb.nbformat_minor < 5) nb.nbformat_minor = 5;
  const taken = new Set(nb.cells.map((c) => c.id).filter((id): id is string => typeof id === "string"));
  nb.cells.forEach((cell, index) => {
    if (typeof cell.id === "string" && /^[a-zA-Z0-9-_]{1,64}$/.test(cell.id)) return;
    let id = createHash("sha256").update(`${index}\n${cellSource(cell)}`).digest("hex").slice(0, 8);
    while (taken.has(id)) id = createHash("sha256").update(id).digest("hex").slice(0, 8);
    taken.add(id);
    cell.id = id;
  });
}

export function joinLines(text: MultilineString): string {
  return Array.isArray(text) ? text.join("") : text;
}

/** Python's str.splitlines(True): line breaks kept, on the same boundaries Jupyter splits. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  const breaks = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;
  let start = 0;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
    lines.push(text.slice(start, m.index + m[0].length));
    start = m.index + m[0].length;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/** Jupyter keeps JSON MIME types as JSON and splits text/*, SVG and JavaScript into lines. */
function isSplitMime(mime: string): boolean {
  return mime.startsWith("text/") || mime === "image/svg+xml" || mime === "application/javascript";
}

function isJsonMime(mime: string): boolean {
  return mime === "application/json" || (mime.startsWith("application/") && mime.endsWith("+json"));
}

function joinOutput(output: Output): void {
  if (output.output_type === "stream") output.text = joinLines(output.text);
  else if (output.output_type === "display_data" || output.output_type === "execute_result") {
    for (const [mime, value] of Object.entries(output.data ?? {}))
      if (!isJsonMime(mime) && Array.isArray(value) && value.every((v) => typeof v === "string")) output.data[mime] = value.join("");
  }
}

function splitOutput(output: Output): Output {
  if (output.output_type === "stream") return { ...output, text: splitLines(joinLines(output.text)) };
  if (output.output_type === "display_data" || output.output_type === "execute_result") {
    const data: Record<string, unknown> = {};
    for (const [mime, value] of Object.entries(output.data))
      data[mime] = isSplitMime(mime) && typeof value === "string" ? splitLines(value) : value;
    return { ...output, data };
  }
  return output;
}

/**
 * Python's `json.dumps(obj, indent=1, sort_keys=True, ensure_ascii=False)`. Not JSON.stringify
 * with a replacer: JS objects put integer-like keys first whatever the insertion order.
 * Keys sort by UTF-16 code units (Python: code points; they differ only between astral and
 * high-BMP characters).
 */
function dumpJson(value: unknown, depth: number): string {
  if (typeof value === "number") return pythonNumber(value);
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  const inner = "\n" + " ".repeat(depth + 1);
  const close = "\n" + " ".repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return "[" + inner + value.map((item) => dumpJson(item, depth + 1)).join("," + inner) + close + "]";
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== "function");
  if (entries.length === 0) return "{}";
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return "{" + inner + entries.map(([k, v]) => JSON.stringify(k) + ": " + dumpJson(v, depth + 1)).join("," + inner) + close + "}";
}

/**
 * A number as Python's json module writes what it parsed from our text, so Jupyter's save of an
 * unchanged notebook changes no byte. An integer-valued number below 1e21 is written as digits
 * (JavaScript and Python agree; Python reads it as an int). Any other number is a Python float
 * and gets float.__repr__: the shortest round-trip digits (the same digits JavaScript finds),
 * fixed notation when the decimal exponent is in [-4, 16), else exponent notation with at least
 * two exponent digits: 2.4922e-05, 1e+21, 0.0001, 1234.5. Not finite: null (JSON has no NaN).
 */
export function pythonNumber(x: number): string {
  if (!Number.isFinite(x)) return "null";
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return JSON.stringify(x);
  const [mantissa, exp] = Math.abs(x).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const decpt = Number(exp) + 1; // value = 0.<digits> x 10^decpt
  const sign = x < 0 ? "-" : "";
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) return `${sign}0.${"0".repeat(-decpt)}${digits}`;
    if (decpt >= digits.length) return `${sign}${digits}${"0".repeat(decpt - digits.length)}.0`;
    return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  }
  const e = decpt - 1;
  return `${sign}${digits[0]}${digits.length > 1 ? "." + digits.slice(1) : ""}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
}

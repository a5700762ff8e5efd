/**
 * Runs a notebook top to bottom against a fresh tslab kernel and writes the outputs back:
 *
 *   read -> drop old injected cell, inject -p parameters -> clear outputs -> start kernel in the
 *   notebook's folder -> execute code cells in order (stop at the first failure) -> write -> shut down
 *
 * The written notebook is nbformat 4.5 with execution counts and no timing metadata, so rerunning
 * a deterministic notebook reproduces the file byte for byte.
 *
 *   await runNotebook("notebooks/selfish-mining.ipynb", { parameters: { alpha: "0.3" } });
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { diagnose, type CellDiagnostic } from "./diagnostic";
import { KernelError, TslabKernel, type ExecuteReply } from "./kernel";
import { cellSource, parseNotebook, serializeNotebook, upgradeToV45, type CodeCell, type Notebook, type StreamOutput } from "./nbformat";
import { OutputCollector } from "./outputs";
import { applyParameters } from "./parameters";

export interface RunNotebookOptions {
  /** Where to write the executed notebook. Default: over the input (in place). */
  outPath?: string;
  /** Papermill-style overrides of the `parameters` cell, raw strings (`{ alpha: "0.3" }`). Default: none. */
  parameters?: Record<string, string>;
  /** Interrupt a cell running longer than this. Default 600 s. */
  cellTimeoutS?: number;
  /** Give up if the kernel has not started after this long. Default 60 s. */
  startTimeoutS?: number;
  /** Receives one line per executed cell (and one when the kernel is up). Default: silent. */
  progress?: (line: string) => void;
}

export interface RunNotebookResult {
  path: string;
  outPath: string;
  /** Code cells executed (including a failed one). */
  cellsRun: number;
  seconds: number;
  /** Problems that did not stop the run (e.g. a cell whose output may be incomplete). */
  warnings: string[];
}

/** A cell failed; the notebook was written with the outputs so far (and the error output). */
export class NotebookCellError extends Error {
  override name = "NotebookCellError";
  constructor(
    /** The notebook's path as given. */
    readonly path: string,
    readonly outPath: string,
    /** 1-based position of the cell in the notebook (markdown cells count). */
    readonly cell: number,
    readonly diagnostic: CellDiagnostic,
  ) {
    const where = diagnostic.line !== undefined ? `, line ${diagnostic.line}` : "";
    super(
      [`${path}: cell ${cell}${where} failed: ${diagnostic.ename}: ${diagnostic.evalue}`, ...diagnostic.traceback.slice(1).map((l) => "  " + l)].join("\n"),
    );
  }
}

export async function runNotebook(path: string, options: RunNotebookOptions = {}): Promise<RunNotebookResult> {
  const started = Date.now();
  const outPath = options.outPath ?? path;
  const progress = options.progress ?? (() => {});
  const nb = parseNotebook(readFileSync(path, "utf8"), path);
  applyParameters(nb, options.parameters ?? {}, path);
  upgradeToV45(nb);
  for (const cell of nb.cells)
    if (cell.cell_type === "code") {
      cell.outputs = [];
      cell.execution_count = null;
    }

  const kernel = await TslabKernel.start({ cwd: dirname(resolve(path)), startTimeoutMs: (options.startTimeoutS ?? 60) * 1000 });
  let cellsRun = 0;
  const warnings: string[] = [];
  try {
    progress(`${path}: kernel ready in ${seconds(started)} s`);
    const collector = new OutputCollector();
    const timeoutS = options.cellTimeoutS ?? 600;
    for (let i = 0; i < nb.cells.length; i++) {
      const cell = nb.cells[i];
      const source = cellSource(cell);
      if (cell.cell_type !== "code" || source.trim() === "") continue;
      const cellStarted = Date.now();
      const stderr: string[] = [];
      collector.startCell(cell);
      let reply: ExecuteReply;
      try {
        reply = await kernel.execute(source, {
          timeoutMs: timeoutS * 1000,
          onMessage: (m) => {
            if (m.header.msg_type === "stream" && (m.content as { name?: string }).name === "stderr") stderr.push(String((m.content as { text?: unknown }).text));
            collector.add(m);
          },
        });
      } catch (err) {
        if (!(err instanceof KernelError)) throw err;
        // The kernel died in this cell (process.exit, out of memory, killed): keep what we have.
        const [first, ...rest] = err.message.split("\n");
        const diagnostic = { ename: "KernelError", evalue: first, traceback: [`KernelError: ${first}`, ...rest], consumedMessages: 0 };
        moveDiagnosticToErrorOutput(cell, "", diagnostic);
        finish(nb, kernel, outPath);
        throw new NotebookCellError(path, outPath, i + 1, diagnostic);
      }
      cellsRun++;
      cell.execution_count = reply.executionCount;
      progress(`${path}: cell ${i + 1}/${nb.cells.length} ${reply.status} ${seconds(cellStarted)} s`);
      if (reply.idleLost) warnings.push(`${path}: cell ${i + 1}: output may be incomplete (the kernel's idle status never came)`);
      if (reply.status === "ok") continue;

      const diagnostic = diagnoseReply(reply.status, stderr, source, timeoutS);
      moveDiagnosticToErrorOutput(cell, stderr.slice(stderr.length - diagnostic.consumedMessages).join(""), diagnostic);
      finish(nb, kernel, outPath);
      throw new NotebookCellError(path, outPath, i + 1, diagnostic);
    }
    finish(nb, kernel, outPath);
    return { path, outPath, cellsRun, seconds: Number(seconds(started)), warnings };
  } finally {
    await kernel.shutdown();
  }
}

function diagnoseReply(status: "error" | "abort" | "timeout", stderr: string[], source: string, timeoutS: number): CellDiagnostic {
  if (status === "abort")
    return { ename: "AbortError", evalue: "the kernel aborted the cell (it arrived too soon after an error)", traceback: [], consumedMessages: 0 };
  const found = diagnose(stderr, source);
  if (status === "error") return found;
  // Interrupted by SIGINT: the stderr stack says so; name the real cause.
  const evalue = `the cell ran longer than ${timeoutS} s (--timeout) and was interrupted`;
  return { ...found, ename: "TimeoutError", evalue, traceback: [`TimeoutError: ${evalue}`, ...found.traceback.slice(1)] };
}

/**
 * The diagnostic was printed to stderr (the last stderr text of the cell): keep it once, as the
 * error output, instead of twice. If it is not at the end of the last stderr output, leave streams alone.
 */
function moveDiagnosticToErrorOutput(cell: CodeCell, diagnosticText: string, diagnostic: CellDiagnostic): void {
  const last = cell.outputs[cell.outputs.length - 1] as StreamOutput | undefined;
  if (diagnosticText && last?.output_type === "stream" && last.name === "stderr" && (last.text as string).endsWith(diagnosticText)) {
    last.text = (last.text as string).slice(0, -diagnosticText.length);
    if (last.text === "") cell.outputs.pop();
  }
  const traceback = diagnostic.traceback.length ? diagnostic.traceback : [`${diagnostic.ename}: ${diagnostic.evalue}`];
  cell.outputs.push({ output_type: "error", ename: diagnostic.ename, evalue: diagnostic.evalue, traceback });
}

function finish(nb: Notebook, kernel: TslabKernel, outPath: string): void {
  nb.metadata.language_info = kernel.languageInfo;
  nb.metadata.kernelspec ??= { display_name: "TypeScript (consensus-lab)", language: "typescript", name: "tslab" };
  writeAtomically(outPath, serializeNotebook(nb));
}

function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  const temp = join(dirname(resolve(path)), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(temp, text);
  renameSync(temp, path);
}

function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(2);
}

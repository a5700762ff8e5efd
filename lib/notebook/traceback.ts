/**
 * A cell's runtime error as a reader wants it, like the last line of a Python traceback first:
 *
 *   ParameterError: invalid alpha: 0.7 (allowed: a number, 0 <= alpha < 0.5)
 *     3 | const result = await runSweep(selfishMining, { alpha: [0.7] });
 *       |                      ^
 *   (9 frames inside consensus-lab, its packages and Node hidden: CONSENSUS_LAB_TRACEBACK=full shows them)
 *
 * The message comes first; then the cell's source line (located from the frame in the compiled
 * cell, see locate-line.ts), the notebook's own frames (functions defined in cells, the user's
 * files), and a count of the hidden library frames (dist/, lib/, node_modules/, node:internal).
 * With CONSENSUS_LAB_TRACEBACK=full (environment, or `process.env.CONSENSUS_LAB_TRACEBACK = "full"`
 * in a cell) the whole stack follows the message. Used by the kernel preload, which formats what
 * tslab prints for a failed cell; lib/notebook/diagnostic.ts parses this shape back.
 */
import { inspect } from "node:util";
import { locateCompiledLine, sourceExcerpt } from "./locate-line";

export const TRACEBACK_ENV = "CONSENSUS_LAB_TRACEBACK";

export interface CellErrorContext {
  /** The cell's TypeScript source. */
  source?: string;
  /** The JavaScript tslab ran for it (line numbers of `evalmachine.<anonymous>` frames refer to it). */
  compiled?: string;
  /** Show every frame. Default: process.env.CONSENSUS_LAB_TRACEBACK === "full". */
  full?: boolean;
}

const FRAME = /^\s+at /;
const CELL_FRAME = /evalmachine\.<anonymous>:(\d+):(\d+)/;
/** Frames of the library, its packages, tslab and Node: not the notebook's code. */
const LIBRARY_FRAME = /[\\/](?:dist|lib|node_modules)[\\/]|\(node:|at node:|\(<anonymous>\)|^\s+at (?:async )?Promise\.(?:all|race)/;

/** The text for a thrown value (an Error, or anything else thrown). */
export function formatCellError(err: unknown, context: CellErrorContext = {}): string {
  if (!(err instanceof Error)) return `Uncaught ${inspect(err)}`;
  const full = context.full ?? process.env[TRACEBACK_ENV] === "full";
  if (err.message === "Interrupted asynchronously")
    return "KeyboardInterrupt: the cell was interrupted (Kernel > Interrupt); work it started in the background may still be running";
  const stack = stripArrowHeader(String(err.stack ?? ""));
  const lines = stack.split("\n");
  const firstFrame = lines.findIndex((l) => FRAME.test(l));
  const frames = firstFrame < 0 ? [] : lines.slice(firstFrame);
  const head = `${errorName(err)}: ${err.message}`;
  const extra = extraFields(err);
  if (full) return [head, ...extra, ...frames].join("\n");

  const out = [head, ...extra];
  const sourceLines = (context.source ?? "").split("\n");
  const compiledLines = context.compiled?.split("\n");
  // The innermost frame in the cell names the source line.
  const cellFrame = frames.map((f) => CELL_FRAME.exec(f)).find((m) => m !== null);
  if (cellFrame && compiledLines && context.source !== undefined) {
    const code = compiledLines[Number(cellFrame[1]) - 1];
    const at = code === undefined ? {} : locateCompiledLine(code, Number(cellFrame[2]) - 1, sourceLines);
    if (at.line !== undefined) out.push(...sourceExcerpt(sourceLines, at.line, at.column ?? 1));
  }
  const own = frames.filter((f) => !CELL_FRAME.test(f) && !LIBRARY_FRAME.test(f));
  // Functions defined in cells, with the source line when it can be found.
  const namedCellFrames = frames.filter((f) => CELL_FRAME.test(f) && /^\s+at (?:async )?(?!Object\.<anonymous>)[^\s(]+ \(/.test(f));
  const cellLine = (frame: string): string => {
    const m = CELL_FRAME.exec(frame)!;
    const code = compiledLines?.[Number(m[1]) - 1];
    const at = code === undefined ? {} : locateCompiledLine(code, Number(m[2]) - 1, sourceLines);
    return at.line === undefined ? "a cell" : `cell line ${at.line}`;
  };
  out.push(...namedCellFrames.map((f) => f.replace(/\(?evalmachine\.<anonymous>:\d+:\d+\)?/, (s) => (s.startsWith("(") ? `(${cellLine(f)})` : cellLine(f)))), ...own);
  const hidden = frames.length - own.length - frames.filter((f) => CELL_FRAME.test(f)).length;
  if (hidden > 0) out.push(`(${hidden} frame${hidden > 1 ? "s" : ""} inside consensus-lab, its packages and Node hidden: ${TRACEBACK_ENV}=full shows them)`);
  return out.join("\n");
}

/** Node prefixes errors thrown by vm code with "file:line\n<code>\n   ^\n\n": the location is redone above. */
function stripArrowHeader(stack: string): string {
  const lines = stack.split("\n");
  if (lines.length >= 4 && /^.+:\d+$/.test(lines[0]) && /^\s*\^+\s*$/.test(lines[2]) && lines[3] === "") return lines.slice(4).join("\n");
  return stack;
}

function errorName(err: Error): string {
  const name = err.name || err.constructor?.name || "Error";
  const code = (err as { code?: unknown }).code;
  return typeof code === "string" && !err.message.includes(code) ? `${name} [${code}]` : name;
}

/** Own enumerable fields of an error (ParameterError's name/value/allowed are in its message already). */
function extraFields(err: Error): string[] {
  const cause = (err as { cause?: unknown }).cause;
  return cause instanceof Error ? [`  caused by ${errorName(cause)}: ${cause.message}`] : [];
}

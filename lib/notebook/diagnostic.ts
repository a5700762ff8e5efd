/**
 * tslab answers a failed cell with a bare `{status: "error"}`: the diagnostic is what it printed
 * to the cell's stderr. This turns that text into an nbformat `error` output and a message
 * naming the source line. Two shapes (tslab 1.0.22, executor.js):
 *
 *   TypeScript:  "2:19 - Type 'string' is not assignable to type 'number'."   (one line per
 *                diagnostic, line:column 1-based within the cell; chained messages repeat L:C)
 *   runtime:     console.error(err), i.e. Node's inspect of the error:
 *                "evalmachine.<anonymous>:3\n<compiled line>\n   ^\n\nError: boom\n    at f (...)"
 */

export interface CellDiagnostic {
  ename: string;
  evalue: string;
  /** 1-based line in the cell's source, when known. */
  line?: number;
  /** 1-based column, when known. */
  column?: number;
  /** Lines for the notebook's error output (and the console). */
  traceback: string[];
  /** How many of the cell's last stderr messages this diagnostic consumed (they become the error output). */
  consumedMessages: number;
}

import { locateCompiledLine, sourceExcerpt } from "./locate-line";

const TS_DIAGNOSTIC = /^(?:(\S+) )?(\d+):(\d+) - ([\s\S]*?)\n?$/;
const STACK_FRAME = /^\s+at /;
/** traceback.ts's source excerpt ("  3 | code", then "    |    ^") and its note on hidden frames. */
const EXCERPT = /^  (\d+) \| /;
const EXCERPT_CARET = /^ +\| ( *)\^$/;
const HIDDEN_NOTE = /^\(\d+ frames? inside consensus-lab/;
/** Frames from here on are tslab's and Node's machinery, not the notebook's. */
const MACHINERY_FRAME = /\(node:vm|node:vm:|[\\/]tslab[\\/]dist[\\/]|sigintHandlersWrap|\(node:internal/;

/**
 * @param stderrMessages the texts of the cell's stderr stream messages, in order
 * @param source the cell's source
 */
export function diagnose(stderrMessages: readonly string[], source: string): CellDiagnostic {
  const sourceLines = source.split("\n");
  if (stderrMessages.length > 0 && stderrMessages.every((text) => TS_DIAGNOSTIC.test(text)))
    return typeScriptDiagnostic(stderrMessages, sourceLines);
  const last = stderrMessages[stderrMessages.length - 1];
  if (last !== undefined) return runtimeDiagnostic(last, sourceLines);
  return { ename: "Error", evalue: "the cell failed without a message", traceback: [], consumedMessages: 0 };
}

function typeScriptDiagnostic(messages: readonly string[], sourceLines: string[]): CellDiagnostic {
  const traceback: string[] = [];
  let first: { line: number; column: number; text: string; file?: string } | undefined;
  let previousAt = "";
  for (const text of messages) {
    const [, file, line, column, message] = TS_DIAGNOSTIC.exec(text)!;
    const at = `${file ?? ""}${line}:${column}`;
    const here = { line: Number(line), column: Number(column), text: message, file };
    first ??= here;
    if (at === previousAt) traceback.push(`  ${message}`); // a chained message: more detail on the same spot
    else {
      traceback.push(`${file ? file + " " : ""}${line}:${column} - ${message}`);
      if (!file) traceback.push(...sourceExcerpt(sourceLines, here.line, here.column));
    }
    previousAt = at;
  }
  return {
    ename: "TSError",
    evalue: first!.text,
    line: first!.file ? undefined : first!.line,
    column: first!.file ? undefined : first!.column,
    traceback,
    consumedMessages: messages.length,
  };
}

function runtimeDiagnostic(text: string, sourceLines: string[]): CellDiagnostic {
  let lines = text.replace(/\n+$/, "").split("\n");
  let line: number | undefined;
  let column: number | undefined;
  let thrownAt: string | undefined;
  // Node's header for an uncaught throw: location, the code line, a caret, a blank line.
  const header = /^(.+):(\d+)$/.exec(lines[0]);
  if (header && lines.length >= 4 && /^\s*\^+\s*$/.test(lines[2]) && lines[3] === "") {
    const [codeLine, caret] = [lines[1], lines[2]];
    if (header[1] === "evalmachine.<anonymous>") ({ line, column } = locateCompiledLine(codeLine, caret.indexOf("^"), sourceLines));
    else thrownAt = `${header[1]}:${header[2]}`;
    lines = lines.slice(4);
  }
  // Already formatted by the kernel preload (traceback.ts): message, excerpt, own frames, a hidden-frames note.
  const firstDetail = lines.findIndex((l) => EXCERPT.test(l) || HIDDEN_NOTE.test(l));
  if (line === undefined && firstDetail > 0 && !lines.slice(0, firstDetail).some((l) => STACK_FRAME.test(l))) {
    const [ename, evalue] = splitErrorMessage(lines.slice(0, firstDetail).join("\n"));
    const detail = lines.slice(firstDetail);
    const excerpt = detail.map((l) => EXCERPT.exec(l)).find((m) => m !== null);
    const caret = detail.map((l) => EXCERPT_CARET.exec(l)).find((m) => m !== null);
    return {
      ename,
      evalue,
      line: excerpt ? Number(excerpt[1]) : undefined,
      column: excerpt && caret ? caret[1].length + 1 : undefined,
      traceback: [`${ename}: ${evalue}`, ...detail],
      consumedMessages: 1,
    };
  }
  const firstFrame = lines.findIndex((l) => STACK_FRAME.test(l));
  const messageLines = firstFrame < 0 ? lines : lines.slice(0, firstFrame);
  const frames = firstFrame < 0 ? [] : lines.slice(firstFrame);
  const machinery = frames.findIndex((l) => MACHINERY_FRAME.test(l));
  const userFrames = machinery < 0 ? frames : frames.slice(0, machinery);
  const [ename, evalue] = splitErrorMessage(messageLines.join("\n"));
  const traceback = [`${ename}: ${evalue}`];
  if (line !== undefined) traceback.push(...sourceExcerpt(sourceLines, line, column ?? 1));
  else if (thrownAt) traceback.push(`    thrown at ${thrownAt}`);
  traceback.push(...userFrames.map((f) => f.replace(/evalmachine\.<anonymous>/g, "<compiled cell>")));
  return { ename, evalue, line, column, traceback, consumedMessages: 1 };
}

/** "RangeError: alpha = 2 ..." -> ["RangeError", "alpha = 2 ..."]; a thrown non-Error keeps its text. */
function splitErrorMessage(message: string): [string, string] {
  const m = /^([A-Za-z_$][\w$.]*(?: \[[\w-]+\])?): ([\s\S]*)$/.exec(message);
  if (m) return [m[1], m[2]];
  if (/^[A-Za-z_$][\w$.]*Error$/.test(message)) return [message, ""];
  return ["Error", message.replace(/^Uncaught /, "")];
}

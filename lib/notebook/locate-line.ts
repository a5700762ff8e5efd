/**
 * Which line of a cell's TypeScript source a line of the JavaScript tslab compiled from it comes
 * from, and the excerpt that shows it ("  2 | code" and a caret). Used by diagnostic.ts (the
 * runner) and traceback.ts (the kernel preload).
 */

/**
 * Node shows the compiled line that threw; tslab's compiled lines are not the source lines
 * (TypeScript reprints statements, `if (c) throw x;` becomes two lines, the last expression
 * becomes `exports.tsLastExpr = ...`). Find the one source line containing the compiled
 * statement, or contained in it; ambiguous or no match: unknown.
 */
export function locateCompiledLine(compiledCode: string, compiledCaret: number, sourceLines: string[]): { line?: number; column?: number } {
  const caret = Math.max(0, compiledCaret);
  // As compiled; without tslab's renames; and with `{ x: x }` back to the shorthand `{ x }`.
  for (const undo of [(s: string) => s, unrewrite, (s: string) => unshorthand(unrewrite(s))]) {
    const found = locateLine(undo(compiledCode), undo(compiledCode.slice(0, caret)).length, sourceLines);
    if (found.line !== undefined) return found;
  }
  return {};
}

function locateLine(code: string, caretIndex: number, sourceLines: string[]): { line?: number; column?: number } {
  const codeTrim = code.trim();
  const caretInTrim = caretIndex - (code.length - code.trimStart().length);
  const containing = sourceLines.flatMap((s, i) => (codeTrim.length >= 3 && s.includes(codeTrim) ? [i] : []));
  if (containing.length === 1) {
    const i = containing[0];
    return { line: i + 1, column: sourceLines[i].indexOf(codeTrim) + Math.max(0, caretInTrim) + 1 };
  }
  if (containing.length > 1) return {};
  const contained = sourceLines.flatMap((s, i) => (s.trim().length >= 4 && codeTrim.includes(s.trim()) ? [i] : []));
  if (contained.length !== 1) return {};
  const i = contained[0];
  const srcTrim = sourceLines[i].trim();
  const leading = sourceLines[i].length - sourceLines[i].trimStart().length;
  return { line: i + 1, column: Math.max(1, caretInTrim - codeTrim.indexOf(srcTrim) + leading + 1) };
}

/**
 * Undoes tslab's and TypeScript's renames in a compiled line: earlier cells' variables become
 * `exports.x`, imported names `(0, module_1.f)` or `module_1.x`.
 */
function unrewrite(code: string): string {
  return code
    .replace(/\(0, [A-Za-z_$][\w$]*_\d+\.([A-Za-z_$][\w$]*)\)/g, "$1")
    .replace(/\b[A-Za-z_$][\w$]*_\d+\.([A-Za-z_$][\w$]*)/g, "$1")
    .replace(/\bexports\./g, "")
    .replace(/^(\s*)tsLastExpr\d* = /, "$1");
}

/** `{ seed: seed }` -> `{ seed }` (the shorthand fix in shorthand.ts writes the long form). */
function unshorthand(code: string): string {
  return code.replace(/([{,]\s*)([A-Za-z_$][\w$]*): \2(?![\w$])/g, "$1$2");
}

/** "  2 | const x: number = "a";" and a caret under the column. */
export function sourceExcerpt(sourceLines: string[], line: number, column: number): string[] {
  const text = sourceLines[line - 1];
  if (text === undefined) return [];
  const gutter = `  ${line} | `;
  return [gutter + text, " ".repeat(gutter.length - 2) + "| " + " ".repeat(Math.max(0, column - 1)) + "^"];
}

/**
 * Papermill-style parameters (https://papermill.readthedocs.io/en/latest/usage-parameterize.html)
 * for TypeScript notebooks. The cell tagged `parameters` declares defaults:
 *
 *   const alpha: number = 0.25;
 *   const label = "baseline";
 *
 * `-p alpha=0.3` injects a cell tagged `injected-parameters` right after it that redeclares the
 * variable (tslab allows redeclaring in a later cell). The redeclaration keeps the parameters
 * cell's annotation, or the widened type of a primitive default (number, string, boolean): a plain
 * `const alpha = 0.3` would have the literal type 0.3 and break later code, and keeping the type
 * makes a bad value (`-p alpha=abc`) fail type-checking in the injected cell.
 * Values parse as JSON when they can, else they are strings.
 */
import type * as TS from "typescript";
import { cellSource, hasTag, type Cell, type CodeCell, type Notebook } from "./nbformat";

export const PARAMETERS_TAG = "parameters";
export const INJECTED_TAG = "injected-parameters";

export interface DeclaredParameter {
  name: string;
  keyword: "const" | "let" | "var";
  /** The annotation as written, or the widened type of a primitive default, or undefined. */
  type: string | undefined;
}

/** A `-p` name the parameters cell does not declare, or `-p` on a notebook without one. */
export class NotebookParameterError extends Error {
  override name = "NotebookParameterError";
}

/** `["alpha=0.3", "name=x"]` -> `{ alpha: "0.3", name: "x" }` (split at the first "="). */
export function parseParameterArgs(args: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const arg of args) {
    const eq = arg.indexOf("=");
    const name = eq < 0 ? "" : arg.slice(0, eq).trim();
    if (!/^[A-Za-z_$][\w$]*$/.test(name))
      throw new NotebookParameterError(`invalid parameter ${JSON.stringify(arg)} (allowed: name=value with a TypeScript identifier as name)`);
    out[name] = arg.slice(eq + 1);
  }
  return out;
}

/** JSON when it parses (0.3, true, [1,2], {"a":1}, "quoted"), else the raw string. */
export function parseParameterValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** Top-level variable declarations of a parameters cell. */
export function declaredParameters(source: string): DeclaredParameter[] {
  const ts: typeof TS = require("typescript");
  const file = ts.createSourceFile("parameters.ts", source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const out: DeclaredParameter[] = [];
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const flags = statement.declarationList.flags;
    const keyword = flags & ts.NodeFlags.Const ? "const" : flags & ts.NodeFlags.Let ? "let" : "var";
    for (const decl of statement.declarationList.declarations) {
      if (!ts.isIdentifier(decl.name)) continue;
      const type = decl.type ? decl.type.getText(file) : widenedType(ts, decl.initializer);
      out.push({ name: decl.name.text, keyword, type });
    }
  }
  return out;
}

function widenedType(ts: typeof TS, init: TS.Expression | undefined): string | undefined {
  while (init && (ts.isParenthesizedExpression(init) || ts.isAsExpression(init) || ts.isSatisfiesExpression(init))) {
    if (ts.isAsExpression(init) && !(ts.isTypeReferenceNode(init.type) && init.type.getText() === "const")) return init.type.getText();
    init = init.expression;
  }
  if (!init) return undefined;
  if (ts.isNumericLiteral(init) || (ts.isPrefixUnaryExpression(init) && ts.isNumericLiteral(init.operand))) return "number";
  if (ts.isStringLiteral(init) || ts.isNoSubstitutionTemplateLiteral(init) || ts.isTemplateExpression(init)) return "string";
  if (init.kind === ts.SyntaxKind.TrueKeyword || init.kind === ts.SyntaxKind.FalseKeyword) return "boolean";
  return undefined; // objects, arrays, calls: inferred from the new value (already widened)
}

/** The source of the injected cell. */
export function injectedSource(declared: readonly DeclaredParameter[], values: Record<string, string>, command: string): string {
  const lines = [`// Parameters injected by ${command}`];
  for (const [name, raw] of Object.entries(values)) {
    const param = declared.find((d) => d.name === name)!;
    const annotation = param.type ? `: ${param.type}` : "";
    lines.push(`${param.keyword} ${name}${annotation} = ${JSON.stringify(parseParameterValue(raw))};`);
  }
  return lines.join("\n");
}

/**
 * Removes a previous run's injected cell; with `values`, injects a new one after the cell
 * tagged `parameters`. Throws NotebookParameterError naming unknown names and the declared ones.
 */
export function applyParameters(nb: Notebook, values: Record<string, string>, name: string, command = "consensus-lab notebooks -p"): void {
  nb.cells = nb.cells.filter((cell) => !hasTag(cell, INJECTED_TAG));
  const names = Object.keys(values);
  if (names.length === 0) return;
  const at = nb.cells.findIndex((cell) => cell.cell_type === "code" && hasTag(cell, PARAMETERS_TAG));
  if (at < 0)
    throw new NotebookParameterError(`${name}: no code cell is tagged "${PARAMETERS_TAG}", so -p ${names[0]}=... cannot be applied`);
  const declared = declaredParameters(cellSource(nb.cells[at]));
  const unknown = names.filter((n) => !declared.some((d) => d.name === n));
  if (unknown.length > 0) {
    const allowed = declared.length ? declared.map((d) => d.name).join(", ") : "(none declared)";
    throw new NotebookParameterError(
      `${name}: unknown parameter${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")} (the parameters cell declares: ${allowed})`,
    );
  }
  const cell: CodeCell = {
    id: INJECTED_TAG,
    cell_type: "code",
    metadata: { tags: [INJECTED_TAG] },
    source: injectedSource(declared, values, command),
    execution_count: null,
    outputs: [],
  };
  nb.cells.splice(at + 1, 0, cell as Cell);
}

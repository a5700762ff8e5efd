// The kernel preload's pieces without a kernel: error formatting (traceback.ts), how the runner
// parses it back (diagnostic.ts), and the shorthand fix's anchor in the installed tslab.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { diagnose } from "../../lib/notebook/diagnostic";
import { patchConverterSource } from "../../lib/notebook/shorthand";
import { formatCellError } from "../../lib/notebook/traceback";

// A cell as tslab compiles it: wrapped in a function, earlier cells' names as exports.x.
const source = ["const n = 1;", "const r = await runSweep(selfishMining, { alpha: [0.7] }, { seed });"].join("\n");
const compiled = [
  "(async function(exports, require) { const n = 1;",
  "const r = await exports.runSweep(exports.selfishMining, { alpha: [0.7] }, { seed: exports.seed });",
  "})(__tslab__.exports, __tslab__.require)",
].join("\n");

function parameterError(): Error {
  const err = new Error("invalid alpha: 0.7 (allowed: a number, 0 <= alpha < 0.5)");
  err.name = "ParameterError";
  err.stack = [
    "ParameterError: invalid alpha: 0.7 (allowed: a number, 0 <= alpha < 0.5)",
    "    at checkParam (/repo/dist/lib/experiment/params.js:40:11)",
    "    at planRun (/repo/dist/lib/sweep/plan.js:49:40)",
    "    at Proxy.runSweep (/repo/dist/lib/sweep/run-sweep.js:93:37)",
    "    at evalmachine.<anonymous>:2:25", // V8 points at the called property: `runSweep` of `exports.runSweep`
    "    at evalmachine.<anonymous>:3:3",
    "    at sigintHandlersWrap (node:vm:280:12)",
    "    at Object.execute (/repo/node_modules/tslab/dist/executor.js:160:38)",
  ].join("\n");
  return err;
}

test("formatCellError: message first, the cell's source line with a caret, library frames counted not shown", () => {
  const text = formatCellError(parameterError(), { source, compiled, full: false });
  assert.deepEqual(text.split("\n"), [
    "ParameterError: invalid alpha: 0.7 (allowed: a number, 0 <= alpha < 0.5)",
    "  2 | const r = await runSweep(selfishMining, { alpha: [0.7] }, { seed });",
    // column 25 of the compiled line; without `exports.` that is column 17 of the source, under runSweep
    "    | " + " ".repeat(16) + "^",
    "(5 frames inside consensus-lab, its packages and Node hidden: CONSENSUS_LAB_TRACEBACK=full shows them)",
  ]);
  const full = formatCellError(parameterError(), { source, compiled, full: true });
  assert.match(full, /^ParameterError: invalid alpha[^\n]*\n {4}at checkParam \(\/repo\/dist\/lib\/experiment\/params\.js/);
});

test("diagnose parses the formatted error back: name, message, line and column", () => {
  const text = formatCellError(parameterError(), { source, compiled, full: false }) + "\n";
  const d = diagnose([text], source);
  assert.equal(d.ename, "ParameterError");
  assert.equal(d.evalue, "invalid alpha: 0.7 (allowed: a number, 0 <= alpha < 0.5)");
  assert.equal(d.line, 2);
  assert.equal(d.column, 17);
  assert.equal(d.traceback[0], "ParameterError: invalid alpha: 0.7 (allowed: a number, 0 <= alpha < 0.5)");
});

test("tslab's interrupt error reads as an interrupt, and a thrown non-Error is shown as thrown", () => {
  assert.match(formatCellError(new Error("Interrupted asynchronously")), /^KeyboardInterrupt: the cell was interrupted \(Kernel > Interrupt\)/);
  assert.equal(formatCellError("boom"), "Uncaught 'boom'");
});

test("the shorthand fix finds its anchor in the installed tslab converter exactly once", () => {
  const converter = readFileSync(require.resolve("tslab/dist/converter.js"), "utf8");
  const patched = patchConverterSource(converter);
  assert.ok(patched, "tslab's converter changed: update lib/notebook/shorthand.ts (tslab is pinned to 1.0.22)");
  assert.match(patched, /getShorthandAssignmentValueSymbol/);
  assert.equal(patchConverterSource("something else"), undefined);
});

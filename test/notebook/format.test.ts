// Pure parts of the notebook runner (no kernel): Jupyter's file format, parameters, diagnostics.
import { test } from "node:test";
import assert from "node:assert/strict";
import { diagnose } from "../../lib/notebook/diagnostic";
import { parseNotebook, serializeNotebook, splitLines, upgradeToV45, type CodeCell, type Notebook } from "../../lib/notebook/nbformat";
import { applyParameters, declaredParameters, NotebookParameterError, parseParameterArgs, parseParameterValue } from "../../lib/notebook/parameters";

test("splitLines keeps line ends and splits where Python's str.splitlines does", () => {
  assert.deepEqual(splitLines("a\nb\r\nc\rd"), ["a\n", "b\r\n", "c\r", "d"]);
  assert.deepEqual(splitLines("x\n"), ["x\n"]);
  assert.deepEqual(splitLines(""), []);
});

test("serializeNotebook writes like nbformat: sorted keys, 1-space indent, split text, JSON MIME kept, trailing newline", () => {
  const nb: Notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { z: 1, a: { "10": true, "9": false } },
    cells: [
      {
        id: "c1",
        cell_type: "code",
        metadata: {},
        source: "let x = 1;\nx",
        execution_count: 1,
        outputs: [
          { output_type: "stream", name: "stdout", text: "1\n2\n" },
          { output_type: "display_data", metadata: {}, data: { "text/plain": "a\nb", "application/json": { k: "v\nw" }, "image/png": "iVBO\nRw==" } },
        ],
      },
    ],
  };
  const text = serializeNotebook(nb);
  // Expected text: what Python's nbformat 5.5 `nbformat.writes(nb) + "\n"` gives for this notebook
  // (checked once with Debian's python3-nbformat): keys sorted as strings ("10" < "9"), text/*
  // split into lines, JSON and PNG data kept whole.
  const expected = `{
 "cells": [
  {
   "cell_type": "code",
   "execution_count": 1,
   "id": "c1",
   "metadata": {},
   "outputs": [
    {
     "name": "stdout",
     "output_type": "stream",
     "text": [
      "1\\n",
      "2\\n"
     ]
    },
    {
     "data": {
      "application/json": {
       "k": "v\\nw"
      },
      "image/png": "iVBO\\nRw==",
      "text/plain": [
       "a\\n",
       "b"
      ]
     },
     "metadata": {},
     "output_type": "display_data"
    }
   ],
   "source": [
    "let x = 1;\\n",
    "x"
   ]
  }
 ],
 "metadata": {
  "a": {
   "10": true,
   "9": false
  },
  "z": 1
 },
 "nbformat": 4,
 "nbformat_minor": 5
}
`;
  assert.equal(text, expected);
  // Reading it back joins the lines again.
  const back = parseNotebook(text);
  assert.equal((back.cells[0] as CodeCell).source, "let x = 1;\nx");
  assert.deepEqual((back.cells[0] as CodeCell).outputs[0], { output_type: "stream", name: "stdout", text: "1\n2\n" });
  assert.equal(serializeNotebook(back), text);
});

test("parseNotebook rejects what is not nbformat 4", () => {
  assert.throws(() => parseNotebook("{", "x.ipynb"), /x\.ipynb: not a notebook \(invalid JSON/);
  assert.throws(() => parseNotebook(JSON.stringify({ nbformat: 3, worksheets: [] }), "old.ipynb"), /old\.ipynb: not an nbformat 4 notebook \(nbformat: 3, allowed: 4\)/);
});

test("upgradeToV45 adds unique ids that depend only on position and source", () => {
  const make = (): Notebook => ({
    nbformat: 4,
    nbformat_minor: 4,
    metadata: {},
    cells: [
      { cell_type: "markdown", metadata: {}, source: "same" },
      { cell_type: "markdown", metadata: {}, source: "same" },
      { id: "kept", cell_type: "markdown", metadata: {}, source: "x" },
    ],
  });
  const a = make();
  const b = make();
  upgradeToV45(a);
  upgradeToV45(b);
  assert.equal(a.nbformat_minor, 5);
  assert.deepEqual(a.cells.map((c) => c.id), b.cells.map((c) => c.id));
  assert.equal(new Set(a.cells.map((c) => c.id)).size, 3);
  assert.equal(a.cells[2].id, "kept");
  for (const cell of a.cells) assert.match(cell.id!, /^[a-zA-Z0-9-_]{1,64}$/);
});

test("parameters: -p parsing, JSON values else strings", () => {
  assert.deepEqual(parseParameterArgs(["alpha=0.3", "name=x=y", "list=[1,2]"]), { alpha: "0.3", name: "x=y", list: "[1,2]" });
  assert.throws(() => parseParameterArgs(["alpha"]), NotebookParameterError);
  assert.throws(() => parseParameterArgs(["2x=1"]), /invalid parameter "2x=1"/);
  assert.equal(parseParameterValue("0.3"), 0.3);
  assert.equal(parseParameterValue("true"), true);
  assert.deepEqual(parseParameterValue("[1,2]"), [1, 2]);
  assert.equal(parseParameterValue("tuned"), "tuned");
  assert.equal(parseParameterValue('"0.3"'), "0.3");
});

test("parameters: declarations keep annotations, widen primitive defaults, leave objects to inference", () => {
  const declared = declaredParameters(
    'const alpha: number = 0.25;\nconst label = "base";\nlet on = true, n = -3;\nvar mode: "a" | "b" = "a";\nconst xs = [1, 2];\nconst t = `x`;\n// comment\nconsole.log(alpha);',
  );
  assert.deepEqual(declared, [
    { name: "alpha", keyword: "const", type: "number" },
    { name: "label", keyword: "const", type: "string" },
    { name: "on", keyword: "let", type: "boolean" },
    { name: "n", keyword: "let", type: "number" },
    { name: "mode", keyword: "var", type: '"a" | "b"' },
    { name: "xs", keyword: "const", type: undefined },
    { name: "t", keyword: "const", type: "string" },
  ]);
});

test("parameters: injection after the parameters cell, replacing a previous injection; unknown names are errors", () => {
  const nb: Notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      { id: "p", cell_type: "code", metadata: { tags: ["parameters"] }, source: "const alpha: number = 0.25;\nconst label = 'a';", execution_count: null, outputs: [] },
      { id: "old", cell_type: "code", metadata: { tags: ["injected-parameters"] }, source: "const alpha: number = 9;", execution_count: 1, outputs: [] },
      { id: "use", cell_type: "code", metadata: {}, source: "alpha", execution_count: null, outputs: [] },
    ],
  };
  applyParameters(nb, { alpha: "0.3", label: "tuned" }, "n.ipynb");
  assert.deepEqual(nb.cells.map((c) => c.id), ["p", "injected-parameters", "use"]);
  assert.deepEqual(nb.cells[1].metadata.tags, ["injected-parameters"]);
  assert.equal(
    nb.cells[1].source,
    '// Parameters injected by consensus-lab notebooks -p\nconst alpha: number = 0.3;\nconst label: string = "tuned";',
  );
  assert.throws(() => applyParameters(nb, { beta: "1" }, "n.ipynb"), /n\.ipynb: unknown parameter beta \(the parameters cell declares: alpha, label\)/);
  const plain: Notebook = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] };
  assert.throws(() => applyParameters(plain, { alpha: "1" }, "plain.ipynb"), /no code cell is tagged "parameters"/);
  // Without -p, a previous injection is removed (the run uses the defaults).
  applyParameters(nb, {}, "n.ipynb");
  assert.deepEqual(nb.cells.map((c) => c.id), ["p", "use"]);
});

test("diagnose: TypeScript diagnostics (tslab's 'L:C - message' lines) point into the source", () => {
  const d = diagnose(["2:7 - Type 'string' is not assignable to type 'number'.\n"], 'const a = 1;\nconst b: number = "x";');
  assert.equal(d.ename, "TSError");
  assert.equal(d.evalue, "Type 'string' is not assignable to type 'number'.");
  assert.equal(d.line, 2);
  assert.equal(d.column, 7);
  assert.deepEqual(d.traceback, [
    "2:7 - Type 'string' is not assignable to type 'number'.",
    '  2 | const b: number = "x";',
    "    |       ^",
  ]);
  assert.equal(d.consumedMessages, 1);
});

test("diagnose: a runtime throw (Node's inspect of the error, as tslab prints it) finds the source line and drops tslab's frames", () => {
  // Captured from tslab 1.0.22 for the cell below.
  const stderr =
    "evalmachine.<anonymous>:5\n        throw new RangeError(`alpha = ${alpha} is above 0.5`);\n        ^\n\n" +
    "RangeError: alpha = 0.7 is above 0.5\n    at checkShare (evalmachine.<anonymous>:5:15)\n    at evalmachine.<anonymous>:9:22\n" +
    "    at sigintHandlersWrap (node:vm:280:12)\n    at Object.execute (/x/node_modules/tslab/dist/executor.js:160:38)\n";
  const source = "function checkShare(alpha: number): number {\n  if (alpha > 0.5) throw new RangeError(`alpha = ${alpha} is above 0.5`);\n  return alpha;\n}\ncheckShare(0.7);";
  const d = diagnose(["some earlier stderr\n", stderr], source);
  assert.equal(d.ename, "RangeError");
  assert.equal(d.evalue, "alpha = 0.7 is above 0.5");
  assert.equal(d.line, 2);
  assert.equal(d.column, 20);
  assert.deepEqual(d.traceback, [
    "RangeError: alpha = 0.7 is above 0.5",
    "  2 |   if (alpha > 0.5) throw new RangeError(`alpha = ${alpha} is above 0.5`);",
    "    |                    ^",
    "    at checkShare (<compiled cell>:5:15)",
    "    at <compiled cell>:9:22",
  ]);
  assert.equal(d.consumedMessages, 1);
  // A thrown string, and an async throw (no header): message kept, no line claimed.
  assert.deepEqual(diagnose(["a string\n"], "throw 'a string'").evalue, "a string");
  const late = diagnose(["TypeError: after await\n    at evalmachine.<anonymous>:3:7\n    at async Object.execute (/x/tslab/dist/executor.js:173:17)\n"], "x");
  assert.equal(late.ename, "TypeError");
  assert.equal(late.line, undefined);
});

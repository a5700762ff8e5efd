// The notebook runner against the real tslab kernel. Each notebook run starts a kernel (~2-3 s),
// so the fixtures are few and each checks several things.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Ajv from "ajv-draft-04";
import { selfishRevenue } from "../../lib/models/selfish-mining/closed-form";
import { parseNotebook, serializeNotebook, type CodeCell, type ErrorOutput, type Notebook, type Output } from "../../lib/notebook/nbformat";
import { NotebookParameterError } from "../../lib/notebook/parameters";
import { NotebookCellError, runNotebook } from "../../lib/notebook/run-notebook";

const root = resolve(__dirname, "..", "..", "..");
const fixtures = join(root, "test", "notebook", "fixtures");
const cli = join(root, "bin", "consensus-lab.js");
const work = mkdtempSync(join(tmpdir(), "consensus-lab-notebook-test-"));
test.after(() => rmSync(work, { recursive: true, force: true }));

const schema = JSON.parse(readFileSync(join(root, "test", "notebook", "nbformat.v4.5.schema.json"), "utf8"));
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

function read(path: string): Notebook {
  return parseNotebook(readFileSync(path, "utf8"), path);
}

/** The written notebook, after checking it against the official nbformat 4.5 schema. */
function checked(path: string): Notebook {
  const onDisk = JSON.parse(readFileSync(path, "utf8"));
  assert.ok(validate(onDisk), `${path} is not valid nbformat 4.5: ${JSON.stringify(validate.errors, null, 1)}`);
  return read(path);
}

const code = (nb: Notebook) => nb.cells.filter((c): c is CodeCell => c.cell_type === "code");
const text = (outputs: Output[], name = "stdout") =>
  outputs.map((o) => (o.output_type === "stream" && o.name === name ? o.text : "")).join("");

test("basic fixture: prints, multi-MIME display, display update, consensus-lab import; rerun is byte-identical", async () => {
  const input = join(fixtures, "basic.ipynb");
  const out = join(work, "basic.ipynb");
  const lines: string[] = [];
  const result = await runNotebook(input, { outPath: out, progress: (l) => lines.push(l) });
  assert.equal(result.cellsRun, 5, "5 non-empty code cells");
  assert.ok(lines.some((l) => /cell 2\/7 ok \d+\.\d\d s/.test(l)), lines.join("\n"));

  const nb = checked(out);
  const cells = code(nb);
  assert.deepEqual(cells.map((c) => c.execution_count), [1, 2, 3, 4, 5, null]);
  // stdout and stderr in order; consecutive writes of one stream merge into one output.
  assert.deepEqual(cells[0].outputs, [
    { output_type: "stream", name: "stdout", text: "hello from tslab\n" },
    { output_type: "stream", name: "stderr", text: "a note on stderr\n" },
    { output_type: "stream", name: "stdout", text: "second line\n" },
  ]);
  // One output carrying three MIME types, JSON as an object.
  assert.deepEqual(cells[1].outputs, [
    {
      output_type: "display_data",
      metadata: {},
      data: {
        "text/plain": "a 2x2 table",
        "text/html": "<table><tr><td>1</td><td>2</td></tr>\n<tr><td>3</td><td>4</td></tr></table>",
        "application/json": { rows: [[1, 2], [3, 4]], title: "a 2x2 table" },
      },
    },
  ]);
  // tslab.display.html, then a display updated in place ("step 1 of 2" -> "done").
  assert.deepEqual(cells[2].outputs, [
    { output_type: "display_data", metadata: {}, data: { "text/html": "<i>one MIME type</i>" } },
    { output_type: "display_data", metadata: {}, data: { "text/plain": "done" } },
  ]);
  assert.equal(text(cells[3].outputs), `selfishRevenue(0.3, 0.5) = ${selfishRevenue(0.3, 0.5)}\n`);
  assert.equal(text(cells[4].outputs), "[ 2, 4, 6 ]\n");
  assert.equal((nb.metadata.language_info as { name: string }).name, "typescript");
  // No timing metadata anywhere, so the committed fixture (its own expected output) is reproduced byte for byte.
  assert.ok(!readFileSync(out, "utf8").includes('"execution":'));
  assert.equal(readFileSync(out, "utf8"), readFileSync(input, "utf8"));
});

test("a type error stops the notebook: exit 1, the real diagnostic with its source line, later cells not run", () => {
  const out = join(work, "cli-out");
  const run = spawnSync(process.execPath, [cli, "notebooks", join(fixtures, "type-error.ipynb"), "--out", out], { encoding: "utf8" });
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stderr, /type-error\.ipynb: cell 2, line 2 failed: TSError: Type 'string' is not assignable to type 'number'\./);
  assert.match(run.stderr, /2 \| const share: number = "a third";/);
  assert.match(run.stderr, /cell 2\/3 error/);
  assert.doesNotMatch(run.stderr, /cell 3\/3/);

  const nb = checked(join(out, "type-error.ipynb"));
  const [before, failing, after] = code(nb);
  assert.equal(text(before.outputs), "before\n");
  // The diagnostic becomes the error output (not also a stderr stream).
  assert.equal(failing.outputs.length, 1);
  const error = failing.outputs[0] as ErrorOutput;
  assert.equal(error.output_type, "error");
  assert.equal(error.ename, "TSError");
  assert.equal(error.evalue, "Type 'string' is not assignable to type 'number'.");
  assert.equal(error.traceback[0], "2:7 - Type 'string' is not assignable to type 'number'.");
  assert.equal(failing.execution_count, 2);
  assert.deepEqual([after.execution_count, after.outputs], [null, []]);
});

test("a runtime throw rejects with the thrown message and the throwing line; later cells not run", async () => {
  const out = join(work, "runtime-error.ipynb");
  const err: unknown = await runNotebook(join(fixtures, "runtime-error.ipynb"), { outPath: out }).then(
    () => assert.fail("should have failed"),
    (e) => e,
  );
  assert.ok(err instanceof NotebookCellError, String(err));
  assert.equal(err.cell, 2);
  assert.equal(err.diagnostic.ename, "RangeError");
  assert.equal(err.diagnostic.evalue, "alpha = 0.7 is above 0.5");
  assert.equal(err.diagnostic.line, 2);
  assert.match(err.message, /cell 2, line 2 failed: RangeError: alpha = 0\.7 is above 0\.5/);
  assert.match(err.message, /at checkShare/);
  assert.doesNotMatch(err.message, /tslab[\\/]dist/, "tslab's own frames are dropped");

  const nb = checked(out);
  const [, failing, after] = code(nb);
  assert.equal((failing.outputs.at(-1) as ErrorOutput).ename, "RangeError");
  assert.deepEqual(after.outputs, []);
  assert.equal(after.execution_count, null);
});

test("parameters: -p overrides change the output; unknown names and wrong types fail", async () => {
  const input = join(fixtures, "parameters.ipynb");
  const out = join(work, "parameters.ipynb");
  await runNotebook(input, { outPath: out, parameters: { alpha: "0.6", label: "tuned" } });
  const nb = checked(out);
  const cells = code(nb);
  assert.deepEqual(cells[1].metadata.tags, ["injected-parameters"]);
  assert.equal(cells[1].source, '// Parameters injected by consensus-lab notebooks -p\nconst alpha: number = 0.6;\nconst label: string = "tuned";');
  // The widened types keep later code compiling (`alpha > 0.5` would not with the literal type 0.6).
  assert.equal(text(cells[2].outputs), "above half\ntuned: alpha=0.6 rounds=3 product=1.80\n");

  // Unknown name: refused before any kernel starts, naming the declared ones (CLI: exit 2).
  await assert.rejects(runNotebook(input, { outPath: out, parameters: { beta: "1" } }), (e: unknown) => {
    assert.ok(e instanceof NotebookParameterError);
    assert.match(e.message, /unknown parameter beta \(the parameters cell declares: alpha, label, rounds\)/);
    return true;
  });
  const cliRun = spawnSync(process.execPath, [cli, "notebooks", input, "--out", work, "-p", "beta=1"], { encoding: "utf8" });
  assert.equal(cliRun.status, 2);
  assert.match(cliRun.stderr, /unknown parameter beta \(the parameters cell declares: alpha, label, rounds\)/);

  // Wrong type: the injected cell fails to type-check.
  await assert.rejects(runNotebook(input, { outPath: out, parameters: { alpha: "high" } }), (e: unknown) => {
    assert.ok(e instanceof NotebookCellError);
    assert.equal(e.cell, 3, "the injected cell, right after the parameters cell");
    assert.match(e.message, /TSError: Type 'string' is not assignable to type 'number'/);
    assert.match(e.message, /const alpha: number = "high";/);
    return true;
  });
});

test("a 20,000-line print arrives complete, in order", async () => {
  const dir = mkdtempSync(join(work, "big-"));
  const nb: Notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      { id: "big", cell_type: "code", metadata: {}, source: 'for (let i = 0; i < 20000; i++) console.log("line " + i);', execution_count: null, outputs: [] },
      { id: "next", cell_type: "code", metadata: {}, source: 'console.log("next cell");', execution_count: null, outputs: [] },
    ],
  };
  const path = join(dir, "big.ipynb");
  writeFileSync(path, serializeNotebook(nb));
  await runNotebook(path);
  const [big, next] = code(read(path));
  const lines = text(big.outputs).split("\n");
  assert.equal(lines.pop(), "");
  assert.equal(lines.length, 20000);
  assert.ok(lines.every((l, i) => l === `line ${i}`));
  assert.equal(big.outputs.length, 1, "merged into one stream output");
  assert.equal(text(next.outputs), "next cell\n");
});

test("--timeout interrupts a cell that runs too long and stops the notebook", async () => {
  const dir = mkdtempSync(join(work, "slow-"));
  const nb: Notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      { id: "spin", cell_type: "code", metadata: {}, source: "while (true) {}", execution_count: null, outputs: [] },
      { id: "after", cell_type: "code", metadata: {}, source: 'console.log("after");', execution_count: null, outputs: [] },
    ],
  };
  const path = join(dir, "slow.ipynb");
  writeFileSync(path, serializeNotebook(nb));
  const started = Date.now();
  await assert.rejects(runNotebook(path, { cellTimeoutS: 1 }), (e: unknown) => {
    assert.ok(e instanceof NotebookCellError);
    assert.equal(e.diagnostic.ename, "TimeoutError");
    assert.match(e.message, /cell 1 failed: TimeoutError: the cell ran longer than 1 s/);
    return true;
  });
  assert.ok(Date.now() - started < 30_000);
  const [spin, after] = code(checked(path));
  assert.equal((spin.outputs.at(-1) as ErrorOutput).ename, "TimeoutError");
  assert.deepEqual(after.outputs, []);
});

// The runner writes notebook JSON exactly as Jupyter does (lib/notebook/nbformat.ts), so opening
// and saving an unchanged notebook in Jupyter changes no byte: every notebook git tracks, as our
// writer serializes it, goes through Debian's nbformat (the library Jupyter saves with:
// nbformat.reads then nbformat.writes) and must come back byte for byte. Floats are where
// JavaScript and Python disagree (0.000024922 vs 2.4922e-05), so a synthetic notebook full of
// awkward numbers goes through too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseNotebook, serializeNotebook, type Notebook } from "../../lib/notebook/nbformat";
import { needs, tools } from "./tools";

const root = resolve(__dirname, "..", "..", "..");

/** nbformat.writes(nbformat.reads(text)) as Jupyter's contents manager saves (plus its trailing newline). */
function jupyterResave(text: string): string {
  const script = "import sys, nbformat\nnb = nbformat.reads(sys.stdin.read(), as_version=4)\nsys.stdout.write(nbformat.writes(nb) + '\\n')";
  const run = spawnSync("/usr/bin/python3", ["-c", script], { input: text, encoding: "utf8", maxBuffer: 64 << 20 });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

function trackedNotebooks(): string[] {
  return execFileSync("git", ["ls-files", "--", "*.ipynb"], { cwd: root, encoding: "utf8" }).split("\n").filter(Boolean);
}

test("every tracked notebook, as the runner writes it, is saved unchanged by Jupyter's nbformat", (t) => {
  if (!needs(t, tools.nbformat)) return;
  const paths = trackedNotebooks();
  assert.ok(paths.some((p) => p.startsWith("notebooks/")), `git ls-files found no notebooks/*.ipynb: ${paths.join(", ")}`);
  for (const path of paths) {
    const ours = serializeNotebook(parseNotebook(readFileSync(join(root, path), "utf8"), path));
    const resaved = jupyterResave(ours);
    if (resaved !== ours) {
      const at = [...ours].findIndex((ch, i) => ch !== resaved[i]);
      assert.fail(`${path}: Jupyter's save changes our bytes at offset ${at}: ours ${JSON.stringify(ours.slice(at - 40, at + 40))} vs Jupyter ${JSON.stringify(resaved.slice(at - 40, at + 40))}`);
    }
  }
});

test("numbers are written as Python writes them back (floats by float.__repr__, integers as digits)", (t) => {
  if (!needs(t, tools.nbformat)) return;
  const numbers = [0.000024922, 1e-5, 0.0001, 0.00012345, 1.5, -2.5e-7, 1e21, 1.5e16, 1234567890123456.7, 0.1 + 0.2, 5e-324, 1.7976931348623157e308, -0.001, 3, -7, 0, 1e22, 12345.678, 1e16 + 2, 2 ** 53 + 1];
  const nb: Notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { numbers },
    cells: [{ id: "c1", cell_type: "code", metadata: {}, source: "x", execution_count: 1, outputs: [{ output_type: "display_data", data: { "application/json": { numbers }, "text/plain": "é ü – ∞ \u001b[0m" }, metadata: {} }] }],
  };
  const ours = serializeNotebook(nb);
  assert.equal(jupyterResave(ours), ours);
  assert.match(ours, /2\.4922e-05/);
});

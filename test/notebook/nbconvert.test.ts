// Real Jupyter runs a fixture notebook with the repo's kernelspec (test/notebook/nbconvert-check.sh).
// Needs Debian's packages: apt-get install --no-install-recommends jupyter-client jupyter-nbconvert
// (skipped without them on a developer machine, failed under CI=true: see tools.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { JUPYTER, needs, tools } from "./tools";

const root = resolve(__dirname, "..", "..", "..");

test("jupyter nbconvert --execute runs the basic fixture with the repo's tslab kernelspec", (t) => {
  if (!needs(t, tools.nbconvert, tools.kernelspec)) return;
  const run = spawnSync(join(root, "test", "notebook", "nbconvert-check.sh"), [], {
    encoding: "utf8",
    timeout: 300_000,
    env: { ...process.env, JUPYTER },
  });
  assert.equal(run.status, 0, `nbconvert-check.sh failed:\n${run.stdout}\n${run.stderr}`);
  assert.match(run.stdout, /nbconvert-check: ok/);
});

// Real Jupyter runs a fixture notebook with the repo's kernelspec (test/notebook/nbconvert-check.sh).
// Needs Debian's packages: apt-get install --no-install-recommends jupyter-client jupyter-nbconvert python3-ipykernel
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(__dirname, "..", "..", "..");
/** JUPYTER=/path/to/jupyter overrides (the script honours it too). */
const jupyter = process.env.JUPYTER ?? "/usr/bin/jupyter";

function skipReason(): string | undefined {
  if (!existsSync(jupyter)) return `${jupyter} not found (apt-get install jupyter-client jupyter-nbconvert python3-ipykernel)`;
  const probe = spawnSync(jupyter, ["nbconvert", "--version"], { stdio: "ignore", timeout: 60_000 });
  if (probe.status !== 0) return `${jupyter} nbconvert does not run (apt-get install jupyter-nbconvert)`;
  return undefined;
}

test("jupyter nbconvert --execute runs the basic fixture with the repo's tslab kernelspec", (t) => {
  const reason = skipReason();
  if (reason) {
    console.log(`# skipped: ${reason}`);
    t.skip(reason);
    return;
  }
  const run = spawnSync(join(root, "test", "notebook", "nbconvert-check.sh"), [], {
    encoding: "utf8",
    timeout: 300_000,
    env: { ...process.env, JUPYTER: jupyter },
  });
  assert.equal(run.status, 0, `nbconvert-check.sh failed:\n${run.stdout}\n${run.stderr}`);
  assert.match(run.stdout, /nbconvert-check: ok/);
});

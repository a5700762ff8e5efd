/**
 * The Slurm templates on a real one-node Slurm cluster (test/slurm/run-slurm-test.sh):
 * it installs slurm-wlm and munge, starts the daemons, runs a sharded sweep as a job
 * array plus a dependent merge job, and compares the merged files with a local run.
 * Runs with CONSENSUS_LAB_SLURM_TEST=1 or in CI (CI=true); it needs root and ~15 s.
 * On a developer's machine it skips, with its reason, where Slurm cannot be
 * installed or started; in CI the same reason is a failure, so a broken install
 * cannot pass as green.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../lib/sweep/code-hash";

const SCRIPT = join(PROJECT_ROOT, "test", "slurm", "run-slurm-test.sh");
const SKIPPED = 77;
const IN_CI = process.env.CI === "true";

test("a sweep sharded as a Slurm job array and merged by a dependent job equals the local run byte for byte", (t) => {
  if (process.env.CONSENSUS_LAB_SLURM_TEST !== "1" && !IN_CI) {
    const reason = "set CONSENSUS_LAB_SLURM_TEST=1 to run the Slurm test (needs root; installs slurm-wlm and munge)";
    console.log(`skipped: ${reason}`);
    t.skip(reason);
    return;
  }
  const r = spawnSync("bash", [SCRIPT], { encoding: "utf8", timeout: 600_000 });
  const output = `${r.stdout}\n${r.stderr}`;
  if (r.status === SKIPPED) {
    const reason = /SKIP: (.*)/.exec(output)?.[1] ?? "skipped by the script";
    if (IN_CI) assert.fail(`CI=true and the Slurm test could not run: ${reason}`);
    console.log(`skipped: ${reason}`);
    t.skip(reason);
    return;
  }
  for (const line of r.stdout.split("\n").filter((l) => l.startsWith("slurm:"))) console.log(line);
  assert.equal(r.status, 0, output);
  assert.match(r.stdout, /^PASS$/m);
});

/**
 * kill -9 a sweep (a child CLI process) at random moments, resume it each
 * time, and compare the finished files with an uninterrupted run. The random
 * moments come from a seed printed with the test, to replay a failure:
 * SWEEP_KILL_SEED=<seed> node --test dist/test/sweep/resume-kill.test.js
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { rngFor } from "../../lib/random/seed";
import { runSweep } from "../../lib/sweep/run-sweep";
import { busy } from "./fixtures/experiments";
import { FIXTURES, bytes, cli, exited, quiet, startCli, tempDir } from "./helpers";

const POINTS = 150;
const REPLICATES = 2;
const WORK = 2_400_000; // about 12 ms a unit: the whole sweep (~2 s on 2 workers) outlasts the longest random kill delay (900 ms)
const args = (dir: string) => ["sweep", "test-busy", "--x", `0:${POINTS}:1`, "--work", String(WORK), "--replicates", String(REPLICATES), "--seed", "8", "--workers", "2", "--dir", dir, "--progress", "none"];
const env = { CONSENSUS_LAB_EXPERIMENTS: FIXTURES };

function storedUnits(dir: string): number {
  const path = join(dir, "journal.jsonl");
  return existsSync(path) ? readFileSync(path, "utf8").split("\n").length - 2 : 0;
}

test("a sweep killed with SIGKILL at random moments resumes to exactly the uninterrupted result", async () => {
  const seed = Number(process.env.SWEEP_KILL_SEED ?? Date.now() % 1e9);
  console.log(`# kill moments from seed ${seed} (SWEEP_KILL_SEED=${seed} to replay)`);
  const rng = rngFor(["resume-kill-test", seed]).random;
  const data = tempDir();
  const whole = await runSweep(busy, { x: Array.from({ length: POINTS }, (_, i) => i), work: [WORK] }, { replicates: REPLICATES, seed: 8, workers: 1, dataDir: data, ...quiet });

  const dir = join(data, "killed");
  const history: string[] = [];
  let killedMidway = 0;
  // Rounds 0-2 kill after a random delay from the start (possibly before any work: also a moment);
  // rounds 3-5 wait until the journal grows, then kill after a further random delay (mid-work, mid-write).
  for (let round = 0; round < 6 && !existsSync(join(dir, "manifest.json")); round++) {
    const before = storedUnits(dir);
    const child = startCli(args(dir), env);
    const delayMs = Math.floor(rng() * (round < 3 ? 900 : 150));
    if (round >= 3) for (let waited = 0; storedUnits(dir) <= before && waited < 15_000 && child.exitCode === null; waited += 10) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, delayMs));
    child.kill("SIGKILL");
    const how = await exited(child);
    const after = storedUnits(dir);
    if (how === "SIGKILL" && after > before) killedMidway++;
    history.push(`round ${round} (+${delayMs} ms): ${how}, units stored ${before} -> ${after}`);
  }
  console.log(`# ${history.join("; ")}`);
  const last = cli(args(dir), env);
  assert.equal(last.status, 0, last.stderr);
  assert.ok(killedMidway >= 1, `no kill landed in the middle of the work: ${history.join("; ")}`);
  for (const f of ["rows.arrow", "summary.arrow"]) assert.ok(bytes(join(dir, f)).equals(bytes(join(whole.dir, f))), f);
  const m = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
  assert.equal(m.rows, POINTS * REPLICATES);
  assert.equal(existsSync(join(dir, "journal.jsonl")), false);
  assert.equal(existsSync(join(dir, "lock")), false);
});

test("SIGINT stops a sweep cleanly (exit 130, units stored), and the rerun finishes it", async () => {
  const data = tempDir();
  const dir = join(data, "interrupted");
  const child = startCli(args(dir), env);
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr += d));
  for (let waited = 0; storedUnits(dir) < 20 && waited < 10_000; waited += 25) await new Promise((r) => setTimeout(r, 25));
  child.kill("SIGINT");
  assert.equal(await exited(child), 130);
  assert.match(stderr, /interrupted: \d+ of 300 units are stored in .*; run the same sweep again to resume/);
  const stored = storedUnits(dir);
  assert.ok(stored >= 20 && stored < 300, `${stored} stored`);
  const rerun = cli(args(dir), env);
  assert.equal(rerun.status, 0, rerun.stderr);
  assert.match(rerun.stderr, new RegExp(`resuming test-busy [0-9a-f]+: ${stored} of 300 units already stored`));
});

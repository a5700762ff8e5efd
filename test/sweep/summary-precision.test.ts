/**
 * Precision targets (runSweep { precision }, CLI --precision): every point's
 * interval ends at most the target wide, or the point is at the cap and
 * reported; the same bytes with 1 and 2 workers; a rerun loads the stored
 * result, and a run stopped between rounds resumes from the rounds stored.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { selfishMining } from "../../lib/models/selfish-mining/experiment";
import { runSweep } from "../../lib/sweep/run-sweep";
import { tInterval } from "../../lib/stats/t-interval";
import { nextBatch, roundSeed } from "../../lib/sweep/precision-sweep";
import { cli, tempDir } from "./helpers";

const GRID = { alpha: [0.1, 0.3, 0.45], gamma: [0.5], blocks: [2000] };
const TARGET = 0.01;
const CAP = 48;

async function run(workers: number, dataDir: string, log: (line: string) => void = () => {}) {
  return runSweep(selfishMining, GRID, { replicates: 4, seed: 5, precision: { revenue: TARGET }, maxReplicates: CAP, workers, dataDir, progress: "none", log });
}

test("every point meets the half-width target or is at the cap and listed; the half-widths recomputed from the rows agree", async () => {
  const r = await run(1, tempDir());
  const p = r.precision!;
  assert.ok(p.rounds.length >= 2, "the target needs more than the first batch");
  const rows = r.rows.objects() as Array<Record<string, number>>;
  for (const [i, point] of r.points.entries()) {
    const values = rows.filter((x) => x.alpha === point.alpha).map((x) => x.revenue);
    const t = tInterval(values, 0.95); // independent of the summary code path
    const hw = (t.hi - t.lo) / 2;
    assert.equal(values.length, p.replicatesPerPoint[i]);
    const unmet = p.unmet.find((u) => u.point === i);
    if (unmet) {
      assert.equal(values.length, CAP, `alpha ${point.alpha} short of the target before the cap`);
      assert.ok(hw > TARGET);
    } else assert.ok(hw <= TARGET, `alpha ${point.alpha}: half-width ${hw} > ${TARGET} after ${values.length} replicates`);
  }
  // Rows of later rounds have new seeds (new draws), never a repeat of round 0's streams.
  const streams = new Set(rows.map((x) => String(x.stream)));
  assert.equal(streams.size, rows.length);
  assert.deepEqual([...new Set(rows.map((x) => x.seed))].slice(0, 2), [5, roundSeed(5, 1)]);
  assert.equal(r.manifest.precision?.targets.revenue, TARGET);
});

test("1 and 2 workers give the same rows.arrow, summary.arrow and precision report; a rerun is cached; a run stopped between rounds resumes", async () => {
  const a = await run(1, tempDir());
  const bDir = tempDir();
  const b = await run(2, bDir);
  for (const f of ["rows.arrow", "summary.arrow"]) assert.ok(readFileSync(join(a.dir, f)).equals(readFileSync(join(b.dir, f))), f);
  assert.deepEqual(a.precision, b.precision);
  const again = await run(2, bDir);
  assert.equal(again.cached, true);
  // Stopped after the rounds ran but before the combined files: the rounds load from their folders.
  rmSync(join(b.dir, "manifest.json"));
  const lines: string[] = [];
  const resumed = await run(2, bDir, (l) => lines.push(l));
  assert.ok(lines.filter((l) => l.startsWith("cached:")).length === a.precision!.rounds.length, lines.join("\n"));
  for (const f of ["rows.arrow", "summary.arrow"]) assert.ok(readFileSync(join(resumed.dir, f)).equals(readFileSync(join(a.dir, f))), f);
});

test("the next batch: enough for the widest short point by n (h / target)^2, at least the batch, at most doubling and the cap", () => {
  // n = 8 at half-width 0.02 for target 0.01 needs 8 x 4 = 32, i.e. 24 more, limited to doubling: 8.
  assert.equal(nextBatch([{ n: 8, halfWidth: { m: 0.02 } }], { m: 0.01 }, 8, 4, 100), 8);
  assert.equal(nextBatch([{ n: 32, halfWidth: { m: 0.011 } }], { m: 0.01 }, 32, 4, 100), 7); // ceil(32 x 1.21) = 39
  assert.equal(nextBatch([{ n: 32, halfWidth: { m: 0.0101 } }], { m: 0.01 }, 32, 4, 100), 4); // at least the batch
  assert.equal(nextBatch([{ n: 96, halfWidth: { m: 0.05 } }], { m: 0.01 }, 96, 4, 100), 4); // the cap
});

test("CLI: --precision revenue=H with --max-replicates; bad targets name the option, value and range", () => {
  const dir = tempDir();
  const ok = cli(["sweep", "selfish-mining", "--alpha", "0.3", "--gamma", "0.5", "--blocks", "2000", "--precision", "revenue=0.02", "--replicates", "4", "--max-replicates", "32", "--data-dir", dir, "--workers", "1", "--progress", "none"]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stderr, /precision revenue \+-0\.02 at 95%: \d+ rounds, \d+ to \d+ replicates per point; every point met every target/);
  const bad = cli(["sweep", "selfish-mining", "--alpha", "0.3", "--precision", "revenue=-1", "--data-dir", dir]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /invalid precision revenue: "?-1"? \(allowed: a half-width > 0/);
  const unknown = cli(["sweep", "selfish-mining", "--alpha", "0.3", "--blocks", "100", "--precision", "revnue=0.1", "--replicates", "2", "--data-dir", dir, "--workers", "1", "--progress", "none"]);
  assert.equal(unknown.status, 2, unknown.stderr);
  assert.match(unknown.stderr, /invalid precision: "?revnue"? \(allowed: a numeric output of the experiment \(.*revenue/);
});

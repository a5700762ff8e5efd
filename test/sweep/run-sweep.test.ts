import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { selfishMining } from "../../lib/models/selfish-mining/experiment";
import { runPoint } from "../../lib/sweep/run-point";
import { runSweep } from "../../lib/sweep/run-sweep";
import { sweep } from "../../lib/sweep/sweep";
import { loadSweep, openSweep } from "../../lib/sweep/load";
import { flaky } from "./fixtures/experiments";
import { FIXTURES, bytes, quiet, tempDir } from "./helpers";

const grid = { alpha: [0.1, 0.25, 0.4], gamma: [0, 0.5], blocks: [3000] };

test("1 and 2 workers write byte-identical rows and summary, equal to the in-thread sweep()", async () => {
  const data = tempDir();
  const one = await runSweep(selfishMining, grid, { replicates: 4, seed: 9, workers: 1, dataDir: join(data, "w1"), ...quiet });
  const two = await runSweep(selfishMining, grid, { replicates: 4, seed: 9, workers: 2, dataDir: join(data, "w2"), ...quiet });
  assert.equal(one.id, two.id);
  assert.equal(two.manifest.timings.workers, 2);
  for (const f of ["rows.arrow", "summary.arrow"]) assert.ok(bytes(join(one.dir, f)).equals(bytes(join(two.dir, f))), f);
  const reference = sweep(selfishMining, grid, { replicates: 4, seed: 9 });
  assert.deepEqual(two.rows.objects(), reference.rows.objects());
  assert.equal(two.summary.numRows(), 6);
  assert.deepEqual(two.summary.array("revenue_mean"), reference.summary.array("revenue_mean"));
});

test("the folder holds manifest, rows and summary; no journal is left; loadSweep reads it back in one call", async () => {
  const data = tempDir();
  const r = await runSweep(selfishMining, grid, { replicates: 2, seed: 3, workers: 2, dataDir: data, ...quiet });
  assert.equal(r.dir, join(data, "sweeps", "selfish-mining", r.id));
  assert.deepEqual(readdirSync(r.dir).sort(), ["manifest.json", "rows.arrow", "rows.parquet", "summary.arrow", "summary.parquet"]);
  const m = JSON.parse(readFileSync(join(r.dir, "manifest.json"), "utf8"));
  assert.equal(m.status, "complete");
  assert.equal(m.experiment.name, "selfish-mining");
  assert.equal(m.seed, 3);
  assert.equal(m.replicates, 2);
  assert.equal(m.units, 12);
  assert.equal(m.points.length, 6);
  assert.match(m.code.hash, /^[0-9a-f]{64}$/);
  assert.ok(m.code.files.some((f: { file: string }) => f.file.endsWith("selfish-mining/simulate.js")));
  assert.match(m.library.version, /^\d+\.\d+\.\d+/);
  assert.ok(m.timings.elapsedS >= 0 && m.timings.unitsRun === 12);
  assert.equal(m.files.rows.bytes, bytes(join(r.dir, "rows.arrow")).length);
  // Arrow IPC file format: magic "ARROW1" at both ends (Apache Arrow columnar format spec, "IPC File Format").
  const b = bytes(join(r.dir, "rows.arrow"));
  assert.equal(b.subarray(0, 6).toString(), "ARROW1");
  assert.equal(b.subarray(b.length - 6).toString(), "ARROW1");
  assert.deepEqual(loadSweep(r.id, { dataDir: data }).objects(), r.rows.objects());
  assert.deepEqual(loadSweep(`selfish-mining/${r.id.slice(0, 8)}`, { dataDir: data }).objects(), r.rows.objects());
  assert.deepEqual(loadSweep(r.dir, { table: "summary" }).objects(), r.summary.objects());
  assert.deepEqual(loadSweep(join(r.dir, "rows.arrow")).objects(), r.rows.objects());
  assert.equal(openSweep(r.dir).manifest.id, r.id);
});

test("column types are fixed by what a column is: integer parameters int64, replicate int32, outputs float64/bool/utf8", async () => {
  const data = tempDir();
  const r = await runSweep(flaky, { x: [1, 2] }, { replicates: 2, workers: 1, dataDir: data, ...quiet });
  const types = Object.fromEntries(r.manifest.columns.map((c) => [c.name, c.type]));
  assert.deepEqual(types, { x: "int64", failAt: "int64", replicate: "int32", seed: "int64", stream: "utf8", y: "float64", u: "float64", odd: "bool", label: "utf8" });
  assert.deepEqual(r.rows.array("odd"), [true, true, false, false]);
  const summaryNames = r.summary.columnNames();
  assert.ok(summaryNames.includes("y_mean") && summaryNames.includes("n") && !summaryNames.includes("odd_mean"));
});

test("an identical rerun is a cache hit, says so and is fast; cache: false recomputes the same bytes", async () => {
  const data = tempDir();
  const first = await runSweep(selfishMining, grid, { replicates: 3, workers: 1, dataDir: data, ...quiet });
  const lines: string[] = [];
  const t0 = performance.now();
  const again = await runSweep(selfishMining, grid, { replicates: 3, workers: 2, dataDir: data, progress: "none", log: (l) => lines.push(l) });
  const ms = performance.now() - t0;
  assert.equal(again.cached, true);
  assert.equal(first.cached, false);
  assert.match(lines.join("\n"), /^cached: selfish-mining [0-9a-f]{16}: 18 rows loaded/);
  assert.ok(ms < 500, `cache hit took ${ms} ms`);
  assert.deepEqual(again.rows.objects(), first.rows.objects());
  const before = bytes(join(first.dir, "rows.arrow"));
  const fresh = await runSweep(selfishMining, grid, { replicates: 3, workers: 2, dataDir: data, cache: false, ...quiet });
  assert.equal(fresh.cached, false);
  assert.ok(bytes(join(fresh.dir, "rows.arrow")).equals(before));
  // A different seed, replicate count or point is another sweep.
  const other = await runSweep(selfishMining, grid, { replicates: 3, seed: 2, workers: 1, dataDir: data, ...quiet });
  assert.notEqual(other.id, first.id);
  assert.equal(other.cached, false);
});

test("defaults given explicitly or left out name the same sweep", async () => {
  const data = tempDir();
  const a = await runSweep(selfishMining, { alpha: [0.2], blocks: [100] }, { workers: 1, dataDir: data, ...quiet });
  const b = await runSweep(selfishMining, { alpha: [0.2], gamma: [0.5], blocks: [100] }, { workers: 1, dataDir: data, ...quiet });
  assert.equal(a.id, b.id);
  assert.equal(b.cached, true);
});

test("bad input fails before any work, with a message naming the problem", async () => {
  const data = tempDir();
  const run = (g: unknown, o: Record<string, unknown> = {}) => runSweep(selfishMining, g as never, { workers: 1, dataDir: data, ...quiet, ...o });
  await assert.rejects(run({ alpha: [0.2, 0.6] }), /invalid alpha: 0.6 \(allowed: a number, 0 <= alpha < 0.5\) at grid point 1/);
  await assert.rejects(run({ alfa: [0.2] }), /unknown parameter/);
  await assert.rejects(run([]), /no points/);
  await assert.rejects(run({ alpha: [] }), /invalid grid axis alpha/);
  await assert.rejects(run({ alpha: 0.2 }), /invalid grid axis alpha: 0.2/);
  await assert.rejects(run(null), /invalid grid: null/);
  await assert.rejects(run([{ alpha: 0.2 }, 7]), /invalid grid point 1: 7/);
  await assert.rejects(run({ alpha: ["0.2"] }), /invalid alpha: "0.2"/);
  await assert.rejects(run({ blocks: [1.5] }), /invalid blocks: 1.5 \(allowed: an integer/);
  await assert.rejects(run({ alpha: [0.2, 0.2] }), /repeats point 0/);
  await assert.rejects(run({ alpha: [0.2] }, { replicates: 0 }), /invalid replicates: 0/);
  await assert.rejects(run({ alpha: [0.2] }, { seed: -1 }), /invalid seed: -1/);
  await assert.rejects(run({ alpha: [0.2] }, { workers: 0 }), /invalid workers: 0/);
  await assert.rejects(run({ alpha: [0.2] }, { shard: "2/2" }), /invalid shard: "2\/2"/);
  await assert.rejects(run({ alpha: [0.2] }, { shard: "a/b" }), /invalid shard/);
  assert.equal(existsSync(join(data, "sweeps")), false, "nothing was written");
});

test("a unit that throws is recorded with parameters, seed and a replay command; the others finish", async () => {
  const data = tempDir();
  const g = { x: [1, 2, 3, 4], failAt: [3] };
  const r = await runSweep(flaky, g, { replicates: 2, seed: 5, workers: 2, dataDir: data, experimentModules: [FIXTURES], ...quiet });
  assert.equal(r.complete, false);
  assert.equal(r.manifest.status, "incomplete");
  assert.equal(r.rows.numRows(), 6);
  assert.deepEqual(r.rows.array("x"), [1, 1, 2, 2, 4, 4]);
  assert.equal(r.errors.length, 2);
  const e = r.errors[0];
  assert.deepEqual({ unit: e.unit, point: e.point, replicate: e.replicate, seed: e.seed, name: e.name, message: e.message }, {
    unit: 4, point: { x: 3, failAt: 3 }, replicate: 0, seed: 5, name: "Error", message: "fixture failure at x=3",
  });
  assert.equal(e.replay, `CONSENSUS_LAB_EXPERIMENTS=${FIXTURES} consensus-lab run test-flaky --x 3 --failAt 3 --seed 5 --replicate 0`);
  assert.ok(existsSync(join(r.dir, "errors.json")) && existsSync(join(r.dir, "journal.jsonl")));
  // The replay command's parameters reproduce the failure.
  const words = e.replay.split(" ");
  const arg = (name: string) => Number(words[words.indexOf(`--${name}`) + 1]);
  assert.throws(() => runPoint(flaky, { x: arg("x"), failAt: arg("failAt") }, arg("seed"), arg("replicate")), /fixture failure at x=3/);
  // Rows that did succeed equal a sweep without the failing point.
  const ok = await runSweep(flaky, { x: [1, 2, 4], failAt: [3] }, { replicates: 2, seed: 5, workers: 1, dataDir: data, ...quiet });
  assert.deepEqual(r.rows.objects(), ok.rows.objects());
});

test("an experiment defined outside the registry and modules still runs (in this thread)", async () => {
  const data = tempDir();
  const local = { ...flaky, name: "test-local" };
  const lines: string[] = [];
  const r = await runSweep(local, { x: [1, 2] }, { workers: 2, dataDir: data, progress: "none", log: (l) => lines.push(l) });
  assert.equal(r.rows.numRows(), 2);
  assert.match(lines.join("\n"), /runs in this thread/);
});

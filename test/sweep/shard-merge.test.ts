import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { selfishMining } from "../../lib/models/selfish-mining/experiment";
import { mergeShards } from "../../lib/sweep/merge";
import { runSweep } from "../../lib/sweep/run-sweep";
import { parseShard, shardUnits } from "../../lib/sweep/shard";
import { flaky } from "./fixtures/experiments";
import { FIXTURES, bytes, quiet, tempDir } from "./helpers";

const grid = { alpha: [0.05, 0.15, 0.3, 0.45], gamma: [0, 1], blocks: [2000] };
const options = { replicates: 3, seed: 17, ...quiet };

test("shards slice units by index modulo n and together cover each unit once", () => {
  assert.deepEqual(Array.from(shardUnits(10, parseShard("1/3"))), [1, 4, 7]);
  assert.deepEqual(Array.from(shardUnits(10, parseShard("0/1"))), Array.from({ length: 10 }, (_, i) => i));
  assert.deepEqual(Array.from(shardUnits(2, parseShard("3/4"))), []);
  for (const n of [1, 2, 3, 7]) {
    const all = Array.from({ length: n }, (_, i) => Array.from(shardUnits(20, { index: i, count: n }))).flat().sort((a, b) => a - b);
    assert.deepEqual(all, Array.from({ length: 20 }, (_, i) => i));
  }
  assert.throws(() => parseShard("3/3"), /invalid shard/);
  assert.throws(() => parseShard("-1/3"), /invalid shard/);
  assert.throws(() => parseShard("1/0"), /invalid shard/);
});

test("merged shards equal the single-machine run byte for byte, for several layouts and worker counts", async () => {
  const data = tempDir();
  const single = await runSweep(selfishMining, grid, { ...options, workers: 1, dataDir: join(data, "single") });
  const layouts: Array<{ shards: string[]; workers: number }> = [
    { shards: ["0/1"], workers: 2 },
    { shards: ["0/2", "1/2"], workers: 1 },
    { shards: ["2/3", "0/3", "1/3"], workers: 2 },
    { shards: ["0/2", "1/4", "3/4"], workers: 1 }, // mixed layouts that still cover every unit once
    { shards: ["0/30", ...Array.from({ length: 29 }, (_, i) => `${i + 1}/30`)], workers: 1 }, // more shards than some need (24 units)
  ];
  for (const [k, layout] of layouts.entries()) {
    const dir = join(data, `layout-${k}`);
    for (const shard of layout.shards) await runSweep(selfishMining, grid, { ...options, workers: layout.workers, shard, dir });
    const merged = mergeShards([dir]);
    assert.equal(merged.dir, dir);
    assert.equal(merged.manifest.id, single.id);
    assert.equal(merged.manifest.status, "complete");
    assert.equal(merged.manifest.mergedFrom?.length, layout.shards.length);
    for (const f of ["rows.arrow", "summary.arrow"]) assert.ok(bytes(join(dir, f)).equals(bytes(join(single.dir, f))), `${f}, shards ${layout.shards.join(" ")}`);
  }
});

test("the default shard folder is below the sweep's folder, and merge writes the sweep's folder (a later full run is a cache hit)", async () => {
  const data = tempDir();
  const a = await runSweep(selfishMining, grid, { ...options, workers: 1, shard: "0/2", dataDir: data });
  await runSweep(selfishMining, grid, { ...options, workers: 1, shard: "1/2", dataDir: data });
  assert.equal(a.dir, join(data, "sweeps", "selfish-mining", a.id, "shard-0-of-2"));
  const merged = mergeShards([join(a.dir, "..")]);
  assert.equal(merged.dir, join(data, "sweeps", "selfish-mining", a.id));
  const full = await runSweep(selfishMining, grid, { ...options, workers: 2, dataDir: data });
  assert.equal(full.cached, true);
});

test("merge refuses missing, overlapping, unfinished and foreign shards", async () => {
  const data = tempDir();
  const run = (shard: string, dir: string, o: Record<string, unknown> = {}) => runSweep(selfishMining, grid, { ...options, workers: 1, shard, dir: join(data, dir), ...o });
  await run("0/3", "a");
  await run("1/3", "a");
  assert.throws(() => mergeShards([join(data, "a")], { out: join(data, "out") }), /8 of 24 units are in no shard, first unit 2 \(absent: shard 2\/3\)/);
  await run("0/2", "b");
  assert.throws(() => mergeShards([join(data, "a"), join(data, "b")], { out: join(data, "out") }), /unit 0 is in both .*shard-0-of-3 and .*shard-0-of-2/);
  await run("2/3", "c", { seed: 18 });
  assert.throws(() => mergeShards([join(data, "a"), join(data, "c")], { out: join(data, "out") }), /belongs to sweep [0-9a-f]+.*seeds differ/);
  assert.throws(() => mergeShards([join(data, "nowhere")]), /no such file or folder/);
  mkdirSync(join(data, "a", "shard-2-of-3"));
  writeFileSync(join(data, "a", "shard-2-of-3", "journal.jsonl"), "");
  assert.throws(() => mergeShards([join(data, "a")], { out: join(data, "out") }), /shard-2-of-3 has no manifest.json: that shard has not finished/);
});

test("failed units travel through shards: the merged errors and rows equal the single run's", async () => {
  const data = tempDir();
  const g = { x: [0, 1, 2, 3, 4, 5], failAt: [4] };
  const o = { replicates: 2, seed: 1, experimentModules: [FIXTURES], ...quiet };
  const single = await runSweep(flaky, g, { ...o, workers: 2, dataDir: join(data, "single") });
  for (const shard of ["0/3", "1/3", "2/3"]) await runSweep(flaky, g, { ...o, workers: 1, shard, dir: join(data, "sharded") });
  const merged = mergeShards([join(data, "sharded")]);
  assert.equal(merged.manifest.status, "incomplete");
  assert.equal(merged.manifest.errors, 2);
  for (const f of ["rows.arrow", "summary.arrow", "errors.json"]) assert.ok(bytes(join(merged.dir, f)).equals(bytes(join(single.dir, f))), f);
});

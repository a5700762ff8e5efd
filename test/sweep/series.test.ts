import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { defineExperiment } from "../../lib/experiment/experiment";
import { int } from "../../lib/experiment/params";
import { loadSweep, openSweep } from "../../lib/sweep/load";
import { mergeShards } from "../../lib/sweep/merge";
import { SERIES } from "../../lib/sweep/manifest";
import { runPoint, runPointOutput } from "../../lib/sweep/run-point";
import { runSweep } from "../../lib/sweep/run-sweep";
import { sweep } from "../../lib/sweep/sweep";
import type { ProgressReporter } from "../../lib/sweep/progress";
import { walk } from "./fixtures/series-experiments";
import { quiet, tempDir } from "./helpers";

const MODULE = resolve(__dirname, "fixtures", "series-experiments.js");

/** The walk recomputed from its series: each position is the previous one +-1, ending at the row's end. */
function checkWalk(row: Record<string, unknown>, step: ArrayLike<number>, position: ArrayLike<number>, steps: number) {
  assert.equal(step.length, steps);
  let x = 0;
  for (let i = 0; i < steps; i++) {
    assert.equal(step[i], i + 1);
    assert.equal(Math.abs(position[i] - x), 1, `step ${i + 1} moves by one`);
    x = position[i];
  }
  assert.equal(row.end, x);
}

test("runPointOutput returns the row and the series; runPoint the same row; plain rows have no series", () => {
  const { row, series } = runPointOutput(walk, { steps: 30 }, 5, 2);
  assert.deepEqual(Object.keys(series), ["walk", "hits"]);
  checkWalk(row, series.walk.step, series.walk.position, 30);
  assert.equal(row.crossings, series.hits.step.length);
  assert.deepEqual(runPoint(walk, { steps: 30 }, 5, 2), row);
  assert.equal(row.steps, 30);
  const plain = defineExperiment({ name: "test-plain", title: "t", reference: "t", source: __filename, params: { k: int({ default: 1, unit: "", min: 0, max: 9, doc: "k" }) }, run: ({ k }) => ({ y: k }) });
  assert.deepEqual(runPointOutput(plain, {}, 1, 0).series, {});
});

test("series with unequal columns or a reserved column name fail the unit with a message naming them", () => {
  const bad = (series: Record<string, Record<string, number[]>>) =>
    defineExperiment({ name: "test-bad-series", title: "t", reference: "t", source: __filename, params: {}, run: () => ({ row: { y: 1 }, series }) });
  assert.throws(() => runPointOutput(bad({ s: { a: [1, 2], b: [1] } }), {}, 1, 0), /series s has columns of unequal length \(b: 1, others: 2\)/);
  assert.throws(() => runPointOutput(bad({ s: { point: [1] } }), {}, 1, 0), /column named point \(reserved: point, replicate, series\)/);
});

test("sweep() returns every unit's series as a table: point index, replicate, that series' columns, in plan order", () => {
  const result = sweep(walk, { steps: [5, 8] }, { replicates: 3, seed: 11 });
  assert.deepEqual(result.seriesNames, ["walk", "hits"]);
  const t = result.series("walk");
  assert.deepEqual(t.columnNames(), ["point", "replicate", "step", "position"]);
  assert.equal(t.numRows(), 3 * 5 + 3 * 8);
  const rows = result.rows.objects() as Record<string, unknown>[];
  const point = t.array("point") as ArrayLike<number>;
  const replicate = t.array("replicate") as ArrayLike<number>;
  let at = 0;
  for (const [p, steps] of [[0, 5], [1, 8]]) {
    for (let r = 0; r < 3; r++) {
      const idx = Array.from({ length: steps }, (_, i) => at + i);
      assert.ok(idx.every((i) => point[i] === p && replicate[i] === r), `point ${p} replicate ${r} in plan order`);
      const step = idx.map((i) => (t.array("step") as ArrayLike<number>)[i]);
      const position = idx.map((i) => (t.array("position") as ArrayLike<number>)[i]);
      checkWalk(rows[p * 3 + r], step, position, steps);
      at += steps;
    }
  }
  assert.deepEqual(result.series("hits").columnNames(), ["point", "replicate", "step"]);
  assert.throws(() => result.series("nope"), /unknown series: "nope" \(known: walk, hits\)/);
});

test("runSweep stores series.arrow (1 and 2 workers byte-identical, equal to sweep()), loadSweep and openSweep return them", async () => {
  const dir = tempDir();
  const grid = { steps: [6, 9, 12] };
  const one = await runSweep(walk, grid, { replicates: 4, seed: 3, workers: 1, dir: join(dir, "w1"), experimentModules: [MODULE], ...quiet });
  const two = await runSweep(walk, grid, { replicates: 4, seed: 3, workers: 2, dir: join(dir, "w2"), experimentModules: [MODULE], ...quiet });
  assert.equal(two.manifest.timings.workers, 2, "the second run used two worker threads");
  const a = readFileSync(join(one.dir, SERIES));
  const b = readFileSync(join(two.dir, SERIES));
  assert.ok(a.length > 0 && a.equals(b), "series.arrow is byte-identical for 1 and 2 workers");
  assert.deepEqual(one.manifest.series, { walk: ["step", "position"], hits: ["step"] });
  assert.equal(one.manifest.files.series?.path, SERIES);
  const inThread = sweep(walk, grid, { replicates: 4, seed: 3 });
  assert.deepEqual(one.series("walk").objects(), inThread.series("walk").objects());
  assert.deepEqual(two.series("hits").objects(), inThread.series("hits").objects());
  const stored = openSweep(one.dir);
  assert.deepEqual(stored.seriesNames, ["walk", "hits"]);
  assert.deepEqual(stored.series("walk").objects(), inThread.series("walk").objects());
  assert.deepEqual(loadSweep(one.dir, { table: "series", series: "hits" }).objects(), inThread.series("hits").objects());
  const cached = await runSweep(walk, grid, { replicates: 4, seed: 3, workers: 1, dir: join(dir, "w1"), experimentModules: [MODULE], ...quiet });
  assert.ok(cached.cached);
  assert.deepEqual(cached.series("walk").objects(), inThread.series("walk").objects());
});

test("a sweep interrupted after some batches resumes with every series, byte-identical to an uninterrupted run", async () => {
  const dir = tempDir();
  const grid = { steps: [10, 20, 30, 40], spin: [3_000_000] }; // ~15 ms a unit, so batches stay small and the abort lands part-way
  const full = await runSweep(walk, grid, { replicates: 5, seed: 9, workers: 1, dir: join(dir, "full"), experimentModules: [MODULE], ...quiet });
  const controller = new AbortController();
  let seen = 0;
  const stopper: ProgressReporter = {
    start() {},
    update(done) {
      seen = done;
      if (done >= 3) controller.abort();
    },
    finish() {},
  };
  await assert.rejects(
    runSweep(walk, grid, { replicates: 5, seed: 9, workers: 1, dir: join(dir, "cut"), experimentModules: [MODULE], progress: stopper, log: () => {}, signal: controller.signal }),
    /interrupted/,
  );
  assert.ok(seen >= 3 && seen < 20, `stopped part-way (${seen} of 20 units)`);
  assert.ok(!existsSync(join(dir, "cut", SERIES)), "nothing final was written before the resume");
  const resumed = await runSweep(walk, grid, { replicates: 5, seed: 9, workers: 2, dir: join(dir, "cut"), experimentModules: [MODULE], ...quiet });
  assert.ok(resumed.manifest.timings.unitsResumed >= 3, "units from before the interruption were reused");
  assert.ok(readFileSync(join(full.dir, SERIES)).equals(readFileSync(join(resumed.dir, SERIES))), "series.arrow equal after resume");
});

test("an experiment without series writes no series file and its manifest has no series entry", async () => {
  const dir = tempDir();
  const plain = defineExperiment({ name: "test-plain-rows", title: "t", reference: "t", source: __filename, params: { k: int({ default: 1, unit: "", min: 0, max: 9, doc: "k" }) }, run: ({ k }, rng) => ({ y: k + rng.random() }) });
  const result = await runSweep(plain, { k: [1, 2] }, { replicates: 2, workers: 1, dir, ...quiet });
  assert.ok(!existsSync(join(dir, SERIES)));
  assert.equal(result.manifest.series, undefined);
  assert.equal(result.manifest.files.series, undefined);
  assert.deepEqual(result.seriesNames, []);
  assert.throws(() => result.series("x"), /unknown series: "x" \(known: none/);
});

test("shards keep their series and merge gives a series.arrow byte-identical to a single-machine run", async () => {
  const dir = tempDir();
  const grid = { steps: [3, 7, 11] };
  const whole = await runSweep(walk, grid, { replicates: 3, seed: 21, workers: 1, dir: join(dir, "whole"), experimentModules: [MODULE], ...quiet });
  for (const shard of ["0/2", "1/2"]) await runSweep(walk, grid, { replicates: 3, seed: 21, workers: 1, shard, dir: join(dir, "sharded"), experimentModules: [MODULE], ...quiet });
  const merged = mergeShards([join(dir, "sharded")]);
  assert.ok(readFileSync(join(whole.dir, SERIES)).equals(readFileSync(join(merged.dir, SERIES))), "merged series.arrow equals the single-machine one");
  assert.deepEqual(merged.manifest.series, whole.manifest.series);
  assert.deepEqual(openSweep(merged.dir).series("walk").objects(), whole.series("walk").objects());
});

test("runSweep takes a preset under every point, with the same rows as the parameters given by hand", async () => {
  const dir = tempDir();
  const withPresets = defineExperiment({
    name: "test-walk-presets",
    title: "t",
    reference: "t",
    source: __filename,
    params: walk.params,
    presets: { long: { doc: "a long walk", params: { steps: 50 } } },
    run: walk.run,
  });
  const viaPreset = await runSweep(withPresets, { spin: [0, 1] }, { preset: "long", replicates: 2, workers: 1, dir: join(dir, "a"), ...quiet });
  const byHand = await runSweep(withPresets, { spin: [0, 1], steps: [50] }, { replicates: 2, workers: 1, dir: join(dir, "b"), ...quiet });
  assert.equal(viaPreset.id, byHand.id, "the same resolved points name the same sweep");
  assert.deepEqual(viaPreset.rows.objects(), byHand.rows.objects());
  await assert.rejects(runSweep(withPresets, { spin: [0] }, { preset: "short", workers: 1, dir: join(dir, "c"), ...quiet }), /invalid preset: "short" \(allowed: one of long\)/);
});

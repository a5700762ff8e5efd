import { test } from "node:test";
import assert from "node:assert/strict";
import { selfishMining } from "../../lib/models/selfish-mining/experiment";
import { runPoint } from "../../lib/sweep/run-point";
import { sweep } from "../../lib/sweep/sweep";

const grid = { alpha: [0.2, 0.4], gamma: [0, 1], blocks: [5000] };

test("a sweep has one row per replicate with parameters, seed and stream, and a summary per point", () => {
  const result = sweep(selfishMining, grid, { replicates: 3, seed: 5 });
  assert.equal(result.rows.numRows(), 12);
  assert.equal(result.summary.numRows(), 4);
  const row = result.rows.object(0) as Record<string, unknown>;
  for (const key of ["alpha", "gamma", "blocks", "replicate", "seed", "stream", "revenue", "revenueTheory"]) assert.ok(key in row, key);
  const s = result.summary.object(0) as Record<string, number>;
  assert.equal(s.n, 3);
  assert.ok(s.revenue_lo < s.revenue_mean && s.revenue_mean < s.revenue_hi);
});

test("same seed gives identical rows, whatever the order; another seed differs", () => {
  const a = sweep(selfishMining, grid, { replicates: 2, seed: 11 }).rows.toCSV();
  const b = sweep(selfishMining, grid, { replicates: 2, seed: 11 }).rows.toCSV();
  assert.equal(a, b);
  const reversed = sweep(selfishMining, [...[{ alpha: 0.4, gamma: 1, blocks: 5000 }], { alpha: 0.2, gamma: 0, blocks: 5000 }], { replicates: 2, seed: 11 });
  const rowsA = sweep(selfishMining, grid, { replicates: 2, seed: 11 }).rows.objects() as Record<string, unknown>[];
  const last = rowsA.find((r) => r.alpha === 0.4 && r.gamma === 1 && r.replicate === 1);
  assert.deepEqual(reversed.rows.object(1), last);
  assert.notEqual(sweep(selfishMining, grid, { replicates: 2, seed: 12 }).rows.toCSV(), a);
});

test("any row can be rerun alone from its parameters, seed and replicate", () => {
  const rows = sweep(selfishMining, grid, { replicates: 2, seed: 3 }).rows.objects() as Record<string, number>[];
  const r = rows[5];
  assert.deepEqual(runPoint(selfishMining, { alpha: r.alpha, gamma: r.gamma, blocks: r.blocks }, 3, r.replicate), r);
});

test("bad grids fail before any work", () => {
  let ran = 0;
  const progress = () => ran++;
  assert.throws(() => sweep(selfishMining, { alpha: [0.2, 0.6] }, { onProgress: progress }), /invalid alpha: 0.6/);
  assert.throws(() => sweep(selfishMining, { alfa: [0.2] }, { onProgress: progress }), /unknown parameter/);
  assert.throws(() => sweep(selfishMining, [], { onProgress: progress }), /no points/);
  assert.throws(() => sweep(selfishMining, grid, { replicates: 0 }), /invalid replicates: 0/);
  assert.throws(() => sweep(selfishMining, grid, { seed: -1 }), /invalid seed: -1/);
  assert.equal(ran, 0);
});

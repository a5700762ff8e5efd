/**
 * The one sweep summary: the same columns and values from sweep(), runSweep(),
 * loadSweep() and a merge; counts of valid values; Student-t intervals at the
 * chosen level, named in the manifest; proportions pooled with a Wilson
 * interval. Expected numbers are computed by hand from published quantiles
 * (t_{0.975,1} = 12.706, t_{0.975,2} = 4.303: Abramowitz & Stegun 1964, Table 26.10).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import * as aq from "arquero";
import { defineExperiment } from "../../lib/experiment/experiment";
import { int } from "../../lib/experiment/params";
import { doubleSpend } from "../../lib/models/finality/double-spend-experiment";
import { selfishMining } from "../../lib/models/selfish-mining/experiment";
import { loadSweep } from "../../lib/sweep/load";
import { runSweep } from "../../lib/sweep/run-sweep";
import { intervalCaption, measureColumns, summarize } from "../../lib/sweep/summary";
import { sweep } from "../../lib/sweep/sweep";
import { wilsonInterval } from "../../lib/stats/wilson";
import { tempDir } from "./helpers";

/** y is null at x = 0 (so the sweep's first row has a null y) and x + u elsewhere; k = x exactly. */
const gappy = defineExperiment({
  name: "test-gappy",
  title: "test fixture: an output that is null in the first replicate",
  reference: "test fixture",
  source: __filename,
  params: { x: int({ default: 0, unit: "", min: 0, max: 10, doc: "point" }) },
  run({ x }, rng) {
    const u = rng.random();
    return { y: x === 0 ? null : x + u, k: x };
  },
});

test("by hand: 2 valid of 4 values give n = 2, se = sd / sqrt(2) and the t-interval with 1 df", () => {
  const table = aq.from([
    { p: 1, v: 1 },
    { p: 1, v: null },
    { p: 1, v: 3 },
    { p: 1, v: null },
  ]);
  const [s] = summarize(table, ["p"], ["v"]).objects() as Array<Record<string, number>>;
  assert.equal(s.n, 4); // rows at the point
  assert.equal(s.v_n, 2); // valid values
  assert.equal(s.v_mean, 2);
  assert.ok(Math.abs(s.v_sd - Math.SQRT2) < 1e-12);
  assert.ok(Math.abs(s.v_se - 1) < 1e-12, `se ${s.v_se}: sd / sqrt(2) = 1, not sd / 2`);
  assert.ok(Math.abs(s.v_hi - 2 - 12.706) < 1e-3 && Math.abs(2 - s.v_lo - 12.706) < 1e-3, `[${s.v_lo}, ${s.v_hi}]`);
});

test("a null in the first row does not drop the measure; sweep() and runSweep() summarize the same columns", async () => {
  const rowsWithGap = aq.from([
    { x: 0, replicate: 0, seed: 1, stream: "a", y: null, label: "a" },
    { x: 0, replicate: 1, seed: 1, stream: "b", y: 2, label: "b" },
    { x: 0, replicate: 2, seed: 1, stream: "c", y: 4, label: "c" },
  ]);
  assert.deepEqual(measureColumns(rowsWithGap, ["x", "replicate", "seed", "stream"]), ["y"]);
  const local = sweep(gappy, { x: [0, 1] }, { replicates: 3, seed: 1 });
  const stored = await runSweep(gappy, { x: [0, 1] }, { replicates: 3, seed: 1, workers: 1, dataDir: tempDir(), progress: "none", log: () => {} });
  assert.ok(local.summary.columnNames().includes("y_n"), local.summary.columnNames().join(","));
  assert.deepEqual(stored.summary.columnNames(), local.summary.columnNames());
  assert.deepEqual(stored.summary.array("k_mean"), local.summary.array("k_mean"));
  assert.deepEqual(stored.summary.array("y_n"), [0, 3]);
  assert.deepEqual(stored.summary.array("y_mean"), local.summary.array("y_mean"));
});

test("the t-interval at 95% with 3 replicates is mean +- 4.303 se; level 0.9 is narrower and recorded in the manifest", async () => {
  const grid = { alpha: [0.3], gamma: [0.5], blocks: [5000] };
  const r95 = sweep(selfishMining, grid, { replicates: 3, seed: 2 });
  const [s] = r95.summary.objects() as Array<Record<string, number>>;
  const revenues = r95.rows.array("revenue") as number[];
  const mean = revenues.reduce((a, b) => a + b, 0) / 3;
  const sd = Math.sqrt(revenues.reduce((a, b) => a + (b - mean) ** 2, 0) / 2);
  assert.ok(Math.abs(s.revenue_hi - s.revenue_mean - 4.303 * (sd / Math.sqrt(3))) < 1e-3 * sd, `half-width ${s.revenue_hi - s.revenue_mean}`);
  assert.equal(r95.summaryInfo.level, 0.95);
  assert.match(r95.summaryInfo.description, /95% Student-t interval of the mean over the <m>_n valid replicates \(n - 1 degrees of freedom\)/);
  const dir = tempDir();
  const r90 = await runSweep(selfishMining, grid, { replicates: 3, seed: 2, level: 0.9, workers: 1, dataDir: dir, progress: "none", log: () => {} });
  const [s90] = r90.summary.objects() as Array<Record<string, number>>;
  assert.ok(s90.revenue_hi - s90.revenue_mean < s.revenue_hi - s.revenue_mean);
  assert.equal(r90.manifest.summary?.level, 0.9);
  assert.deepEqual(loadSweep(r90.dir, { table: "summary" }).objects(), r90.summary.objects());
  // The cached folder asked for at 95% gives the 95% summary, recomputed from the rows.
  const again = await runSweep(selfishMining, grid, { replicates: 3, seed: 2, workers: 1, dataDir: dir, progress: "none", log: () => {} });
  assert.equal(again.cached, true);
  assert.deepEqual(again.summary.objects(), r95.summary.objects());
  assert.equal(intervalCaption(r95.summaryInfo, "revenue", 3), "mean and 95% t-interval over 3 replicates");
});

test("double-spend success is a proportion: counts pooled over replicates, a Wilson interval, proper at 0 successes", async () => {
  const result = await runSweep(doubleSpend, { q: [0.1], z: [0, 12], trials: [500] }, { replicates: 3, seed: 1, workers: 1, dataDir: tempDir(), progress: "none", log: () => {} });
  const rows = result.summary.objects() as Array<Record<string, number>>;
  assert.equal(result.manifest.summary?.proportions.simulated.method, "wilson");
  for (const r of rows) {
    const successes = (result.rows.objects() as Array<Record<string, number>>).filter((x) => x.z === r.z).reduce((a, x) => a + x.successes, 0);
    assert.equal(r.simulated_successes, successes);
    assert.equal(r.simulated_trials, 1500);
    const w = wilsonInterval(successes, 1500);
    assert.equal(r.simulated_lo, w.lo);
    assert.equal(r.simulated_hi, w.hi);
  }
  const deep = rows.find((r) => r.z === 12) as Record<string, number>;
  // Rosenfeld's success at q = 0.1, z = 12 is about 1e-9: no success in 1,500 attacks.
  assert.equal(deep.simulated_successes, 0);
  assert.equal(deep.simulated_lo, 0);
  assert.ok(deep.simulated_hi > 0 && deep.simulated_hi < 0.003, `Wilson upper bound ${deep.simulated_hi} (z^2 / (n + z^2) = 0.00255)`);
  assert.equal(intervalCaption(result.summaryInfo, "simulated", 3), "pooled rate and 95% Wilson interval over 3 replicates");
  assert.ok(join(result.dir).length > 0);
});

test("a proportion over runs (trials: 1 per row, e.g. runs with a safety violation): 0 of 5 and 5 of 5 get proper Wilson intervals", () => {
  const table = aq.from([0, 1, 2, 3, 4].flatMap((r) => [{ f: 0, replicate: r, violated: 0 }, { f: 1, replicate: r, violated: 1 }]));
  const rows = summarize(table, ["f"], ["violated"], { proportions: { violated: { successes: "violated", trials: 1 } } }).objects() as Array<Record<string, number>>;
  const none = wilsonInterval(0, 5);
  const all = wilsonInterval(5, 5);
  assert.deepEqual([rows[0].violated_successes, rows[0].violated_trials, rows[0].violated_lo, rows[0].violated_hi], [0, 5, 0, none.hi]);
  assert.deepEqual([rows[1].violated_successes, rows[1].violated_trials, rows[1].violated_lo, rows[1].violated_hi], [5, 5, all.lo, 1]);
  // z^2 / (n + z^2) with z = 1.96, n = 5: the Wilson upper bound at 0 of 5 is 0.4345 (Newcombe 1998, eq. for x = 0).
  assert.ok(Math.abs(none.hi - 0.4345) < 1e-4, String(none.hi));
});

/**
 * Batch means on a correlated series: an AR(1) process x_t = phi x_{t-1} + e_t
 * with phi = 0.9 has a mean whose variance is about (1 + phi) / (1 - phi) = 19
 * times what independence gives (Law, Simulation Modeling and Analysis, 5th
 * ed., section 9.5.3), so an interval from the per-observation standard
 * error covers far too little, and batch means restore the level.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { batchMeans } from "../../lib/stats/batch-means";
import { tInterval } from "../../lib/stats/t-interval";
import { coverageBand, normalSource } from "./normal-draws";

function ar1(draw: () => number, phi: number, n: number): Float64Array {
  const x = new Float64Array(n);
  let prev = draw() / Math.sqrt(1 - phi * phi); // stationary start
  for (let t = 0; t < n; t++) {
    prev = phi * prev + draw();
    x[t] = prev;
  }
  return x;
}

test("batch means by hand: 1..6 in 3 batches have means 1.5, 3.5, 5.5, se = 2 / sqrt(3)", () => {
  const b = batchMeans([1, 2, 3, 4, 5, 6], 3);
  assert.equal(b.mean, 3.5);
  assert.equal(b.batches, 3);
  assert.ok(Math.abs(b.se - 2 / Math.sqrt(3)) < 1e-12, `se ${b.se}`);
});

test("on AR(1) runs (phi = 0.9) batch-means intervals cover the mean about 95%; the independent-observation interval does not", () => {
  const runs = 400;
  const length = 20_000;
  const draw = normalSource("ar1");
  let batch = 0;
  let naive = 0;
  for (let r = 0; r < runs; r++) {
    const x = ar1(draw, 0.9, length);
    const b = batchMeans(x, 20);
    if (b.lo <= 0 && 0 <= b.hi) batch++;
    const t = tInterval(x);
    if (t.lo <= 0 && 0 <= t.hi) naive++;
  }
  // 4 binomial SE of 400 runs: 4 sqrt(0.95 x 0.05 / 400) = 0.044. Batches of 1,000 observations are
  // long against the correlation time 1 / (1 - phi) = 10, so the residual bias is far smaller than that.
  const [lo, hi] = coverageBand(0.95, runs);
  assert.ok(batch / runs >= lo && batch / runs <= hi, `batch-means coverage ${batch / runs}`);
  // The naive interval is sqrt(19) = 4.4 times too short: coverage P(|Z| < 1.96 / 4.36) = 0.35.
  assert.ok(naive / runs < 0.5, `naive coverage ${naive / runs}`);
});

test("bad batch counts are refused; fewer observations than batches use one per batch", () => {
  assert.throws(() => batchMeans([1, 2, 3], 1), /invalid batches: 1/);
  assert.equal(batchMeans([1, 2, 3], 20).batches, 3);
  assert.ok(Number.isNaN(batchMeans([1], 20).se));
});

/**
 * Student-t intervals: quantiles against published tables, hand-computed
 * intervals, and coverage by simulation. The coverage test is built to be
 * able to fail: the normal-approximation interval (mean +- 1.96 se) that the
 * summary used before must fail it at n = 3 (its true coverage there is
 * about 80%, Student 1908).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { halfWidth, meanAndSd, normalInterval, tInterval, tQuantile, validValues } from "../../lib/stats/t-interval";
import { zQuantile } from "../../lib/stats/wilson";
import { coverageBand, normalSource } from "./normal-draws";

test("t quantiles equal the published table (Abramowitz & Stegun 1964, Table 26.10; Student's t, two-sided 95%)", () => {
  // t_{0.975, df} for df = 1, 2, 3, 7, 30: 12.706, 4.303, 3.182, 2.365, 2.042.
  const table: Array<[number, number]> = [[1, 12.706], [2, 4.303], [3, 3.182], [7, 2.365], [30, 2.042]];
  for (const [df, t] of table) assert.ok(Math.abs(tQuantile(0.95, df) - t) < 5e-4, `df ${df}: ${tQuantile(0.95, df)} vs ${t}`);
  // 99%: t_{0.995, 3} = 5.841
  assert.ok(Math.abs(tQuantile(0.99, 3) - 5.841) < 5e-4);
  assert.ok(Math.abs(zQuantile(0.95) - 1.95996) < 1e-5);
});

test("a hand-computed interval: 1, 2, 3, 4 gives 2.5 +- 3.182 x 0.6455", () => {
  const t = tInterval([1, 2, 3, 4]);
  // sd = sqrt(5/3) = 1.290994, se = sd / 2 = 0.645497; t_{0.975,3} = 3.182446 (table above)
  assert.equal(t.n, 4);
  assert.equal(t.mean, 2.5);
  assert.ok(Math.abs(t.sd - Math.sqrt(5 / 3)) < 1e-12);
  assert.ok(Math.abs(t.se - Math.sqrt(5 / 3) / 2) < 1e-12);
  assert.ok(Math.abs(halfWidth(t) - 3.182446 * 0.645497) < 1e-5, `half-width ${halfWidth(t)}`);
});

test("nulls and NaN are not values: 2 valid of 4 give se = sd / sqrt(2), not sd / 2", () => {
  const t = tInterval([1, null, 3, Number.NaN]);
  assert.equal(t.n, 2);
  assert.equal(t.mean, 2);
  assert.ok(Math.abs(t.se - 1) < 1e-12); // sd = sqrt(2), se = sqrt(2) / sqrt(2) = 1
  assert.deepEqual(validValues([1, null, "x", 2, Infinity]), [1, 2]);
});

test("fewer than two values give an undefined interval, not a zero-width one", () => {
  const one = tInterval([5]);
  assert.equal(one.mean, 5);
  assert.ok(Number.isNaN(one.se) && Number.isNaN(one.lo) && Number.isNaN(one.hi));
  assert.ok(Number.isNaN(tInterval([]).mean));
});

test("Welford's mean and sd keep their digits for values with a large common offset", () => {
  const { mean, sd } = meanAndSd([1e9 + 1, 1e9 + 2, 1e9 + 3]);
  assert.equal(mean, 1e9 + 2);
  assert.ok(Math.abs(sd - 1) < 1e-9);
});

const SAMPLES = 20_000;

function coverage(n: number, interval: (xs: number[]) => { lo: number; hi: number }, label: string): number {
  const draw = normalSource(`coverage n=${n} ${label}`);
  let covered = 0;
  const xs = new Array<number>(n);
  for (let s = 0; s < SAMPLES; s++) {
    for (let i = 0; i < n; i++) xs[i] = draw(); // true mean 0
    const { lo, hi } = interval(xs);
    if (lo <= 0 && 0 <= hi) covered++;
  }
  return covered / SAMPLES;
}

test("95% t-intervals cover the true mean 95% of the time at n = 3, 4, 8 (20,000 normal samples each, within 4 binomial SE)", () => {
  // With 20,000 samples the binomial SE of an observed coverage is sqrt(0.95 x 0.05 / 20000) = 0.0015,
  // so 4 SE is +-0.0062: a correct interval passes with probability > 0.9999 per n.
  const [lo, hi] = coverageBand(0.95, SAMPLES);
  for (const n of [3, 4, 8]) {
    const c = coverage(n, (xs) => tInterval(xs, 0.95), "t");
    assert.ok(c >= lo && c <= hi, `n = ${n}: t coverage ${c} outside [${lo.toFixed(4)}, ${hi.toFixed(4)}]`);
  }
});

test("the same check rejects the normal interval mean +- 1.96 se at n = 3 (it covers about 80%)", () => {
  const [lo] = coverageBand(0.95, SAMPLES);
  const c = coverage(3, (xs) => normalInterval(xs, zQuantile(0.95)), "normal");
  assert.ok(c < lo, `normal interval at n = 3 covered ${c}, inside the band: the coverage test could not tell it from the t-interval`);
  // P(|T_2| <= 1.96) = 0.8106 for Student's t with 2 df; 4 SE of 20,000 samples is 0.011.
  assert.ok(Math.abs(c - 0.8106) < 0.011, `normal coverage ${c}`);
});

test("levels outside (0, 1) are refused with the parameter, value and range", () => {
  assert.throws(() => tInterval([1, 2, 3], 95), /invalid level: 95 \(allowed: a number, 0 < level < 1/);
  assert.throws(() => tQuantile(0.95, 0), /invalid df: 0/);
});

/**
 * Wilson and Clopper-Pearson intervals against the worked examples of
 * Newcombe (1998), "Two-sided confidence intervals for the single proportion:
 * comparison of seven methods", Statistics in Medicine 17, 857-872, Table II
 * (method 3: score without continuity correction = Wilson; method 5: exact
 * Clopper-Pearson), 95%, to the 4 decimals printed there.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { clopperPearsonInterval } from "../../lib/stats/clopper-pearson";
import { proportionInterval } from "../../lib/stats/proportion-interval";
import { wilsonInterval } from "../../lib/stats/wilson";
import { coverageBand } from "./normal-draws";
import { rngFor } from "../../lib/random/seed";

const NEWCOMBE_TABLE_II: Array<{ x: number; n: number; wilson: [number, number]; exact: [number, number] }> = [
  { x: 81, n: 263, wilson: [0.2553, 0.3662], exact: [0.2527, 0.3676] },
  { x: 15, n: 148, wilson: [0.0624, 0.1605], exact: [0.0578, 0.1617] },
  { x: 0, n: 20, wilson: [0.0, 0.1611], exact: [0.0, 0.1684] },
  { x: 1, n: 29, wilson: [0.0061, 0.1718], exact: [0.0009, 0.1776] },
];

const close4 = (a: number, b: number) => Math.abs(a - b) <= 0.5e-4 + 1e-12;

test("Wilson and Clopper-Pearson equal Newcombe (1998) Table II to 4 decimals", () => {
  for (const { x, n, wilson, exact } of NEWCOMBE_TABLE_II) {
    const w = wilsonInterval(x, n);
    const c = clopperPearsonInterval(x, n);
    assert.ok(close4(w.lo, wilson[0]) && close4(w.hi, wilson[1]), `Wilson ${x}/${n}: [${w.lo}, ${w.hi}] vs ${wilson}`);
    assert.ok(close4(c.lo, exact[0]) && close4(c.hi, exact[1]), `Clopper-Pearson ${x}/${n}: [${c.lo}, ${c.hi}] vs ${exact}`);
  }
});

test("0 of n and n of n give proper intervals: one end exactly 0 or 1, the other inside (0, 1)", () => {
  for (const method of ["wilson", "clopper-pearson"] as const) {
    const none = proportionInterval(0, 20, 0.95, method);
    const all = proportionInterval(20, 20, 0.95, method);
    assert.equal(none.lo, 0);
    assert.ok(none.hi > 0 && none.hi < 1, `${method} 0/20 hi ${none.hi}`);
    assert.equal(all.hi, 1);
    assert.ok(all.lo > 0 && all.lo < 1);
    // Symmetry: the interval of n - x is the mirror image of that of x.
    assert.ok(Math.abs(all.lo - (1 - none.hi)) < 1e-12, `${method}: ${all.lo} vs ${1 - none.hi}`);
  }
  // Clopper-Pearson at 0 of n has the closed form 1 - (alpha/2)^(1/n) (Clopper & Pearson 1934).
  assert.ok(Math.abs(clopperPearsonInterval(0, 20).hi - (1 - Math.pow(0.025, 1 / 20))) < 1e-12);
});

test("Clopper-Pearson covers at least 95% at every p; Wilson about 95% on average (Brown, Cai & DasGupta 2001, Figs. 4 and 5)", () => {
  // Exact coverage C(p) = sum over x of P(X = x) [p in interval(x)], X ~ Binomial(n, p), for n = 30 on a grid of p.
  const n = 30;
  const intervals = (f: typeof wilsonInterval) => Array.from({ length: n + 1 }, (_, x) => f(x, n));
  const cp = intervals(clopperPearsonInterval);
  const w = intervals(wilsonInterval);
  const pmf = (p: number) => {
    const out = new Array<number>(n + 1);
    let c = 1;
    for (let x = 0; x <= n; x++) {
      out[x] = c * Math.pow(p, x) * Math.pow(1 - p, n - x);
      c = (c * (n - x)) / (x + 1);
    }
    return out;
  };
  let wilsonSum = 0;
  let count = 0;
  for (let i = 1; i < 200; i++) {
    const p = i / 200;
    const f = pmf(p);
    let ccp = 0;
    let cw = 0;
    for (let x = 0; x <= n; x++) {
      if (cp[x].lo <= p && p <= cp[x].hi) ccp += f[x];
      if (w[x].lo <= p && p <= w[x].hi) cw += f[x];
    }
    assert.ok(ccp >= 0.95 - 1e-9, `Clopper-Pearson coverage ${ccp} at p = ${p}`);
    wilsonSum += cw;
    count++;
  }
  const mean = wilsonSum / count;
  assert.ok(mean > 0.94 && mean < 0.96, `Wilson mean coverage ${mean}`);
});

test("simulated: Wilson intervals of 2,000 binomial(200, 0.01) samples cover p about 95% of the time, the Wald interval far less", () => {
  // Small p is where p +- 1.96 sqrt(p(1-p)/n) fails (Brown, Cai & DasGupta 2001, section 2.1).
  const fast = rngFor(["test/stats", "binomial coverage"]).fast;
  const samples = 2000;
  const n = 200;
  const p = 0.01;
  let wilson = 0;
  let wald = 0;
  for (let s = 0; s < samples; s++) {
    let x = 0;
    for (let i = 0; i < n; i++) if (fast.nextFloat() < p) x++;
    const w = wilsonInterval(x, n);
    if (w.lo <= p && p <= w.hi) wilson++;
    const ph = x / n;
    const half = 1.96 * Math.sqrt((ph * (1 - ph)) / n);
    if (ph - half <= p && p <= ph + half) wald++;
  }
  // Expected: Wilson's exact coverage at (n, p), the binomial-weighted sum as in the test above; 4 binomial SE of 2,000 samples ~ 0.02.
  let exact = 0;
  let c = 1;
  for (let x = 0; x <= n; x++) {
    const w = wilsonInterval(x, n);
    if (w.lo <= p && p <= w.hi) exact += c * Math.pow(p, x) * Math.pow(1 - p, n - x);
    c = (c * (n - x)) / (x + 1);
  }
  const [lo, hi] = coverageBand(exact, samples);
  assert.ok(wilson / samples >= lo && wilson / samples <= hi, `Wilson coverage ${wilson / samples}`);
  assert.ok(wald / samples < lo, `Wald coverage ${wald / samples} should be well below`);
});

test("counts are checked: successes within 0..trials, integers, trials >= 1", () => {
  assert.throws(() => wilsonInterval(3, 2), /invalid successes: 3 \(allowed: an integer, 0 <= successes <= trials = 2\)/);
  assert.throws(() => clopperPearsonInterval(0, 0), /invalid trials: 0/);
  assert.throws(() => proportionInterval(1, 2, 0.95, "wald" as never), /invalid method: "?wald"?/);
});

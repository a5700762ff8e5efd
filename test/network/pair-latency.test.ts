/**
 * Pair latencies without a per-pair table: deterministic per pair, symmetric
 * when asked, distributed as the model says over pairs (quantile test with a
 * binomial standard error), region and coordinate models against their
 * formulas.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { ParameterError } from "../../lib/experiment/params";
import { lognormalLatency } from "../../lib/network/latency";
import { constantPairLatency, coordinatePairLatency, hashedPairLatency, lognormalPairLatency, regionPairLatency, tabulatedPairLatency } from "../../lib/network/pair-latency";
import { normalQuantileAcklam } from "../../lib/network/latency/normal-quantile";
import exact from "@stdlib/stats-base-dists-normal-quantile";
import { Xoshiro128 } from "../../lib/random/xoshiro128";

const key = (s: number) => new Xoshiro128([s, 3, 5, 7]);

test("hashed: the same pair gives the same value in any order of asking; another key gives other values; symmetric when asked", () => {
  const model = lognormalLatency(100, 0.5);
  const p = hashedPairLatency(1000, model, key(1));
  const first = p.latencyS(17, 923);
  for (let i = 0; i < 50; i++) p.latencyS(i, 999 - i);
  assert.equal(p.latencyS(17, 923), first);
  assert.equal(hashedPairLatency(1000, model, key(1)).latencyS(17, 923), first, "a pure function of (key, from, to)");
  assert.notEqual(hashedPairLatency(1000, model, key(2)).latencyS(17, 923), first);
  assert.notEqual(p.latencyS(923, 17), first, "directions drawn on their own by default");
  const s = hashedPairLatency(1000, model, key(1), { symmetric: true });
  for (let i = 0; i < 200; i++) assert.equal(s.latencyS(i, 999 - i), s.latencyS(999 - i, i));
  const t = tabulatedPairLatency(hashedPairLatency(20, model, key(3)));
  const direct = hashedPairLatency(20, model, key(3));
  for (let i = 0; i < 20; i++) for (let j = 0; j < 20; j++) if (i !== j) assert.equal(t.latencyS(i, j), direct.latencyS(i, j));
});

test("hashed: over pairs the latencies follow the model (lognormal median and quartiles within 4 binomial SE)", () => {
  const model = lognormalLatency(100, 0.5);
  const p = hashedPairLatency(300, model, key(4));
  // Lognormal quantiles: median * exp(sigma * z_q), z_0.25 = -0.6744897501960817.
  const q1 = 0.1 * Math.exp(0.5 * -0.6744897501960817);
  const q3 = 0.1 * Math.exp(0.5 * 0.6744897501960817);
  let below1 = 0;
  let belowMedian = 0;
  let below3 = 0;
  let m = 0;
  for (let i = 0; i < 300; i++) {
    for (let j = 0; j < 300; j++) {
      if (i === j) continue;
      const x = p.latencyS(i, j);
      below1 += x < q1 ? 1 : 0;
      belowMedian += x < 0.1 ? 1 : 0;
      below3 += x < q3 ? 1 : 0;
      m++;
    }
  }
  for (const [count, q] of [[below1, 0.25], [belowMedian, 0.5], [below3, 0.75]] as const) {
    const se = Math.sqrt((q * (1 - q)) / m);
    assert.ok(Math.abs(count / m - q) < 4 * se, `share below the ${q} quantile: ${count / m}`);
  }
  // Neighbouring pairs are not correlated: lag-1 correlation of log latencies along a row within 4 / sqrt(m).
  let sxy = 0;
  let sxx = 0;
  let k = 0;
  for (let i = 0; i < 300; i++) {
    for (let j = 0; j + 1 < 300; j++) {
      const a = Math.log(p.latencyS(i, j) / 0.1);
      const b = Math.log(p.latencyS(i, j + 1) / 0.1);
      sxy += a * b;
      sxx += a * a;
      k++;
    }
  }
  assert.ok(Math.abs(sxy / sxx) < 4 / Math.sqrt(k), `lag-1 correlation ${sxy / sxx}`);
});

test("regions: the matrix entry times a symmetric per-pair spread (sigma 0: the entry itself); coordinates: base + distance / speed", () => {
  const regionOf = Int32Array.from([0, 0, 1, 2]);
  const ms = [
    [10, 80, 120],
    [80, 5, 200],
    [120, 200, 15],
  ];
  const exact = regionPairLatency(regionOf, ms, 0, key(5));
  assert.equal(exact.latencyS(0, 2), 0.08);
  assert.equal(exact.latencyS(3, 2), 0.2);
  assert.equal(exact.latencyS(0, 1), 0.01);
  const spread = regionPairLatency(regionOf, ms, 0.3, key(5));
  assert.equal(spread.latencyS(0, 3), spread.latencyS(3, 0));
  assert.notEqual(spread.latencyS(0, 3), 0.12);
  const c = coordinatePairLatency(Float64Array.from([0, 3, 0]), Float64Array.from([0, 4, 0]), 10, 0.5);
  assert.equal(c.latencyS(0, 1), (10 + 5 / 0.5) / 1000);
  assert.equal(c.latencyS(0, 2), 0.01);
  assert.equal(constantPairLatency(5, 250).latencyS(1, 4), 0.25);
});

test("bad pair-latency inputs name the parameter", () => {
  const bad: Array<[() => unknown, string]> = [
    [() => constantPairLatency(0, 1), "nodes"],
    [() => constantPairLatency(3, -1), "latencyMs"],
    [() => regionPairLatency(Int32Array.from([0, 3]), [[1]], 0, key(1)), "regionOf"],
    [() => regionPairLatency(Int32Array.from([0]), [[1, 2]], 0, key(1)), "region matrix"],
    [() => regionPairLatency(Int32Array.from([0]), [[1]], -1, key(1)), "regionSigma"],
    [() => coordinatePairLatency(new Float64Array(3), new Float64Array(2), 0, 1), "coordinates"],
    [() => coordinatePairLatency(new Float64Array(3), new Float64Array(3), 0, 0), "speedPerMs"],
  ];
  for (const [f, name] of bad) assert.throws(f, (e: unknown) => e instanceof ParameterError && e.parameter === name, name);
});

test("Acklam's normal quantile: within its published 1.15e-9 relative error of @stdlib's exact quantile; table values (Abramowitz & Stegun 1964, table 26.5)", () => {
  let worst = 0;
  for (let i = 0; i < 200_000; i++) {
    const p = (i + 0.5) / 200_000;
    const e = exact(p, 0, 1);
    if (e !== 0) worst = Math.max(worst, Math.abs(normalQuantileAcklam(p) - e) / Math.abs(e));
  }
  // The ends of lognormalPairLatency's hashed uniform, 2^-33 and 1 - 2^-33 (far beyond them @stdlib's
  // own tail loses digits: -Infinity at 1e-300, where Acklam's tail formula gives -37.05).
  for (const p of [2.3283064365386963e-10 / 2, 1 - 2.3283064365386963e-10 / 2]) worst = Math.max(worst, Math.abs(normalQuantileAcklam(p) - exact(p, 0, 1)) / Math.abs(exact(p, 0, 1)));
  assert.ok(worst < 1.15e-9, `largest relative error ${worst}`);
  assert.ok(Math.abs(normalQuantileAcklam(0.975) - 1.959963985) < 1e-8);
  assert.ok(Math.abs(normalQuantileAcklam(0.001) + 3.090232306) < 1e-8);
  assert.equal(normalQuantileAcklam(0.5), 0);
});

test("lognormal by inversion: a pure function of the pair, each direction on its own (or symmetric), ln(latency / median) ~ N(0, sigma^2) within 4 SE", () => {
  const n = 300;
  const sigma = 0.5;
  for (const symmetric of [false, true]) {
    const lat = lognormalPairLatency(n, 50, sigma, key(11), { symmetric });
    let s = 0;
    let s2 = 0;
    let m = 0;
    let equalBothWays = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        const z = Math.log(lat.latencyS(i, j) / 0.05);
        s += z;
        s2 += z * z;
        m++;
        if (lat.latencyS(i, j) === lat.latencyS(j, i)) equalBothWays++;
      }
    const mean = s / m;
    const sd = Math.sqrt(s2 / m - mean * mean);
    // Symmetric: each unordered pair counted twice, so m / 2 independent draws.
    const k = symmetric ? m / 2 : m;
    assert.ok(Math.abs(mean) < (4 * sigma) / Math.sqrt(k), `symmetric ${symmetric}: mean of ln ${mean}`);
    assert.ok(Math.abs(sd - sigma) < (4 * sigma) / Math.sqrt(2 * k), `symmetric ${symmetric}: sd of ln ${sd}`);
    assert.equal(equalBothWays, symmetric ? m : 0);
    assert.equal(lat.latencyS(3, 7), lat.latencyS(3, 7));
  }
  assert.notEqual(lognormalPairLatency(n, 50, sigma, key(12)).latencyS(3, 7), lognormalPairLatency(n, 50, sigma, key(11)).latencyS(3, 7), "another key, other draws");
  assert.throws(() => lognormalPairLatency(n, 50, -1, key(1)), (e: unknown) => e instanceof ParameterError && /latencySigma/.test(e.message));
  assert.throws(() => lognormalPairLatency(n, -5, 0.5, key(1)), (e: unknown) => e instanceof ParameterError && /latencyMedianMs/.test(e.message));
});

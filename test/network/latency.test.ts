import { test } from "node:test";
import assert from "node:assert/strict";
import { ParameterError } from "../../lib/experiment/params";
import {
  constantLatency,
  empiricalLatency,
  erfc,
  exponentialJitter,
  lognormalLatency,
  normalLatency,
  paretoLatency,
  paretoLatencyFromMedian,
  parseLatencySamples,
  regionDataset,
  regionLatency,
  uniformLatency,
  type LatencyModel,
} from "../../lib/network/latency";
import { randomKOut } from "../../lib/network/topology";
import { sampleLinkLatencies } from "../../lib/network/link-latencies";
import { edgeIndex } from "../../lib/network/graph";
import { Xoshiro128 } from "../../lib/random/xoshiro128";

const N = 200_000;

function moments(model: LatencyModel, seed: number) {
  const rng = new Xoshiro128([seed, 11, 22, 33]);
  const xs = new Float64Array(N);
  let sum = 0;
  for (let i = 0; i < N; i++) sum += xs[i] = model.sampleMs(rng);
  const mean = sum / N;
  let m2 = 0;
  let m4 = 0;
  let belowMedian = 0;
  for (const x of xs) {
    const d = x - mean;
    m2 += d * d;
    m4 += d * d * d * d;
    if (x < model.medianMs) belowMedian++;
  }
  m2 /= N;
  m4 /= N;
  return { mean, variance: m2, m4, min: Math.min(...xs.subarray(0, 10000)), fractionBelowMedian: belowMedian / N };
}

/** |sample mean - analytic mean| < 4 SE (SE from the analytic variance); the median splits the draws in half within 4 SE. */
function checkMeanAndMedian(model: LatencyModel, seed: number) {
  const m = moments(model, seed);
  const se = Math.sqrt(model.varianceMs2 / N);
  assert.ok(Math.abs(m.mean - model.meanMs) < 4 * se, `${model.name}: mean ${m.mean} vs ${model.meanMs} +- ${se}`);
  assert.ok(Math.abs(m.fractionBelowMedian - 0.5) < 4 * Math.sqrt(0.25 / N), `${model.name}: ${m.fractionBelowMedian} below the median ${model.medianMs}`);
  return m;
}

/** Sample variance vs analytic within 4 SE, SE = sqrt((m4 - s^4) / N) from the sample's fourth central moment. */
function checkVariance(model: LatencyModel, m: { variance: number; m4: number }) {
  const se = Math.sqrt((m.m4 - m.variance * m.variance) / N);
  assert.ok(Math.abs(m.variance - model.varianceMs2) < 4 * se, `${model.name}: variance ${m.variance} vs ${model.varianceMs2} +- ${se}`);
}

test("lognormal (median 100 ms, sigma 0.5, as w3_pownet): mean m exp(s^2/2), median m, variance within 4 SE", () => {
  const model = lognormalLatency(100, 0.5);
  assert.equal(model.meanMs, 100 * Math.exp(0.125));
  checkVariance(model, checkMeanAndMedian(model, 1));
});

test("Pareto (shape 3): mean alpha xm / (alpha - 1) and median xm 2^(1/alpha) within 4 SE; no draw below xm", () => {
  const model = paretoLatency(50, 3);
  assert.equal(model.meanMs, 75);
  const m = checkMeanAndMedian(model, 2);
  assert.ok(m.min >= 50);
  assert.equal(paretoLatency(50, 1).meanMs, Infinity);
  assert.equal(paretoLatency(50, 2).varianceMs2, Infinity);
  assert.ok(Math.abs(paretoLatencyFromMedian(100, 3).medianMs - 100) < 1e-9);
});

test("normal truncated at 0 (mean 20, sd 30: a third of the mass cut): truncated-normal mean and variance within 4 SE", () => {
  const model = normalLatency(20, 30);
  const m = checkMeanAndMedian(model, 3);
  assert.ok(m.min >= 0);
  checkVariance(model, m);
  // Barely truncated: the moments are the plain normal's.
  const wide = normalLatency(1000, 10);
  assert.ok(Math.abs(wide.meanMs - 1000) < 1e-6 && Math.abs(wide.varianceMs2 - 100) < 1e-4);
});

test("uniform, constant, exponential and empirical samplers match their moments", () => {
  checkVariance(uniformLatency(10, 50), checkMeanAndMedian(uniformLatency(10, 50), 4));
  checkMeanAndMedian(exponentialJitter(25), 5);
  const c = moments(constantLatency(42), 6);
  assert.equal(c.mean, 42);
  assert.equal(c.variance, 0);
  const data = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
  const emp = empiricalLatency(data);
  assert.equal(emp.medianMs, 4);
  const m = moments(emp, 7);
  assert.ok(Math.abs(m.mean - emp.meanMs) < 4 * Math.sqrt(emp.varianceMs2 / N));
  assert.deepEqual(parseLatencySamples("# ping\n1.5, 2\n3 4\n"), [1.5, 2, 3, 4]);
});

test("erfc matches known values (Abramowitz & Stegun, Table 7.1) to 1.2e-7 relative", () => {
  const known: Array<[number, number]> = [[0, 1], [0.5, 0.4795001222], [1, 0.1572992071], [2, 0.004677734981], [-1, 1.8427007929]];
  for (const [x, v] of known) assert.ok(Math.abs(erfc(x) - v) <= 1.2e-7 * v + 1e-12, `erfc(${x}) = ${erfc(x)}, expected ${v}`);
});

test("negative or non-finite latencies are rejected with the parameter's name", () => {
  const cases: Array<[() => unknown, string]> = [
    [() => constantLatency(-1), "latencyMs"],
    [() => lognormalLatency(-5, 0.5), "latencyMedianMs"],
    [() => lognormalLatency(100, -0.1), "latencySigma"],
    [() => normalLatency(-10, 5), "latencyMs"],
    [() => normalLatency(10, -5), "latencySdMs"],
    [() => uniformLatency(20, 10), "latencyMaxMs"],
    [() => paretoLatency(0, 3), "latencyScaleMs"],
    [() => paretoLatency(10, 0), "paretoShape"],
    [() => empiricalLatency([1, -2]), "latency sample"],
    [() => regionDataset("mars"), "regionData"],
  ];
  for (const [make, name] of cases) assert.throws(make, (e: unknown) => e instanceof ParameterError && e.parameter === name, name);
});

test("region datasets: one-way symmetric matrices; round-trip tables are halved (IBM Frankfurt-London 12 ms RTT -> 6 ms)", () => {
  const ibm = regionDataset("ibm-cloud-2024");
  const fra = ibm.regions.indexOf("frankfurt");
  const lon = ibm.regions.indexOf("london");
  assert.equal(ibm.oneWayMs[fra][lon], 6);
  // Dallas-Tokyo is 142 one way round and 141 the other: the link gets their mean, halved.
  assert.equal(ibm.oneWayMs[ibm.regions.indexOf("dallas")][ibm.regions.indexOf("tokyo")], 70.75);
  // Within a region: mean of the three availability-zone pairs, halved (Frankfurt 0.89, 0.81, 0.8 ms).
  assert.ok(Math.abs(ibm.oneWayMs[fra][fra] - (0.89 + 0.81 + 0.8) / 6) < 1e-12);
  const sb = regionDataset("bitcoin-simblock-2019");
  assert.equal(sb.oneWayMs[0][1], 124); // North America - Europe, SimBlock LATENCY_2019
  for (const d of [ibm, sb]) {
    for (let r = 0; r < d.regions.length; r++) for (let s = 0; s < d.regions.length; s++) assert.equal(d.oneWayMs[r][s], d.oneWayMs[s][r]);
  }
});

test("region placement follows the node shares (within 4 SE); links get the matrix entry of their endpoints' regions", () => {
  const n = 20_000;
  const data = regionDataset("bitcoin-simblock-2019");
  const model = regionLatency(data, n, 0, new Xoshiro128([5, 6, 7, 8]));
  const counts = new Array(data.regions.length).fill(0);
  for (const r of model.regionOf) counts[r]++;
  data.nodeShare.forEach((share, r) => {
    const se = Math.sqrt((share * (1 - share)) / n);
    assert.ok(Math.abs(counts[r] / n - share) < 4 * se, `${data.regions[r]}: ${counts[r] / n} vs ${share}`);
  });
  const rng = new Xoshiro128([1, 1, 1, 1]);
  for (let i = 0; i < 100; i++) {
    const a = rng.below(n);
    const b = rng.below(n);
    assert.equal(model.linkMs(a, b, rng), data.oneWayMs[model.regionOf[a]][model.regionOf[b]]);
  }
  // With spread sigma the entry is the median of the link latency.
  const spread = regionLatency(data, 2, 0.3, new Xoshiro128([1, 2, 3, 4]));
  const entry = data.oneWayMs[spread.regionOf[0]][spread.regionOf[1]];
  let below = 0;
  for (let i = 0; i < 40_000; i++) if (spread.linkMs(0, 1, rng) < entry) below++;
  assert.ok(Math.abs(below / 40_000 - 0.5) < 4 * Math.sqrt(0.25 / 40_000));
});

test("link latencies are drawn once per undirected link: both directions read the same value, in seconds", () => {
  const g = randomKOut(300, 4, new Xoshiro128([3, 3, 3, 3]));
  const delays = sampleLinkLatencies(g, lognormalLatency(100, 0.5), new Xoshiro128([4, 4, 4, 4]));
  assert.equal(delays.length, g.neighbors.length);
  for (let v = 0; v < g.n; v++) {
    for (let k = g.offsets[v]; k < g.offsets[v + 1]; k++) {
      const w = g.neighbors[k];
      assert.equal(delays[k], delays[edgeIndex(g, w, v)]);
      assert.ok(delays[k] > 0.005 && delays[k] < 2);
    }
  }
});

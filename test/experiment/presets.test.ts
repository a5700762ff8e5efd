import { test } from "node:test";
import assert from "node:assert/strict";
import { defineExperiment, withPreset } from "../../lib/experiment/experiment";
import { int, num, ParameterError } from "../../lib/experiment/params";
import { nakamotoNetwork } from "../../lib/models/pow-network/network-experiment";
import { runPoint } from "../../lib/sweep/run-point";
import { sweep } from "../../lib/sweep/sweep";

const params = {
  n: int({ default: 4, unit: "nodes", min: 1, max: 100, doc: "nodes" }),
  f: int({ default: 1, unit: "nodes", min: 0, max: 33, doc: "faults" }),
  delayMs: num({ default: 100, unit: "ms", min: 0, max: 1e4, doc: "delay" }),
};
const bft = defineExperiment({
  name: "test-presets",
  title: "t",
  reference: "t",
  source: __filename,
  params,
  presets: {
    minimal: { doc: "the smallest committee", params: { n: 4, f: 1 } },
    mainnet: { doc: "a large committee", params: { n: 100, f: 33, delayMs: 250 } },
  },
  validate: (p) => {
    if (3 * p.f >= p.n) throw new ParameterError("f", p.f, `3 f < n = ${p.n}`);
  },
  run: ({ n, f, delayMs }, rng) => ({ quorum: 2 * f + 1, slack: n - 3 * f, latency: delayMs * (1 + rng.random()) }),
});

test("a preset sits between the defaults and what is given; given values win; validation sees the result", () => {
  assert.deepEqual(bft.resolve({}, { preset: "mainnet" }), { n: 100, f: 33, delayMs: 250 });
  assert.deepEqual(bft.resolve({ delayMs: 10 }, { preset: "mainnet" }), { n: 100, f: 33, delayMs: 10 });
  assert.deepEqual(bft.resolve({}), { n: 4, f: 1, delayMs: 100 });
  assert.throws(() => bft.resolve({ n: 99 }, { preset: "mainnet" }), /invalid f: 33 \(allowed: 3 f < n = 99\)/);
});

test("an unknown preset is a ParameterError listing the known ones", () => {
  assert.throws(() => bft.resolve({}, { preset: "testnet" }), (err: unknown) => {
    assert.ok(err instanceof ParameterError);
    assert.equal(err.parameter, "preset");
    assert.match(err.message, /invalid preset: "testnet" \(allowed: one of minimal, mainnet\)/);
    return true;
  });
  assert.throws(() => withPreset(nakamotoNetwork, "mainnet"), /one of bitcoin, simblock, w3/);
  const none = defineExperiment({ name: "test-no-presets", title: "t", reference: "t", source: __filename, params, run: () => ({}) });
  assert.throws(() => none.resolve({}, { preset: "x" }), /none: test-no-presets defines no presets/);
});

test("an invalid preset fails when the experiment is defined, naming the preset", () => {
  assert.throws(
    () => defineExperiment({ name: "test-bad-preset", title: "t", reference: "t", source: __filename, params, presets: { huge: { doc: "d", params: { n: 1000 } } }, run: () => ({}) }),
    /preset huge of test-bad-preset is invalid: invalid n: 1000/,
  );
});

test("rows record the resolved parameters, not the preset: the same parameters by hand give the same row and stream", () => {
  const viaPreset = runPoint(bft, withPreset(bft, "mainnet"), 7, 1);
  const byHand = runPoint(bft, { n: 100, f: 33, delayMs: 250 }, 7, 1);
  assert.deepEqual(viaPreset, byHand);
  assert.equal(viaPreset.quorum, 67);
  assert.equal("preset" in viaPreset, false);
});

test("sweep() takes a preset under every grid point", () => {
  const result = sweep(bft, { delayMs: [50, 60] }, { preset: "mainnet", replicates: 1 });
  const rows = result.rows.objects() as Record<string, unknown>[];
  assert.deepEqual(rows.map((r) => [r.n, r.f, r.delayMs]), [[100, 33, 50], [100, 33, 60]]);
});

test("the PoW model's presets resolve to the parameters their docs name", () => {
  const btc = nakamotoNetwork.resolve({}, { preset: "bitcoin" });
  assert.equal(btc.latency, "regions");
  assert.equal(btc.regionData, "bitcoin-simblock-2019");
  assert.equal(btc.blockIntervalS, 600);
  assert.equal(btc.capacity, "regions");
  const w3 = nakamotoNetwork.resolve({}, { preset: "w3" });
  // w3_pownet.c: M = 1000 nodes, DEG = 8, BLOCKS = 10000, 10 Mbit/s links, lognormal median 100 ms, sigma 0.5.
  assert.deepEqual([w3.nodes, w3.degree, w3.blocks, w3.uplinkMbps, w3.latencyMedianMs, w3.latencySigma], [1000, 8, 10000, 10, 100, 0.5]);
});

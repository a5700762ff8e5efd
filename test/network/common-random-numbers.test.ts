/**
 * Common random numbers (Law & Kelton, Simulation Modeling and Analysis, 3rd
 * ed. 2000, section 11.2): the network of a replicate is drawn from a stream
 * keyed by (root seed, network parameters, replicate) only, so two different
 * experiments with the same network parameters and seed see byte-identical
 * networks, and a parameter that does not touch the network leaves it alone.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { sha256 } from "@noble/hashes/sha256";
import { bytesToHex } from "@noble/hashes/utils";
import { defineExperiment } from "../../lib/experiment/experiment";
import { int } from "../../lib/experiment/params";
import { nakamotoNetworkRun } from "../../lib/models/pow-network/analysis";
import { buildNetworkConfig } from "../../lib/network/build";
import { networkParams, networkParamsOf, validateNetworkParams } from "../../lib/network/params";
import type { ResolvedPartitionWindow } from "../../lib/network/partition-schedule";
import type { NetworkConfig } from "../../lib/network/runtime-config";
import { commonRng, replicateRng, rngFor } from "../../lib/random/seed";
import { runPoint } from "../../lib/sweep/run-point";

/** SHA-256 over the bytes of a network: topology, link latencies, sampled pair latencies, capacities, partition groups. */
function networkDigest(config: NetworkConfig): string {
  const parts: Uint8Array[] = [];
  const bytes = (a: ArrayBufferView) => parts.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  if (config.overlay.kind === "graph") {
    bytes(config.overlay.graph.offsets);
    bytes(config.overlay.graph.neighbors);
  }
  if (config.linkLatencyS) bytes(config.linkLatencyS);
  const n = config.latency.n;
  bytes(Float64Array.from({ length: 64 }, (_, i) => config.latency.latencyS(i % n, (7 * i + 3) % n === i % n ? (i + 1) % n : (7 * i + 3) % n)));
  if (config.resources) {
    bytes(config.resources.uplinkBps);
    bytes(config.resources.downlinkBps);
  }
  for (const w of (config.partitions ?? []) as readonly ResolvedPartitionWindow[]) bytes(w.group);
  const all = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return bytesToHex(sha256(all));
}

/** A tiny model that spreads the shared network parameters and has one of its own (`rounds`). */
const probe = defineExperiment({
  name: "test-network-probe",
  title: "test: the network a replicate gets",
  reference: "test fixture",
  source: __filename,
  params: { ...networkParams, rounds: int({ default: 1, unit: "", min: 1, max: 100, doc: "a model parameter that does not touch the network" }) },
  validate: (p) => validateNetworkParams(networkParamsOf(p)),
  run(params, rng) {
    const net = networkParamsOf(params);
    const config = buildNetworkConfig(net, rng.common("network", net));
    return { network: networkDigest(config), own: rng.random() * params.rounds };
  },
});

const NETWORK = {
  nodes: 120,
  degree: 6,
  latency: "lognormal",
  bandwidthSpread: 0.4,
  partitions: [{ startS: 100, durationS: 200, groups: { by: "fraction", shares: [0.3] } }],
};

function powDigest(given: Record<string, unknown>, seed: number, replicate: number): string {
  return networkDigest(nakamotoNetworkRun({ ...given, blocks: (given.blocks as number) ?? 5 }, seed, { replicate }).setup.network);
}

test("the PoW model and another experiment with the same network parameters and seed get byte-identical networks", () => {
  const fromProbe = runPoint(probe, NETWORK, 7, 0);
  const fromPow = powDigest(NETWORK, 7, 0);
  assert.equal(fromProbe.network, fromPow);
  assert.notEqual(fromProbe.stream, runPoint(probe, { ...NETWORK, rounds: 2 }, 7, 0).stream, "the models' own streams still differ by point");
  // The same network by hand from the common stream.
  const net = networkParamsOf(probe.resolve(NETWORK));
  assert.equal(networkDigest(buildNetworkConfig(net, commonRng(7, "network", net, 0))), fromPow);
});

test("a parameter that does not touch the network leaves it unchanged; a network parameter, the replicate or the seed change it", () => {
  const base = runPoint(probe, NETWORK, 7, 0).network;
  assert.equal(runPoint(probe, { ...NETWORK, rounds: 9 }, 7, 0).network, base, "probe: rounds");
  assert.equal(powDigest({ ...NETWORK, blocks: 40, blockIntervalS: 30, bigMinerShare: 0.2 }, 7, 0), base, "PoW: chain parameters");
  assert.notEqual(runPoint(probe, NETWORK, 7, 1).network, base, "replicate");
  assert.notEqual(runPoint(probe, NETWORK, 8, 0).network, base, "root seed");
  assert.notEqual(runPoint(probe, { ...NETWORK, latencyMedianMs: 101 }, 7, 0).network, base, "a network parameter");
});

test("each part of the network is on its own child stream: capacities and the split do not move the topology or latencies", () => {
  const net = networkParamsOf(probe.resolve(NETWORK));
  const rng = () => commonRng(3, "network", net, 0);
  const a = buildNetworkConfig(net, rng());
  const b = buildNetworkConfig({ ...net, bandwidthSpread: 0, partitions: [] }, rng());
  assert.ok(a.overlay.kind === "graph" && b.overlay.kind === "graph");
  assert.deepEqual(a.overlay.graph.neighbors, b.overlay.graph.neighbors);
  assert.deepEqual(a.linkLatencyS, b.linkLatencyS);
});

test("common streams: shared by a replicate stream's children, keyed by label and key; without a root seed derived from the stream's own path", () => {
  const r = replicateRng(1, "x", {}, 0);
  assert.equal(r.child("a").common("network", { n: 1 }).seed, r.common("network", { n: 1 }).seed, "children of a replicate stream share its common streams");
  assert.equal(r.common("network", { n: 1 }).seed, commonRng(1, "network", { n: 1 }, 0).seed);
  assert.notEqual(r.common("network", { n: 2 }).seed, r.common("network", { n: 1 }).seed);
  assert.notEqual(r.common("latency", { n: 1 }).seed, r.common("network", { n: 1 }).seed);
  assert.equal(rngFor(["p"]).common("network", 1).seed, rngFor(["p"]).common("network", 1).seed);
  assert.notEqual(rngFor(["p"]).common("network", 1).seed, rngFor(["q"]).common("network", 1).seed);
});

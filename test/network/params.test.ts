import { test } from "node:test";
import assert from "node:assert/strict";
import { ParameterError } from "../../lib/experiment/params";
import { nakamotoNetwork, nakamotoNetworkParams } from "../../lib/models/pow-network/network-experiment";
import { buildNakamotoSetup, hashWeights, partitionScheduleOf } from "../../lib/models/pow-network/run";
import { buildNetworkConfig, nodeCapacities } from "../../lib/network/build";
import { NETWORK_PARAM_NAMES, networkParams, networkParamsOf, validateNetworkParams, type NetworkParams } from "../../lib/network/params";
import type { ResolvedPartitionWindow } from "../../lib/network/partition-schedule";
import { resolveParams } from "../../lib/experiment/params";
import { replicateRng, rngFor } from "../../lib/random/seed";
import { paretoLatencyFromMedian } from "../../lib/network/latency/pareto";
import type { Xoshiro128 } from "../../lib/random/xoshiro128";

const defaults = (given: Partial<Record<keyof NetworkParams, unknown>> = {}): NetworkParams => {
  const p = resolveParams(networkParams, given);
  validateNetworkParams(p);
  return p;
};

function throwsParam(fn: () => unknown, parameter: string, pieces: string[]) {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof ParameterError, `expected ParameterError, got ${err}`);
    assert.equal(err.parameter, parameter);
    for (const piece of pieces) assert.ok(err.message.includes(piece), `${JSON.stringify(err.message)} lacks ${JSON.stringify(piece)}`);
    return true;
  });
}

function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

function sd(xs: ArrayLike<number>): number {
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}

test("networkParamsOf picks exactly the shared network parameters; the PoW schema spreads all of them", () => {
  const p = nakamotoNetwork.resolve({ blocks: 7, nodes: 50 });
  const net = networkParamsOf(p);
  assert.deepEqual(Object.keys(net), NETWORK_PARAM_NAMES);
  assert.equal(net.nodes, 50);
  assert.equal("blocks" in net, false);
  for (const name of NETWORK_PARAM_NAMES) assert.ok(name in nakamotoNetworkParams, `nakamoto-network has ${name}`);
});

test("bad network parameters name the parameter, the value and the allowed range", () => {
  throwsParam(() => nakamotoNetwork.resolve({ topology: "star" }), "topology", ['"star"', "k-out, random-regular"]);
  throwsParam(() => nakamotoNetwork.resolve({ uplinkMbps: -1 }), "uplinkMbps", ["-1", "0.000001 <= uplinkMbps <= 1000000000"]);
  throwsParam(() => nakamotoNetwork.resolve({ downlinkMbps: 0 }), "downlinkMbps", ["0", "0.000001 <= downlinkMbps"]);
  throwsParam(() => nakamotoNetwork.resolve({ nodes: 10, degree: 10 }), "degree", ["10", "degree < nodes = 10"]);
  throwsParam(() => nakamotoNetwork.resolve({ latency: "gauss" }), "latency", ['"gauss"', "coordinates"]);
  throwsParam(() => nakamotoNetwork.resolve({ nodes: 10, degree: 3, crashes: [{ node: 10, atS: 5 }] }), "crashes[0].node", ["10", "node < nodes = 10"]);
  throwsParam(() => nakamotoNetwork.resolve({ crashes: [{ node: 1, atS: -5 }] }), "crashes[0].atS", ["-5", ">= 0"]);
  throwsParam(() => nakamotoNetwork.resolve({ crashes: [{ node: 1, at: 5 }] }), "crashes[0].at", ["unknown parameter", "node, atS"]);
  const overlapping = [
    { startS: 0, durationS: 100, groups: { by: "fraction", shares: [0.5] } },
    { startS: 50, durationS: 10, groups: { by: "fraction", shares: [0.5] } },
  ];
  throwsParam(() => nakamotoNetwork.resolve({ partitions: overlapping }), "partitions[1].startS", ["50", "heals at 100"]);
  throwsParam(() => nakamotoNetwork.resolve({ partitions: [{ startS: 0, durationS: 1, groups: { by: "colour" } }] }), "partitions[0].groups.by", ['"colour"', "fraction, weight, nodes"]);
  throwsParam(() => nakamotoNetwork.resolve({ nodes: 10, degree: 3, partitions: [{ startS: 0, durationS: 1, groups: { by: "nodes", groups: [[3, 12]] } }] }), "partitions[0].groups.groups[0][1]", ["12"]);
  throwsParam(() => nakamotoNetwork.resolve({ partitions: "[{" }), "partitions", ['"[{"', "is not JSON"]);
  // Found by the fuzzer: a tiny shape made the derived Pareto scale 0; a small one makes the largest draw
  // scale * (1 - U)^(-1/shape), 1 - U = 2^-53, overflow: shape >= max(53 / 1023, 52 / (1023 - log2 m)) = 0.05181 at 100 ms.
  throwsParam(() => nakamotoNetwork.resolve({ latency: "pareto", paretoShape: 0.03 }), "paretoShape", ["0.03", "paretoShape >= 0.05181 for latencyMedianMs = 100"]);
  throwsParam(() => nakamotoNetwork.resolve({ latency: "pareto", paretoShape: 0.0518 }), "paretoShape", ["0.0518"]);
  for (const [medianMs, shape] of [[100, 0.05181], [1e6, 0.05193]]) {
    assert.equal(nakamotoNetwork.resolve({ latency: "pareto", latencyMedianMs: medianMs, paretoShape: shape }).paretoShape, shape);
    const largest = paretoLatencyFromMedian(medianMs, shape).sampleMs({ nextFloat: () => 1 - 2 ** -53 } as unknown as Xoshiro128);
    assert.ok(Number.isFinite(largest), `the largest draw at the bound is finite (${medianMs} ms: ${largest})`);
  }
  throwsParam(() => nakamotoNetwork.resolve({ partitionDurationS: 10, partitions: [{ startS: 0, durationS: 1 }] }), "partitionDurationS", ["10", "0 when partitions is given"]);
});

test("graph overlay: the topology, one latency per link (both directions equal) and a pair model for non-neighbours", () => {
  const p = defaults({ nodes: 200, degree: 4, latency: "constant", latencyMedianMs: 42 });
  const config = buildNetworkConfig(p, rngFor(["params-test", 1]));
  assert.equal(config.overlay.kind, "graph");
  if (config.overlay.kind !== "graph") return;
  const g = config.overlay.graph;
  assert.equal(g.n, 200);
  assert.equal(config.linkLatencyS!.length, g.neighbors.length);
  for (let k = 0; k < g.neighbors.length; k++) assert.equal(config.linkLatencyS![k], 0.042);
  assert.equal(config.latency.latencyS(0, 199), 0.042);
  // Lognormal links: the two ends of an edge read the same draw.
  const ln = buildNetworkConfig(defaults({ nodes: 200, degree: 4 }), rngFor(["params-test", 2]));
  if (ln.overlay.kind !== "graph") return;
  const lg = ln.overlay.graph;
  const byEdge = new Map<number, number>();
  for (let k = 0; k < lg.neighbors.length; k++) {
    const e = lg.edgeIds[k];
    if (byEdge.has(e)) assert.equal(ln.linkLatencyS![k], byEdge.get(e));
    else byEdge.set(e, ln.linkLatencyS![k]);
  }
  assert.equal(byEdge.size, lg.edgeCount);
});

test("complete overlay: no per-link table; lognormal pair latencies are symmetric with log-median ln(100 ms) within 4 standard errors", () => {
  const sigma = 0.5;
  const config = buildNetworkConfig(defaults({ overlay: "complete", nodes: 2000, latencySigma: sigma }), rngFor(["params-test", 3]));
  assert.deepEqual(config.overlay, { kind: "complete", n: 2000 });
  assert.equal(config.linkLatencyS, undefined);
  const logs: number[] = [];
  for (let i = 0; i < 200; i++)
    for (let j = i + 1; j < 200; j += 3) {
      const l = config.latency.latencyS(i, j);
      assert.equal(config.latency.latencyS(j, i), l);
      logs.push(Math.log(l));
    }
  // ln L ~ N(ln 0.1 s, sigma^2) per pair: the sample mean has standard error sigma / sqrt(K).
  const se = sigma / Math.sqrt(logs.length);
  assert.ok(Math.abs(mean(logs) - Math.log(0.1)) < 4 * se, `mean ln L = ${mean(logs)}, expected ${Math.log(0.1)} +- ${4 * se}`);
});

test("coordinates: latency = base + distance on a unit square whose side is coordinateSideMs", () => {
  const config = buildNetworkConfig(defaults({ overlay: "complete", nodes: 300, latency: "coordinates", coordinateBaseMs: 5, coordinateSideMs: 100 }), rngFor(["params-test", 4]));
  let max = 0;
  for (let i = 0; i < 300; i++) {
    const l = config.latency.latencyS(i, (i * 7 + 1) % 300);
    if ((i * 7 + 1) % 300 === i) continue;
    assert.ok(l >= 0.005 && l <= 0.005 + 0.1 * Math.SQRT2, `latency ${l} within [base, base + side sqrt 2]`);
    max = Math.max(max, l);
  }
  assert.ok(max > 0.05, "points spread over the square");
});

test("capacities: the medians for every node at spread 0; with spread sigma, ln(capacity / median) has mean 0 and sd sigma (within 4 SE), one factor per node", () => {
  const flat = nodeCapacities(defaults({ nodes: 10, degree: 3, uplinkMbps: 20, downlinkMbps: 5 }), null);
  assert.deepEqual(Array.from(flat.uplinkBps), new Array(10).fill(20e6));
  assert.deepEqual(Array.from(flat.downlinkBps), new Array(10).fill(5e6));
  const sigma = 0.7;
  const n = 4000;
  const config = buildNetworkConfig(defaults({ overlay: "complete", nodes: n, uplinkMbps: 20, downlinkMbps: 5, bandwidthSpread: sigma }), rngFor(["params-test", 5]));
  const up = config.resources!.uplinkBps;
  const down = config.resources!.downlinkBps;
  const logs = Array.from(up, (u) => Math.log(u / 20e6));
  // mean of n normals: SE sigma / sqrt(n); sample sd: SE ~ sigma / sqrt(2 (n - 1)).
  assert.ok(Math.abs(mean(logs)) < (4 * sigma) / Math.sqrt(n), `mean ${mean(logs)}`);
  assert.ok(Math.abs(sd(logs) - sigma) < (4 * sigma) / Math.sqrt(2 * (n - 1)), `sd ${sd(logs)}`);
  for (let v = 0; v < n; v++) assert.ok(Math.abs(up[v] / down[v] - 4) < 1e-9, "the same factor for both directions");
});

test("faults and costs reach the config: loss, jitter, churn, crashes, CPU per message, partitions resolved with the requested sizes", () => {
  const config = buildNetworkConfig(
    defaults({
      nodes: 200,
      degree: 4,
      lossRate: 0.01,
      jitterMs: 3,
      meanSessionS: 100,
      meanOfflineS: 20,
      cpuUsPerMessage: 250,
      uploadQueueing: true,
      crashes: [{ node: 3, atS: 60 }],
      partitions: [{ startS: 10, durationS: 5, groups: { by: "fraction", shares: [0.3] }, mode: "hold" }],
    }),
    rngFor(["params-test", 6]),
  );
  assert.equal(config.lossRate, 0.01);
  assert.equal(config.jitter?.meanMs, 3);
  assert.deepEqual(config.churn, { kind: "rates", meanSessionS: 100, meanOfflineS: 20 });
  assert.deepEqual(config.crashes, [{ node: 3, atS: 60 }]);
  assert.deepEqual(config.resources?.cpuCostS, { "*": { fixedS: 250e-6 } });
  assert.equal(config.resources?.uploadQueueing, true);
  const [w] = config.partitions as readonly ResolvedPartitionWindow[];
  assert.equal(w.mode, "hold");
  assert.equal(w.endS, 15);
  assert.equal(w.group.filter((g) => g === 0).length, 60, "round(0.3 * 200) nodes in the first group");
  const none = buildNetworkConfig(defaults({ nodes: 20, degree: 3 }), rngFor(["params-test", 7]));
  assert.equal(none.jitter, null);
  assert.equal(none.churn, null);
  assert.deepEqual(none.partitions, []);
  assert.equal(none.resources?.cpuCostS, undefined);
});

test("the PoW partition shortcut stands for a one-window fraction schedule; an explicit schedule is used as it is", () => {
  const p = nakamotoNetwork.resolve({ partitionStartS: 600, partitionDurationS: 1800, partitionShare: 0.25 });
  assert.deepEqual(partitionScheduleOf(p), [{ startS: 600, durationS: 1800, groups: { by: "fraction", shares: [0.25] } }]);
  assert.deepEqual(partitionScheduleOf(nakamotoNetwork.resolve({})), []);
  const explicit = [{ startS: 1, durationS: 2, groups: { by: "fraction", shares: [0.5] } }];
  assert.deepEqual(partitionScheduleOf(nakamotoNetwork.resolve({ partitions: explicit })), explicit);
  // A split by weight uses the hash shares as weights: with node 0 at 0.2 and 49 nodes at 0.8 / 49, the first group's
  // hash share is within one node's weight (0.2) of the requested 0.45.
  const weighted = nakamotoNetwork.resolve({ nodes: 50, degree: 4, bigMinerShare: 0.2, partitions: [{ startS: 0, durationS: 10, groups: { by: "weight", shares: [0.45] } }] });
  const shares = hashWeights(weighted);
  const [w] = buildNakamotoSetup(weighted, replicateRng(1, "nakamoto-network", {}, 0)).network.partitions as readonly ResolvedPartitionWindow[];
  let got = 0;
  for (let v = 0; v < 50; v++) if (w.group[v] === 0) got += shares[v];
  assert.ok(Math.abs(got - 0.45) <= 0.2, `group weight ${got}`);
  assert.ok(Math.abs(shares.reduce((a, b) => a + b, 0) - 1) < 1e-12);
});

test("capacity regions: each node gets its region's SimBlock 2019 uplink and downlink", () => {
  const p = defaults({ overlay: "complete", nodes: 400, latency: "regions", capacity: "regions" });
  const config = buildNetworkConfig(p, rngFor(["params-test", 8]));
  // SimBlock NetworkConfiguration.java, UPLOAD_BANDWIDTH_2019 / DOWNLOAD_BANDWIDTH_2019 (bit/s), regions in order
  // north-america, europe, south-america, asia-pacific, japan, australia.
  const pairs = new Set(["19200000/52000000", "20700000/40000000", "5800000/18000000", "15700000/22800000", "10200000/22800000", "11300000/29900000"]);
  const seen = new Set<string>();
  for (let v = 0; v < 400; v++) {
    const key = `${config.resources!.uplinkBps[v]}/${config.resources!.downlinkBps[v]}`;
    assert.ok(pairs.has(key), `node ${v}: ${key} is a region's pair`);
    seen.add(key);
  }
  assert.ok(seen.has("19200000/52000000") && seen.has("20700000/40000000"), "the two big regions (83% of nodes) both appear");
  // Without region latency the nodes are placed in the regions for their capacities only, by the dataset's node shares
  // (SimBlock 2019: north-america 33.16%, europe 49.98%, ...): the big two regions' pairs hold about 83% of 4000 nodes.
  const q = defaults({ nodes: 4000, degree: 8, latency: "lognormal", capacity: "regions" });
  const c = buildNetworkConfig(q, rngFor(["params-test", 9]));
  let big = 0;
  for (let v = 0; v < 4000; v++) {
    const key = `${c.resources!.uplinkBps[v]}/${c.resources!.downlinkBps[v]}`;
    assert.ok(pairs.has(key), `node ${v}: ${key} is a region's pair`);
    if (key === "19200000/52000000" || key === "20700000/40000000") big++;
  }
  const share = 0.3316 + 0.4998;
  assert.ok(Math.abs(big / 4000 - share) < 4 * Math.sqrt((share * (1 - share)) / 4000), `big-region share ${big / 4000} vs ${share}`);
  throwsParam(() => defaults({ capacity: "regions", latency: "regions", regionData: "ibm-cloud-2024" }), "capacity", ["ibm-cloud-2024 has no bandwidth table"]);
});

test("a bandwidth spread that would underflow the slowest node's capacity to 0 is refused up front, naming the capacity", () => {
  // The schema keeps capacities >= 1 bit/s; validateNetworkParams also guards callers that build the object themselves.
  assert.throws(() => resolveParams(networkParams, { uplinkMbps: 1e-7 }), (err: unknown) => err instanceof ParameterError && err.parameter === "uplinkMbps");
  const base = { ...resolveParams(networkParams, { bandwidthSpread: 10 }), uplinkMbps: 1e-300 };
  assert.throws(() => validateNetworkParams(base), (err: unknown) => err instanceof ParameterError && err.parameter === "uplinkMbps" && /underflow/.test(err.message));
  assert.throws(() => validateNetworkParams({ ...base, uplinkMbps: 10, downlinkMbps: 1e-322 }), (err: unknown) => err instanceof ParameterError && err.parameter === "downlinkMbps");
  // Ordinary values with a large spread pass, and so does a tiny capacity without spread.
  validateNetworkParams({ ...base, uplinkMbps: 10, downlinkMbps: 10 });
  validateNetworkParams({ ...base, uplinkMbps: 1e-300, bandwidthSpread: 0 });
});

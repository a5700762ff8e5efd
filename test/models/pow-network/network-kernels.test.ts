import { test } from "node:test";
import assert from "node:assert/strict";
import { rngFor } from "../../../lib/random/seed";
import { Xoshiro128 } from "../../../lib/random/xoshiro128";
import { randomKOut, wattsStrogatz } from "../../../lib/network/topology";
import { components, graphFromEdges } from "../../../lib/network/graph";
import { constantLatency, lognormalLatency } from "../../../lib/network/latency";
import { sampleLinkLatencies } from "../../../lib/network/link-latencies";
import { shortestPathTimes } from "../../../lib/network/shortest-paths";
import { graphNetworkConfig } from "../../../lib/network/graph-network";
import { constantPairLatency } from "../../../lib/network/pair-latency";
import { simulateNakamoto } from "../../../lib/models/pow-network/simulate";
import { blockHopDelays, simulateNakamotoFast } from "../../../lib/models/pow-network/fast";
import { runNakamoto } from "../../../lib/models/pow-network/run";
import { summarizeNakamoto } from "../../../lib/models/pow-network/metrics";
import { setupGraph, type NakamotoConfig, type NakamotoRun, type NakamotoSetup } from "../../../lib/models/pow-network/config";

function setup(n: number, k: number, seed: number, bandwidthMbps = 10, medianMs = 100): NakamotoSetup {
  const graph = randomKOut(n, k, new Xoshiro128([seed, 1, 2, 3]));
  return { network: graphNetworkConfig(graph, sampleLinkLatencies(graph, lognormalLatency(medianMs, 0.5), new Xoshiro128([seed, 4, 5, 6])), { bandwidthBps: bandwidthMbps * 1e6 }) };
}

function sameRun(a: NakamotoRun, b: NakamotoRun): void {
  const ta = a.state.tree;
  const tb = b.state.tree;
  assert.equal(ta.size, tb.size);
  for (const col of ["parent", "height", "miner", "foundS", "work"] as const) assert.deepEqual(ta[col].subarray(0, ta.size), tb[col].subarray(0, tb.size), col);
  for (const col of ["tip", "reached", "delaySumS", "t50S", "t90S", "t100S", "reorgDepth", "seen"] as const) assert.deepEqual(a.state[col], b.state[col], col);
  assert.deepEqual([a.mined, a.deliveries, a.duplicates, a.stop, a.endTimeS], [b.mined, b.deliveries, b.duplicates, b.stop, b.endTimeS]);
  assert.deepEqual(summarizeNakamoto(a), summarizeNakamoto(b));
}

test("the fast kernel and the readable Simulation+Network kernel give identical runs (short block interval: many forks)", () => {
  for (const seed of [1, 2, 3]) {
    const s = setup(150, 4, seed);
    const config: NakamotoConfig = { blockIntervalS: 8, blocks: 400, blockSizeBytes: 1e6 };
    const fast = simulateNakamotoFast(s, config, rngFor(["kernels", seed]));
    const reference = simulateNakamoto(s, config, rngFor(["kernels", seed]));
    sameRun(fast, reference);
    assert.equal(fast.kernel, "fast");
    assert.equal(reference.kernel, "reference");
    assert.ok(summarizeNakamoto(fast).staleBlocks > 20, "the case exercises forks and reorgs");
    assert.ok(summarizeNakamoto(fast).nodeReorgs > 0);
  }
  // Unequal hash shares and exact time ties (constant latency, no transmission delay) too.
  const graph = wattsStrogatz(60, 4, 0.2, new Xoshiro128([9, 9, 9, 9]));
  const tied: NakamotoSetup = { network: graphNetworkConfig(graph, sampleLinkLatencies(graph, constantLatency(500), new Xoshiro128([1, 1, 1, 1]))) };
  const shares = Array.from({ length: 60 }, (_, i) => (i === 0 ? 0.41 : 0.01));
  const config: NakamotoConfig = { blockIntervalS: 3, blocks: 300, blockSizeBytes: 0, hashShares: shares };
  sameRun(simulateNakamotoFast(tied, config, rngFor(["ties"])), simulateNakamoto(tied, config, rngFor(["ties"])));
  assert.equal(runNakamoto(tied, config, rngFor(["ties"])).kernel, "fast");
  assert.equal(runNakamoto({ network: { ...tied.network, lossRate: 0.01 } }, config, rngFor(["ties"])).kernel, "reference");
});

test("without congestion a block reaches node v exactly at found + shortest-path delay from its miner, and every node gets every block", () => {
  const s = setup(300, 8, 7);
  const config: NakamotoConfig = { blockIntervalS: 30, blocks: 60, blockSizeBytes: 1e6, recordArrivals: true };
  const hop = blockHopDelays(s, config.blockSizeBytes);
  const graph = setupGraph(s)!;
  for (const kernel of ["fast", "reference"] as const) {
    const run = runNakamoto(s, config, rngFor(["dijkstra"]), kernel);
    const { tree, arrivalS, reached } = run.state;
    const n = graph.n;
    for (let b = 1; b < tree.size; b++) {
      assert.equal(reached[b], n, `block ${b} reached ${reached[b]} of ${n}`);
      const expected = shortestPathTimes(graph, hop, tree.miner[b], tree.foundS[b]);
      for (let v = 0; v < n; v++) {
        // Both sides add the same per-hop delays along the same best path to the same start time: exact.
        assert.equal(tree.foundS[b] + arrivalS![b * n + v], expected[v], `${kernel}: block ${b} node ${v}`);
      }
    }
  }
});

test("event accounting: events = mining events + deliveries; first receipts = (n - 1) per block; duplicates are the rest", () => {
  const s = setup(200, 8, 11);
  const run = simulateNakamotoFast(s, { blockIntervalS: 600, blocks: 100, blockSizeBytes: 1e6 }, rngFor(["accounting"]));
  assert.equal(run.events, run.miningEvents + run.deliveries);
  assert.equal(run.deliveries - run.duplicates, 100 * 199);
  // Each first receipt relays to the neighbours that lack the block: at most the link ends minus the sender.
  assert.ok(run.deliveries <= 100 * setupGraph(s)!.neighbors.length);
  assert.equal(run.stop, "drained");
});

test("event and time caps stop a run and the run says why", () => {
  const s = setup(100, 4, 12);
  const byEvents = runNakamoto(s, { blockIntervalS: 600, blocks: 1000, blockSizeBytes: 1e6, maxEvents: 5000 }, rngFor(["cap"]));
  assert.equal(byEvents.stop, "max-events");
  assert.equal(byEvents.events, 5000);
  const byTime = runNakamoto(s, { blockIntervalS: 600, blocks: 1000, blockSizeBytes: 1e6, maxTimeS: 6000 }, rngFor(["cap"]), "reference");
  assert.equal(byTime.stop, "max-time");
  assert.ok(byTime.mined < 100 && byTime.endTimeS === 6000);
});

test("on a disconnected graph a block reaches exactly its miner's component", () => {
  const graph = graphFromEdges(6, [0, 1, 3, 4], [1, 2, 4, 5]); // {0, 1, 2} and {3, 4, 5}
  const s: NakamotoSetup = { network: graphNetworkConfig(graph, sampleLinkLatencies(graph, constantLatency(100), new Xoshiro128([2, 2, 2, 2]))) };
  const run = runNakamoto(s, { blockIntervalS: 60, blocks: 50, blockSizeBytes: 0 }, rngFor(["components"]));
  const { label } = components(graph);
  for (let b = 1; b < run.state.tree.size; b++) {
    for (let v = 0; v < 6; v++) assert.equal(run.state.hasSeen(b, v), label[v] === label[run.state.tree.miner[b]]);
  }
});

test("per-node uplink and downlink: the fast kernel's hop delays (latency + size * 8 / min(up, down)) match the readable kernel event for event; a complete overlay runs on the readable kernel", () => {
  const graph = randomKOut(120, 4, new Xoshiro128([21, 1, 2, 3]));
  const r = new Xoshiro128([22, 1, 2, 3]);
  const uplinkBps = Float64Array.from({ length: 120 }, () => 2e6 + 20e6 * r.nextFloat());
  const downlinkBps = Float64Array.from({ length: 120 }, () => 2e6 + 20e6 * r.nextFloat());
  const s: NakamotoSetup = { network: graphNetworkConfig(graph, sampleLinkLatencies(graph, lognormalLatency(100, 0.5), new Xoshiro128([23, 1, 2, 3])), { resources: { uplinkBps, downlinkBps } }) };
  const config: NakamotoConfig = { blockIntervalS: 10, blocks: 200, blockSizeBytes: 1e6 };
  const fast = simulateNakamotoFast(s, config, rngFor(["capacities"]));
  sameRun(fast, simulateNakamoto(s, config, rngFor(["capacities"])));
  assert.ok(summarizeNakamoto(fast).staleBlocks > 0);
  // Hop 0 -> its first neighbour w: latency + 8e6 / min(up[0], down[w]).
  const k = graph.offsets[0];
  const w = graph.neighbors[k];
  assert.equal(blockHopDelays(s, 1e6)[k], s.network.linkLatencyS![k] + 8e6 / Math.min(uplinkBps[0], downlinkBps[w]));

  const complete: NakamotoSetup = { network: { overlay: { kind: "complete", n: 30 }, latency: constantPairLatency(30, 100) } };
  const run = runNakamoto(complete, { blockIntervalS: 60, blocks: 50, blockSizeBytes: 0, recordArrivals: true }, rngFor(["complete"]));
  assert.equal(run.kernel, "reference");
  // Every other node is one hop away: each block reaches everyone exactly 0.1 s after it is found.
  for (let b = 1; b < run.state.tree.size; b++) {
    // (arrival - found is a difference of two sums: equal to 0.1 within rounding of the found time)
    for (let v = 0; v < 30; v++) assert.ok(Math.abs(run.state.arrivalS![b * 30 + v] - (v === run.state.tree.miner[b] ? 0 : 0.1)) < 1e-9, `block ${b} node ${v}`);
  }
});

/**
 * Block relay protocols (relay-protocol.ts, relay-simulate.ts, relay-fast.ts):
 * hop costs against shortest paths, block-by-block sync after a partition,
 * the fast kernel against the readable one, and the protocol invariants.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { rngFor } from "../../../lib/random/seed";
import { Xoshiro128 } from "../../../lib/random/xoshiro128";
import { randomKOut } from "../../../lib/network/topology";
import { constantLatency, lognormalLatency } from "../../../lib/network/latency";
import { sampleLinkLatencies } from "../../../lib/network/link-latencies";
import { shortestPathTimes, transmissionS } from "../../../lib/network/shortest-paths";
import { graphNetworkConfig } from "../../../lib/network/graph-network";
import { simulateNakamotoRelay } from "../../../lib/models/pow-network/relay-simulate";
import { simulateNakamotoRelayFast } from "../../../lib/models/pow-network/relay-fast";
import { headersBytes, invBytes, DEFAULT_RELAY, type RelayConfig, type RelayProtocol } from "../../../lib/models/pow-network/relay-protocol";
import { nakamotoNetworkRun } from "../../../lib/models/pow-network/analysis";
import { summarizeNakamoto } from "../../../lib/models/pow-network/metrics";
import { setupGraph, type NakamotoConfig, type NakamotoRun, type NakamotoSetup } from "../../../lib/models/pow-network/config";

const LATENCY_MS = 50;
const BANDWIDTH_BPS = 10e6;

function constantSetup(n: number, k: number, seed: number): NakamotoSetup {
  const graph = randomKOut(n, k, new Xoshiro128([seed, 1, 2, 3]));
  return { network: graphNetworkConfig(graph, sampleLinkLatencies(graph, constantLatency(LATENCY_MS), new Xoshiro128([seed, 4, 5, 6])), { bandwidthBps: BANDWIDTH_BPS }) };
}

function relayOf(protocol: RelayProtocol, extra: Partial<RelayConfig> = {}): RelayConfig {
  return { ...DEFAULT_RELAY, protocol, ...extra };
}

test("inv and headers relay: each hop costs 3 latencies + the transfers of announce, request and block + validation (Dijkstra on those hop costs)", () => {
  const s = constantSetup(200, 4, 1);
  const graph = setupGraph(s)!;
  const size = 1e6;
  const validation = { validationS: 0.2, validationSPerMB: 0.1 };
  const V = 0.2 + 0.1 * (size / 1e6);
  for (const protocol of ["inv", "headers"] as const) {
    const announce = protocol === "inv" ? invBytes(1) : headersBytes(1);
    const hopS = 3 * (LATENCY_MS / 1e3) + transmissionS(announce, BANDWIDTH_BPS) + transmissionS(invBytes(1), BANDWIDTH_BPS) + transmissionS(size, BANDWIDTH_BPS) + V;
    const hop = new Float64Array(graph.neighbors.length).fill(hopS);
    // Blocks 1e5 s apart on average: each spreads alone, so nothing queues.
    const config: NakamotoConfig = { blockIntervalS: 1e5, blocks: 4, blockSizeBytes: size, recordArrivals: true, relay: relayOf(protocol, validation) };
    for (const kernel of [simulateNakamotoRelay, simulateNakamotoRelayFast]) {
      const run = kernel(s, config, rngFor(["dijkstra", protocol]));
      const { tree, arrivalS } = run.state;
      for (let b = 1; b < tree.size; b++) {
        const dist = shortestPathTimes(graph, hop, tree.miner[b], 0);
        for (let v = 0; v < graph.n; v++) {
          const got = arrivalS![b * graph.n + v];
          assert.ok(Math.abs(got - dist[v]) < 1e-9, `${protocol} block ${b} node ${v}: ${got} s, Dijkstra ${dist[v]} s`);
        }
      }
      assert.equal(run.relayStats.duplicateBlocks, 0);
      assert.equal(run.relayStats.blockTransfers, (tree.size - 1) * (graph.n - 1), "one transfer per block and node");
    }
  }
});

test("after a partition heals, the side that lost syncs the winning branch block by block: one transfer per missing block, nothing received twice", () => {
  for (const protocol of ["inv", "headers"] as const) {
    const { run, summary } = nakamotoNetworkRun(
      { nodes: 60, degree: 4, blocks: 80, blockIntervalS: 60, latencyMedianMs: 100, relay: protocol, partitionStartS: 0, partitionDurationS: 2400, partitionShare: 0.5 },
      3,
    );
    const stats = (run as NakamotoRun & { relayStats: { blockTransfers: number; duplicateBlocks: number } }).relayStats;
    const { tree, reached, tip } = run.state;
    let needed = 0;
    for (let b = 1; b < tree.size; b++) needed += reached[b] - 1; // every node but the miner got it by one transfer
    assert.ok(summary.maxForkLength >= 5, `${protocol}: the partition left a fork of ${summary.maxForkLength} blocks (the case must sync a branch)`);
    assert.equal(stats.duplicateBlocks, 0, `${protocol}: no block received twice`);
    assert.equal(stats.blockTransfers, needed, `${protocol}: block transfers = blocks each node lacked`);
    const best = tree.bestTip();
    for (let v = 0; v < run.state.n; v++) assert.equal(tip[v], best, `${protocol}: node ${v} ends on the best chain`);
  }
});

test("the fast relay kernel and the readable one give identical runs (every protocol, with and without upload queueing)", () => {
  const graph = randomKOut(120, 4, new Xoshiro128([5, 1, 2, 3]));
  const latencies = sampleLinkLatencies(graph, lognormalLatency(100, 0.5), new Xoshiro128([5, 4, 5, 6]));
  for (const uploadQueueing of [false, true]) {
    const s: NakamotoSetup = { network: graphNetworkConfig(graph, latencies, { bandwidthBps: BANDWIDTH_BPS, uploadQueueing }) };
    for (const protocol of ["inv", "headers", "compact-lb", "compact-hb"] as const) {
      const config: NakamotoConfig = { blockIntervalS: 10, blocks: 150, blockSizeBytes: 1e6, relay: relayOf(protocol, { validationS: 0.05, validationSPerMB: 0.05, compactMissShare: 0.2, compactMissBytes: 2e4 }) };
      const a = simulateNakamotoRelay(s, config, rngFor(["relay-kernels", protocol]));
      const b = simulateNakamotoRelayFast(s, config, rngFor(["relay-kernels", protocol]));
      for (const col of ["parent", "miner", "foundS"] as const) assert.deepEqual(a.state.tree[col].subarray(0, a.state.tree.size), b.state.tree[col].subarray(0, b.state.tree.size), `${protocol} ${col}`);
      for (const col of ["tip", "reached", "delaySumS", "t50S", "t100S", "reorgDepth", "seen", "adopted"] as const) assert.deepEqual(a.state[col], b.state[col], `${protocol} ${col}`);
      assert.deepEqual(a.relayStats, b.relayStats, protocol);
      assert.deepEqual([a.events, a.endTimeS, a.stop], [b.events, b.endTimeS, b.stop], protocol);
      assert.ok(summarizeNakamoto(a).staleBlocks > 3, `${protocol}: the case has forks`);
    }
  }
});

test("relay invariants: compact blocks miss at the configured share; side branches are not fetched unless asked", () => {
  const s = constantSetup(150, 4, 2);
  const config: NakamotoConfig = { blockIntervalS: 20, blocks: 200, blockSizeBytes: 1e6, relay: relayOf("compact-lb", { compactMissShare: 0.3, compactMissBytes: 1e4 }) };
  const run = simulateNakamotoRelayFast(s, config, rngFor(["invariants"]));
  const st = run.relayStats;
  // Misses are Bernoulli(0.3) over reconstructions (compact blocks that connected): binomial SE.
  const tries = st.compactTransfers - st.duplicateCompact;
  const se = Math.sqrt((0.3 * 0.7) / tries);
  assert.ok(Math.abs(st.compactMisses / tries - 0.3) < 4 * se, `miss share ${st.compactMisses / tries} over ${tries}`);
  // Stale blocks reach fewer nodes than main-chain blocks when side branches are not relayed.
  const onMain = run.state.tree.chainMask(run.state.tree.bestTip());
  let staleReach = 0;
  let stale = 0;
  for (let b = 1; b < run.state.tree.size; b++) if (!onMain[b]) { staleReach += run.state.reached[b]; stale++; }
  assert.ok(stale > 0 && staleReach / stale < 150, `stale blocks reach ${staleReach / stale} nodes on average`);
  const side = simulateNakamotoRelayFast(s, { ...config, relay: { ...config.relay!, relaySideBranches: true } }, rngFor(["invariants"]));
  let sideReach = 0;
  const onMainSide = side.state.tree.chainMask(side.state.tree.bestTip());
  for (let b = 1; b < side.state.tree.size; b++) if (!onMainSide[b]) sideReach += side.state.reached[b] === 150 ? 1 : 0;
  assert.ok(sideReach > 0, "with relaySideBranches stale blocks reach every node");
});

/**
 * Loss, churn, partitions and difficulty retargeting in the proof-of-work
 * network model: what the network layer promises, seen from the blocks.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { rngFor } from "../../../lib/random/seed";
import { Xoshiro128 } from "../../../lib/random/xoshiro128";
import { randomKOut } from "../../../lib/network/topology";
import { lognormalLatency } from "../../../lib/network/latency";
import { sampleLinkLatencies } from "../../../lib/network/link-latencies";
import { graphNetworkConfig, type GraphNetworkOptions } from "../../../lib/network/graph-network";
import type { ResolvedPartitionWindow } from "../../../lib/network/partition-schedule";
import { nakamotoNetworkRun } from "../../../lib/models/pow-network/analysis";
import { runNakamoto } from "../../../lib/models/pow-network/run";
import { summarizeNakamoto } from "../../../lib/models/pow-network/metrics";
import { BlockTree } from "../../../lib/models/pow-network/block-tree";
import { nextDifficulty } from "../../../lib/models/pow-network/difficulty";
import type { NakamotoSetup } from "../../../lib/models/pow-network/config";

function kOut(n: number, k: number, seed: number, options: GraphNetworkOptions = {}): NakamotoSetup {
  const graph = randomKOut(n, k, new Xoshiro128([seed, 2, 3, 4]));
  return { network: graphNetworkConfig(graph, sampleLinkLatencies(graph, lognormalLatency(100, 0.5), new Xoshiro128([seed, 5, 6, 7])), options) };
}

test("with loss 1 no block leaves its miner: every miner builds its own chain", () => {
  const { run, summary } = nakamotoNetworkRun({ nodes: 20, degree: 3, lossRate: 1, blocks: 200 }, 1);
  assert.equal(run.kernel, "reference");
  for (let b = 1; b < run.state.tree.size; b++) {
    assert.equal(run.state.reached[b], 1);
    const p = run.state.tree.parent[b];
    assert.ok(p === 0 || run.state.tree.miner[p] === run.state.tree.miner[b], "a miner only extends its own blocks");
  }
  assert.equal(run.networkStats!.delivered, 0);
  assert.ok(summary.staleRate > 0.8);
});

test("moderate loss slows propagation but blocks still reach everyone through other paths", () => {
  const lossy = nakamotoNetworkRun({ nodes: 200, degree: 8, lossRate: 0.2, blocks: 100 }, 2).summary;
  const clean = nakamotoNetworkRun({ nodes: 200, degree: 8, blocks: 100 }, 2).summary;
  assert.equal(lossy.reachedAllShare, 1);
  assert.ok(lossy.propagationP100S > clean.propagationP100S);
});

test("a node churned out receives no block while offline, mines nothing, and resynchronises when back", () => {
  const offlineFrom = 3000;
  const offlineTo = 20_000;
  const setup = kOut(60, 4, 3, { bandwidthBps: 10e6, churn: { kind: "schedule", intervals: [{ node: 5, fromS: offlineFrom, toS: offlineTo }] } });
  const run = runNakamoto(setup, { blockIntervalS: 300, blocks: 150, blockSizeBytes: 1e6, recordArrivals: true }, rngFor(["churn"]));
  const { tree, arrivalS, tip } = run.state;
  let during = 0;
  for (let b = 1; b < tree.size; b++) {
    const arrival = tree.foundS[b] + arrivalS![b * 60 + 5];
    if (tree.foundS[b] >= offlineFrom && tree.foundS[b] < offlineTo) {
      during++;
      assert.notEqual(tree.miner[b], 5);
      assert.ok(Number.isNaN(arrival) || arrival >= offlineTo, `block ${b} found at ${tree.foundS[b]} reached node 5 at ${arrival}`);
    }
  }
  assert.ok(during > 20, `${during} blocks found while node 5 was offline`);
  const best = tree.bestTip();
  assert.equal(tree.work[tip[5]], tree.work[best], "node 5 caught up with the best chain");
  assert.ok(run.networkStats!.droppedOffline > 0);
});

test("a partition splits the chain for its duration; after the heal one side's blocks become stale and the other side reorganises deeply", () => {
  const startS = 6000;
  const durationS = 12_000;
  const { run, setup, summary } = nakamotoNetworkRun(
    { nodes: 100, degree: 4, blockIntervalS: 60, blocks: 600, partitionStartS: startS, partitionDurationS: durationS, partitionShare: 0.5 },
    4,
    { recordArrivals: true },
  );
  const sideA = new Uint8Array(100);
  const split = (setup.network.partitions as readonly ResolvedPartitionWindow[])[0].group;
  for (let v = 0; v < 100; v++) sideA[v] = split[v] === 0 ? 1 : 0;
  const { tree, arrivalS } = run.state;
  let crossed = 0;
  let checked = 0;
  for (let b = 1; b < tree.size; b++) {
    const found = tree.foundS[b];
    if (found < startS || found >= startS + durationS) continue;
    for (let v = 0; v < 100; v++) {
      if (sideA[v] === sideA[tree.miner[b]]) continue;
      checked++;
      const arrival = found + arrivalS![b * 100 + v];
      if (arrival < startS + durationS) crossed++; // NaN (never) is fine
    }
  }
  assert.ok(checked > 1000);
  assert.equal(crossed, 0, "no block crosses the partition before it heals");
  // ~200 blocks were mined during the split, about half on the losing side.
  assert.ok(summary.staleRate > 0.1, `stale rate ${summary.staleRate}`);
  assert.ok(summary.maxReorgDepth >= 20, `deepest reorg ${summary.maxReorgDepth}`);
  assert.ok(summary.maxForkLength >= 20);
  // What reaches everybody, by the relay rules (simulate.ts): every node relays every block it sees first, and on
  // the heal each side pushes its tip (its chain comes along), so the main chain and the losing side's chain at the
  // heal reach every node, stale or not. What is left out are blocks that no tip builds on: branches already lost
  // inside one side, which nobody sends again.
  const reachedAll = (b: number) => {
    for (let v = 0; v < 100; v++) if (!Number.isFinite(arrivalS![b * 100 + v])) return false;
    return true;
  };
  const onMain = tree.chainMask(tree.bestTip());
  let staleEverywhere = 0;
  for (let b = 1; b < tree.size; b++) {
    if (onMain[b]) assert.ok(reachedAll(b), `main-chain block ${b} did not reach every node`);
    else if (reachedAll(b)) staleEverywhere++;
  }
  assert.ok(staleEverywhere >= 10, `${staleEverywhere} stale blocks reached every node: the losing side's chain is relayed after the heal`);
  // A block that missed some node has no descendant that reached every node (a tip carries its ancestors along).
  const reached = new Uint8Array(tree.size);
  for (let b = 1; b < tree.size; b++) if (reachedAll(b)) reached[b] = 1;
  for (let b = tree.size - 1; b > 0; b--) if (reached[b]) reached[tree.parent[b]] = 1; // mark ancestors of reached blocks
  for (let b = 1; b < tree.size; b++) if (!reachedAll(b)) assert.equal(reached[b], 0, `block ${b} is an ancestor of a block everybody has, yet some node lacks it`);
  assert.equal(summary.reachedAllShare < 1, true, "branches lost inside one side stay there");
  const best = tree.bestTip();
  assert.ok(run.state.tip.every((t) => tree.work[t] === tree.work[best]), "after the heal everybody is on a best chain");
});

test("difficulty retargeting: the clamp is x4 either way, and a 4x too easy start converges to the target interval", () => {
  // Unit: a period that took 1/100 of the expected time raises the difficulty 4x, not 100x; 100x too long lowers it 4x.
  const tree = new BlockTree(30, 1);
  for (let h = 1; h <= 10; h++) tree.add(h - 1, 0, h * 0.06, 1);
  assert.equal(nextDifficulty(tree, 10, 10, 600), 4);
  const slow = new BlockTree(30, 1);
  for (let h = 1; h <= 10; h++) slow.add(h - 1, 0, h * 60_000, 1);
  assert.equal(nextDifficulty(slow, 10, 10, 600), 0.25);
  assert.equal(nextDifficulty(slow, 9, 10, 600), 1, "no retarget off the period boundary");

  // Simulation: initial difficulty 0.25 (blocks every 150 s), retarget every N = 100 blocks.
  const N = 100;
  const T = 600;
  const { run } = nakamotoNetworkRun({ nodes: 30, degree: 4, latencyMedianMs: 1, uplinkMbps: 1e9, downlinkMbps: 1e9, blockIntervalS: T, initialDifficulty: 0.25, retargetBlocks: N, blocks: 1500 }, 5);
  assert.equal(run.kernel, "reference");
  const tree2 = run.state.tree;
  const tip = tree2.bestTip();
  const at = (h: number) => tree2.foundS[tree2.ancestorAt(tip, h)];
  assert.ok(tree2.height[tip] >= 1490);
  // First period: mean interval 0.25 T within 4 SE (exponential intervals: SE = mean / sqrt(N)).
  const first = at(N) / N;
  assert.ok(Math.abs(first - 0.25 * T) < 4 * (0.25 * T) / Math.sqrt(N), `first period ${first}`);
  // Later: after a retarget D = N / G with G ~ Gamma(N, 1) (the previous D cancels), so E[D] = N / (N - 1) and
  // Var D = N^2 / ((N - 1)^2 (N - 2)). Over K periods the mean interval is T mean(D) plus exponential noise.
  const K = 8;
  const from = 1400 - K * N;
  const meanInterval = (at(1400) - at(from)) / (K * N);
  const ED = N / (N - 1);
  const varD = (N * N) / ((N - 1) * (N - 1) * (N - 2));
  const se = T * Math.sqrt(varD / K + (ED * ED + varD) / (K * N));
  assert.ok(Math.abs(meanInterval - T * ED) < 4 * se, `mean interval ${meanInterval} vs ${T * ED} +- ${se}`);
});

test("rate churn: the run drains once mining stops, offline nodes drop deliveries, and the chain still converges", () => {
  const { run, summary } = nakamotoNetworkRun({ nodes: 80, degree: 4, blockIntervalS: 120, blocks: 300, meanSessionS: 3600, meanOfflineS: 600 }, 8);
  assert.equal(run.kernel, "reference");
  assert.equal(run.stop, "drained");
  assert.equal(summary.blocksMined, 300);
  assert.ok(run.networkStats!.droppedOffline > 0);
  assert.ok(run.miningEvents > 300, "mining events that fell on offline miners found nothing");
  const tree = run.state.tree;
  const best = tree.bestTip();
  assert.ok(run.state.tip.every((t) => tree.work[t] === tree.work[best]), "everybody ends on a best chain");
});

test("jitter and upload queueing only delay blocks: arrivals are never earlier than the shortest path, and propagation slows", () => {
  const config = { blockIntervalS: 600, blocks: 40, blockSizeBytes: 1e6, recordArrivals: true };
  const base = runNakamoto(kOut(150, 4, 9, { bandwidthBps: 10e6 }), config, rngFor(["delay"]));
  for (const extra of [{ jitter: { name: "j", sampleMs: (r: Xoshiro128) => 200 * r.nextFloat(), meanMs: 100, medianMs: 100, varianceMs2: 40000 / 12 } }, { uploadQueueing: true }]) {
    const slow = runNakamoto(kOut(150, 4, 9, { bandwidthBps: 10e6, ...extra }), config, rngFor(["delay"]));
    assert.equal(slow.kernel, "reference");
    const a = base.state.arrivalS!;
    const b = slow.state.arrivalS!;
    // Same blocks found by the same miners at the same times (mining draws do not depend on the network).
    assert.deepEqual(slow.state.tree.foundS, base.state.tree.foundS);
    for (let i = 150; i < a.length; i++) assert.ok(b[i] >= a[i] - 1e-9, `arrival ${i}: ${b[i]} < ${a[i]}`);
    assert.ok(summarizeNakamoto(slow).propagationP100S > summarizeNakamoto(base).propagationP100S);
  }
});

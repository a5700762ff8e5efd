/**
 * The renamed and new metrics (hash-weighted delay, times to a share of the
 * hash power, node and network reorgs, empirical finality), hash
 * distributions, the hash-rate schedule and parameter errors.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { nakamotoNetwork } from "../../../lib/models/pow-network/network-experiment";
import { nakamotoNetworkRun } from "../../../lib/models/pow-network/analysis";
import { empiricalFinality } from "../../../lib/models/pow-network/finality-empirical";
import { HashShares } from "../../../lib/models/pow-network/hash-shares";
import { poolShares } from "../../../lib/models/pow-network/hash-distribution";
import { runPoint } from "../../../lib/sweep/run-point";
import { MAX_FUTURE_BLOCK_TIME_S, medianTimePast } from "../../../lib/models/pow-network/timestamps";

test("hash-weighted delay equals the plain mean delay when shares are equal, and sum_v share(v) delay(v) when they are not", () => {
  const equal = nakamotoNetworkRun({ nodes: 200, blocks: 100, blockIntervalS: 60 }, 1).summary;
  assert.ok(Math.abs(equal.propagationHashMeanS - equal.propagationMeanS) <= 1e-12 * equal.propagationMeanS, `${equal.propagationHashMeanS} vs ${equal.propagationMeanS}`);
  assert.ok(Math.abs(equal.propagationHashP100S - equal.propagationP100S) <= 1e-12);
  // Pools: recompute the weighted mean from the recorded arrivals.
  const { run, summary } = nakamotoNetworkRun({ nodes: 100, blocks: 60, blockIntervalS: 60, hashDistribution: "pools-bitcoin-2022-12-29" }, 2, { recordArrivals: true });
  const shares = poolShares(100, "bitcoin-2022-12-29");
  const { arrivalS, tree } = run.state;
  let sum = 0;
  let count = 0;
  for (let b = 1; b < tree.size; b++) {
    let d = 0;
    let all = true;
    for (let v = 0; v < 100; v++) {
      const a = arrivalS![b * 100 + v];
      if (Number.isNaN(a)) all = false;
      else d += shares[v] * a;
    }
    if (all) {
      sum += d;
      count++;
    }
  }
  assert.ok(Math.abs(summary.propagationHashMeanS - sum / count) < 1e-12 * (sum / count));
  assert.ok(Math.abs(summary.propagationHashMeanS - summary.propagationMeanS) > 1e-3 * summary.propagationMeanS, "unequal shares weigh the delay differently");
});

test("network reorgs count forks once; node reorgs count every node that followed one; finality at k = 1 is the stale rate", () => {
  const { run, summary } = nakamotoNetworkRun({ nodes: 150, blocks: 400, blockIntervalS: 10 }, 4);
  assert.ok(summary.forks > 5);
  // Every stale block was its miner's tip for a while, so every fork was a network-level reorg.
  assert.equal(summary.networkReorgs, summary.forks);
  assert.ok(summary.nodeReorgs > summary.networkReorgs, `${summary.nodeReorgs} node reorgs, ${summary.networkReorgs} network reorgs`);
  const rows = empiricalFinality(run.state, 4);
  assert.equal(rows[0].blocks, summary.blocksMined, "every block was at depth 1 on its miner's chain");
  assert.equal(rows[0].reverted, summary.staleBlocks);
  for (const r of rows) assert.ok(r.lo <= r.p && r.p <= r.hi);
  assert.ok(rows[2].reverted <= rows[0].reverted);
});

test("hash-rate schedule: doubling the hash rate halves the block interval without retargeting", () => {
  const T = 100;
  const blocks = 400;
  const { summary } = nakamotoNetworkRun({ nodes: 30, degree: 3, blocks, blockIntervalS: T, relay: "inv", blockSizeMB: 0.01, hashSchedule: [{ atS: 0, factor: 2 }] }, 5);
  // Exponential intervals of mean T / 2: SE of the mean (T / 2) / sqrt(blocks); stale blocks (~0.1 %) stretch it slightly.
  const se = T / 2 / Math.sqrt(blocks);
  assert.ok(Math.abs(summary.mainIntervalS - T / 2) < 4 * se, `main interval ${summary.mainIntervalS} s`);
});

test("hash-rate schedule with retargeting: the difficulty follows the doubled hash rate (each window's difficulty is 2 N / Gamma(N, 1))", () => {
  const N = 20;
  const { run } = nakamotoNetworkRun({ nodes: 30, degree: 3, blocks: 230, blockIntervalS: 100, relay: "inv", blockSizeMB: 0.01, retargetBlocks: N, hashSchedule: [{ atS: 0, factor: 2 }] }, 6);
  const tree = run.state.tree;
  const main = tree.chainMask(tree.bestTip());
  // From the second window on, d_k = d_(k-1) N T / (sum of N intervals of mean d_(k-1) T / 2) = 2 N / G, G ~ Gamma(N, 1), independent:
  // mean 2 N / (N - 1), variance (2 N)^2 / ((N - 1)^2 (N - 2)).
  const d: number[] = [];
  for (let b = 1; b < tree.size; b++) if (main[b] && tree.height[b] > 2 * N && tree.height[b] % N === 1) d.push(tree.difficulty[b]);
  const mean = d.reduce((a, x) => a + x, 0) / d.length;
  const expected = (2 * N) / (N - 1);
  const se = Math.sqrt(((2 * N) ** 2 / ((N - 1) ** 2 * (N - 2))) / d.length);
  assert.ok(d.length >= 8, `${d.length} windows`);
  assert.ok(Math.abs(mean - expected) < 4 * se, `mean difficulty ${mean} over ${d.length} windows, expected ${expected} +- ${se}`);
});

test("bad relay parameters, unknown presets and shares that do not sum to one give clear errors", () => {
  assert.throws(() => nakamotoNetwork.resolve({ relay: "flood" as never }), /relay/);
  assert.throws(() => nakamotoNetwork.resolve({ compactMissShare: 1.5 }), /compactMissShare/);
  assert.throws(() => nakamotoNetwork.resolve({}, { preset: "simblok" }), /simblok/);
  assert.throws(() => runPoint(nakamotoNetwork, { relay: "inv", overlay: "complete", nodes: 10 }, 1, 0), /relay/);
  assert.throws(() => runPoint(nakamotoNetwork, { hashSchedule: [{ atS: 10, factor: -1 }], relay: "inv", nodes: 10, degree: 2 }, 1, 0), /factor/);
  assert.throws(() => new HashShares(3, [0.5, 0.3, 0.1]), /summing to 1/);
  assert.throws(() => poolShares(4, "bitcoin-2022-12-29"), /nodes/);
  assert.throws(() => runPoint(nakamotoNetwork, { timestamps: "sideways" as never, nodes: 10, degree: 2 }, 1, 0), /timestamps/);
  assert.throws(() => runPoint(nakamotoNetwork, { hashDistribution: "pools-2009" as never, nodes: 10, degree: 2 }, 1, 0), /hashDistribution/);});

test("timestamps miners set stay within median-time-past + 1 s .. found + 7200 s, and retargeting follows them", () => {
  const N = 20;
  for (const timestamps of ["true", "forward", "backward", "time-warp"]) {
    const { run } = nakamotoNetworkRun({ nodes: 30, degree: 3, blocks: 60, blockIntervalS: 600, relay: "inv", retargetBlocks: N, timestamps }, 1);
    const tree = run.state.tree;
    for (let b = 1; b < tree.size; b++) {
      const ts = tree.timestampS[b];
      assert.ok(ts > medianTimePast(tree, tree.parent[b]) || timestamps === "true", `${timestamps} block ${b}: ${ts} not after the median time past`);
      assert.ok(ts <= tree.foundS[b] + MAX_FUTURE_BLOCK_TIME_S, `${timestamps} block ${b}: more than 2 h ahead`);
    }
    // The first retarget (height N + 1) from the window genesis .. height N, clamped to [1/4, 4] (difficulty.ts).
    for (let b = 1; b < tree.size; b++) {
      if (tree.height[b] !== N + 1) continue;
      const end = tree.parent[b];
      const factor = Math.min(4, Math.max(0.25, (N * 600) / (tree.timestampS[end] - 0)));
      assert.ok(Math.abs(tree.difficulty[b] - factor) < 1e-12, `${timestamps}: difficulty ${tree.difficulty[b]}, from the timestamps ${factor}`);
      if (timestamps === "backward") assert.equal(tree.difficulty[b], 4, "timestamps held back: the window looks short, difficulty x4 (clamp)");
      if (timestamps === "forward" || timestamps === "time-warp") assert.ok(tree.difficulty[b] < (N * 600) / tree.foundS[end], "a window stretched by 7200 s lowers the difficulty");
    }
  }
});

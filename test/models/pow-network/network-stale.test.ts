/**
 * Stale (orphan) rates of the proof-of-work network model against what the
 * propagation delay predicts. Small networks (100 nodes, 4 peers each) and
 * short block intervals make the effects large enough to resolve with a few
 * thousand blocks. Tolerances come from the stale rate's batch-means standard
 * error (staleRateSE: forks cluster in time, so blocks are not independent
 * trials) or, for the rare stale blocks of fast networks, from exact Poisson
 * quantiles of the count that 1 - exp(-D/T) predicts.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { nakamotoNetworkRun } from "../../../lib/models/pow-network/analysis";
import { minerShareRows } from "../../../lib/models/pow-network/analysis";
import type { NakamotoNetworkParams } from "../../../lib/models/pow-network/network-experiment";

const small = { nodes: 100, degree: 4 };

function stale(p: Partial<NakamotoNetworkParams>, seed = 1) {
  return nakamotoNetworkRun({ ...small, ...p }, seed).summary;
}

function increasing(label: string, xs: Array<{ staleRate: number; staleRateSE: number }>) {
  for (let i = 1; i < xs.length; i++) {
    const diff = xs[i].staleRate - xs[i - 1].staleRate;
    const se = Math.hypot(xs[i].staleRateSE, xs[i - 1].staleRateSE);
    assert.ok(diff > 4 * se, `${label}: step ${i}: ${xs[i - 1].staleRate} -> ${xs[i].staleRate} (se ${se})`);
  }
}

/** [lo, hi] with P(X < lo) <= tail / 2 and P(X > hi) <= tail / 2 for X ~ Poisson(mu) (pmf by recurrence). */
function poissonBand(mu: number, tail = 1e-4): [number, number] {
  let pmf = Math.exp(-mu);
  let cdf = pmf;
  let lo = -1;
  for (let k = 0; ; k++) {
    if (lo < 0 && cdf > tail / 2) lo = k;
    if (cdf >= 1 - tail / 2) return [lo, k];
    pmf *= mu / (k + 1);
    cdf += pmf;
  }
}

test("stale rate goes to 0 with latency: exactly 0 with instant links; at 100, 10 and 1 ms the stale count is the Poisson count 1 - exp(-D/T) predicts", () => {
  const instant = stale({ blockIntervalS: 20, latency: "constant", latencyMedianMs: 0, blockSizeMB: 0, blocks: 3000 });
  assert.equal(instant.staleBlocks, 0);
  assert.equal(instant.propagationP100S, 0);
  const runs = [100, 10, 1].map((ms) => ({ ms, s: stale({ blockIntervalS: 20, latencyMedianMs: ms, uplinkMbps: 1e9, downlinkMbps: 1e9, blocks: 3000 }) }));
  let previous = Infinity;
  for (const { ms, s } of runs) {
    // D / T <= 0.01 here, so forks are rare and independent: the count is Poisson with mean blocks (1 - exp(-D/T))
    // up to a relative error ~ D / T (the terms the approximation drops), far inside the band.
    const mu = 3000 * s.staleRateApprox;
    const [lo, hi] = poissonBand(mu);
    assert.ok(s.staleBlocks >= lo && s.staleBlocks <= hi, `${ms} ms: ${s.staleBlocks} stale blocks, Poisson(${mu.toFixed(2)}) 1e-4 band [${lo}, ${hi}]`);
    assert.ok(mu < previous, `${ms} ms: predicted ${mu} stale blocks should fall with the latency`);
    previous = mu;
  }
});

test("stale rate rises with block size (more transmission time per hop), each step beyond 4 SE", () => {
  increasing(
    "block size 0.25, 1, 4 MB",
    [0.25, 1, 4].map((mb) => stale({ blockIntervalS: 20, blockSizeMB: mb, blocks: 3000 })),
  );
});

test("stale rate rises as the block interval shortens, each step beyond 4 SE", () => {
  increasing(
    "block interval 100, 30, 10 s",
    [100, 30, 10].map((T) => stale({ blockIntervalS: T, blocks: 3000 })),
  );
});

test("where D / T is small the stale rate is 1 - exp(-D / T) with D the mean arrival delay (Decker & Wattenhofer 2013)", () => {
  // D ~ 2.15 s, T = 100 s: D / T ~ 0.02. The approximation is first order in D / T; the terms it drops
  // (forks during forks, the race after a fork) are of relative size D / T, so the tolerance is 4 batch-means
  // SE of the simulated rate plus (D / T) x the approximation.
  const s = stale({ blockIntervalS: 100, blocks: 20_000 }, 2);
  const dOverT = s.propagationMeanS / 100;
  assert.ok(dOverT < 0.03);
  const tolerance = 4 * s.staleRateSE + dOverT * s.staleRateApprox;
  assert.ok(Math.abs(s.staleRate - s.staleRateApprox) < tolerance, `stale ${s.staleRate} +- ${s.staleRateSE}, approximation ${s.staleRateApprox}`);
  // The time to reach *every* node overstates the window of vulnerability: that model is rejected.
  assert.ok(s.staleRateApproxAll - s.staleRate > 4 * s.staleRateSE, `approxAll ${s.staleRateApproxAll}`);
  // Stale blocks come from forks; at this rate nearly all forks are single orphans (a fork of length 2 needs a
  // second fork inside the first one's window, relative rate ~ D / T).
  assert.ok(s.forks >= s.staleBlocks * 0.9 && s.meanForkLength < 1 + 4 * dOverT, `${s.forks} forks, mean length ${s.meanForkLength}`);
  // A node reorganises only to a chain with more work, so with one difficulty a reorg discards fewer blocks than the
  // branch it adopts, or only blocks of its own stale branch: never more than the longest fork.
  assert.ok(s.nodeReorgs > 0 && s.maxReorgDepth <= s.maxForkLength, `deepest reorg ${s.maxReorgDepth}, longest fork ${s.maxForkLength}`);
});

test("at low latency each miner's share of the main chain is its hash share (node 0: 30 %, within 4 SE; all: chi-square)", () => {
  const { run, summary } = nakamotoNetworkRun({ nodes: 50, degree: 4, bigMinerShare: 0.3, latencyMedianMs: 1, uplinkMbps: 1e9, downlinkMbps: 1e9, blocks: 5000 }, 3);
  const main = summary.mainChainBlocks;
  const se = Math.sqrt((0.3 * 0.7) / main);
  assert.ok(Math.abs(summary.miner0MainShare - 0.3) < 4 * se, `node 0: ${summary.miner0MainShare} +- ${se}`);
  let chi2 = 0;
  for (const row of minerShareRows(run)) chi2 += (row.mainBlocks - main * row.hashShare) ** 2 / (main * row.hashShare);
  // 49 degrees of freedom: the 1e-4 upper quantile is ~94.8 (Wilson-Hilferty approximation).
  assert.ok(chi2 < 94.8, `chi-square ${chi2}`);
});

test("at high latency the big miner wins more than its hash share (it never orphans its own blocks)", () => {
  const s = nakamotoNetworkRun({ nodes: 50, degree: 4, bigMinerShare: 0.3, blockIntervalS: 5, blocks: 5000 }, 3).summary;
  const se = Math.sqrt((0.3 * 0.7) / s.mainChainBlocks);
  assert.ok(s.staleRate > 0.15);
  assert.ok(s.miner0MainShare - 0.3 > 4 * se, `node 0 main share ${s.miner0MainShare} at stale rate ${s.staleRate}`);
});

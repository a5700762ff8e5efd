/**
 * The double spend raced on the network (double-spend-network.ts) against
 * Rosenfeld 2014 (eq. 1), and the success given the confirmation time
 * (double-spend-time.ts) against the success in blocks.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { rngFor } from "../../../lib/random/seed";
import { Xoshiro128 } from "../../../lib/random/xoshiro128";
import { randomKOut } from "../../../lib/network/topology";
import { constantLatency } from "../../../lib/network/latency";
import { sampleLinkLatencies } from "../../../lib/network/link-latencies";
import { graphNetworkConfig } from "../../../lib/network/graph-network";
import { rosenfeldSuccess } from "../../../lib/models/finality/finality-rosenfeld";
import { simulateNetworkDoubleSpend } from "../../../lib/models/pow-network/double-spend-network";
import { doubleSpendGivenTime } from "../../../lib/models/pow-network/double-spend-time";
import type { NakamotoSetup } from "../../../lib/models/pow-network/config";

function setupWithLatency(ms: number): NakamotoSetup {
  const g = randomKOut(30, 3, new Xoshiro128([1, 2, 3, 4]));
  return { network: graphNetworkConfig(g, sampleLinkLatencies(g, constantLatency(ms), new Xoshiro128([1, 1, 1, 1])), { bandwidthBps: 10e6 }) };
}

test("at negligible propagation delay the networked double spend is the isolated race (Rosenfeld 2014, eq. 1) within 4 standard errors", () => {
  const s = setupWithLatency(1); // 1 ms hops against 600 s blocks
  for (const [q, z] of [[0.3, 2], [0.2, 1], [0.35, 3]] as const) {
    const r = simulateNetworkDoubleSpend(s, { q, z, trials: 800, blockIntervalS: 600, blockSizeBytes: 0 }, rngFor(["ds-net", q, z]));
    const theory = rosenfeldSuccess(q, z);
    const se = Math.sqrt((theory * (1 - theory)) / r.trials);
    // Giving up 20 behind loses at most (q/p)^20 <= 5e-6 of success (q <= 0.35).
    assert.ok(Math.abs(r.successes / r.trials - theory) < 4 * se, `q ${q} z ${z}: ${r.successes}/${r.trials} against ${theory}`);
    assert.ok(r.honestStale / r.honestBlocks < 1e-3, `honest forks at 1 ms hops: ${r.honestStale} of ${r.honestBlocks}`);
  }
});

test("with propagation delay honest forks slow the honest chain and the attacker succeeds more often than in the isolated race", () => {
  const s = setupWithLatency(20_000); // 20 s hops against 60 s blocks: many honest forks
  const q = 0.3;
  const z = 4;
  const r = simulateNetworkDoubleSpend(s, { q, z, trials: 600, blockIntervalS: 60, blockSizeBytes: 0 }, rngFor(["ds-delay"]));
  const p = r.successes / r.trials;
  const theory = rosenfeldSuccess(q, z);
  const se = Math.sqrt((p * (1 - p)) / r.trials);
  assert.ok(r.honestStale / r.honestBlocks > 0.1, `honest stale rate ${r.honestStale / r.honestBlocks}`);
  assert.ok(p - theory > 4 * se, `success ${p} +- ${se}, isolated race ${theory}`);
});

test("success given the confirmation time (Grunspan & Pérez-Marco form): averaged over the Gamma-distributed time it is the success in blocks", () => {
  // tau1 / (z tau0 / p) = kappa ~ Gamma(z, 1/z): integrate P(z, kappa) against its density (Simpson on a fine grid).
  for (const [q, z] of [[0.1, 1], [0.3, 3], [0.2, 6]] as const) {
    const steps = 60000;
    const top = 40;
    const h = top / steps;
    let logGammaZ = 0;
    for (let i = 2; i < z; i++) logGammaZ += Math.log(i);
    const density = (k: number) => (k === 0 ? (z === 1 ? z : 0) : Math.exp(z * Math.log(z) + (z - 1) * Math.log(k) - z * k - logGammaZ));
    let sum = 0;
    for (let i = 0; i <= steps; i++) {
      const k = i * h;
      const w = i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2;
      sum += w * density(k) * doubleSpendGivenTime(q, z, k);
    }
    const mean = (sum * h) / 3;
    assert.ok(Math.abs(mean - rosenfeldSuccess(q, z)) < 1e-6, `q ${q} z ${z}: ${mean} against ${rosenfeldSuccess(q, z)}`);
  }
  // Slow confirmations help the attacker, fast ones hurt him.
  assert.ok(doubleSpendGivenTime(0.2, 3, 2) > doubleSpendGivenTime(0.2, 3, 1));
  // Instant confirmations: the attacker has nothing and is z behind, gambler's ruin (q/p)^z (Nakamoto 2008, section 11).
  assert.ok(Math.abs(doubleSpendGivenTime(0.2, 3, 0) - (0.2 / 0.8) ** 3) < 1e-15);
});

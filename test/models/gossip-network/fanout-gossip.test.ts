/**
 * Fanout gossip ("infect and die") on a complete overlay against the final-size
 * equation pi = 1 - e^{-f pi} (Kermarrec, Massoulie & Ganesh, IEEE TPDS 2003,
 * analysis of flat gossip: each informed node pushes to f uniform peers, a node escapes all
 * f pi N pushes with probability e^{-f pi}); with delivery loss l the fanout
 * that counts is f (1 - l). The chance that every node is reached is about
 * exp(-(N - 1) e^{-f pi}) (the missed nodes are nearly Poisson; the same
 * paper's e^{-e^{-c}} for f = ln N + c). Tolerances: 4 standard errors over
 * replicates plus 1/N for the finite-N terms the equations drop (the source
 * is informed for sure, a node never pushes to itself or its sender).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { rngFor } from "../../../lib/random/seed";
import { constantPairLatency } from "../../../lib/network/pair-latency";
import type { NetworkConfig } from "../../../lib/network/runtime-config";
import { gossipConfig, type GossipConfig } from "../../../lib/models/gossip-network/config";
import { simulateGossip } from "../../../lib/models/gossip-network/simulate";
import { summarizeGossip } from "../../../lib/models/gossip-network/metrics";

/** The positive root of pi = 1 - e^{-f pi} (f > 1), by fixed-point iteration from 1. */
function finalSize(f: number): number {
  let p = 1;
  for (let i = 0; i < 500; i++) p = 1 - Math.exp(-f * p);
  return p;
}

function complete(n: number, extra: Partial<NetworkConfig> = {}): NetworkConfig {
  return { overlay: { kind: "complete", n }, latency: constantPairLatency(n, 50), ...extra };
}

function replicate(n: number, config: Partial<GossipConfig>, R: number, label: string, lossRate = 0) {
  const informed: number[] = [];
  let all = 0;
  for (let r = 0; r < R; r++) {
    const s = summarizeGossip(simulateGossip({ network: complete(n, { lossRate }) }, gossipConfig({ protocol: "gossip", ...config }), rngFor([label, r])));
    informed.push(s.informedFraction);
    all += s.reliability;
  }
  const mean = informed.reduce((a, b) => a + b, 0) / R;
  const se = Math.sqrt(informed.reduce((a, b) => a + (b - mean) ** 2, 0) / (R - 1) / R);
  return { mean, se, allShare: all / R };
}

test("informed fraction on a complete overlay solves pi = 1 - e^{-f (1 - loss) pi} (within 4 SE + 1/N)", () => {
  const n = 2000;
  for (const [f, loss] of [
    [2, 0],
    [3, 0],
    [4, 0.25], // the same effective fanout as f = 3 without loss
    [3, 0.2],
  ] as const) {
    const { mean, se } = replicate(n, { fanout: f }, 40, `final-size-${f}-${loss}`, loss);
    const theory = finalSize(f * (1 - loss));
    assert.ok(Math.abs(mean - theory) <= 4 * se + 1 / n, `f = ${f}, loss = ${loss}: ${mean} +- ${se} vs ${theory}`);
  }
});

test("reliability rises with the fanout; the chance of reaching all N nodes is about exp(-(N - 1) e^{-f pi})", () => {
  const n = 500;
  const R = 300;
  let previous = -1;
  for (const f of [2, 4, 6, 8]) {
    const { mean, allShare } = replicate(n, { fanout: f }, f >= 6 ? R : 30, `reliability-${f}`);
    assert.ok(mean > previous, `informed fraction ${mean} at fanout ${f} exceeds ${previous}`);
    previous = mean;
    if (f >= 6) {
      const p = Math.exp(-(n - 1) * Math.exp(-f * finalSize(f)));
      const se = Math.sqrt((p * (1 - p)) / R);
      assert.ok(Math.abs(allShare - p) <= 4 * se + 1 / n, `fanout ${f}: all reached in ${allShare} of runs, theory ${p}`);
    }
  }
});

test("loss delivers fewer messages: the same fanout under 30 % loss informs fewer nodes and loses ~30 % of its sends", () => {
  const n = 1000;
  const clean = replicate(n, { fanout: 3 }, 20, "loss");
  const lossy = replicate(n, { fanout: 3 }, 20, "loss", 0.3);
  assert.ok(lossy.mean < clean.mean - 0.05, `${lossy.mean} vs ${clean.mean}`);
  const r = simulateGossip({ network: complete(n, { lossRate: 0.3 }) }, gossipConfig({ protocol: "gossip", fanout: 3 }), rngFor(["loss-count"]));
  const data = r.statsByKind.data;
  assert.ok(Math.abs(data.lost / data.sent - 0.3) <= 4 * Math.sqrt((0.3 * 0.7) / data.sent), `lost ${data.lost} of ${data.sent}`);
  assert.equal(data.delivered, data.sent - data.lost);
});

test("ttl bounds the hops: ttl 1 informs exactly the source's fanout, ttl 2 sends f + f^2", () => {
  const n = 400;
  const f = 5;
  const one = simulateGossip({ network: complete(n) }, gossipConfig({ protocol: "gossip", fanout: f, ttl: 1, sources: [9] }), rngFor(["ttl"]));
  const count = (r: { receivedS: Float64Array }) => Array.from(r.receivedS).filter((t) => !Number.isNaN(t)).length;
  assert.equal(count(one), 1 + f);
  assert.equal(one.statsByKind.data.sent, f);
  const two = simulateGossip({ network: complete(n) }, gossipConfig({ protocol: "gossip", fanout: f, ttl: 2, sources: [9] }), rngFor(["ttl"]));
  assert.ok(count(two) > 1 + f && count(two) <= 1 + f + f * f);
  assert.equal(two.statsByKind.data.sent, f + f * f, "each of the f first-hop nodes forwards f more, nobody further");
});

test("crashed nodes are never informed and are not live; the others are all reached by flooding", () => {
  const n = 300;
  const r = simulateGossip({ network: complete(n) }, gossipConfig({ protocol: "gossip", fanout: 12, crashFraction: 0.3 }), rngFor(["crash"]));
  let crashed = 0;
  for (let v = 0; v < n; v++) {
    if (r.crashed[v]) {
      crashed++;
      assert.ok(Number.isNaN(r.receivedS[v]), `crashed node ${v} was informed`);
    }
  }
  assert.equal(crashed, Math.floor(0.3 * n));
  assert.equal(r.crashed[r.sources[0]], 0, "the source is not among the crashed");
  assert.equal(summarizeGossip(r).liveNodes, n - crashed);
  assert.ok(r.stats.droppedCrashed > 0);
  const flood = simulateGossip({ network: complete(n) }, gossipConfig({ protocol: "flood", crashFraction: 0.3 }), rngFor(["crash"]));
  assert.equal(summarizeGossip(flood).reliability, 1);
});

test("churn is respected: nodes offline for the whole dissemination never get a flooded message, and every send to them is dropped", () => {
  const n = 200;
  const offline = [5, 6, 7, 8, 9];
  const churn = { kind: "schedule" as const, intervals: offline.map((node) => ({ node, fromS: 0, toS: 1000 })) };
  const r = simulateGossip({ network: complete(n, { churn }) }, gossipConfig({ protocol: "flood", sources: [0] }), rngFor(["churn"]));
  for (let v = 0; v < n; v++) assert.equal(Number.isNaN(r.receivedS[v]), offline.includes(v), `node ${v}`);
  // The source sends to all N - 1, every other informed node to all but its sender: each reaches the 5 offline nodes.
  assert.equal(r.stats.droppedOffline, offline.length * (1 + (n - 1 - offline.length)));
});

/**
 * DDoS at one node: the FIFO closed form under overload, the token-bucket
 * floor, known-peer priority, the model-side queue against the Network's own
 * CPU queue, the access link, token buckets by hand, errors, determinism.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { ParameterError } from "../../../lib/experiment/params";
import { ddos } from "../../../lib/models/ddos/experiment";
import { simulateDdos } from "../../../lib/models/ddos/simulate";
import { ATTACK, HONEST, LATENCY_MAX, LATENCY_SUM, SERVED } from "../../../lib/models/ddos/counters";
import { TokenBuckets } from "../../../lib/models/ddos/token-bucket";
import { admittedAttackBound, fifoHonestThroughput, honestFloor } from "../../../lib/models/ddos/theory";
import { replicateRng } from "../../../lib/random/seed";
import { ddosReplicates, meanSe } from "./helpers";

// mu = 500 requests/s, honest 20 peers x 5/s = 100/s; no link stage, a queue that never fills.
const BASE = { cpuPerRequestS: 0.002, honestPeers: 20, honestRatePerPeer: 5, linkMbps: 0, queueLimit: 1e9, durationS: 8, warmupS: 2 };

test("no defence, CPU saturated: honest requests served per second = mu Lh / (Lh + La), the FIFO arrival mix (within 4 SE)", () => {
  for (const attackRate of [1400, 4900]) {
    const rows = ddosReplicates({ ...BASE, defence: "none", attackRate }, 6);
    const { mean, se } = meanSe(rows, "honestServedPerS");
    const theory = fifoHonestThroughput(100, attackRate, 500); // 500 * 100 / 1500 = 33.33; 500 * 100 / 5000 = 10
    assert.equal(rows[0].honestServedTheoryPerS, theory);
    assert.ok(Math.abs(mean - theory) <= 4 * se + 1 / 6, `attack ${attackRate}: ${mean} +- ${se} vs ${theory}`);
    const share = meanSe(rows, "honestShare");
    assert.ok(Math.abs(share.mean - 100 / (100 + attackRate)) <= 4 * share.se + 1e-3, `share ${share.mean} vs ${100 / (100 + attackRate)}`);
    for (const r of rows) assert.ok(r.cpuUtilization > 0.999, `a saturated server is always busy: ${r.cpuUtilization}`);
  }
});

test("no defence, CPU not saturated: every honest request is served (Lh = 100/s) and latency stays near the path latency", () => {
  const rows = ddosReplicates({ ...BASE, defence: "none", attackRate: 300 }, 3);
  for (const r of rows) {
    // 600 honest requests in the 6 s window, give or take the one in flight at each edge.
    assert.ok(Math.abs(r.honestServedPerS - 100) <= 20 / 6, String(r.honestServedPerS));
    assert.ok((r.honestLatencyMeanS as number) < 0.05 + 0.02, `mean latency ${r.honestLatencyMeanS}`);
    assert.ok(Math.abs(r.cpuUtilization - 0.8) < 0.05, `utilisation (100 + 300) / 500 = 0.8: ${r.cpuUtilization}`);
  }
});

test("token bucket per peer: honest peers within their rate are never refused, and honest throughput stays above the floor from (rho, beta)", () => {
  for (const [defence, attackers, ips] of [["per-peer", 50, 5], ["per-ip", 200, 20]] as const) {
    const given = { ...BASE, defence, attackRate: 5000, attackers, attackerIps: ips, bucketRate: 5, bucketBurst: 3 };
    const rows = ddosReplicates(given, 4);
    for (const r of rows) assert.equal(r.honestLimitDropFraction, 0, "a peer sending every 1/5 s into a 5/s bucket is never refused");
    const keys = defence === "per-peer" ? attackers : ips;
    const floor = honestFloor(100, admittedAttackBound(5000, keys, 5, 3, 6), 500);
    assert.equal(rows[0].honestServedTheoryPerS, floor);
    const { mean, se } = meanSe(rows, "honestServedPerS");
    assert.ok(mean >= floor - 4 * se - 1 / 6, `${defence}: ${mean} +- ${se} below the floor ${floor}`);
    // The floor is tight: steady state admits exactly keys * rho, so mu Lh / (Lh + keys rho).
    const steady = honestFloor(100, keys * 5, 500);
    assert.ok(mean <= steady + 4 * se + 1, `${defence}: ${mean} above the steady state ${steady}`);
  }
  // A peer faster than its bucket is refused: the floor needs rate <= rho.
  const fast = ddosReplicates({ ...BASE, defence: "per-peer", attackRate: 0, honestRatePerPeer: 8, bucketRate: 5, bucketBurst: 3 }, 1)[0];
  assert.ok(Math.abs((fast.honestLimitDropFraction as number) - 3 / 8) < 0.02, `8/s into 5/s refuses 3/8: ${fast.honestLimitDropFraction}`);
});

test("known peers first: a 10x flood from unknown peers takes nothing from honest throughput; known attackers do", () => {
  const rows = ddosReplicates({ ...BASE, defence: "known-peers", attackRate: 5000, queueLimit: 1000 }, 2);
  for (const r of rows) {
    assert.ok(Math.abs(r.honestServedPerS - 100) <= 20 / 6, String(r.honestServedPerS));
    // Non-preemptive: at worst every honest peer arrives at once behind one attack request in service.
    assert.ok(r.honestLatencyMaxS <= 0.05 + 0.002 * (20 + 1) + 1e-9, `max latency ${r.honestLatencyMaxS}`);
    assert.equal(r.honestMemoryDropFraction, 0);
  }
  // Half the attack identities joined as known peers before the flood: 2500/s of it is first class.
  const mixed = ddosReplicates({ ...BASE, defence: "known-peers", attackRate: 5000, knownAttackers: 25, queueLimit: 1000 }, 4);
  const floor = honestFloor(100, 2500, 500); // 500 * 100 / 2600
  const { mean, se } = meanSe(mixed, "honestServedPerS");
  assert.ok(Math.abs(mean - floor) <= 4 * se + 1, `${mean} +- ${se} vs ${floor}`);
});

test("the victim's FIFO (no defence, no link, unbounded queue) is the Network's own CPU queue (cpuCostS), request for request", () => {
  const setup = { ...ddos.resolve({ ...BASE, defence: "none", attackRate: 700 }) };
  const rng = () => replicateRng(3, "ddos", setup, 0);
  const model = simulateDdos(setup, rng());
  const network = simulateDdos(setup, rng(), { networkCpu: true });
  for (const cls of [ATTACK, HONEST]) {
    for (const stat of [SERVED, LATENCY_SUM, LATENCY_MAX]) assert.equal(model.counters.get(cls, stat), network.counters.get(cls, stat), `class ${cls} stat ${stat}`);
  }
  assert.ok(model.counters.get(HONEST, SERVED) > 0 && model.counters.get(ATTACK, LATENCY_MAX) > 1, "served, and queued for over a second (the CPU is overloaded)");
});

test("a volumetric flood saturates the access link before any per-address limit looks: honest requests are lost on the link", () => {
  const given = { ...BASE, defence: "per-ip", attackRate: 2000, attackBytes: 20_000, linkMbps: 100, linkBufferKB: 200 };
  const [r] = ddosReplicates(given, 1);
  assert.equal(r.linkSaturated, true); // 2000 * 20 kB * 8 = 320 Mbit/s > 100
  assert.ok((r.honestLinkDropFraction as number) > 0.2, `honest link drops ${r.honestLinkDropFraction}`);
  assert.ok(r.honestServedPerS < 0.8 * r.honestServedTheoryPerS, `${r.honestServedPerS} vs the CPU floor ${r.honestServedTheoryPerS}`);
  // The same flood in small requests stays under the link rate and the per-address limit holds.
  const [small] = ddosReplicates({ ...given, attackBytes: 500 }, 1);
  assert.equal(small.honestLinkDropFraction, 0);
  assert.ok(small.honestServedPerS >= small.honestServedTheoryPerS - 2, `${small.honestServedPerS} vs ${small.honestServedTheoryPerS}`);
});

test("token buckets by hand: rate 2/s, burst 3", () => {
  const b = new TokenBuckets(2, 2, 3);
  assert.deepEqual([b.take(0, 0), b.take(0, 0), b.take(0, 0), b.take(0, 0)], [true, true, true, false]);
  assert.equal(b.take(0, 0.25), false, "half a token after 0.25 s");
  assert.equal(b.take(0, 0.5), true, "one token after 0.5 s");
  assert.equal(b.take(1, 0.5), true, "keys are independent");
  assert.deepEqual([b.take(0, 100), b.take(0, 100), b.take(0, 100), b.take(0, 100)], [true, true, true, false], "refill stops at the burst");
  assert.throws(() => new TokenBuckets(1, 1, 0.5), (e: unknown) => e instanceof ParameterError && e.parameter === "bucketBurst");
});

test("bad parameters name the parameter, the value and the allowed range", () => {
  const cases: Array<[Record<string, unknown>, string, RegExp]> = [
    [{ warmupS: 20, durationS: 20 }, "warmupS", /invalid warmupS: 20 \(allowed: a number, 0 <= warmupS < durationS = 20\)/],
    [{ attackers: 4, attackerIps: 5 }, "attackerIps", /attackerIps <= attackers = 4/],
    [{ knownAttackers: 60 }, "knownAttackers", /knownAttackers <= attackers = 50/],
    [{ attackRate: -1 }, "attackRate", /invalid attackRate: -1/],
    [{ bucketBurst: 0.5 }, "bucketBurst", /invalid bucketBurst: 0.5/],
    [{ cpuPerRequestS: 0 }, "cpuPerRequestS", /invalid cpuPerRequestS: 0/],
    [{ defence: "firewall" }, "defence", /invalid defence: "firewall" \(allowed: one of none, per-peer, per-ip, known-peers\)/],
    [{ linkBufferKB: 2, attackBytes: 5000 }, "linkBufferKB", /room for at least one request/],
    [{ linkBufferKB: 0.1 }, "linkBufferKB", /1 <= linkBufferKB/],
  ];
  for (const [given, name, message] of cases) {
    assert.throws(() => ddos.resolve(given), (e: unknown) => e instanceof ParameterError && e.parameter === name && message.test(e.message), `${JSON.stringify(given)}`);
  }
});

test("same parameters and seed give the same row, byte for byte; another seed another row", () => {
  const p = ddos.resolve({ ...BASE, defence: "per-ip", attackRate: 800, durationS: 4, warmupS: 1 });
  const a = JSON.stringify(ddos.run(p, replicateRng(9, "ddos", p, 0)));
  const b = JSON.stringify(ddos.run(p, replicateRng(9, "ddos", p, 0)));
  const c = JSON.stringify(ddos.run(p, replicateRng(10, "ddos", p, 0)));
  assert.equal(a, b);
  assert.notEqual(a, c);
});

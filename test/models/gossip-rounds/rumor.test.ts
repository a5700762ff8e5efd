/**
 * Rumor mongering (Demers et al., PODC 1987, section 1.4) against the residue
 * equation s = exp(-(k+1)(1-s)) (feedback) and its blind analogue
 * s = exp(-k(1-s)), the traffic relation s = exp(-m), and exact counting
 * invariants of the counter variants.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Xoshiro128 } from "../../../lib/random/xoshiro128";
import { epidemicResidue, rumorResidue, rumorTraffic } from "../../../lib/models/gossip-rounds/rumor-residue";
import { rumorTrial, rumorWorkspace } from "../../../lib/models/gossip-rounds/rumor";
import { trials, zScore } from "./helpers";

test("residue equation: the root solves s = exp(-a(1-s)); Demers' traffic m = (k+1)(1-s) = -ln s; a <= 1 gives s = 1", () => {
  for (const a of [1.5, 2, 3, 4, 6, 10]) {
    const s = epidemicResidue(a);
    assert.ok(s > 0 && s < 1 && Math.abs(s - Math.exp(-a * (1 - s))) < 1e-15, `a = ${a}: s = ${s}`);
  }
  assert.equal(epidemicResidue(1), 1);
  assert.equal(epidemicResidue(0.5), 1);
  // Demers et al. 1987, section 1.4: s = e^{-m} with m = (k+1)(1-s) traffic per site.
  for (const k of [1, 2, 3, 4, 5]) {
    const s = rumorResidue(k, true);
    assert.ok(Math.abs(rumorTraffic(s) - (k + 1) * (1 - s)) < 1e-12);
  }
  // Known value: k = 1 (feedback) is the classic rumor of Daley & Kendall type with s = exp(-2(1-s)), s = 0.2031878...
  assert.ok(Math.abs(rumorResidue(1, true) - 0.20318786997997) < 1e-12);
});

test("coin and counter, feedback and blind: residue and traffic at N = 1e5 = the equations within 4 SE", () => {
  const n = 100_000;
  const cases: Array<[string, number]> = [
    ["rumor-coin", 1],
    ["rumor-coin", 2],
    ["rumor-coin", 3],
    ["rumor-counter", 2],
    ["rumor-coin-blind", 2],
    ["rumor-counter-blind", 3],
  ];
  for (const [protocol, k] of cases) {
    const s = trials({ nodes: n, protocol: protocol as never, k, trials: 12 }, ["rumor", protocol, k]);
    const theory = rumorResidue(k, !protocol.endsWith("-blind"));
    // The equation is the large-N limit; its finite-N error is O(1/N) (1e-5 here) against a standard error of ~1e-3 / sqrt(12).
    const z = zScore(s.residue.mean, s.residue.standardError, theory);
    assert.ok(z < 4, `${protocol} k=${k}: residue ${s.residue.mean} +- ${s.residue.standardError}, theory ${theory}, z = ${z.toFixed(2)}`);
    const zm = zScore(s.messagesPerNode.mean, s.messagesPerNode.standardError, rumorTraffic(theory));
    assert.ok(zm < 4, `${protocol} k=${k}: traffic ${s.messagesPerNode.mean} +- ${s.messagesPerNode.standardError}, theory ${rumorTraffic(theory)}`);
  }
});

test("counting invariants: counter with feedback sends exactly (k+1) * informed - 1 messages, blind counter exactly k * informed", () => {
  // With feedback each informed node makes exactly k unnecessary contacts, and every other contact informed a node
  // (informed - 1 of them); blind, each informed node makes exactly k contacts. Any fanout, no loss, no crash.
  for (const [feedback, fanout, k] of [[true, 1, 1], [true, 1, 3], [true, 3, 2], [false, 1, 2], [false, 2, 5]] as const) {
    const n = 3000;
    const ws = rumorWorkspace(n, fanout);
    const rng = new Xoshiro128([k, fanout, feedback ? 1 : 0, 4]);
    for (let t = 0; t < 20; t++) {
      const r = rumorTrial({ nodes: n, fanout, k, stop: "counter", feedback, lossThreshold: 0, maxRounds: 1e6 }, null, rng, rng, rng, ws);
      assert.ok(!r.censored);
      assert.equal(r.messages, feedback ? (k + 1) * r.informed - 1 : k * r.informed, `feedback=${feedback} fanout=${fanout} k=${k}`);
      assert.ok(r.lastInformedRound <= r.rounds && r.informed <= n);
    }
  }
});

test("rumor series: the informed fraction never decreases and ends at 1 - residue; every trial ends on its own", () => {
  const s = trials({ nodes: 2000, protocol: "rumor-coin", k: 2, trials: 30, series: true }, "rumor-series");
  const series = s.informedPerRound!;
  for (let t = 1; t < series.length; t++) assert.ok(series[t] >= series[t - 1] - 1e-12, `round ${t}`);
  assert.ok(Math.abs(series[series.length - 1] - (1 - s.residue.mean)) < 1e-12);
  assert.equal(s.censoredTrials, 0);
});

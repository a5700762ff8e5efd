/**
 * Crashed nodes and message loss (Kermarrec, Massoulié & Ganesh, IEEE TPDS
 * 2003): crashed nodes are never informed and never send; "all
 * informed" means all live nodes; loss and crashes draw from their own streams.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Xoshiro128 } from "../../../lib/random/xoshiro128";
import { crashedCount, drawCrashedSet } from "../../../lib/models/gossip-rounds/crashes";
import { roundTrialFast, roundWorkspace } from "../../../lib/models/gossip-rounds/rounds-fast";
import { rumorTrial, rumorWorkspace } from "../../../lib/models/gossip-rounds/rumor";
import { infectAndDieTrial, infectAndDieWorkspace } from "../../../lib/models/gossip-rounds/infect-and-die";
import { bernoulliThreshold } from "../../../lib/models/gossip-rounds/bernoulli";
import { getBit } from "../../../lib/models/gossip-rounds/bitset";
import { trials } from "./helpers";

test("crash sets: exactly round(f N) nodes, never node 0, each other node equally likely (chi-square)", () => {
  const n = 21;
  const count = crashedCount(n, 0.3);
  assert.equal(count, 6);
  assert.equal(crashedCount(10, 0.99), 9); // at most N - 1: the source stays live
  const crashed = new Uint8Array(n);
  const hits = new Array(n).fill(0);
  const rng = new Xoshiro128([1, 9, 9, 1]);
  const sets = 20_000;
  for (let t = 0; t < sets; t++) {
    drawCrashedSet(crashed, count, rng);
    assert.equal(crashed.reduce((a, b) => a + b, 0), count);
    assert.equal(crashed[0], 0);
    crashed.forEach((c, v) => (hits[v] += c));
  }
  const expected = (sets * count) / (n - 1);
  const chi2 = hits.slice(1).reduce((s, h) => s + (h - expected) ** 2 / expected, 0);
  // 19 degrees of freedom (slightly fewer in effect: the total is fixed), 1e-4 point of chi2(19) = 48.0.
  assert.ok(chi2 < 48, `chi2 ${chi2}`);
});

test("crashed nodes are never informed, by any protocol; every live node is, by push, pull and push-pull", () => {
  const n = 1500;
  const crashed = new Uint8Array(n);
  drawCrashedSet(crashed, crashedCount(n, 0.4), new Xoshiro128([4, 4, 4, 4]));
  const rng = new Xoshiro128([7, 7, 7, 7]);
  for (const protocol of ["push", "pull", "push-pull"] as const) {
    for (const fanout of [1, 2]) {
      const ws = roundWorkspace(n, fanout);
      const r = roundTrialFast({ nodes: n, protocol, fanout, lossThreshold: bernoulliThreshold(0.1), maxRounds: 10_000 }, crashed, rng, rng, ws);
      assert.ok(r.complete && r.live === n - 600 && r.informed === r.live, protocol);
      for (let v = 0; v < n; v++) assert.equal(getBit(ws.cur, v), crashed[v] ? 0 : 1, `${protocol} fanout ${fanout} node ${v}`);
    }
  }
  const rws = rumorWorkspace(n, 1);
  for (const stop of ["counter", "coin"] as const) {
    rumorTrial({ nodes: n, fanout: 1, k: 3, stop, feedback: true, lossThreshold: 0, maxRounds: 1e6 }, crashed, rng, rng, rng, rws);
    for (let v = 0; v < n; v++) if (crashed[v]) assert.equal(rws.informed[v], 0, `rumor ${stop} node ${v}`);
  }
  const iws = infectAndDieWorkspace(n, 12);
  const r = infectAndDieTrial({ nodes: n, meanFanout: 12, lossThreshold: 0, maxRounds: 1e6 }, crashed, rng, rng, rng, iws);
  assert.ok(r.informed > 0.99 * r.live);
  for (let v = 0; v < n; v++) if (crashed[v]) assert.equal(iws.informed[v], 0, `infect-and-die node ${v}`);
});

test("loss 1: nothing spreads, anti-entropy stops at maxRounds (censored), rumor mongering with feedback never hears back", () => {
  const s = trials({ nodes: 50, protocol: "push-pull", trials: 3, lossRate: 1, maxRounds: 40 }, "loss-1");
  assert.equal(s.censoredTrials, 3);
  assert.equal(s.completeTrials, 0);
  assert.ok(Math.abs(s.residue.mean - 49 / 50) < 1e-12);
  assert.equal(s.rounds.mean, 40);
  const r = trials({ nodes: 50, protocol: "rumor-coin", k: 2, trials: 2, lossRate: 1, maxRounds: 30 }, "loss-1-rumor");
  assert.equal(r.censoredTrials, 2);
  // Only node 0 ever sends: one message a round.
  assert.ok(Math.abs(r.messagesPerNode.mean - 30 / 50) < 1e-12);
  // Blind rumor mongering stops whatever it hears: the source alone, k = 1 contact.
  const b = trials({ nodes: 50, protocol: "rumor-counter-blind", k: 1, trials: 2, lossRate: 1 }, "loss-1-blind");
  assert.equal(b.censoredTrials, 0);
  assert.equal(b.rounds.mean, 1);
});

test("loss and crashes draw from their own streams: the partner stream advances the same with or without them", () => {
  // Push with fanout 1: every node draws one partner per round whatever happens, so after one round the partner
  // generator is in the same state with loss or crashes or neither.
  const n = 700;
  const crashed = new Uint8Array(n);
  drawCrashedSet(crashed, 100, new Xoshiro128([2, 2, 2, 2]));
  const states: string[] = [];
  for (const [loss, withCrashes] of [[0, false], [0.3, false], [0, true], [0.3, true]] as const) {
    const rng = new Xoshiro128([8, 8, 8, 8]);
    roundTrialFast({ nodes: n, protocol: "push", fanout: 1, lossThreshold: bernoulliThreshold(loss), maxRounds: 1 }, withCrashes ? crashed : null, rng, new Xoshiro128([3, 3, 3, 3]), roundWorkspace(n, 1));
    states.push(rng.state.join());
  }
  assert.equal(new Set(states).size, 1);
});

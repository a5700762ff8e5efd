/**
 * The fast bitset kernel of push, pull and push-pull against the readable
 * reference kernel: same seed, same result, draw for draw (rounds, messages,
 * informed count after every round, and the generators' final states), over
 * fanouts, loss, crashed nodes and sizes that do not fill the last 32-bit word.
 * Also the partner draws themselves, and determinism of whole runs.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Xoshiro128 } from "../../../lib/random/xoshiro128";
import { rngFor } from "../../../lib/random/seed";
import { roundTrialFast, roundWorkspace } from "../../../lib/models/gossip-rounds/rounds-fast";
import { roundTrialReference } from "../../../lib/models/gossip-rounds/rounds-reference";
import { bernoulliThreshold } from "../../../lib/models/gossip-rounds/bernoulli";
import { drawCrashedSet, crashedCount } from "../../../lib/models/gossip-rounds/crashes";
import { distinctPartner, randomOther, uniformBelow } from "../../../lib/models/gossip-rounds/partner";
import type { RoundProtocol } from "../../../lib/models/gossip-rounds/round-types";
import { gossipRoundsStreams, runGossipTrials } from "../../../lib/models/gossip-rounds/trials";
import { gossipRounds } from "../../../lib/models/gossip-rounds/experiment";
import { BASE } from "./helpers";

const PROTOCOLS: RoundProtocol[] = ["push", "pull", "push-pull"];

test("fast kernel == reference kernel, draw for draw, over protocols, fanouts, loss and crashes", () => {
  const cases = [
    { nodes: 2, fanout: 1, lossRate: 0, crash: 0 },
    { nodes: 33, fanout: 1, lossRate: 0, crash: 0 },
    { nodes: 1000, fanout: 1, lossRate: 0, crash: 0 },
    { nodes: 1000, fanout: 1, lossRate: 0, crash: 0.3 },
    { nodes: 517, fanout: 3, lossRate: 0, crash: 0 },
    { nodes: 517, fanout: 1, lossRate: 0.25, crash: 0 },
    { nodes: 517, fanout: 2, lossRate: 0.4, crash: 0.2 },
    { nodes: 40, fanout: 39, lossRate: 0.1, crash: 0.1 },
  ];
  for (const protocol of PROTOCOLS) {
    for (const c of cases) {
      const config = { nodes: c.nodes, protocol, fanout: c.fanout, lossThreshold: bernoulliThreshold(c.lossRate), maxRounds: 10_000 };
      const crashed = new Uint8Array(c.nodes);
      drawCrashedSet(crashed, crashedCount(c.nodes, c.crash), new Xoshiro128([9, 8, 7, c.nodes]));
      const ws = roundWorkspace(c.nodes, c.fanout);
      const label = `${protocol} ${JSON.stringify(c)}`;
      const [fa, fl, ra, rl] = [1, 2, 1, 2].map((s) => new Xoshiro128([s, c.nodes, c.fanout, 77]));
      for (let t = 0; t < 3; t++) {
        const fastRounds: number[] = [];
        const refRounds: number[] = [];
        const fast = roundTrialFast(config, c.crash ? crashed : null, fa, fl, ws, fastRounds);
        const ref = roundTrialReference(config, c.crash ? crashed : null, ra, rl, refRounds);
        assert.deepEqual(fast, ref, label);
        assert.deepEqual(fastRounds, refRounds, label);
        assert.deepEqual([...fa.state, ...fl.state], [...ra.state, ...rl.state], `${label}: generator states`);
        assert.ok(fast.complete && fast.informed === fast.live, label);
      }
    }
  }
});

test("the fast kernel runs N = 1,000,000 push and push-pull trials to completion in seconds, each node drawing one partner per round", () => {
  for (const protocol of ["push", "push-pull"] as const) {
    const n = 1_000_000;
    const rng = new Xoshiro128([3, 1, 4, 1]);
    const copy = new Xoshiro128(rng.state);
    const t0 = process.hrtime.bigint();
    const r = roundTrialFast({ nodes: n, protocol, fanout: 1, lossThreshold: 0, maxRounds: 1000 }, null, rng, new Xoshiro128([1, 1, 1, 1]), roundWorkspace(n, 1));
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    assert.ok(r.complete && r.informed === n, protocol);
    // Exactly one partner draw (uniformBelow, rejections included) per node per round, as the C reference: a copy of the
    // generator advanced by n * rounds such draws ends in the same state.
    if (protocol === "push") {
      for (let i = 0; i < n * r.rounds; i++) uniformBelow(copy, n - 1);
      assert.deepEqual([...copy.state], [...rng.state]);
    }
    assert.ok(seconds < 10, `${protocol}: ${seconds.toFixed(2)} s for ${r.rounds} rounds`);
  }
});

test("partner draws: never oneself, uniform over the others (chi-square), k distinct partners", () => {
  const rng = new Xoshiro128([5, 6, 7, 8]);
  const n = 11;
  const counts = new Array(n).fill(0);
  const draws = 110_000;
  for (let d = 0; d < draws; d++) counts[randomOther(rng, n, 4)]++;
  assert.equal(counts[4], 0);
  const expected = draws / (n - 1);
  const chi2 = counts.reduce((s, c, i) => (i === 4 ? s : s + (c - expected) ** 2 / expected), 0);
  // chi-square with 9 degrees of freedom: P(> 33.72) = 1e-4.
  assert.ok(chi2 < 33.72, `chi2 = ${chi2}`);
  // Lemire's rejection on a range that does not divide 2^32 keeps every value equally likely: m = 3, 90,000 draws, chi2(2) 1e-4 point 18.42.
  const thirds = [0, 0, 0];
  for (let d = 0; d < 90_000; d++) thirds[uniformBelow(rng, 3)]++;
  assert.ok(thirds.reduce((s, c) => s + (c - 30_000) ** 2 / 30_000, 0) < 18.42, JSON.stringify(thirds));
  const chosen = new Int32Array(9);
  for (let t = 0; t < 200; t++) {
    for (let s = 0; s < 9; s++) chosen[s] = distinctPartner(rng, 10, 0, chosen, s);
    assert.deepEqual([...chosen].sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  }
});

test("whole runs: the experiment's trials give the same summary with either kernel; same seed, same row; another seed, another row", () => {
  for (const protocol of PROTOCOLS) {
    const setup = { ...BASE, nodes: 300, protocol, trials: 20, fanout: 2, crashFraction: 0.1, lossRate: 0.1, series: true };
    const fast = runGossipTrials({ ...setup, kernel: "fast" }, gossipRoundsStreams(rngFor(["kernels", protocol])));
    const ref = runGossipTrials({ ...setup, kernel: "reference" }, gossipRoundsStreams(rngFor(["kernels", protocol])));
    assert.deepEqual(fast, ref, protocol);
  }
  for (const protocol of ["push", "push-pull", "rumor-coin", "rumor-counter-blind", "infect-and-die"]) {
    const p = gossipRounds.resolve({ nodes: 2000, protocol, trials: 5, crashFraction: 0.05, lossRate: 0.05, c: 1 });
    const a = gossipRounds.run(p, rngFor(["det", 1]));
    const b = gossipRounds.run(p, rngFor(["det", 1]));
    const c = gossipRounds.run(p, rngFor(["det", 2]));
    assert.equal(JSON.stringify(a), JSON.stringify(b), protocol);
    assert.notEqual(JSON.stringify(a), JSON.stringify(c), protocol);
  }
});

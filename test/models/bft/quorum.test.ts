/**
 * Quorum arithmetic and stake (validators.ts) and CometBFT's proposer
 * priority (proposer-priority.ts).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { Xoshiro128 } from "../../../lib/random/xoshiro128";
import { hasQuorum, hasWeakQuorum, maxFaulty, quorumCount, quorumSigners, validatorSet } from "../../../lib/models/bft/validators";
import { incrementPriorities, ProposerSchedule } from "../../../lib/models/bft/proposer-priority";

const rng = () => new Xoshiro128([1, 2, 3, 4]);

test("N = 3f + 1: f faults tolerated, quorum 2f + 1, weak quorum f + 1 (Castro & Liskov 1999 section 4)", () => {
  for (let f = 0; f <= 40; f++) {
    const n = 3 * f + 1;
    assert.equal(maxFaulty(n), f);
    assert.equal(quorumCount(n), 2 * f + 1);
    const v = validatorSet(n, "equal", rng());
    assert.ok(hasQuorum(2 * f + 1, v.total) && !hasQuorum(2 * f, v.total), `N=${n}`);
    assert.ok(hasWeakQuorum(f + 1, v.total) && !hasWeakQuorum(f, v.total), `N=${n}`);
    assert.equal(quorumSigners(v), 2 * f + 1);
  }
});

test("N = 3f: only f - 1 faults tolerated; the quorum is 2f + 1 of 3f and two quorums share f + 2 > f - 1 validators", () => {
  for (let f = 1; f <= 40; f++) {
    const n = 3 * f;
    assert.equal(maxFaulty(n), f - 1);
    assert.equal(quorumCount(n), 2 * f + 1);
    assert.ok(hasQuorum(2 * f + 1, n) && !hasQuorum(2 * f, n));
    assert.equal(2 * (2 * f + 1) - n, f + 2);
  }
});

test("stake-weighted quorums: any two quorums intersect in more than 1/3 of the stake (property)", () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 12 }), fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), (stakes, a, b) => {
      const total = stakes.reduce((s, x) => s + x, 0);
      let sa = 0;
      let sb = 0;
      let both = 0;
      stakes.forEach((s, i) => {
        if (a[i]) sa += s;
        if (b[i]) sb += s;
        if (a[i] && b[i]) both += s;
      });
      if (hasQuorum(sa, total) && hasQuorum(sb, total)) assert.ok(hasWeakQuorum(both, total), `${stakes} ${a} ${b}`);
    }),
    { numRuns: 2000, seed: 11 },
  );
  // One validator with 3 of 6 units cannot decide alone; with the next one it can.
  const v = validatorSet(4, [3, 1, 1, 1], rng());
  assert.equal(v.total, 6);
  assert.ok(!hasQuorum(3 + 1, 6) && hasQuorum(3 + 1 + 1, 6));
  assert.equal(quorumSigners(v), 3);
});

test("CometBFT proposer priority: each validator proposes in proportion to its power, within 2 of k * power over k * total picks", () => {
  for (const stakes of [[1, 1, 1, 1], [3, 1, 1, 1], [10, 5, 2, 1, 1], [7, 7, 1]]) {
    const v = validatorSet(stakes.length, stakes, rng());
    const prio = new Float64Array(v.n);
    const counts = new Array(v.n).fill(0);
    const k = 50;
    for (let t = 0; t < k * v.total; t++) counts[incrementPriorities(v, prio, 1)]++;
    stakes.forEach((s, i) => assert.ok(Math.abs(counts[i] - k * s) <= 2, `${stakes}: validator ${i} proposed ${counts[i]}, want ${k * s}`));
    // Priorities stay centred and bounded (CometBFT keeps max - min <= 2 total).
    let max = -Infinity;
    let min = Infinity;
    for (const p of prio) {
      max = Math.max(max, p);
      min = Math.min(min, p);
    }
    assert.ok(max - min <= 2 * v.total, `spread ${max - min}`);
  }
  // Equal powers rotate round-robin; the schedule of (height, round) is the set of height h incremented r more times.
  const eq = new ProposerSchedule(validatorSet(4, "equal", rng()));
  const seq = Array.from({ length: 8 }, (_, h) => eq.proposer(h, 0));
  assert.deepEqual(new Set(seq.slice(0, 4)).size, 4);
  assert.deepEqual(seq.slice(0, 4), seq.slice(4, 8));
  assert.equal(eq.proposer(2, 1), eq.proposer(3, 0));
  assert.equal(eq.proposer(5, 2), eq.proposer(7, 0));
});

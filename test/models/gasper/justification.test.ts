// Casper FFG justification and finalization: ethereum/consensus-specs v1.4.0,
// specs/phase0/beacon-chain.md, weigh_justification_and_finalization. Each case below is worked
// by hand from the spec's text: bits before (epochs E-1..E-4), the two target balances, and the
// old previous/current justified checkpoints decide which of the four rules fires.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Checkpoint, FfgState, weighJustificationAndFinalization } from "../../../lib/models/gasper/justification";

const E = 10; // current epoch
const TOTAL = 96; // 3 * 32: "2/3" means >= 64
const SUPER = 64;
const BELOW = 63;
const root = (epoch: number): number => 100 + epoch; // get_block_root stand-in
const cp = (epoch: number): Checkpoint => ({ epoch, root: root(epoch) });

function state(bits: boolean[], previous: number, current: number, finalized = 0): FfgState {
  return { justificationBits: bits.slice(), previousJustified: cp(previous), currentJustified: cp(current), finalized: cp(finalized) };
}

test("rule 1: the 2nd/3rd/4th most recent epochs justified, the 2nd (epoch 9) using the 4th (epoch 7) as source finalizes 7", () => {
  // Before: 8 and 7 justified, 9 not yet; previous_justified = 7, current_justified = 8.
  const s = state([false, true, true, false], 7, 8);
  const rule = weighJustificationAndFinalization(s, E, TOTAL, SUPER, BELOW, root);
  assert.equal(rule, 1);
  assert.deepEqual(s.justificationBits, [false, true, true, true]);
  assert.deepEqual(s.finalized, cp(7));
  assert.deepEqual(s.currentJustified, cp(9));
  assert.deepEqual(s.previousJustified, cp(8));
});

test("rule 2: the 2nd/3rd most recent epochs justified, the 2nd (9) using the 3rd (8) as source finalizes 8", () => {
  // Before: 8 justified (as current epoch at E = 8), nothing at E = 9: previous = current = 8.
  const s = state([false, true, false, false], 8, 8);
  const rule = weighJustificationAndFinalization(s, E, TOTAL, SUPER, BELOW, root);
  assert.equal(rule, 2);
  assert.deepEqual(s.justificationBits, [false, true, true, false]);
  assert.deepEqual(s.finalized, cp(8));
  assert.deepEqual(s.currentJustified, cp(9));
});

test("rule 3: the 1st/2nd/3rd most recent epochs justified, the 1st (10) using the 3rd (8) as source finalizes 8", () => {
  // Before: 8 justified, 9 not; current_justified = 8, previous_justified = 6 (so rules 1 and 2 cannot fire).
  const s = state([false, true, false, false], 6, 8);
  const rule = weighJustificationAndFinalization(s, E, TOTAL, SUPER, SUPER, root);
  assert.equal(rule, 3);
  assert.deepEqual(s.justificationBits, [true, true, true, false]);
  assert.deepEqual(s.finalized, cp(8));
  assert.deepEqual(s.currentJustified, cp(10));
  assert.deepEqual(s.previousJustified, cp(8));
});

test("rule 4: the 1st/2nd most recent epochs justified, the 1st (10) using the 2nd (9) as source finalizes 9", () => {
  const s = state([true, false, false, false], 7, 9);
  const rule = weighJustificationAndFinalization(s, E, TOTAL, BELOW, SUPER, root);
  assert.equal(rule, 4);
  assert.deepEqual(s.justificationBits, [true, true, false, false]);
  assert.deepEqual(s.finalized, cp(9));
  assert.deepEqual(s.currentJustified, cp(10));
});

test("rules apply in the spec's order: when rule 2 (finalize 8) and rule 4 (finalize 9) both hold, rule 4's checkpoint stays", () => {
  const s = state([true, true, false, false], 8, 9);
  const rule = weighJustificationAndFinalization(s, E, TOTAL, BELOW, SUPER, root);
  assert.equal(rule, 4);
  assert.deepEqual(s.finalized, cp(9));
});

test("no supermajority: bits shift and nothing new is justified; finalization still follows the shifted bits", () => {
  // Sources 5 and 9 match no rule (rule 1 needs old previous = 7, rule 2 needs 8, rules 3/4 need bit 0).
  const s = state([true, true, true, true], 5, 9, 4);
  assert.equal(weighJustificationAndFinalization(s, E, TOTAL, BELOW, BELOW, root), 0);
  assert.deepEqual(s.justificationBits, [false, true, true, true]);
  assert.deepEqual(s.currentJustified, cp(9));
  assert.deepEqual(s.previousJustified, cp(9));
  assert.deepEqual(s.finalized, cp(4));
  // Same bits with old previous justified = 8: 9 and 8 are justified and 9 used 8 as source, so
  // rule 2 finalizes 8 even though this epoch brought no supermajority.
  const r = state([true, true, true, true], 8, 9, 4);
  assert.equal(weighJustificationAndFinalization(r, E, TOTAL, BELOW, BELOW, root), 2);
  assert.deepEqual(r.finalized, cp(8));
  // Epoch 9 not justified: 10 justified alone finalizes nothing (rule 4 needs bits 0 and 1).
  const t = state([false, true, false, false], 7, 8);
  assert.equal(weighJustificationAndFinalization(t, E, TOTAL, BELOW, SUPER, root), 0);
  assert.deepEqual(t.finalized, cp(0));
});

test("the 2/3 threshold is 3 * balance >= 2 * total: 43 of 64 validators justify, 42 do not", () => {
  const G = 32e9;
  const a = state([false, false, false, false], 0, 0);
  weighJustificationAndFinalization(a, E, 64 * G, 43 * G, 0, root);
  assert.deepEqual(a.currentJustified, cp(9));
  const b = state([false, false, false, false], 0, 0);
  weighJustificationAndFinalization(b, E, 64 * G, 42 * G, 0, root);
  assert.deepEqual(b.currentJustified, cp(0));
});

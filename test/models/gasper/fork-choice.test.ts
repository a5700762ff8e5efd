// Fork choice after ethereum/consensus-specs v1.4.0 specs/phase0/fork-choice.md: get_head
// (LMD-GHOST, Sompolinsky & Zohar 2015 GHOST with latest messages, Gasper section 3), the proposer
// boost of get_proposer_score (PROPOSER_SCORE_BOOST = 40 percent of a slot's committee weight,
// Schwarz-Schilling et al. 2022), and the handlers' rule that a rejected event changes nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Attestation } from "../../../lib/models/gasper/beacon-state";
import { Store, blockWeights, genesisStore, getHead, getWeightReference, onAttestation, onBlock, onTick, proposerScore, viableBlocks } from "../../../lib/models/gasper/fork-choice";
import { rngFor } from "../../../lib/random/seed";
import { MAX_EFFECTIVE_BALANCE, MINIMAL } from "../../../lib/models/gasper/presets";

const S = MINIMAL.secondsPerSlot; // 6 s; boost deadline 2 s into the slot
const late = (slot: number): number => slot * S + 3;
const block = (slot: number, parentRoot: number) => ({ slot, parentRoot, proposerIndex: 0, attestations: [] });
const vote = (slot: number, head: number, attesters: number[]): Attestation => ({
  slot,
  beaconBlockRoot: head,
  source: { epoch: 0, root: 0 },
  target: { epoch: 0, root: 0 }, // epoch 0 starts at the genesis slot
  attesters: Int32Array.from(attesters),
});

test("LMD-GHOST picks the heavier subtree, not the leaf with the most votes, and breaks a tie by the larger root", () => {
  const store = genesisStore(MINIMAL, 16);
  onTick(store, late(2));
  const a = onBlock(store, block(1, 0));
  const b = onBlock(store, block(1, 0));
  const a1 = onBlock(store, block(2, a));
  const a2 = onBlock(store, block(2, a));
  const b1 = onBlock(store, block(2, b));
  assert.equal(store.proposerBoostRoot, -1, "late blocks get no boost");
  onTick(store, late(3));
  onAttestation(store, vote(2, a1, [0, 1]));
  onAttestation(store, vote(2, a2, [2, 3]));
  onAttestation(store, vote(2, b1, [4, 5, 6]));
  // Subtree weights: a = 4, b = 3; within a, a1 = a2 = 2 and a2 has the larger root.
  assert.equal(getHead(store), a2);
  // Two more votes for b1 make b's subtree heavier (5 > 4).
  onAttestation(store, vote(2, b1, [7, 8]));
  assert.equal(getHead(store), b1);
  // on_attestation updates a latest message only for a later target epoch: a second epoch-0 vote is ignored.
  onAttestation(store, vote(2, a1, [7, 8]));
  assert.equal(getHead(store), b1);
});

test("proposer boost: a timely first block gets 40% of a slot's committee weight (3.2 validators of 64 on minimal)", () => {
  const n = 64;
  assert.equal(proposerScore(genesisStore(MINIMAL, n)), Math.floor(((n / MINIMAL.slotsPerEpoch) * MAX_EFFECTIVE_BALANCE * 40) / 100));
  for (const [votesForB, expected] of [[3, "timely"], [4, "late"]] as const) {
    const store = genesisStore(MINIMAL, n);
    onTick(store, late(1));
    const b = onBlock(store, block(1, 0)); // late: 3 s into slot 1
    assert.equal(store.proposerBoostRoot, -1);
    onTick(store, 2 * S + 1); // slot 2, 1 s in: before the attesting interval
    onAttestation(store, vote(1, b, Array.from({ length: votesForB }, (_, i) => i)));
    const t = onBlock(store, block(2, 0)); // timely sibling of b's branch
    assert.equal(store.proposerBoostRoot, t);
    // 3 votes (96 ETH) < boost (102.4 ETH) < 4 votes (128 ETH)
    assert.equal(getHead(store), expected === "timely" ? t : b, `${votesForB} votes`);
    // A second block of the same slot gets no boost, and the next slot clears it.
    onBlock(store, block(2, 0));
    assert.equal(store.proposerBoostRoot, t);
    onTick(store, 3 * S);
    assert.equal(store.proposerBoostRoot, -1);
    assert.equal(getHead(store), b, "without the boost the voted block wins");
  }
});

function snapshot(store: Store): string {
  return JSON.stringify({
    time: store.time, j: store.justified, f: store.finalized, boost: store.proposerBoostRoot, blocks: store.tree.size,
    states: store.blockStates.length, lme: Array.from(store.latestMessageEpoch), lmr: Array.from(store.latestMessageRoot),
  });
}

test("rejected events throw and leave the store untouched", () => {
  const store = genesisStore(MINIMAL, 8);
  onTick(store, late(1));
  const a = onBlock(store, block(1, 0));
  const before = snapshot(store);
  assert.throws(() => onBlock(store, block(2, a)), /future/);
  assert.throws(() => onBlock(store, block(1, 99)), /unknown parent/);
  assert.throws(() => onAttestation(store, vote(1, a, [0])), /later slots/);
  assert.throws(() => onAttestation(store, vote(0, a, [0])), /after the attestation's slot/);
  assert.throws(() => onAttestation(store, { ...vote(1, a, [0]), target: { epoch: 0, root: a } }), /target/);
  // A block carrying an invalid attestation (source not the justified checkpoint) is rejected whole.
  onTick(store, late(2));
  const mid = snapshot(store);
  const bad = { ...vote(1, a, [0]), source: { epoch: 1, root: a } };
  assert.throws(() => onBlock(store, { slot: 2, parentRoot: a, proposerIndex: 0, attestations: [bad] }), /source/);
  assert.equal(snapshot(store), mid);
  assert.notEqual(before, mid); // only the tick moved
  assert.throws(() => onTick(store, 0), /before/);
});

test("blockWeights (one pass from the leaves) equals the spec-literal get_weight on random trees, votes and boosts", () => {
  const rng = rngFor(["gasper-weights"]).fast;
  for (let trial = 0; trial < 30; trial++) {
    const n = 8 + rng.below(56);
    const store = genesisStore(MINIMAL, n);
    const slots = 3 + rng.below(10);
    onTick(store, late(slots));
    for (let slot = 1; slot <= slots; slot++) {
      const k = rng.below(3); // 0 to 2 blocks per slot on random earlier parents
      for (let j = 0; j < k; j++) {
        const candidates = store.tree.slot.map((s, r) => [s, r]).filter(([s]) => s < slot).map(([, r]) => r);
        onBlock(store, block(slot, candidates[rng.below(candidates.length)]));
      }
    }
    for (let v = 0; v < n; v++) {
      if (rng.below(4) === 0) continue; // some validators never voted
      store.latestMessageEpoch[v] = 0;
      store.latestMessageRoot[v] = rng.below(store.tree.size);
    }
    store.proposerBoostRoot = rng.below(2) === 0 ? -1 : rng.below(store.tree.size);
    const w = blockWeights(store);
    for (let r = 0; r < store.tree.size; r++) assert.equal(w[r], getWeightReference(store, r), `trial ${trial} root ${r}`);
  }
});

test("filter_block_tree (v1.2.0): a heavier branch whose leaf state disagrees with the store's justified checkpoint is not viable", () => {
  const store = genesisStore(MINIMAL, 16);
  onTick(store, late(2));
  const a = onBlock(store, block(1, 0));
  const b = onBlock(store, block(1, 0));
  onTick(store, late(3));
  onAttestation(store, vote(2, b, [0, 1, 2, 3, 4]));
  onAttestation(store, vote(2, a, [5]));
  assert.equal(getHead(store), b);
  // Pretend a's state justified the checkpoint (epoch 1, genesis root) and the store took it: b's leaf is now stale.
  store.blockStates[a].currentJustified = { epoch: 1, root: 0 };
  store.justified = { epoch: 1, root: 0 };
  assert.deepEqual(Array.from(viableBlocks(store)), [1, 1, 0]);
  assert.equal(getHead(store), a, "the only viable branch, despite 5 votes to 1");
});

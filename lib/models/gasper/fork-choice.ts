/**
 * The fork-choice store and its handlers, after ethereum/consensus-specs v1.4.0
 * `specs/phase0/fork-choice.md`: `Store`, `on_tick`, `on_block`, `on_attestation`, `get_head`
 * (LMD-GHOST from the justified checkpoint, ties broken by the larger root) with
 * `get_proposer_score` (proposer boost, Schwarz-Schilling et al. 2022). Buterin et al. 2020
 * (Gasper) section 3 (HLMD-GHOST). A rejected event throws and leaves the store untouched.
 *
 * Simplifications (stated, not hidden): no unrealized justification / tip pull-up (v1.3.0), so
 * `filter_block_tree` is the v1.2.0 one (leaf state's checkpoints equal the store's), and
 * checkpoints update at once (no bouncing-attack delay); no equivocation handling, no attestation queueing
 * inside the store (the caller delivers an attestation from the slot after its own, as
 * `validate_on_attestation` requires).
 */
import { BlockTree } from "./block-tree";
import { Attestation, BeaconState, genesisState, stateTransition } from "./beacon-state";
import { Checkpoint } from "./justification";
import { GasperPreset, INTERVALS_PER_SLOT, MAX_EFFECTIVE_BALANCE, PROPOSER_SCORE_BOOST, epochAtSlot, startSlotAtEpoch } from "./presets";

export interface Block {
  readonly slot: number;
  readonly parentRoot: number;
  readonly proposerIndex: number;
  readonly attestations: readonly Attestation[];
}

export interface Store {
  readonly preset: GasperPreset;
  readonly validators: number;
  /** Seconds since genesis (genesis_time = 0). */
  time: number;
  justified: Checkpoint;
  finalized: Checkpoint;
  /** Root of the timely block of the current slot, or -1 (the spec's Root()). */
  proposerBoostRoot: number;
  readonly tree: BlockTree;
  /** block_states, by root. */
  readonly blockStates: BeaconState[];
  /** latest_messages: epoch and root per validator (-1 = none). */
  readonly latestMessageEpoch: Int32Array;
  readonly latestMessageRoot: Int32Array;
}

/** get_forkchoice_store(anchor_state = genesis): justified and finalized at the genesis checkpoint. */
export function genesisStore(preset: GasperPreset, validators: number): Store {
  const genesis: Checkpoint = { epoch: 0, root: 0 };
  return {
    preset,
    validators,
    time: 0,
    justified: genesis,
    finalized: genesis,
    proposerBoostRoot: -1,
    tree: new BlockTree(),
    blockStates: [genesisState(validators)],
    latestMessageEpoch: new Int32Array(validators).fill(-1),
    latestMessageRoot: new Int32Array(validators).fill(-1),
  };
}

/** get_current_slot(store). */
export function currentSlot(store: Store): number {
  return Math.floor(store.time / store.preset.secondsPerSlot);
}

/** on_tick(store, time): advances the clock; a new slot clears the proposer boost. */
export function onTick(store: Store, time: number): void {
  if (time < store.time) throw new Error(`on_tick: time ${time} is before the store's ${store.time}`);
  const previousSlot = currentSlot(store);
  store.time = time;
  if (currentSlot(store) > previousSlot) store.proposerBoostRoot = -1;
}

/** on_block(store, block): validates, runs the state transition, applies proposer boost, updates checkpoints. Returns the root. */
export function onBlock(store: Store, block: Block): number {
  const { tree, preset } = store;
  if (!tree.has(block.parentRoot)) throw new Error(`on_block: unknown parent ${block.parentRoot}`);
  if (currentSlot(store) < block.slot) throw new Error(`on_block: block slot ${block.slot} is in the future`);
  const finalizedSlot = startSlotAtEpoch(preset, store.finalized.epoch);
  if (block.slot <= finalizedSlot) throw new Error(`on_block: block slot ${block.slot} not after the finalized slot ${finalizedSlot}`);
  if (tree.ancestorAtSlot(block.parentRoot, finalizedSlot) !== store.finalized.root) throw new Error("on_block: block does not descend from the finalized checkpoint");

  const state = stateTransition(tree, preset, store.blockStates[block.parentRoot], block.slot, block.attestations);
  const root = tree.add(block.parentRoot, block.slot);
  state.latestBlockRoot = root;
  store.blockStates.push(state);

  // Add proposer score boost if the block is timely and is the first block of its slot
  const timeIntoSlot = store.time % preset.secondsPerSlot;
  const isBeforeAttestingInterval = timeIntoSlot < preset.secondsPerSlot / INTERVALS_PER_SLOT;
  if (currentSlot(store) === block.slot && isBeforeAttestingInterval && store.proposerBoostRoot === -1) store.proposerBoostRoot = root;

  // update_checkpoints
  if (state.currentJustified.epoch > store.justified.epoch) store.justified = state.currentJustified;
  if (state.finalized.epoch > store.finalized.epoch) store.finalized = state.finalized;
  return root;
}

/** validate_on_attestation (is_from_block = false); null if valid, else why not. */
export function attestationRejectReason(store: Store, att: Attestation): string | null {
  const { tree, preset } = store;
  const epoch = epochAtSlot(preset, currentSlot(store));
  const previousEpoch = epoch > 0 ? epoch - 1 : 0;
  if (att.target.epoch !== epoch && att.target.epoch !== previousEpoch) return "target epoch neither current nor previous";
  if (att.target.epoch !== epochAtSlot(preset, att.slot)) return "target epoch is not the epoch of the slot";
  if (!tree.has(att.target.root)) return "unknown target root";
  if (!tree.has(att.beaconBlockRoot)) return "unknown head block";
  if (tree.slot[att.beaconBlockRoot] > att.slot) return "head block after the attestation's slot";
  if (tree.ancestorAtSlot(att.beaconBlockRoot, startSlotAtEpoch(preset, att.target.epoch)) !== att.target.root) return "target is not the head's checkpoint block";
  if (currentSlot(store) < att.slot + 1) return "attestations only affect the fork choice of later slots";
  return null;
}

/** on_attestation(store, attestation): updates the latest messages of its attesters. */
export function onAttestation(store: Store, att: Attestation): void {
  const why = attestationRejectReason(store, att);
  if (why !== null) throw new Error(`on_attestation: ${why}`);
  for (let i = 0; i < att.attesters.length; i++) {
    const v = att.attesters[i];
    if (att.target.epoch > store.latestMessageEpoch[v]) {
      store.latestMessageEpoch[v] = att.target.epoch;
      store.latestMessageRoot[v] = att.beaconBlockRoot;
    }
  }
}

/** get_proposer_score: PROPOSER_SCORE_BOOST percent of one slot's committee weight (equal balances, none slashed). */
export function proposerScore(store: Store): number {
  const committeeWeight = Math.floor((store.validators * MAX_EFFECTIVE_BALANCE) / store.preset.slotsPerEpoch);
  return Math.floor((committeeWeight * PROPOSER_SCORE_BOOST) / 100);
}

/**
 * get_weight for every block: the balance of the validators whose latest message is in the
 * block's subtree, plus the proposer score on the boosted block's ancestry. One pass from the
 * leaves (children have larger ids), instead of the spec's per-block sum over validators.
 */
export function blockWeights(store: Store): Float64Array {
  const { tree } = store;
  const w = new Float64Array(tree.size);
  for (let v = 0; v < store.validators; v++) {
    const r = store.latestMessageRoot[v];
    if (r >= 0) w[r] += MAX_EFFECTIVE_BALANCE;
  }
  if (store.proposerBoostRoot >= 0) w[store.proposerBoostRoot] += proposerScore(store);
  for (let r = tree.size - 1; r > 0; r--) w[tree.parent[r]] += w[r];
  return w;
}

/**
 * get_weight(store, root) as the spec writes it (v1.4.0 without equivocations): the balance of
 * validators whose latest message has `root` as its ancestor at `root`'s slot, plus the proposer
 * score if the boosted block descends from `root`. The readable reference for `blockWeights`.
 */
export function getWeightReference(store: Store, root: number): number {
  const { tree } = store;
  const slot = tree.slot[root];
  let attestationScore = 0;
  for (let v = 0; v < store.validators; v++) {
    const r = store.latestMessageRoot[v];
    if (r >= 0 && tree.ancestorAtSlot(r, slot) === root) attestationScore += MAX_EFFECTIVE_BALANCE;
  }
  if (store.proposerBoostRoot < 0) return attestationScore;
  return attestationScore + (tree.ancestorAtSlot(store.proposerBoostRoot, slot) === root ? proposerScore(store) : 0);
}

function sameCheckpoint(a: Checkpoint, b: Checkpoint): boolean {
  return a.epoch === b.epoch && a.root === b.root;
}

/**
 * filter_block_tree as in consensus-specs v1.2.0 phase0 (before unrealized justification): a
 * leaf is viable if its state's justified and finalized checkpoints equal the store's (or the
 * store's are at genesis); an inner block is viable if a child is. One pass from the leaves.
 */
export function viableBlocks(store: Store): Uint8Array {
  const { tree } = store;
  const viable = new Uint8Array(tree.size);
  const anyJustified = store.justified.epoch === 0;
  const anyFinalized = store.finalized.epoch === 0;
  for (let r = tree.size - 1; r >= 0; r--) {
    if (tree.children[r].length === 0) {
      const st = store.blockStates[r];
      const correctJustified = anyJustified || sameCheckpoint(st.currentJustified, store.justified);
      const correctFinalized = anyFinalized || sameCheckpoint(st.finalized, store.finalized);
      if (correctJustified && correctFinalized) viable[r] = 1;
    }
    if (viable[r] === 1 && r > 0) viable[tree.parent[r]] = 1;
  }
  return viable;
}

/**
 * get_head(store): LMD-GHOST from the justified root over the viable blocks, the heaviest child
 * first, ties to the larger root (block ids stand in for the spec's hash order).
 */
export function getHead(store: Store): number {
  const weights = blockWeights(store);
  const viable = viableBlocks(store);
  const { tree } = store;
  let head = store.justified.root;
  for (;;) {
    let best = -1;
    for (const c of tree.children[head]) {
      if (viable[c] === 0) continue;
      if (best < 0 || weights[c] > weights[best] || (weights[c] === weights[best] && c > best)) best = c;
    }
    if (best < 0) return head;
    head = best;
  }
}

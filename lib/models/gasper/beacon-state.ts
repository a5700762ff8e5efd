/**
 * The slice of the BeaconState that Gasper finality needs, and its state transition:
 * ethereum/consensus-specs v1.4.0 `specs/phase0/beacon-chain.md` `process_slots`,
 * `process_epoch` (only `process_justification_and_finalization`), `process_attestation`.
 * Participation is kept per validator as a "timely target" flag for the previous and current
 * epoch (as Altair's `previous_epoch_participation` does) instead of phase0's list of
 * PendingAttestations; the target balances it yields are the same ones phase0's
 * `get_attesting_balance(state, get_matching_target_attestations(...))` computes.
 * Every validator has the same 32 ETH effective balance, none exits or is slashed.
 */
import { BlockTree } from "./block-tree";
import { Checkpoint, FfgState, weighJustificationAndFinalization } from "./justification";
import { GasperPreset, MAX_EFFECTIVE_BALANCE, MIN_ATTESTATION_INCLUSION_DELAY, epochAtSlot, startSlotAtEpoch } from "./presets";

export interface BeaconState extends FfgState {
  slot: number;
  /** Root of the latest block applied (the state's chain is this block's ancestry). */
  latestBlockRoot: number;
  previousEpochTarget: Uint8Array;
  currentEpochTarget: Uint8Array;
}

/** AttestationData with its aggregation bits as a list of validator indices. */
export interface Attestation {
  readonly slot: number;
  readonly beaconBlockRoot: number;
  readonly source: Checkpoint;
  readonly target: Checkpoint;
  readonly attesters: Int32Array;
}

export function genesisState(validators: number): BeaconState {
  const genesis: Checkpoint = { epoch: 0, root: 0 };
  return {
    slot: 0,
    latestBlockRoot: 0,
    justificationBits: [false, false, false, false],
    previousJustified: genesis,
    currentJustified: genesis,
    finalized: genesis,
    previousEpochTarget: new Uint8Array(validators),
    currentEpochTarget: new Uint8Array(validators),
  };
}

export function cloneState(s: BeaconState): BeaconState {
  return {
    ...s,
    justificationBits: s.justificationBits.slice(),
    previousEpochTarget: s.previousEpochTarget.slice(),
    currentEpochTarget: s.currentEpochTarget.slice(),
  };
}

/** get_block_root(state, epoch): the block root at the epoch's start slot on the state's chain. */
export function blockRootAtEpoch(tree: BlockTree, preset: GasperPreset, state: BeaconState, epoch: number): number {
  return tree.ancestorAtSlot(state.latestBlockRoot, startSlotAtEpoch(preset, epoch));
}

function countFlags(flags: Uint8Array): number {
  let c = 0;
  for (let i = 0; i < flags.length; i++) c += flags[i];
  return c;
}

/** process_epoch, reduced to process_justification_and_finalization and the participation rotation. */
function processEpoch(tree: BlockTree, preset: GasperPreset, state: BeaconState): void {
  const currentEpoch = epochAtSlot(preset, state.slot);
  // "Initial FFG checkpoint values have a `0x00` stub for `root`. Skip FFG updates in the first two epochs."
  if (currentEpoch > 1) {
    const n = state.currentEpochTarget.length;
    weighJustificationAndFinalization(
      state,
      currentEpoch,
      n * MAX_EFFECTIVE_BALANCE,
      countFlags(state.previousEpochTarget) * MAX_EFFECTIVE_BALANCE,
      countFlags(state.currentEpochTarget) * MAX_EFFECTIVE_BALANCE,
      (epoch) => blockRootAtEpoch(tree, preset, state, epoch),
    );
  }
  // process_participation_flag_updates (Altair) / rotation of the pending attestations (phase0)
  const recycled = state.previousEpochTarget;
  recycled.fill(0);
  state.previousEpochTarget = state.currentEpochTarget;
  state.currentEpochTarget = recycled;
}

/** process_slots(state, slot) on a copy: empty slots up to `slot`, running process_epoch at each epoch end. */
export function processSlots(tree: BlockTree, preset: GasperPreset, state: BeaconState, slot: number): BeaconState {
  if (slot < state.slot) throw new Error(`process_slots: slot ${slot} is before the state's slot ${state.slot}`);
  const s = cloneState(state);
  while (s.slot < slot) {
    if ((s.slot + 1) % preset.slotsPerEpoch === 0) processEpoch(tree, preset, s);
    s.slot += 1;
  }
  return s;
}

/** The checks of process_attestation (phase0); null if the attestation is valid for `state`, else why not. */
export function attestationInvalidReason(preset: GasperPreset, state: BeaconState, att: Attestation): string | null {
  const currentEpoch = epochAtSlot(preset, state.slot);
  const previousEpoch = currentEpoch === 0 ? 0 : currentEpoch - 1;
  if (att.target.epoch !== previousEpoch && att.target.epoch !== currentEpoch) return "target epoch neither previous nor current";
  if (att.target.epoch !== epochAtSlot(preset, att.slot)) return "target epoch is not the epoch of the slot";
  if (!(att.slot + MIN_ATTESTATION_INCLUSION_DELAY <= state.slot && state.slot <= att.slot + preset.slotsPerEpoch)) return "outside the inclusion window";
  const justified = att.target.epoch === currentEpoch ? state.currentJustified : state.previousJustified;
  if (att.source.epoch !== justified.epoch || att.source.root !== justified.root) return "source is not the state's justified checkpoint";
  return null;
}

/** The flags an attestation sets: its attesters, if its target is the state's block root at the target epoch. */
function targetFlags(tree: BlockTree, preset: GasperPreset, state: BeaconState, att: Attestation): Uint8Array | null {
  if (att.target.root !== blockRootAtEpoch(tree, preset, state, att.target.epoch)) return null;
  return att.target.epoch === epochAtSlot(preset, state.slot) ? state.currentEpochTarget : state.previousEpochTarget;
}

/** How many new target flags the attestation would set in `state` (0 if invalid); used by proposers to pick attestations. */
export function newTargetVotes(tree: BlockTree, preset: GasperPreset, state: BeaconState, att: Attestation): number {
  if (attestationInvalidReason(preset, state, att) !== null) return 0;
  const flags = targetFlags(tree, preset, state, att);
  if (flags === null) return 0;
  let c = 0;
  for (let i = 0; i < att.attesters.length; i++) if (flags[att.attesters[i]] === 0) c++;
  return c;
}

/** process_attestation (phase0, mutating `state`); throws if invalid. */
export function processAttestation(tree: BlockTree, preset: GasperPreset, state: BeaconState, att: Attestation): void {
  const why = attestationInvalidReason(preset, state, att);
  if (why !== null) throw new Error(`process_attestation: ${why} (slot ${att.slot}, state slot ${state.slot})`);
  const flags = targetFlags(tree, preset, state, att);
  if (flags !== null) for (let i = 0; i < att.attesters.length; i++) flags[att.attesters[i]] = 1;
}

/**
 * state_transition(parent_state, block) without the block's own root: process_slots to the
 * block's slot, then its attestations. The result's chain is still the parent's (every target
 * an included attestation can name starts before the block's slot, so get_block_root answers
 * the same); the caller sets `latestBlockRoot` once the block is in the tree. Throws on an
 * invalid attestation, leaving `parentState` and the tree untouched.
 */
export function stateTransition(
  tree: BlockTree,
  preset: GasperPreset,
  parentState: BeaconState,
  slot: number,
  attestations: readonly Attestation[],
): BeaconState {
  if (slot <= parentState.slot) throw new Error(`state_transition: block slot ${slot} not after its parent's ${parentState.slot}`);
  const s = processSlots(tree, preset, parentState, slot);
  for (const att of attestations) processAttestation(tree, preset, s, att);
  return s;
}

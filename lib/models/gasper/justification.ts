/**
 * Casper FFG justification and finalization as in ethereum/consensus-specs v1.4.0,
 * `specs/phase0/beacon-chain.md`, `weigh_justification_and_finalization` (the body of
 * `process_justification_and_finalization`, factored out in v1.1.0). Buterin & Griffith 2017
 * (Casper FFG) section 2; Buterin et al. 2020 (Gasper) section 4 and its k-finality, with k = 1, 2.
 *
 * Bits: bit i set means "epoch current - i is justified" (bit 0 = current epoch).
 */
import { JUSTIFICATION_BITS_LENGTH } from "./presets";

/** A checkpoint (epoch, root); a root is a block id in the simulation's block tree. */
export interface Checkpoint {
  readonly epoch: number;
  readonly root: number;
}

/** The part of the BeaconState that FFG reads and writes. */
export interface FfgState {
  justificationBits: boolean[]; // length JUSTIFICATION_BITS_LENGTH
  previousJustified: Checkpoint;
  currentJustified: Checkpoint;
  finalized: Checkpoint;
}

/** Which of the spec's four finalization rules fired (1 = 2nd/3rd/4th, ..., 4 = 1st/2nd); 0 if none. */
export type FinalizationRule = 0 | 1 | 2 | 3 | 4;

function allSet(bits: readonly boolean[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!bits[i]) return false;
  return true;
}

/**
 * `weigh_justification_and_finalization(state, total_active_balance,
 * previous_epoch_target_balance, current_epoch_target_balance)`, mutating `state` as the spec does.
 * `blockRootAt(epoch)` is `get_block_root(state, epoch)`. Returns the last rule that set the
 * finalized checkpoint (the spec applies them in order 1..4; a later one overrides).
 */
export function weighJustificationAndFinalization(
  state: FfgState,
  currentEpoch: number,
  totalActiveBalance: number,
  previousEpochTargetBalance: number,
  currentEpochTargetBalance: number,
  blockRootAt: (epoch: number) => number,
): FinalizationRule {
  const previousEpoch = currentEpoch === 0 ? 0 : currentEpoch - 1; // get_previous_epoch
  const oldPreviousJustified = state.previousJustified;
  const oldCurrentJustified = state.currentJustified;

  // Process justifications
  state.previousJustified = state.currentJustified;
  const bits = state.justificationBits;
  for (let i = JUSTIFICATION_BITS_LENGTH - 1; i >= 1; i--) bits[i] = bits[i - 1];
  bits[0] = false;
  if (previousEpochTargetBalance * 3 >= totalActiveBalance * 2) {
    state.currentJustified = { epoch: previousEpoch, root: blockRootAt(previousEpoch) };
    bits[1] = true;
  }
  if (currentEpochTargetBalance * 3 >= totalActiveBalance * 2) {
    state.currentJustified = { epoch: currentEpoch, root: blockRootAt(currentEpoch) };
    bits[0] = true;
  }

  // Process finalizations
  let rule: FinalizationRule = 0;
  // The 2nd/3rd/4th most recent epochs are justified, the 2nd using the 4th as source
  if (allSet(bits, 1, 4) && oldPreviousJustified.epoch + 3 === currentEpoch) {
    state.finalized = oldPreviousJustified;
    rule = 1;
  }
  // The 2nd/3rd most recent epochs are justified, the 2nd using the 3rd as source
  if (allSet(bits, 1, 3) && oldPreviousJustified.epoch + 2 === currentEpoch) {
    state.finalized = oldPreviousJustified;
    rule = 2;
  }
  // The 1st/2nd/3rd most recent epochs are justified, the 1st using the 3rd as source
  if (allSet(bits, 0, 3) && oldCurrentJustified.epoch + 2 === currentEpoch) {
    state.finalized = oldCurrentJustified;
    rule = 3;
  }
  // The 1st/2nd most recent epochs are justified, the 1st using the 2nd as source
  if (allSet(bits, 0, 2) && oldCurrentJustified.epoch + 1 === currentEpoch) {
    state.finalized = oldCurrentJustified;
    rule = 4;
  }
  return rule;
}

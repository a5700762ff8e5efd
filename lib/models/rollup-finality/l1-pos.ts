/**
 * Proof-of-stake L1 with Gasper finality (Buterin et al. 2020, "Combining
 * GHOST and Casper", arXiv:2003.03052, section 4: a checkpoint is finalized
 * when the next epoch's checkpoint is justified with it as source).
 *
 * Spec constants (ethereum/consensus-specs, phase0 beacon-chain.md and the
 * mainnet preset): SECONDS_PER_SLOT = 12, SLOTS_PER_EPOCH = 32, so one epoch is
 * 6.4 min and "two epochs" is 12.8 min.
 *
 * Timing used here, with all validators honest and online: a transaction
 * submitted at t is in the block of the next slot boundary strictly after t.
 * A block in epoch e is an ancestor of checkpoint e + 1; that checkpoint is
 * justified by the attestations of epoch e + 1 and finalized when checkpoint
 * e + 2 is justified, at the end of epoch e + 2 (justification and
 * finalization are processed at epoch boundaries). So the block is final
 * `epochsToFinality` = 2 epochs after the end of its own epoch: between 12.8
 * and 19.2 minutes after inclusion. A future lib/models/gasper can replace
 * this by a simulated finalization time (same `L1Chain` interface).
 */
import type { L1Chain } from "./l1-chain";

/** ethereum/consensus-specs mainnet preset: SECONDS_PER_SLOT. */
export const SECONDS_PER_SLOT = 12;
/** ethereum/consensus-specs mainnet preset: SLOTS_PER_EPOCH. */
export const SLOTS_PER_EPOCH = 32;
/** Epochs after the end of a block's epoch until it is final, in the honest case (Gasper, k = 1 finalization). */
export const GASPER_EPOCHS_TO_FINALITY = 2;

export interface PosL1Params {
  slotS: number;
  slotsPerEpoch: number;
  epochsToFinality: number;
}

export const POS_MAINNET: PosL1Params = { slotS: SECONDS_PER_SLOT, slotsPerEpoch: SLOTS_PER_EPOCH, epochsToFinality: GASPER_EPOCHS_TO_FINALITY };

/** The first slot boundary strictly after t. */
export function nextSlotAfter(t: number, slotS: number): number {
  return (Math.floor(t / slotS) + 1) * slotS;
}

/** Time at which a block made at slot boundary `includedAt` is final: end of its epoch plus epochsToFinality epochs. */
export function gasperFinalTime(includedAt: number, { slotS, slotsPerEpoch, epochsToFinality }: PosL1Params): number {
  const epochS = slotS * slotsPerEpoch;
  // The block of slot boundary includedAt belongs to the slot that starts there.
  const epoch = Math.floor(includedAt / epochS + 1e-9);
  return (epoch + 1 + epochsToFinality) * epochS;
}

export function posChain(params: PosL1Params): L1Chain {
  const epochS = params.slotS * params.slotsPerEpoch;
  return {
    kind: "pos",
    begin() {},
    include: (t) => nextSlotAfter(t, params.slotS),
    finalize: (includedAt) => gasperFinalTime(includedAt, params),
    // Uniform arrival: the wait for the next slot is uniform on (0, slotS].
    meanInclusionDelayS: params.slotS / 2,
    // A block at a uniformly placed slot of its epoch waits (slotsPerEpoch - s) slots for the epoch's end, s = 0..slotsPerEpoch-1.
    meanFinalityDelayS: params.epochsToFinality * epochS + ((params.slotsPerEpoch + 1) / 2) * params.slotS,
  };
}

/**
 * Gasper presets: the timing constants of ethereum/consensus-specs v1.4.0
 * (`presets/mainnet/phase0.yaml`, `presets/minimal/phase0.yaml`, `configs/*.yaml`) and
 * the fork-choice constants of `specs/phase0/fork-choice.md` (v1.4.0, "Configuration").
 */

export interface GasperPreset {
  readonly name: "mainnet" | "minimal";
  /** SECONDS_PER_SLOT (config). */
  readonly secondsPerSlot: number;
  /** SLOTS_PER_EPOCH (preset). */
  readonly slotsPerEpoch: number;
}

/** INTERVALS_PER_SLOT (fork-choice.md, constant): the attestation deadline is one third into the slot. */
export const INTERVALS_PER_SLOT = 3;
/** PROPOSER_SCORE_BOOST (fork-choice.md, v1.3.0 onward; 70 before): percent of one slot's committee weight. */
export const PROPOSER_SCORE_BOOST = 40;
/** MAX_EFFECTIVE_BALANCE in Gwei: every validator here has the same 32 ETH stake. */
export const MAX_EFFECTIVE_BALANCE = 32_000_000_000;
/** MIN_ATTESTATION_INCLUSION_DELAY (phase0 preset, both presets). */
export const MIN_ATTESTATION_INCLUSION_DELAY = 1;
/** JUSTIFICATION_BITS_LENGTH (beacon-chain.md, constant). */
export const JUSTIFICATION_BITS_LENGTH = 4;

export const MAINNET: GasperPreset = { name: "mainnet", secondsPerSlot: 12, slotsPerEpoch: 32 };
export const MINIMAL: GasperPreset = { name: "minimal", secondsPerSlot: 6, slotsPerEpoch: 8 };

export const PRESETS: Readonly<Record<GasperPreset["name"], GasperPreset>> = { mainnet: MAINNET, minimal: MINIMAL };

/** Seconds in one epoch (SECONDS_PER_SLOT * SLOTS_PER_EPOCH): 384 s = 6.4 min on mainnet. */
export function secondsPerEpoch(preset: GasperPreset): number {
  return preset.secondsPerSlot * preset.slotsPerEpoch;
}

/** compute_epoch_at_slot (beacon-chain.md). */
export function epochAtSlot(preset: GasperPreset, slot: number): number {
  return Math.floor(slot / preset.slotsPerEpoch);
}

/** compute_start_slot_at_epoch (beacon-chain.md). */
export function startSlotAtEpoch(preset: GasperPreset, epoch: number): number {
  return epoch * preset.slotsPerEpoch;
}

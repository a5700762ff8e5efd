/**
 * Gasper (Buterin et al. 2020, "Combining GHOST and Casper", arXiv:2003.03052): proof-of-stake
 * finality as written in ethereum/consensus-specs v1.4.0 phase0 — issue #12, first part.
 *
 * Done here:
 * - presets `mainnet` (12 s slots, 32 per epoch) and `minimal` (6 s, 8) — presets.ts;
 * - `weigh_justification_and_finalization` with the four finalization rules — justification.ts;
 * - the state slice it needs: process_slots / process_epoch / process_attestation — beacon-state.ts;
 * - the fork-choice store: on_tick, on_block, on_attestation, get_head (LMD-GHOST + proposer
 *   boost, v1.2.0 filter_block_tree) — fork-choice.ts (no unrealized justification, no equivocations);
 * - an agent-level run at small validator counts with equal stake, one proposer per slot,
 *   committees by slot, a fixed delay for every message (not lib/network), offline validators,
 *   and per-epoch series of the justified and finalized epochs and the finality lag — simulate.ts.
 *
 * Missing for issue #12: the inactivity leak (and rewards/penalties, so balances never change),
 * slashing and equivocations, aggregated-attestation mode and the shared lib/network delivery,
 * long-range attacks, the registered experiment `gasper-finality`, notebook 04, and an
 * optimized kernel (there is only this readable one).
 */
export * from "./presets";
export * from "./justification";
export * from "./block-tree";
export * from "./beacon-state";
export * from "./fork-choice";
export * from "./simulate";

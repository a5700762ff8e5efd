/**
 * BFT L1 with instant finality: consensus instances run back to back, each
 * taking `latencyS` (one instance of PBFT, Tendermint or HotStuff: Castro &
 * Liskov 1999; Buchman et al. 2018; Yin et al. 2019). A transaction submitted
 * at t joins the next instance to start and is committed, and final, when that
 * instance ends. `latencyS` is a parameter; a BFT simulation
 * (lib/models/bft) can supply a measured value.
 */
import type { L1Chain } from "./l1-chain";
import { nextSlotAfter } from "./l1-pos";

export function bftChain(latencyS: number): L1Chain {
  return {
    kind: "bft",
    begin() {},
    include: (t) => nextSlotAfter(t, latencyS) + latencyS,
    finalize: (includedAt) => includedAt,
    // Uniform arrival: wait for the next instance start, uniform on (0, latencyS], then one instance.
    meanInclusionDelayS: 1.5 * latencyS,
    meanFinalityDelayS: 0,
  };
}

/**
 * One rollup transaction's way to finality, from its arrival at the sequencer
 * at time t to four milestones:
 *
 *   soft       the sequencer's confirmation, t + sequencerDelayS
 *   inclusion  its batch's data is in an L1 block: the batch closes at the
 *              first multiple of batchIntervalS at or after the soft
 *              confirmation and is submitted to L1 then
 *   l1Final    that L1 block is final (the order of the transaction is final)
 *   final      the rollup's state with the transaction is settled on L1:
 *     optimistic: the state assertion (posted with the batch) survives the
 *       challenge period (7 days on OP Mainnet and Arbitrum One: docs.optimism.io
 *       "Fault proofs", docs.arbitrum.io "Challenge period"); if it is
 *       fraudulent and challenged in time, the honest assertion is confirmed
 *       when both the period has passed and the bisection game has ended
 *       (Arbitrum's rule: a node is confirmable after its deadline once its
 *       rivals are rejected; Kalodner et al. 2018, section 4). The
 *       confirmation transaction is then included and made final on L1.
 *     zk: the validity proof takes an Erlang(provingStages) time of mean
 *       provingMeanS from the batch's close, proofs are aggregated and posted
 *       at multiples of aggregationIntervalS (0: at once), not before the
 *       batch's data is on L1; the verification transaction is included and
 *       made final on L1 (Buterin 2021, "An incomplete guide to rollups";
 *       Thibault et al. 2022, "Blockchain scaling using rollups", IEEE Access,
 *       section IV).
 */
import type { Xoshiro128 } from "../../random/xoshiro128";
import { erlang, exponential, nextBoundary } from "./draws";
import type { L1Chain } from "./l1-chain";

export type RollupKind = "optimistic" | "zk";
export const ROLLUP_KINDS: readonly RollupKind[] = ["optimistic", "zk"];

export interface RollupParams {
  rollup: RollupKind;
  sequencerDelayS: number;
  batchIntervalS: number;
  /** optimistic */
  challengePeriodS: number;
  fraudProbability: number;
  challengerDelayMeanS: number;
  /** Duration of the bisection game (fraud-proof.ts). */
  fraudGameS: number;
  /** zk */
  provingMeanS: number;
  provingStages: number;
  aggregationIntervalS: number;
}

/** Milestones of one transaction (absolute times, seconds) and what happened to its batch. */
export interface Timeline {
  arrival: number;
  soft: number;
  batchClose: number;
  inclusion: number;
  l1Final: number;
  final: number;
  /** optimistic only: the batch's assertion was fraudulent */
  fraud: boolean;
  /** optimistic only: fraudulent and not challenged within the period */
  missed: boolean;
}

/**
 * The timeline of a transaction arriving at `arrival`. Draws, in this order:
 * optimistic: fraud (one uniform), the challenger's delay (only if fraud);
 * zk: the proving time; the L1 chain draws its own blocks from `rng`.
 */
export function transactionTimeline(p: RollupParams, l1: L1Chain, rng: Xoshiro128, arrival: number): Timeline {
  l1.begin(rng);
  const soft = arrival + p.sequencerDelayS;
  const batchClose = nextBoundary(soft, p.batchIntervalS);
  const inclusion = l1.include(batchClose);
  const l1Final = l1.finalize(inclusion);
  if (p.rollup === "optimistic") {
    const fraud = rng.nextFloat() < p.fraudProbability;
    let settle = inclusion + p.challengePeriodS;
    let missed = false;
    if (fraud) {
      const noticed = exponential(rng, p.challengerDelayMeanS);
      if (noticed < p.challengePeriodS) settle = Math.max(settle, inclusion + noticed + p.fraudGameS);
      else missed = true;
    }
    const final = l1.finalize(l1.include(settle));
    return { arrival, soft, batchClose, inclusion, l1Final, final, fraud, missed };
  }
  const proofReady = batchClose + erlang(rng, p.provingStages, p.provingMeanS);
  const proofPost = nextBoundary(Math.max(proofReady, inclusion), p.aggregationIntervalS);
  const final = l1.finalize(l1.include(proofPost));
  return { arrival, soft, batchClose, inclusion, l1Final, final, fraud: false, missed: false };
}

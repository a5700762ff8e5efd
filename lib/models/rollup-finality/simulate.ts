/**
 * Monte Carlo of a rollup's time to finality over transaction arrival times:
 * each of `transactions` transactions arrives at a uniform time on a long
 * horizon (2^30 s, so its phase against the batch, slot and epoch grids is
 * uniform to within 1e-6), and its milestones follow pipeline.ts on a fresh
 * stretch of L1 chain. Transactions are independent draws of the per-
 * transaction distribution (in a real rollup, those of one batch share its
 * L1 blocks and its fate; their marginal distribution is the same), so the
 * standard errors are the plain ones.
 *
 * Delays are kept in one Float64Array per milestone (8 bytes a transaction)
 * for the quantiles.
 */
import type { Xoshiro128 } from "../../random/xoshiro128";
import type { L1Chain } from "./l1-chain";
import { transactionTimeline, type RollupParams } from "./pipeline";
import { delayStats, type DelayStats } from "./summarize";

export const ARRIVAL_HORIZON_S = 2 ** 30;

export interface RollupSimulation {
  soft: DelayStats;
  batchWait: DelayStats;
  inclusion: DelayStats;
  l1Final: DelayStats;
  final: DelayStats;
  /** Transactions whose batch's assertion was fraudulent (optimistic). */
  frauds: number;
  /** ... and not challenged within the challenge period. */
  missed: number;
}

export function simulateRollup(p: RollupParams, l1: L1Chain, transactions: number, rng: Xoshiro128): RollupSimulation {
  const soft = new Float64Array(transactions);
  const batchWait = new Float64Array(transactions);
  const inclusion = new Float64Array(transactions);
  const l1Final = new Float64Array(transactions);
  const final = new Float64Array(transactions);
  let frauds = 0;
  let missed = 0;
  for (let i = 0; i < transactions; i++) {
    const arrival = rng.nextFloat() * ARRIVAL_HORIZON_S;
    const t = transactionTimeline(p, l1, rng, arrival);
    soft[i] = t.soft - arrival;
    batchWait[i] = t.batchClose - t.soft;
    inclusion[i] = t.inclusion - arrival;
    l1Final[i] = t.l1Final - arrival;
    final[i] = t.final - arrival;
    if (t.fraud) frauds++;
    if (t.missed) missed++;
  }
  return {
    soft: delayStats(soft),
    batchWait: delayStats(batchWait),
    inclusion: delayStats(inclusion),
    l1Final: delayStats(l1Final),
    final: delayStats(final),
    frauds,
    missed,
  };
}

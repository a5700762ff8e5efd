/**
 * Cross-shard transactions by receipts (Buterin et al., Ethereum sharding
 * FAQ / "Cross-shard receipts"; the receipt scheme of OmniLedger's Atomix,
 * Kokoris-Kogias et al. 2018, section 4.4, and of Chainspace, Al-Bassam et al.
 * 2018): a transfer is included in its source shard's next block; if the
 * receiver lives on another shard, the source block's receipt can be consumed
 * only after `finalitySlots` more slots, and then in the destination shard's
 * next block.
 *
 * Slots: every shard produces a block in a slot with probability b (a missed
 * slot otherwise, independently). Submitted at the start of a slot, a
 * transfer waits G1 ~ Geometric(b) slots (1, 2, ...) for inclusion; a
 * cross-shard one then waits f slots and G2 ~ Geometric(b) more. With the
 * destination uniform over S shards (cross-shard with probability 1 - 1/S):
 *   E[latency] = 1/b + (1 - 1/S) (f + 1/b),   E[cross] = 2/b + f.
 */
import { probabilityToUint32, type Xoshiro128 } from "../../random/xoshiro128";

export interface LatencyStats {
  transactions: number;
  crossShard: number;
  /** Mean and sum of squares of all latencies (slots). */
  meanSlots: number;
  sdSlots: number;
  /** Mean latency of cross-shard transfers (NaN if none). */
  crossMeanSlots: number;
  crossSdSlots: number;
}

export function expectedLatency(shards: number, blockProb: number, finalitySlots: number): { all: number; cross: number; intra: number } {
  const intra = 1 / blockProb;
  const cross = 2 / blockProb + finalitySlots;
  return { all: intra + (1 - 1 / shards) * (finalitySlots + 1 / blockProb), cross, intra };
}

/** Slots until a shard produces a block, counting the current one (>= 1). */
function slotsUntilBlock(produce: number, rng: Xoshiro128): number {
  let slots = 1;
  while (rng.next() >= produce) slots++;
  return slots;
}

export function simulateCrossShardLatency(shards: number, blockProb: number, finalitySlots: number, transactions: number, rng: Xoshiro128): LatencyStats {
  if (!(blockProb >= 2 ** -20 && blockProb <= 1)) throw new RangeError(`blockProb must be in [2^-20, 1], got ${blockProb}`);
  const produce = probabilityToUint32(blockProb);
  let sum = 0;
  let sumSq = 0;
  let cross = 0;
  let crossSum = 0;
  let crossSumSq = 0;
  for (let i = 0; i < transactions; i++) {
    const from = rng.below(shards);
    const to = rng.below(shards);
    let latency = slotsUntilBlock(produce, rng);
    if (to !== from) {
      latency += finalitySlots + slotsUntilBlock(produce, rng);
      cross++;
      crossSum += latency;
      crossSumSq += latency * latency;
    }
    sum += latency;
    sumSq += latency * latency;
  }
  const sd = (s: number, s2: number, m: number) => (m > 1 ? Math.sqrt(Math.max(0, (s2 - (s * s) / m) / (m - 1))) : NaN);
  return {
    transactions,
    crossShard: cross,
    meanSlots: sum / transactions,
    sdSlots: sd(sum, sumSq, transactions),
    crossMeanSlots: cross > 0 ? crossSum / cross : NaN,
    crossSdSlots: sd(crossSum, crossSumSq, cross),
  };
}

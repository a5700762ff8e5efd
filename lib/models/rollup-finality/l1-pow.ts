/**
 * Proof-of-work L1: blocks arrive as a Poisson process of mean interval T
 * (Nakamoto 2008, section 11), so a submitted transaction waits Exp(T) for the
 * next block (memoryless), and its block is final after z further blocks,
 * Erlang(z, T) later, where z = confirmationsNeeded(q, risk) is the number of
 * confirmations for which an attacker of hash share q succeeds with
 * probability at most `risk` (Rosenfeld 2014, eq. 1; lib/models/finality).
 *
 * The chain is drawn block by block and kept, so a later block's finality
 * comes after an earlier block's (a rollup's proof is verified in a block at
 * or after its data block). A query past the last block drawn starts a fresh
 * stretch there: by memorylessness the blocks in between matter to no later
 * query.
 */
import { confirmationsNeeded } from "../finality/finality-confirmations";
import type { Xoshiro128 } from "../../random/xoshiro128";
import { exponential } from "./draws";
import type { L1Chain } from "./l1-chain";

export interface PowL1Params {
  /** Mean block interval, seconds (Bitcoin: 600). */
  blockIntervalS: number;
  /** Attacker's hash share the confirmations must withstand. */
  attackerShare: number;
  /** Accepted double-spend probability. */
  risk: number;
}

export function powChain({ blockIntervalS, attackerShare, risk }: PowL1Params): L1Chain & { confirmations: number } {
  const z = confirmationsNeeded(attackerShare, risk, "rosenfeld");
  let blocks = new Float64Array(64);
  let count = 0;
  let rng: Xoshiro128 | undefined;
  const push = (t: number) => {
    if (count === blocks.length) {
      const grown = new Float64Array(blocks.length * 2);
      grown.set(blocks);
      blocks = grown;
    }
    blocks[count++] = t;
  };
  const draw = () => exponential(rng!, blockIntervalS);
  /** Index of the first block strictly after t, drawing blocks as needed. */
  const firstAfter = (t: number): number => {
    if (count === 0 || blocks[count - 1] <= t) {
      count = 0;
      push(t + draw());
      return 0;
    }
    let lo = 0;
    let hi = count - 1; // blocks[hi] > t
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (blocks[mid] > t) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  /** Index of the block made at time t (one `include` returned since the last fresh stretch). */
  const indexOf = (t: number): number => {
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (blocks[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    if (lo === count || blocks[lo] !== t) throw new Error(`finalize: ${t} is not a block of the current stretch of chain`);
    return lo;
  };
  return {
    kind: "pow",
    confirmations: z,
    begin(r) {
      rng = r;
      count = 0;
    },
    include: (t) => blocks[firstAfter(t)],
    finalize(includedAt) {
      const i = indexOf(includedAt);
      while (count <= i + z) push(blocks[count - 1] + draw());
      return blocks[i + z];
    },
    meanInclusionDelayS: blockIntervalS,
    meanFinalityDelayS: z * blockIntervalS,
  };
}

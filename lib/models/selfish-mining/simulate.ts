/**
 * Monte Carlo of the selfish-mining strategy (Eyal & Sirer 2014, Algorithm 1,
 * with the revenue cases (a)-(h) of their Section 4 analysis).
 *
 * Each block event draws one 32-bit number u:
 *   u < A        the pool finds the block                    (prob alpha)
 *   A <= u < G   others find it on the pool's branch (a tie) (prob gamma (1 - alpha))
 *   G <= u       others find it on their own branch
 * Revenue is booked when a block's fate is decided:
 *   state 0,   others find     -> 0,   honest += 1
 *   state 0',  pool finds      -> 0,   pool += 2
 *   state 0',  others on pool  -> 0,   pool += 1, honest += 1
 *   state 0',  others on own   -> 0,   honest += 2
 *   lead 1,    others find     -> 0'   (pool publishes; race)
 *   lead 2,    others find     -> 0,   pool += 2 (pool publishes all)
 *   lead n>2,  others find     -> n-1, pool += 1 (pool publishes one)
 *   lead n,    pool finds      -> n+1  (kept private)
 * Every tie resolution and every override by the pool also orphans one block
 * (counted in `orphanBlocks`), so events = pool + honest + orphan + pending,
 * where pending is the private lead, or 2 during a tie. Blocks still pending
 * at the end are not counted.
 */
import { probabilityToUint32, type Xoshiro128 } from "../../random/xoshiro128";

export interface SelfishMiningCounts {
  /** Main-chain blocks mined by the selfish pool. */
  poolBlocks: number;
  /** Main-chain blocks mined by the honest miners. */
  honestBlocks: number;
  /** Blocks (of either side) that ended off the main chain. */
  orphanBlocks: number;
  /** Blocks still undecided when the run stopped. */
  pendingBlocks: number;
}

/**
 * Simulate `blocks` block events. The hot loop keeps the generator state in
 * locals and allocates nothing; the generator's state is advanced in place.
 */
export function simulateSelfishMining(alpha: number, gamma: number, blocks: number, rng: Xoshiro128): SelfishMiningCounts {
  const A = probabilityToUint32(alpha);
  const G = probabilityToUint32(alpha + gamma * (1 - alpha));
  const st = rng.state;
  let s0 = st[0] | 0, s1 = st[1] | 0, s2 = st[2] | 0, s3 = st[3] | 0;
  let lead = 0;
  let tie = false;
  let pool = 0;
  let honest = 0;
  let orphan = 0;
  for (let i = 0; i < blocks; i++) {
    // xoshiro128** step, inlined
    const m = Math.imul(s1, 5);
    const u = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);

    if (tie) {
      if (u < A) pool += 2;
      else if (u < G) {
        pool += 1;
        honest += 1;
      } else honest += 2;
      orphan += 1;
      tie = false;
    } else if (u < A) {
      lead++;
    } else if (lead === 0) {
      honest += 1;
    } else if (lead === 1) {
      lead = 0;
      tie = true;
    } else if (lead === 2) {
      lead = 0;
      pool += 2;
      orphan += 1;
    } else {
      lead--;
      pool += 1;
      orphan += 1;
    }
  }
  st[0] = s0;
  st[1] = s1;
  st[2] = s2;
  st[3] = s3;
  return { poolBlocks: pool, honestBlocks: honest, orphanBlocks: orphan, pendingBlocks: tie ? 2 : lead };
}

/** The same state machine, one readable step at a time: the reference the fast kernel is tested against. */
export function simulateSelfishMiningReference(alpha: number, gamma: number, blocks: number, rng: Xoshiro128): SelfishMiningCounts {
  const A = probabilityToUint32(alpha);
  const G = probabilityToUint32(alpha + gamma * (1 - alpha));
  let state: "zero" | "tie" | number = "zero";
  const counts = { poolBlocks: 0, honestBlocks: 0, orphanBlocks: 0, pendingBlocks: 0 };
  for (let i = 0; i < blocks; i++) {
    const u = rng.next();
    const poolFinds = u < A;
    if (state === "tie") {
      if (poolFinds) counts.poolBlocks += 2;
      else if (u < G) (counts.poolBlocks += 1), (counts.honestBlocks += 1);
      else counts.honestBlocks += 2;
      counts.orphanBlocks += 1;
      state = "zero";
    } else {
      const lead: number = state === "zero" ? 0 : state;
      if (poolFinds) state = lead + 1;
      else if (lead === 0) counts.honestBlocks += 1;
      else if (lead === 1) state = "tie";
      else if (lead === 2) (counts.poolBlocks += 2), (counts.orphanBlocks += 1), (state = "zero");
      else (counts.poolBlocks += 1), (counts.orphanBlocks += 1), (state = lead - 1);
    }
  }
  counts.pendingBlocks = state === "tie" ? 2 : state === "zero" ? 0 : state;
  return counts;
}

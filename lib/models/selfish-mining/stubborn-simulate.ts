/**
 * Monte Carlo of the stubborn mining strategies (stubborn.ts; Nayak, Kumar,
 * Miller & Shi, EuroS&P 2016, section 3) on the fork race of Sapirshtein et
 * al. (fork-step.ts), without truncation: a and h grow as the race demands.
 *
 * The draws are those of simulate.ts (one 32-bit number per block event,
 * thresholds A and G), so "selfish" sees the same events as the Eyal-Sirer
 * kernel from the same generator state; only the booking time of blocks
 * differs (simulate.ts books a block as soon as its fate is certain, this
 * kernel when the fork is resolved), by at most the blocks pending in either.
 */
import { probabilityToUint32, type Xoshiro128 } from "../../random/xoshiro128";
import { ACTIVE, IRRELEVANT, RELEVANT } from "./mdp";
import { forkStep, type ForkCounts, type ForkState } from "./fork-step";
import { stubbornAction, type StubbornStrategy } from "./stubborn";

/** Simulate `blocks` block events of a pool playing `strategy`. Hot loop: generator state in locals, no allocation. */
export function simulateStubbornMining(strategy: StubbornStrategy, alpha: number, gamma: number, blocks: number, rng: Xoshiro128): ForkCounts {
  const A = probabilityToUint32(alpha);
  const G = probabilityToUint32(alpha + gamma * (1 - alpha));
  const lead = strategy.lead;
  const equalFork = strategy.equalFork;
  const trail = strategy.trailDepth;
  const st = rng.state;
  let s0 = st[0] | 0, s1 = st[1] | 0, s2 = st[2] | 0, s3 = st[3] | 0;
  let a = 0, h = 0, fork = IRRELEVANT;
  let pool = 0, honest = 0, orphan = 0;
  for (let i = 0; i < blocks; i++) {
    const m = Math.imul(s1, 5);
    const u = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);

    // The strategy's action (stubbornAction, inlined): adopt, override, or keep/start a match.
    let matching = false;
    if (h > a) {
      if (a === 0 || h - a > trail) {
        honest += h; // adopt
        orphan += a;
        a = 0;
        h = 0;
      } // else wait, trailing
    } else if (h > 0) {
      if (a === h) matching = fork === RELEVANT;
      else if (a === h + 1 && (fork === ACTIVE ? !equalFork : !lead)) {
        pool += h + 1; // override
        orphan += h;
        a = 0;
        h = 0;
      } else matching = fork !== IRRELEVANT; // match a fresh honest block, or keep an active match
    }
    if (u < A) {
      a++;
      fork = matching ? ACTIVE : IRRELEVANT;
    } else if (matching && u < G) {
      pool += h;
      orphan += h;
      a -= h;
      h = 1;
      fork = RELEVANT;
    } else {
      h++;
      fork = RELEVANT;
    }
  }
  st[0] = s0;
  st[1] = s1;
  st[2] = s2;
  st[3] = s3;
  return { poolBlocks: pool, honestBlocks: honest, orphanBlocks: orphan, pendingBlocks: a + h };
}

/** The same run one readable step at a time (stubbornAction + forkStep): the reference the fast kernel is tested against. */
export function simulateStubbornMiningReference(strategy: StubbornStrategy, alpha: number, gamma: number, blocks: number, rng: Xoshiro128): ForkCounts {
  const A = probabilityToUint32(alpha);
  const G = probabilityToUint32(alpha + gamma * (1 - alpha));
  const state: ForkState = { a: 0, h: 0, fork: IRRELEVANT };
  const counts: ForkCounts = { poolBlocks: 0, honestBlocks: 0, orphanBlocks: 0, pendingBlocks: 0 };
  for (let i = 0; i < blocks; i++) {
    forkStep(state, stubbornAction(strategy, state.a, state.h, state.fork), rng.next(), A, G, counts);
  }
  counts.pendingBlocks = state.a + state.h;
  return counts;
}

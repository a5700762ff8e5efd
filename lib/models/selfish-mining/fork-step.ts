/**
 * One block event of the fork race of Sapirshtein, Sompolinsky & Zohar
 * (FC 2016, section 4, Table 1), the readable step both reference Monte
 * Carlo kernels (policy-simulate.ts, stubborn-simulate.ts) take: apply the
 * pool's action to (a, h, fork), then draw who finds the next block with one
 * 32-bit number u, split as in simulate.ts:
 *   u < A        the pool                                       (prob alpha)
 *   A <= u < G   an honest miner on the pool's published prefix (prob gamma (1 - alpha), only while a match is active)
 *   otherwise    an honest miner on the public branch
 * Blocks are booked when their fate is decided: adopt gives the honest miners
 * h and orphans the pool's a; override gives the pool h + 1 and orphans the
 * honest h; an honest block on the pool's prefix gives the pool h and orphans
 * the honest h. The rest (a + h) is pending.
 */
import { ACTIVE, ADOPT, IRRELEVANT, MATCH, OVERRIDE, RELEVANT } from "./mdp";

export interface ForkState {
  a: number;
  h: number;
  fork: number;
}

export interface ForkCounts {
  /** Main-chain blocks mined by the pool. */
  poolBlocks: number;
  /** Main-chain blocks mined by honest miners. */
  honestBlocks: number;
  /** Blocks (of either side) that ended off the main chain. */
  orphanBlocks: number;
  /** Blocks still on an undecided fork (a + h) when the run stopped. */
  pendingBlocks: number;
}

/** Apply `action` in `state`, then one block event drawn from u; updates state and counts in place. */
export function forkStep(state: ForkState, action: number, u: number, A: number, G: number, counts: ForkCounts): void {
  let matching = false;
  if (action === ADOPT) {
    counts.honestBlocks += state.h;
    counts.orphanBlocks += state.a;
    state.a = 0;
    state.h = 0;
  } else if (action === OVERRIDE) {
    if (state.a <= state.h) throw new RangeError(`override needs a > h, state (${state.a}, ${state.h})`);
    counts.poolBlocks += state.h + 1;
    counts.orphanBlocks += state.h;
    state.a -= state.h + 1;
    state.h = 0;
  } else if (action === MATCH) {
    if (state.fork !== RELEVANT || state.a < state.h || state.h === 0) throw new RangeError(`match needs a relevant fork and a >= h > 0, state (${state.a}, ${state.h}, ${state.fork})`);
    matching = true;
  } else {
    matching = state.fork === ACTIVE; // wait: an active match stays active
  }
  if (u < A) {
    state.a += 1;
    state.fork = matching ? ACTIVE : IRRELEVANT;
  } else if (matching && u < G) {
    counts.poolBlocks += state.h;
    counts.orphanBlocks += state.h;
    state.a -= state.h;
    state.h = 1;
    state.fork = RELEVANT;
  } else {
    state.h += 1;
    state.fork = RELEVANT;
  }
}

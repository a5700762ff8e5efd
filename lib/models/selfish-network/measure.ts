/**
 * What a selfish-pool network run measured, read off the final block tree.
 *
 * - Decided main chain: the chain up to the last common ancestor of every
 *   honest node's tip (what the honest network agrees on at the end). Blocks
 *   that descend from its tip are pending (an unresolved race, the pool's
 *   unpublished lead); the other blocks off it are stale. So
 *   poolMain + honestMain + stale + pending = mined.
 * - Revenue: the pool's share of the decided main chain, Eyal & Sirer's
 *   relative revenue (FC 2014, section 4, eq. 8 in the Markov model).
 * - Effective gamma: over the tie events (the pool matched an honest block of
 *   equal height, pool-strategy.ts), the first block found on either of the
 *   two tied blocks settles the race; among the races settled by an honest
 *   miner, the share settled on the pool's block. This is Eyal & Sirer's
 *   gamma (section 3: the share of honest miners that mine on the pool's
 *   branch), measured as a proportion, with its binomial standard error.
 */
import type { BlockTree } from "../pow-network/block-tree";
import type { SelfishNetworkRun } from "./simulate";

export interface SelfishNetworkSummary {
  mined: number;
  poolMined: number;
  poolMain: number;
  honestMain: number;
  stale: number;
  pending: number;
  /** Pool share of the decided main chain. */
  revenue: number;
  staleRate: number;
  tieEvents: number;
  /** Ties settled by an honest block (the gamma sample). */
  tiesSettledByHonest: number;
  effectiveGamma: number;
  effectiveGammaSE: number;
}

/** Last common ancestor of the honest nodes' tips. */
export function decidedTip(tree: BlockTree, tip: Int32Array, isPool: Uint8Array): number {
  let d = -1;
  for (let v = 0; v < tip.length; v++) {
    if (isPool[v] === 1) continue;
    d = d < 0 ? tip[v] : tree.commonAncestor(d, tip[v]);
  }
  return Math.max(d, 0);
}

/** For every block, 1 if `tip` is a proper ancestor of it. */
export function descendantsOf(tree: BlockTree, tip: number): Uint8Array {
  const below = new Uint8Array(tree.size);
  for (let b = tip + 1; b < tree.size; b++) {
    const p = tree.parent[b];
    if (p === tip || below[p] === 1) below[b] = 1;
  }
  return below;
}

/** Effective gamma from the recorded ties: races settled by an honest block on the pool's side / all settled by an honest block. */
export function effectiveGamma(tree: BlockTree, isPool: Uint8Array, tiePool: readonly number[], tieHonest: readonly number[]): { ties: number; settledByHonest: number; onPool: number } {
  const firstChild = new Int32Array(tree.size).fill(-1);
  for (let b = tree.size - 1; b >= 1; b--) firstChild[tree.parent[b]] = b; // descending, so the smallest id stays
  let settledByHonest = 0;
  let onPool = 0;
  for (let i = 0; i < tiePool.length; i++) {
    const a = firstChild[tiePool[i]];
    const c = firstChild[tieHonest[i]];
    const first = a < 0 ? c : c < 0 ? a : Math.min(a, c);
    if (first < 0 || isPool[tree.miner[first]] === 1) continue;
    settledByHonest++;
    if (first === a) onPool++;
  }
  return { ties: tiePool.length, settledByHonest, onPool };
}

export function summarizeSelfishNetwork(run: SelfishNetworkRun): SelfishNetworkSummary {
  const tree = run.state.tree;
  const isPool = run.net.isPool;
  const tip = decidedTip(tree, run.state.tip, isPool);
  const below = descendantsOf(tree, tip);
  const mined = tree.size - 1;
  let poolMined = 0;
  let pending = 0;
  for (let b = 1; b < tree.size; b++) {
    if (isPool[tree.miner[b]] === 1) poolMined++;
    pending += below[b];
  }
  let poolMain = 0;
  let honestMain = 0;
  for (let b = tip; b > 0; b = tree.parent[b]) {
    if (isPool[tree.miner[b]] === 1) poolMain++;
    else honestMain++;
  }
  const stale = mined - poolMain - honestMain - pending;
  const g = effectiveGamma(tree, isPool, run.pool.tiePoolBlock, run.pool.tieHonestBlock);
  const gamma = g.settledByHonest > 0 ? g.onPool / g.settledByHonest : NaN;
  return {
    mined,
    poolMined,
    poolMain,
    honestMain,
    stale,
    pending,
    revenue: poolMain + honestMain > 0 ? poolMain / (poolMain + honestMain) : 0,
    staleRate: mined > 0 ? stale / mined : 0,
    tieEvents: g.ties,
    tiesSettledByHonest: g.settledByHonest,
    effectiveGamma: gamma,
    effectiveGammaSE: g.settledByHonest > 0 ? Math.sqrt((gamma * (1 - gamma)) / g.settledByHonest) : NaN,
  };
}

/**
 * Empirical finality of a proof-of-work run: for each depth k, the share of
 * blocks that were k deep on some node's chain (the node's tip descended from
 * the block, k - 1 blocks above it, i.e. k confirmations) and were reverted
 * anyway (not on the final main chain), with a 95 % Wilson score interval
 * (Wilson 1927; Brown, Cai & DasGupta 2001, section 4.1.1).
 *
 * This is the network-level counterpart of the double-spend curves of
 * Nakamoto 2008 (section 11) and Rosenfeld 2014 (eq. 1): there an attacker
 * races on purpose, here honest forks alone revert blocks. The interval
 * treats blocks as independent; forks cluster in time, so it is somewhat
 * narrow when revert counts are small and clustered.
 *
 * Depth reached: a node's tip is recorded as adopted (ChainState.adopted);
 * the deepest a block b ever was is max over adopted descendants c (b
 * itself included) of height(c) - height(b) + 1. Block ids grow with
 * mining order and a parent's id is smaller than its child's, so one
 * reverse pass computes it.
 */
import { wilsonInterval } from "../../stats/wilson";
import type { ChainState } from "./chain-state";

export interface EmpiricalFinalityRow {
  /** Confirmations (1 = the tip itself). */
  k: number;
  /** Blocks that were at least k deep on some node's chain. */
  blocks: number;
  /** Of those, the ones not on the final main chain. */
  reverted: number;
  /** reverted / blocks (NaN when blocks = 0). */
  p: number;
  /** 95 % Wilson score interval of p. */
  lo: number;
  hi: number;
}

/** Deepest confirmation count each block ever had on some node's chain (0: never on any node's chain). */
export function deepestConfirmations(state: ChainState): Int32Array {
  const tree = state.tree;
  const deepest = new Int32Array(tree.size);
  for (let b = tree.size - 1; b >= 1; b--) {
    if (state.adopted[b] === 1 && deepest[b] < 1) deepest[b] = 1;
    if (deepest[b] > 0) {
      const p = tree.parent[b];
      if (deepest[b] + 1 > deepest[p]) deepest[p] = deepest[b] + 1;
    }
  }
  return deepest;
}

/** P(a block k deep on some node's chain is later reverted), k = 1..maxK. */
export function empiricalFinality(state: ChainState, maxK = 6): EmpiricalFinalityRow[] {
  const tree = state.tree;
  const onMain = tree.chainMask(tree.bestTip());
  const deepest = deepestConfirmations(state);
  const rows: EmpiricalFinalityRow[] = [];
  for (let k = 1; k <= maxK; k++) {
    let blocks = 0;
    let reverted = 0;
    for (let b = 1; b < tree.size; b++) {
      if (deepest[b] < k) continue;
      blocks++;
      if (!onMain[b]) reverted++;
    }
    const ci = blocks > 0 ? wilsonInterval(reverted, blocks) : { lo: NaN, hi: NaN };
    rows.push({ k, blocks, reverted, p: blocks > 0 ? reverted / blocks : NaN, lo: ci.lo, hi: ci.hi });
  }
  return rows;
}

/**
 * Block timestamps that miners may set, within Bitcoin's two consensus
 * rules: a timestamp must exceed the median of the previous 11 blocks'
 * timestamps (median-time-past, BIP 113) and may be at most 2 hours ahead of
 * the network-adjusted time (Bitcoin Core validation.cpp, MAX_FUTURE_BLOCK_TIME
 * = 7200 s). Retargeting reads timestamps (difficulty.ts), so they let
 * miners bend the difficulty:
 *   true       the time the block was found
 *   forward    the latest allowed: found + 7200 s
 *   backward   the earliest allowed: median-time-past + 1 s
 *   time-warp  backward, except the last block of each retarget window, set
 *              forward (the "time warp" attack). Bitcoin's window starts at
 *              the first block of the window (its N - 1 interval off-by-one),
 *              so there the attack repeats every window; difficulty.ts measures
 *              from the last block of the previous window, which is itself set
 *              forward, so here the attack gains only once, in the first
 *              window (from genesis): a one-off fall by about
 *              N T / (N T + 7200 s).
 */
import type { BlockTree } from "./block-tree";

export const TIMESTAMP_RULES = ["true", "forward", "backward", "time-warp"] as const;
export type TimestampRule = (typeof TIMESTAMP_RULES)[number];

export const MEDIAN_TIME_SPAN = 11;
export const MAX_FUTURE_BLOCK_TIME_S = 7200;

/** Median of the timestamps of `parent` and its 10 ancestors (fewer near genesis). */
export function medianTimePast(tree: BlockTree, parent: number): number {
  const ts: number[] = [];
  for (let b = parent; b >= 0 && ts.length < MEDIAN_TIME_SPAN; b = tree.parent[b]) ts.push(tree.timestampS[b]);
  ts.sort((a, b) => a - b);
  return ts[(ts.length - 1) >> 1];
}

/** The timestamp a miner following `rule` writes into block b (found at foundS on its parent). */
export function chooseTimestamp(tree: BlockTree, b: number, rule: TimestampRule, retargetBlocks: number): number {
  const found = tree.foundS[b];
  if (rule === "true") return found;
  const earliest = medianTimePast(tree, tree.parent[b]) + 1;
  const latest = found + MAX_FUTURE_BLOCK_TIME_S;
  if (rule === "forward") return latest;
  if (rule === "backward") return Math.min(earliest, latest);
  // time-warp: the block just before a retarget (height % N = 0) goes forward, the rest back.
  const h = tree.height[b];
  return retargetBlocks > 0 && h % retargetBlocks === 0 ? latest : Math.min(earliest, latest);
}

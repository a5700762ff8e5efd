/**
 * Difficulty retargeting, Bitcoin style (Nakamoto 2008, section 4; Bitcoin
 * Core pow.cpp CalculateNextWorkRequired): every N blocks the difficulty is
 * scaled by (expected time of N blocks) / (time they actually took), the
 * factor clamped to [1/4, 4].
 *
 * Here the block at height h with h > N and h % N = 1 gets a new difficulty
 * from the N intervals between its ancestors at heights h - 1 - N and h - 1
 * (genesis counts as found at time 0), read from the block timestamps; Bitcoin measures N - 1 intervals (a
 * known off-by-one) which we do not copy. Difficulty D means the whole
 * network (hash share 1) finds blocks at rate 1 / (D * blockIntervalS).
 */
import type { BlockTree } from "./block-tree";

export const RETARGET_CLAMP = 4;

/** Difficulty of a block built on `parent`. retargetBlocks = 0: never changes. */
export function nextDifficulty(tree: BlockTree, parent: number, retargetBlocks: number, blockIntervalS: number): number {
  const d = tree.difficulty[parent];
  const h = tree.height[parent] + 1;
  if (retargetBlocks <= 0 || h <= retargetBlocks || h % retargetBlocks !== 1 % retargetBlocks) return d;
  const start = tree.ancestorAt(parent, h - 1 - retargetBlocks);
  // Header timestamps (equal to the times found unless miners set them otherwise; timestamps.ts).
  const actualS = tree.timestampS[parent] - tree.timestampS[start];
  const expectedS = retargetBlocks * blockIntervalS;
  const factor = actualS > 0 ? expectedS / actualS : RETARGET_CLAMP;
  return d * Math.min(RETARGET_CLAMP, Math.max(1 / RETARGET_CLAMP, factor));
}

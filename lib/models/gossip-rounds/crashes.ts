/**
 * Crashed nodes: a fixed set, crashed from the start, that never holds the
 * rumor and never sends (the crash failures of Kermarrec, Massoulié &
 * Ganesh, IEEE TPDS 2003). Live nodes do not know who crashed, so they
 * still pick crashed partners; those messages are wasted.
 *
 * The count is round(crashFraction * N), at most N - 1, chosen uniformly
 * among nodes 1..N-1 (node 0, the source, is live) by selection sampling
 * (Knuth, TAOCP vol. 2, section 3.4.2, Algorithm S): one integer draw per
 * candidate from the crash stream, no scratch memory.
 */
import type { Xoshiro128 } from "../../random/xoshiro128";
import { uniformBelow } from "./partner";

/** Number of crashed nodes for a crash fraction. */
export function crashedCount(nodes: number, crashFraction: number): number {
  return Math.min(nodes - 1, Math.round(crashFraction * nodes));
}

/**
 * Mark `count` nodes of 1..N-1 as crashed in `crashed` (1 = crashed, 0 = live;
 * overwritten in full). With count = 0 nothing is drawn.
 */
export function drawCrashedSet(crashed: Uint8Array, count: number, rng: Xoshiro128): void {
  crashed.fill(0);
  if (count === 0) return;
  let needed = count;
  const n = crashed.length;
  for (let v = 1; v < n && needed > 0; v++) {
    const remaining = n - v;
    if (uniformBelow(rng, remaining) < needed) {
      crashed[v] = 1;
      needed--;
    }
  }
}

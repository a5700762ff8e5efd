/**
 * The critical path of a block's conflict graph, computed directly from its
 * definition and independently of the schedulers: transactions i < j conflict
 * when they share a key, and the earliest j can finish in any schedule that
 * respects block order on conflicts is
 *   finish(j) = execTime(j) + max over conflicting i < j of finish(i)
 * (the longest weighted chain ending at j). O(n^2 k^2); for tests and small blocks.
 * No schedule on any number of threads beats max_j finish(j) (every chain runs
 * in sequence), and no schedule on T threads beats total / T.
 */
import type { Block } from "./transactions";

export function sharesKey(block: Block, i: number, j: number): boolean {
  const { start, keys } = block;
  for (let a = start[i]; a < start[i + 1]; a++) {
    for (let b = start[j]; b < start[j + 1]; b++) if (keys[a] === keys[b]) return true;
  }
  return false;
}

export function criticalPath(block: Block): number {
  const finish = new Float64Array(block.n);
  let longest = 0;
  for (let j = 0; j < block.n; j++) {
    let before = 0;
    for (let i = 0; i < j; i++) if (finish[i] > before && sharesKey(block, i, j)) before = finish[i];
    finish[j] = before + block.execTime[j];
    longest = Math.max(longest, finish[j]);
  }
  return longest;
}

export function totalWork(block: Block): number {
  let total = 0;
  for (let i = 0; i < block.n; i++) total += block.execTime[i];
  return total;
}

/**
 * The same critical path in O(n k): along each key the touchers form a chain,
 * so the latest finish among the conflicting predecessors of j is the latest
 * finish of the last earlier toucher of each of j's keys.
 */
export function criticalPathByKey(block: Block): number {
  const { n, start, keys } = block;
  const keyFinish = new Float64Array(block.keyCount);
  let longest = 0;
  for (let j = 0; j < n; j++) {
    let before = 0;
    for (let a = start[j]; a < start[j + 1]; a++) before = Math.max(before, keyFinish[keys[a]]);
    const f = before + block.execTime[j];
    for (let a = start[j]; a < start[j + 1]; a++) keyFinish[keys[a]] = f;
    longest = Math.max(longest, f);
  }
  return longest;
}

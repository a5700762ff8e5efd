/**
 * Scheduling from declared access lists (Solana Sealevel style: Yakovenko
 * 2019, "Sealevel: parallel processing thousands of smart contracts"):
 * every transaction declares the accounts it touches, so the scheduler knows
 * the conflict graph before running anything. A transaction runs once all
 * earlier transactions sharing an account with it are done (the edge to the
 * last earlier one per account suffices: the others precede that one), and
 * free threads take the lowest-index ready transaction (greedy list
 * scheduling, Graham 1966). Nothing is ever rolled back. With at least as many
 * threads as transactions the time is the critical path of the conflict
 * graph (critical-path.ts).
 */
import { IndexHeap } from "./index-heap";
import { applyTransaction, initialState, maxKeys, type ScheduleResult } from "./serial";
import { ThreadClock } from "./threads";
import type { Block } from "./transactions";

/** Predecessor edges from the access lists, as CSR lists of dependents, and each transaction's count of predecessors. */
export function accessListGraph(block: Block): { predecessors: Int32Array; dependentStart: Int32Array; dependents: Int32Array } {
  const { n, start, keys } = block;
  const lastToucher = new Int32Array(block.keyCount).fill(-1);
  const predecessors = new Int32Array(n);
  const edgeFrom = new Int32Array(keys.length);
  const edgeTo = new Int32Array(keys.length);
  let edges = 0;
  for (let i = 0; i < n; i++) {
    const first = edges;
    for (let j = start[i]; j < start[i + 1]; j++) {
      const p = lastToucher[keys[j]];
      lastToucher[keys[j]] = i;
      if (p < 0) continue;
      let dup = false;
      for (let e = first; e < edges; e++) if (edgeFrom[e] === p) dup = true;
      if (dup) continue;
      edgeFrom[edges] = p;
      edgeTo[edges] = i;
      edges++;
      predecessors[i]++;
    }
  }
  const dependentStart = new Int32Array(n + 1);
  for (let e = 0; e < edges; e++) dependentStart[edgeFrom[e] + 1]++;
  for (let i = 0; i < n; i++) dependentStart[i + 1] += dependentStart[i];
  const fill = dependentStart.slice(0, n);
  const dependents = new Int32Array(edges);
  for (let e = 0; e < edges; e++) dependents[fill[edgeFrom[e]]++] = edgeTo[e];
  return { predecessors, dependentStart, dependents };
}

export function executeAccessList(block: Block, threads: number): ScheduleResult {
  const { n, execTime } = block;
  const { predecessors, dependentStart, dependents } = accessListGraph(block);
  const state = initialState(block);
  const scratch = new Int32Array(maxKeys(block));
  const ready = new IndexHeap(n);
  for (let i = 0; i < n; i++) if (predecessors[i] === 0) ready.push(i);
  const clock = new ThreadClock(threads);
  let time = 0;
  for (;;) {
    for (let t = clock.idle(); t >= 0 && ready.size > 0; t = clock.idle()) {
      const i = ready.pop();
      // Every earlier transaction sharing a key is done and no running one shares a key: the reads are final.
      applyTransaction(block, i, state, scratch);
      clock.start(t, i, time + execTime[i]);
    }
    const t = clock.next();
    if (t < 0) break;
    time = clock.finish[t];
    const i = clock.release(t);
    for (let e = dependentStart[i]; e < dependentStart[i + 1]; e++) {
      if (--predecessors[dependents[e]] === 0) ready.push(dependents[e]);
    }
  }
  return { makespan: time, state, executions: n, wastedTime: 0 };
}

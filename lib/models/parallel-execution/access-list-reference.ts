/**
 * The access-list schedule of access-list.ts written for reading: a
 * transaction is ready when every earlier transaction it shares an account
 * with is done (checked pairwise, without the last-toucher graph), and each
 * free thread takes the lowest-index ready transaction. The tests require the
 * same makespan and state as the typed kernel.
 */
import { sharesKey } from "./critical-path";
import { applyTransaction, initialState, maxKeys, type ScheduleResult } from "./serial";
import type { Block } from "./transactions";

export function executeAccessListReference(block: Block, threads: number): ScheduleResult {
  const state = initialState(block);
  const scratch = new Int32Array(maxKeys(block));
  const started: boolean[] = new Array(block.n).fill(false);
  const done: boolean[] = new Array(block.n).fill(false);
  const running: Array<{ tx: number; finish: number } | null> = new Array(threads).fill(null);
  let time = 0;
  const ready = (j: number) => {
    if (started[j]) return false;
    for (let i = 0; i < j; i++) if (!done[i] && sharesKey(block, i, j)) return false;
    return true;
  };
  for (;;) {
    for (let thread = 0; thread < threads; thread++) {
      if (running[thread] !== null) continue;
      let next = -1;
      for (let j = 0; j < block.n && next < 0; j++) if (ready(j)) next = j;
      if (next < 0) break;
      started[next] = true;
      applyTransaction(block, next, state, scratch);
      running[thread] = { tx: next, finish: time + block.execTime[next] };
    }
    let first = -1;
    running.forEach((r, thread) => {
      if (r && (first < 0 || r.finish < running[first]!.finish)) first = thread;
    });
    if (first < 0) break;
    time = running[first]!.finish;
    done[running[first]!.tx] = true;
    running[first] = null;
  }
  return { makespan: time, state, executions: block.n, wastedTime: 0 };
}

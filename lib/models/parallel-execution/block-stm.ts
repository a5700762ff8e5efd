/**
 * Optimistic parallel execution with rollback, after Block-STM (Gelashvili et
 * al., "Block-STM: Scaling Blockchain Execution by Turning Ordering Curse to a
 * Performance Blessing", PPoPP 2023, Algorithms 1-5): transactions run
 * speculatively without declared access lists, on a multi-version memory;
 * conflicts are found after the fact and the loser re-executes.
 *
 * Simulated as a discrete schedule on T threads (no real threads):
 *  - A free thread takes the lowest-index transaction waiting to execute
 *    (Block-STM's execution_idx), starts incarnation inc + 1 and reads, for
 *    each key, the entry written by the highest lower transaction (the
 *    multi-version read), or the pre-block value. An entry marked ESTIMATE
 *    (its writer was aborted) makes the reader wait for that writer instead
 *    (Block-STM's dependency, section 4.2); it is queued again when the writer
 *    finishes.
 *  - When an execution finishes, its writes become the transaction's entries,
 *    and every higher transaction that read one of these keys from below it
 *    (or from its previous incarnation) is aborted: executed ones are queued
 *    again with their entries marked ESTIMATE; running ones finish and are then
 *    discarded. This is Block-STM's validation done eagerly at the writer's
 *    finish, at no cost (validation time is not modelled).
 *  - The block is done when no transaction is queued, running or waiting.
 * Reads happen at the start of an execution and writes at its end. The final
 * entries are those of serial execution in block order (each last incarnation
 * read the final values of all lower writers, or it would have been aborted),
 * which the tests check in every seed.
 *
 * Layout: the transactions touching key k are keyTx[keyStart[k] .. keyStart[k+1])
 * in block order; a slot (transaction i, its j-th key) has one multi-version
 * entry g = slotEntry[slot] in those arrays.
 */
import { IndexHeap } from "./index-heap";
import { mixReads, writtenValue } from "./semantics";
import { initialState, maxKeys, type ScheduleResult } from "./serial";
import { ThreadClock } from "./threads";
import type { Block } from "./transactions";

const QUEUED = 0;
const RUNNING = 1;
const EXECUTED = 2;
const WAITING = 3;

export interface OptimisticResult extends ScheduleResult {
  /** Incarnations aborted (executions - transactions). */
  aborts: number;
  /** Times a read met an ESTIMATE and the transaction waited. */
  dependencyWaits: number;
}

/** Per-key lists of the transactions touching each key, and each slot's entry in them. */
export function keyIndex(block: Block): { keyStart: Int32Array; keyTx: Int32Array; entrySlot: Int32Array; slotEntry: Int32Array } {
  const { n, start, keys, keyCount } = block;
  const keyStart = new Int32Array(keyCount + 1);
  for (let j = 0; j < keys.length; j++) keyStart[keys[j] + 1]++;
  for (let k = 0; k < keyCount; k++) keyStart[k + 1] += keyStart[k];
  const fill = keyStart.slice(0, keyCount);
  const keyTx = new Int32Array(keys.length);
  const entrySlot = new Int32Array(keys.length);
  const slotEntry = new Int32Array(keys.length);
  for (let i = 0; i < n; i++) {
    for (let j = start[i]; j < start[i + 1]; j++) {
      const g = fill[keys[j]]++;
      keyTx[g] = i;
      entrySlot[g] = j;
      slotEntry[j] = g;
    }
  }
  return { keyStart, keyTx, entrySlot, slotEntry };
}

export function executeOptimistic(block: Block, threads: number): OptimisticResult {
  const { n, start, keys, execTime } = block;
  const { keyStart, keyTx, entrySlot, slotEntry } = keyIndex(block);
  const slots = keys.length;
  // Multi-version memory: one entry per slot.
  const entryValue = new Int32Array(slots);
  const entryInc = new Int32Array(slots).fill(-1); // incarnation that wrote it; -1 = never written
  const entryEstimate = new Uint8Array(slots);
  // Per slot: the entry its running/last incarnation read (-1 = pre-block value), that entry's incarnation, and the value to write.
  const readEntry = new Int32Array(slots);
  const readInc = new Int32Array(slots);
  const pendingWrite = new Int32Array(slots);
  // Per transaction.
  const status = new Uint8Array(n); // all QUEUED
  const incarnation = new Int32Array(n).fill(-1);
  const doomed = new Uint8Array(n); // running, but aborted: discard at finish
  const waiters: Array<number[] | undefined> = [];
  const initial = initialState(block);
  const scratch = new Int32Array(maxKeys(block));
  const queue = new IndexHeap(n);
  for (let i = 0; i < n; i++) queue.push(i);
  const clock = new ThreadClock(threads);
  let time = 0;
  let executions = 0;
  let wastedTime = 0;
  let dependencyWaits = 0;

  const markEstimates = (i: number) => {
    for (let j = start[i]; j < start[i + 1]; j++) if (entryInc[slotEntry[j]] >= 0) entryEstimate[slotEntry[j]] = 1;
  };
  const abort = (i: number) => {
    if (status[i] === RUNNING) doomed[i] = 1;
    else if (status[i] === EXECUTED) {
      wastedTime += execTime[i];
      status[i] = QUEUED;
      markEstimates(i);
      queue.push(i);
    }
  };
  /** Try to start i: read every key; returns false (and parks i) if a read meets an ESTIMATE. */
  const tryStart = (i: number, thread: number): boolean => {
    for (let j = start[i]; j < start[i + 1]; j++) {
      const g = slotEntry[j];
      let from = -1;
      for (let h = g - 1; h >= keyStart[keys[j]]; h--) {
        if (entryInc[h] >= 0) {
          from = h;
          break;
        }
      }
      if (from >= 0 && entryEstimate[from]) {
        const writer = keyTx[from];
        (waiters[writer] ??= []).push(i);
        status[i] = WAITING;
        dependencyWaits++;
        return false;
      }
      readEntry[j] = from;
      readInc[j] = from >= 0 ? entryInc[from] : -1;
      scratch[j - start[i]] = from >= 0 ? entryValue[from] : initial[keys[j]];
    }
    const h = mixReads(i, scratch, 0, start[i + 1] - start[i]);
    for (let j = start[i]; j < start[i + 1]; j++) pendingWrite[j] = writtenValue(h, j - start[i]);
    incarnation[i]++;
    status[i] = RUNNING;
    executions++;
    clock.start(thread, i, time + execTime[i]);
    return true;
  };
  const finish = (i: number) => {
    if (doomed[i]) {
      doomed[i] = 0;
      wastedTime += execTime[i];
      status[i] = QUEUED;
      markEstimates(i);
      queue.push(i);
      return;
    }
    status[i] = EXECUTED;
    const inc = incarnation[i];
    for (let j = start[i]; j < start[i + 1]; j++) {
      const g = slotEntry[j];
      entryValue[g] = pendingWrite[j];
      entryInc[g] = inc;
      entryEstimate[g] = 0;
      // Higher transactions that read this key from below i, or from an older incarnation of i, read a stale value.
      for (let h = g + 1; h < keyStart[keys[j] + 1]; h++) {
        const t = keyTx[h];
        if (status[t] !== RUNNING && status[t] !== EXECUTED) continue;
        const s = entrySlot[h];
        if (readEntry[s] < g || (readEntry[s] === g && readInc[s] !== inc)) abort(t);
      }
    }
    const woken = waiters[i];
    if (woken) {
      waiters[i] = undefined;
      for (const w of woken) {
        status[w] = QUEUED;
        queue.push(w);
      }
    }
  };

  for (;;) {
    for (let t = clock.idle(); t >= 0 && queue.size > 0; t = clock.idle()) {
      while (queue.size > 0 && !tryStart(queue.pop(), t));
    }
    const t = clock.next();
    if (t < 0) break;
    time = clock.finish[t];
    finish(clock.release(t));
  }
  for (let i = 0; i < n; i++) if (status[i] !== EXECUTED) throw new Error(`block-stm: transaction ${i} ended in status ${status[i]}`);
  // Final state: each key's highest entry, or its pre-block value.
  const state = initial;
  for (let k = 0; k < block.keyCount; k++) if (keyStart[k + 1] > keyStart[k]) state[k] = entryValue[keyStart[k + 1] - 1];
  return { makespan: time, state, executions, wastedTime, aborts: executions - n, dependencyWaits };
}

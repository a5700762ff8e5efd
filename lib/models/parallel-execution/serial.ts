/**
 * Serial execution of a block: one thread, transactions in block order. Its
 * final state is the reference every parallel schedule must reproduce, and its
 * time (the sum of execution times) the base of every speedup.
 */
import type { Block } from "./transactions";
import { initialValue, mixReads, writtenValue } from "./semantics";

export function initialState(block: Block): Int32Array {
  const state = new Int32Array(block.keyCount);
  for (let k = 0; k < block.keyCount; k++) state[k] = initialValue(k);
  return state;
}

/** Execute transaction i on `state` in place (reads its keys, then writes them). */
export function applyTransaction(block: Block, i: number, state: Int32Array, scratch: Int32Array): void {
  const a = block.start[i];
  const b = block.start[i + 1];
  for (let j = a; j < b; j++) scratch[j - a] = state[block.keys[j]];
  const h = mixReads(i, scratch, 0, b - a);
  for (let j = a; j < b; j++) state[block.keys[j]] = writtenValue(h, j - a);
}

export interface ScheduleResult {
  /** Time until the last transaction is done. */
  makespan: number;
  /** Final state. */
  state: Int32Array;
  /** Executions run (optimistic: including aborted incarnations). */
  executions: number;
  /** Execution time spent on runs that were thrown away. */
  wastedTime: number;
}

export function executeSerial(block: Block): ScheduleResult {
  const state = initialState(block);
  const scratch = new Int32Array(maxKeys(block));
  let time = 0;
  for (let i = 0; i < block.n; i++) {
    applyTransaction(block, i, state, scratch);
    time += block.execTime[i];
  }
  return { makespan: time, state, executions: block.n, wastedTime: 0 };
}

export function maxKeys(block: Block): number {
  let m = 0;
  for (let i = 0; i < block.n; i++) m = Math.max(m, block.start[i + 1] - block.start[i]);
  return m;
}

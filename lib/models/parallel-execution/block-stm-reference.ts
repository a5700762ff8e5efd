/**
 * The optimistic (Block-STM) schedule of block-stm.ts written for reading:
 * objects, Maps and plain arrays, one rule per step, no layout tricks. Same
 * rules, same tie-breaking, so the tests require the same makespan, counts and
 * final state from both on every block.
 */
import { initialValue, mixReads, writtenValue } from "./semantics";
import type { Block } from "./transactions";
import type { OptimisticResult } from "./block-stm";

type Status = "queued" | "running" | "executed" | "waiting";

interface Version {
  incarnation: number;
  value: number;
  estimate: boolean;
}

interface Tx {
  keys: number[];
  status: Status;
  incarnation: number;
  /** Running, but aborted: discard at finish. */
  doomed: boolean;
  /** For each key: the transaction whose entry was read (-1: pre-block value) and its incarnation. */
  reads: Map<number, { writer: number; incarnation: number }>;
  writes: number[];
  waiters: number[];
}

export function executeOptimisticReference(block: Block, threads: number): OptimisticResult {
  const txs: Tx[] = [];
  for (let i = 0; i < block.n; i++) {
    const keys = Array.from(block.keys.subarray(block.start[i], block.start[i + 1]));
    txs.push({ keys, status: "queued", incarnation: -1, doomed: false, reads: new Map(), writes: [], waiters: [] });
  }
  /** Multi-version memory: key -> (transaction -> its latest version of the key). */
  const memory = new Map<number, Map<number, Version>>();
  const queue = new Set<number>(txs.map((_, i) => i));
  const running: Array<{ tx: number; finish: number } | null> = new Array(threads).fill(null);
  let time = 0, executions = 0, wastedTime = 0, dependencyWaits = 0;

  const latestBelow = (key: number, i: number): number => {
    let best = -1;
    for (const writer of memory.get(key)?.keys() ?? []) if (writer < i && writer > best) best = writer;
    return best;
  };
  const markEstimates = (i: number) => {
    for (const key of txs[i].keys) {
      const v = memory.get(key)?.get(i);
      if (v) v.estimate = true;
    }
  };
  const requeue = (i: number) => {
    txs[i].status = "queued";
    markEstimates(i);
    queue.add(i);
  };
  const abort = (i: number) => {
    if (txs[i].status === "running") txs[i].doomed = true;
    else if (txs[i].status === "executed") {
      wastedTime += block.execTime[i];
      requeue(i);
    }
  };
  const tryStart = (i: number, thread: number): boolean => {
    const tx = txs[i];
    const values: number[] = [];
    const reads = new Map<number, { writer: number; incarnation: number }>();
    for (const key of tx.keys) {
      const writer = latestBelow(key, i);
      const version = writer >= 0 ? memory.get(key)!.get(writer)! : null;
      if (version?.estimate) {
        txs[writer].waiters.push(i);
        tx.status = "waiting";
        dependencyWaits++;
        return false;
      }
      reads.set(key, { writer, incarnation: version ? version.incarnation : -1 });
      values.push(version ? version.value : initialValue(key));
    }
    const h = mixReads(i, values, 0, values.length);
    tx.reads = reads;
    tx.writes = tx.keys.map((_, slot) => writtenValue(h, slot));
    tx.incarnation++;
    tx.status = "running";
    executions++;
    running[thread] = { tx: i, finish: time + block.execTime[i] };
    return true;
  };
  const finish = (i: number) => {
    const tx = txs[i];
    if (tx.doomed) {
      tx.doomed = false;
      wastedTime += block.execTime[i];
      requeue(i);
      return;
    }
    tx.status = "executed";
    tx.keys.forEach((key, slot) => {
      if (!memory.has(key)) memory.set(key, new Map());
      memory.get(key)!.set(i, { incarnation: tx.incarnation, value: tx.writes[slot], estimate: false });
      // Higher transactions on this key that read it from below i, or from an older incarnation of i, are stale.
      for (let t = i + 1; t < txs.length; t++) {
        const other = txs[t];
        if (!other.keys.includes(key) || (other.status !== "running" && other.status !== "executed")) continue;
        const read = other.reads.get(key)!;
        if (read.writer < i || (read.writer === i && read.incarnation !== tx.incarnation)) abort(t);
      }
    });
    const woken = tx.waiters;
    tx.waiters = [];
    for (const w of woken) {
      txs[w].status = "queued";
      queue.add(w);
    }
  };

  for (;;) {
    for (let thread = 0; thread < threads; thread++) {
      while (running[thread] === null && queue.size > 0) {
        const i = Math.min(...queue);
        queue.delete(i);
        tryStart(i, thread);
      }
    }
    let next = -1;
    running.forEach((r, thread) => {
      if (r && (next < 0 || r.finish < running[next]!.finish)) next = thread;
    });
    if (next < 0) break;
    const { tx, finish: at } = running[next]!;
    running[next] = null;
    time = at;
    finish(tx);
  }
  const state = new Int32Array(block.keyCount);
  for (let k = 0; k < block.keyCount; k++) {
    const writer = latestBelow(k, block.n);
    state[k] = writer >= 0 ? memory.get(k)!.get(writer)!.value : initialValue(k);
  }
  return { makespan: time, state, executions, wastedTime, aborts: executions - block.n, dependencyWaits };
}

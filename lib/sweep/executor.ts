/**
 * Executing units: in worker threads (a piscina pool) or in this thread, with
 * one scheduler for both. Batches are sized adaptively so that each takes about
 * `targetBatchMs`: one unit at first, then as many as the measured cost per
 * unit allows, and smaller again near the end so every worker stays busy.
 *
 * Stopping (an abort signal: Ctrl-C, a notebook's Kernel > Interrupt): no new
 * batch starts; batches in flight get `abortGraceMs` to finish and be reported,
 * then the worker threads are terminated (piscina destroy), so a sweep stops
 * within about a second even when one unit runs for minutes. A terminated
 * batch reports nothing: its units run again when the sweep resumes.
 */
import { join } from "node:path";
import { Piscina } from "piscina";
import type { Experiment } from "../experiment/experiment";
import { runBatch, type BatchContext, type BatchResult } from "./batch";
import { encodeRecord } from "./journal";
import type { WorkerData } from "./worker";

export interface Executor {
  /** Batches that may be in flight at once. */
  readonly concurrency: number;
  run(units: Uint32Array): Promise<BatchResult>;
  /** Stop at once: batches in flight reject (worker threads are terminated). */
  cancel(): Promise<void>;
  close(): Promise<void>;
}

/** Units run in this thread, yielding to the event loop between batches (progress, signals). */
export function inThreadExecutor(experiment: Experiment, context: BatchContext): Executor {
  return {
    concurrency: 1,
    async run(units) {
      await new Promise((resolve) => setImmediate(resolve));
      return runBatch(experiment, context, units);
    },
    async cancel() {}, // a batch in this thread is synchronous: it ends before anything else runs
    async close() {},
  };
}

/** Units run by `workers` threads; each thread loads the experiment by name. */
export function workerExecutor(workers: number, data: WorkerData): Executor {
  const pool = new Piscina({
    filename: join(__dirname, "worker.js"),
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 1000,
    workerData: data,
  });
  let destroyed: Promise<void> | undefined;
  const destroy = () => (destroyed ??= pool.destroy());
  return {
    concurrency: 2 * workers, // one batch running and one queued per worker hides the message round trip
    run: (units) => pool.run(units) as Promise<BatchResult>,
    cancel: destroy,
    close: destroy,
  };
}

export interface ScheduleOptions {
  /** Stop taking new batches when aborted; batches in flight finish within `abortGraceMs` or are cancelled. */
  signal?: AbortSignal;
  /** After an abort, how long batches in flight may take before the executor is cancelled, ms. Default 500. */
  abortGraceMs?: number;
  /** Wall time one batch should take, ms. Default 50. */
  targetBatchMs?: number;
  /** Largest batch, units. Default 4096. */
  maxBatch?: number;
}

/**
 * Run `units` (any order of dispatch; results are reported per batch as they
 * finish). A batch whose worker fails (e.g. the thread ran out of memory) is
 * retried unit by unit; a single unit that fails that way is reported failed.
 */
export async function schedule(units: Uint32Array, executor: Executor, onBatch: (result: BatchResult) => void, options: ScheduleOptions = {}): Promise<void> {
  const target = options.targetBatchMs ?? 50;
  const maxBatch = options.maxBatch ?? 4096;
  let next = 0;
  const retry: number[] = [];
  let unitMs: number | undefined;
  const take = (): Uint32Array | undefined => {
    if (options.signal?.aborted) return undefined;
    if (retry.length) return Uint32Array.of(retry.shift() as number);
    const remaining = units.length - next;
    if (remaining <= 0) return undefined;
    let size = unitMs === undefined ? 1 : Math.round(target / Math.max(unitMs, 1e-6));
    size = Math.max(1, Math.min(size, maxBatch, Math.ceil(remaining / executor.concurrency)));
    const batch = units.subarray(next, next + size);
    next += size;
    return batch;
  };
  const signal = options.signal;
  let graceTimer: NodeJS.Timeout | undefined;
  const onAbort = () => {
    graceTimer = setTimeout(() => void executor.cancel(), options.abortGraceMs ?? 500);
  };
  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort, { once: true });
  const loop = async (): Promise<void> => {
    for (let batch = take(); batch; batch = take()) {
      let result: BatchResult;
      try {
        result = await executor.run(Uint32Array.from(batch));
      } catch (err) {
        if (signal?.aborted) return; // cancelled after an abort: these units run again on resume
        if (batch.length > 1) {
          retry.push(...batch);
          continue;
        }
        const error = { name: "WorkerError", message: `the worker running this unit failed: ${(err as Error)?.message ?? String(err)}` };
        result = { lines: encodeRecord({ u: batch[0], error }), done: [], failed: [{ u: batch[0], ...error }], elapsedMs: 0 };
      }
      const perUnit = result.elapsedMs / batch.length;
      unitMs = unitMs === undefined ? perUnit : 0.7 * unitMs + 0.3 * perUnit;
      onBatch(result);
    }
  };
  try {
    await Promise.all(Array.from({ length: executor.concurrency }, loop));
  } finally {
    clearTimeout(graceTimer);
    signal?.removeEventListener("abort", onAbort);
  }
}

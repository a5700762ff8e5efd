/**
 * A batch of units run in one go (in a worker thread or in this thread): each
 * unit's row (and series), or its error, encoded as journal lines. Batching keeps the
 * per-unit cost of messages and writes small; the rows themselves do not
 * depend on how units are batched.
 */
import type { Experiment } from "../experiment/experiment";
import type { Point } from "./grid";
import { encodeRecord, type UnitFailure } from "./journal";
import { runPointOutput } from "./run-point";
import { plainSeries } from "./series";

/** What a batch needs to know about the sweep (plain data: it crosses threads). */
export interface BatchContext {
  experiment: string;
  /** Resolved points, in grid order. */
  points: Point[];
  replicates: number;
  seed: number;
  /** Common random numbers: replicate r uses the same stream at every point (see run-point.ts). Default false. */
  commonRandomNumbers?: boolean;
}

export interface BatchResult {
  /** Journal lines, one per unit. */
  lines: string;
  /** Units that produced a row. */
  done: number[];
  /** Units that threw. */
  failed: Array<{ u: number } & UnitFailure>;
  /** Time spent running the units, ms. */
  elapsedMs: number;
}

export function runBatch(experiment: Experiment, context: BatchContext, units: ArrayLike<number>): BatchResult {
  const t0 = performance.now();
  let lines = "";
  const done: number[] = [];
  const failed: BatchResult["failed"] = [];
  for (let k = 0; k < units.length; k++) {
    const u = units[k];
    const point = context.points[Math.floor(u / context.replicates)];
    const replicate = u % context.replicates;
    try {
      const { row, series } = runPointOutput(experiment, point, context.seed, replicate, { commonRandomNumbers: context.commonRandomNumbers });
      lines += encodeRecord(Object.keys(series).length ? { u, row, series: plainSeries(series) } : { u, row });
      done.push(u);
    } catch (err) {
      const error = describeError(err);
      lines += encodeRecord({ u, error });
      failed.push({ u, ...error });
    }
  }
  return { lines, done, failed, elapsedMs: performance.now() - t0 };
}

export function describeError(err: unknown): UnitFailure {
  if (err instanceof Error) return { name: err.name || "Error", message: err.message };
  return { name: "Error", message: `non-Error thrown: ${String(err)}` };
}

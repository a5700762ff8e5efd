/**
 * Sweeps: a grid of parameter points times a number of seeded replicates.
 * Every point is validated before any work; each replicate gets the stream
 * derived from (seed, experiment, point, replicate), so the rows do not depend
 * on execution order. Result: one row per replicate and a summary per point.
 */
import * as aq from "arquero";
import type { Experiment, Row } from "../experiment/experiment";
import { ParameterError, type Schema } from "../experiment/params";
import { cartesian, checkGrid, type AxisValues, type Point } from "./grid";
import { checkSeed, runPoint } from "./run-point";
import { summarize } from "./summary";

export interface SweepOptions {
  /** Monte Carlo replicates per point. Default 1. */
  replicates?: number;
  /** Root seed. Default 1. */
  seed?: number;
  /** Called after each finished replicate. */
  onProgress?: (done: number, total: number) => void;
}

export interface SweepResult {
  experiment: string;
  seed: number;
  replicates: number;
  /** Grid points as given (before defaults are filled in). */
  points: Point[];
  /** One row per replicate: parameters, replicate, seed, stream, outputs. */
  rows: aq.ColumnTable;
  /** One row per point: parameters, n, and <output>_mean/_sd/_se/_lo/_hi. */
  summary: aq.ColumnTable;
}

export type GridInput = Record<string, AxisValues> | readonly Point[];

export function gridPoints(grid: GridInput): Point[] {
  return Array.isArray(grid) ? [...(grid as Point[])] : cartesian(grid as Record<string, AxisValues>);
}

/**
 * Resolve and validate every point up front, so bad input fails before any
 * work. `resolved` holds each point with defaults filled in; an invalid value
 * is reported with the index of its grid point.
 */
export function planSweep<S extends Schema>(experiment: Experiment<S>, grid: GridInput, options: SweepOptions = {}) {
  const replicates = options.replicates ?? 1;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(replicates) || replicates < 1 || replicates > 1e7)
    throw new RangeError(`invalid replicates: ${replicates} (allowed: an integer, 1 <= replicates <= 10000000)`);
  checkSeed(seed);
  const points = gridPoints(grid);
  checkGrid(experiment.params, points);
  const resolved = points.map((point, i) => {
    try {
      return experiment.resolve(point) as Point;
    } catch (err) {
      if (err instanceof ParameterError) throw new ParameterError(err.parameter, err.value, err.allowed, `${err.message} at grid point ${i} ${JSON.stringify(point)}`);
      throw err;
    }
  });
  return { points, replicates, seed, resolved };
}

/** The names of an experiment's numeric outputs, read off a row. */
export function numericOutputs(experiment: Experiment, row: Row): string[] {
  const skip = new Set([...Object.keys(experiment.params), "replicate", "seed", "stream"]);
  return Object.keys(row).filter((k) => !skip.has(k) && typeof row[k] === "number");
}

/** Table and summary from finished rows (in plan order). */
export function sweepResult(experiment: Experiment, plan: { points: Point[]; replicates: number; seed: number }, rows: Row[]): SweepResult {
  const table = aq.from(rows);
  const measures = rows.length > 0 ? numericOutputs(experiment, rows[0]) : [];
  const by = Object.keys(experiment.params);
  return {
    experiment: experiment.name,
    seed: plan.seed,
    replicates: plan.replicates,
    points: plan.points,
    rows: table,
    summary: rows.length > 0 ? summarize(table, by, measures) : aq.table({}),
  };
}

/** Run a sweep in this thread. */
export function sweep<S extends Schema>(experiment: Experiment<S>, grid: GridInput, options: SweepOptions = {}): SweepResult {
  const plan = planSweep(experiment, grid, options);
  const total = plan.points.length * plan.replicates;
  const rows: Row[] = [];
  for (const point of plan.points) {
    for (let r = 0; r < plan.replicates; r++) {
      rows.push(runPoint(experiment, point, plan.seed, r));
      options.onProgress?.(rows.length, total);
    }
  }
  return sweepResult(experiment as unknown as Experiment, plan, rows);
}

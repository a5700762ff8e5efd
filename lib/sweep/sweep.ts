/**
 * Sweeps: a grid of parameter points times a number of seeded replicates.
 * Every point is validated before any work; each replicate gets the stream
 * derived from (seed, experiment, point, replicate), so the rows do not depend
 * on execution order. Result: one row per replicate and a summary per point.
 */
import * as aq from "arquero";
import type { Experiment, Row } from "../experiment/experiment";
import { paramCells, ParameterError, type Schema } from "../experiment/params";
import { cartesian, checkGrid, type AxisValues, type Point } from "./grid";
import { checkSeed, runPointOutput } from "./run-point";
import { selectSeries, seriesColumns, type UnitSeries } from "./series";
import { decodeArrow, encodeArrow } from "./arrow";
import { measureColumns, summarize, summaryInfo, type SummaryInfo, type SummaryOptions } from "./summary";
import { checkLevel } from "../stats/level";

export interface SweepOptions {
  /** Monte Carlo replicates per point. Default 1. */
  replicates?: number;
  /** Root seed. Default 1. */
  seed?: number;
  /**
   * Common random numbers: every point's replicate r uses the same random
   * stream (named by seed, experiment and r, not by the point), so the points
   * of a sweep are compared on the same draws (see lib/stats/paired-difference.ts).
   * Default false: every (point, replicate) has its own stream.
   */
  commonRandomNumbers?: boolean;
  /** Confidence level of the summary's intervals. Default 0.95. */
  level?: number;
  /** A preset of the experiment under every point (a point's own values win). */
  preset?: string;
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
  /** One row per point: parameters, n, and <output>_n/_mean/_sd/_se/_lo/_hi (see summary.ts). */
  summary: aq.ColumnTable;
  /** Which interval the summary's columns hold, at which level. */
  summaryInfo: SummaryInfo;
  /** True when every point used the same replicate streams. */
  commonRandomNumbers: boolean;
  /** Names of the series the kernel returned ([] if none). */
  seriesNames: string[];
  /** One series over every unit: point (grid index), replicate and its columns (see series.ts). */
  series(name: string): aq.ColumnTable;
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
  if ((options as { level?: number }).level !== undefined) checkLevel((options as { level: number }).level); // before any work
  const points = gridPoints(grid);
  checkGrid(experiment.params, points);
  const resolved = points.map((point, i) => {
    try {
      return paramCells(experiment.params, experiment.resolve(point, { preset: options.preset })) as Point;
    } catch (err) {
      if (err instanceof ParameterError) throw new ParameterError(err.parameter, err.value, err.allowed, `${err.message} at grid point ${i} ${JSON.stringify(point)}`);
      throw err;
    }
  });
  return { points, replicates, seed, resolved };
}

/** The columns of a row that are never measures: parameters, replicate, seed, stream. */
export function nonMeasureColumns(experiment: Experiment): string[] {
  return [...Object.keys(experiment.params), "replicate", "seed", "stream"];
}

/** The summary options of an experiment: its declared proportions, at a level. */
export function experimentSummaryOptions(experiment: Experiment, level?: number): SummaryOptions {
  return { level, proportions: experiment.proportions ?? {} };
}

/** Summary of a rows table by every parameter, over every numeric output (the one rule for every path). */
export function summaryOfTable(experiment: Experiment, table: aq.ColumnTable, options: SummaryOptions): aq.ColumnTable {
  if (table.numRows() === 0) return aq.table({});
  const by = Object.keys(experiment.params).filter((p) => table.columnNames().includes(p));
  return summarize(table, by, measureColumns(table, nonMeasureColumns(experiment)), options);
}

/** Table and summary from finished rows (in plan order). */
export function sweepResult(experiment: Experiment, plan: { points: Point[]; replicates: number; seed: number }, rows: Row[], options: { level?: number; commonRandomNumbers?: boolean } = {}, series: readonly UnitSeries[] = []): SweepResult {
  const table = aq.from(rows);
  const summaryOptions = experimentSummaryOptions(experiment, options.level);
  return {
    experiment: experiment.name,
    seed: plan.seed,
    replicates: plan.replicates,
    points: plan.points,
    rows: table,
    summary: summaryOfTable(experiment, table, summaryOptions),
    summaryInfo: summaryInfo(summaryOptions),
    commonRandomNumbers: options.commonRandomNumbers ?? false,
    ...inMemorySeries(series),
  };
}

/** Series of units run in this thread, as one long table written and read like series.arrow (same types). */
function inMemorySeries(units: readonly UnitSeries[]): Pick<SweepResult, "series" | "seriesNames"> {
  const built = units.length ? seriesColumns(units) : null;
  let table: aq.ColumnTable | undefined;
  return {
    seriesNames: built ? Object.keys(built.names) : [],
    series: (name) => {
      table ??= built ? decodeArrow(encodeArrow(built.columns)) : aq.table({});
      return selectSeries(table, built?.names ?? {}, name);
    },
  };
}

/** Run a sweep in this thread. */
export function sweep<S extends Schema>(experiment: Experiment<S>, grid: GridInput, options: SweepOptions = {}): SweepResult {
  const plan = planSweep(experiment, grid, options);
  const total = plan.points.length * plan.replicates;
  const rows: Row[] = [];
  const series: UnitSeries[] = [];
  plan.resolved.forEach((point, p) => {
    for (let r = 0; r < plan.replicates; r++) {
      const out = runPointOutput(experiment, point, plan.seed, r, { commonRandomNumbers: options.commonRandomNumbers });
      rows.push(out.row);
      if (Object.keys(out.series).length) series.push({ point: p, replicate: r, series: out.series });
      options.onProgress?.(rows.length, total);
    }
  });
  return sweepResult(experiment as unknown as Experiment, plan, rows, options, series);
}

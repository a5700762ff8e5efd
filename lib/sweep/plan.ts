/**
 * A sweep plan: the validated, resolved grid and everything that names the
 * sweep's result. Units are numbered in plan order: unit u is replicate
 * u mod R of point floor(u / R) (points in grid order, replicates inner).
 *
 * The sweep id hashes (experiment, resolved points, replicates, seed, code
 * hash): equal ids mean equal rows, which is what makes the cache safe.
 */
import { sha256 } from "@noble/hashes/sha256";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";
import type { Experiment } from "../experiment/experiment";
import type { ParamValue, Schema } from "../experiment/params";
import { canonicalJson } from "../random/seed";
import { codeHash, type CodeHash } from "./code-hash";
import type { Point } from "./grid";
import { checkShard, parseShard, type Shard } from "./shard";
import { planSweep, type GridInput } from "./sweep";

/** At most this many units (points x replicates) in one sweep. */
export const MAX_UNITS = 100_000_000;

export interface SweepPlan {
  experiment: Experiment;
  /** Points as given (before defaults). */
  given: Point[];
  /** Points with every parameter resolved (defaults filled in). */
  points: Point[];
  replicates: number;
  seed: number;
  /** points x replicates. */
  units: number;
  code: CodeHash;
  /** 16 hex digits naming the result. */
  id: string;
  shard?: Shard;
  /** Every point's replicate r on the same stream. */
  commonRandomNumbers: boolean;
}

export interface PlanOptions {
  replicates?: number;
  seed?: number;
  /** Common random numbers: every point's replicate r on the same stream (see run-point.ts). Default false. */
  commonRandomNumbers?: boolean;
  shard?: Shard | string;
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Shape checks that give a clear message before the grid helpers see the input. */
function checkGridShape(grid: unknown): void {
  if (grid === null || typeof grid !== "object") throw new RangeError(`invalid grid: ${describe(grid)} (allowed: an object of axes {name: [values]} or a list of points [{name: value}])`);
  if (Array.isArray(grid)) {
    grid.forEach((point, i) => {
      if (point === null || typeof point !== "object" || Array.isArray(point))
        throw new RangeError(`invalid grid point ${i}: ${describe(point)} (allowed: an object {name: value})`);
    });
  } else {
    for (const [name, values] of Object.entries(grid)) {
      if (!Array.isArray(values)) throw new RangeError(`invalid grid axis ${name}: ${describe(values)} (allowed: a non-empty list of values)`);
    }
  }
}

/** Validate the whole grid and resolve every point, before any work. */
export function planRun<S extends Schema>(typed: Experiment<S>, grid: GridInput, options: PlanOptions = {}): SweepPlan {
  const experiment = typed as unknown as Experiment;
  checkGridShape(grid);
  const plan = planSweep(experiment, grid, options); // replicates, seed, names and values of every point
  const given = plan.points;
  const points = plan.resolved;
  // Resolved points have their keys in schema order, so their JSON text identifies them.
  const seen = new Map<string, number>();
  points.forEach((p, i) => {
    const key = JSON.stringify(p);
    const first = seen.get(key);
    if (first !== undefined)
      throw new RangeError(`invalid grid: point ${i} ${describe(given[i])} repeats point ${first} (identical points give identical rows; use replicates for more samples)`);
    seen.set(key, i);
  });
  const units = points.length * plan.replicates;
  if (units > MAX_UNITS) throw new RangeError(`invalid sweep: ${points.length} points x ${plan.replicates} replicates = ${units} units (allowed: at most ${MAX_UNITS})`);
  const shard = options.shard === undefined ? undefined : typeof options.shard === "string" ? parseShard(options.shard) : checkShard(options.shard);
  const code = codeHash(experiment);
  const crn = options.commonRandomNumbers ?? false;
  if (typeof crn !== "boolean") throw new RangeError(`invalid commonRandomNumbers: ${describe(crn)} (allowed: true or false)`);
  const id = sweepId(experiment.name, points, plan.replicates, plan.seed, code.hash, crn);
  return { experiment, given, points, replicates: plan.replicates, seed: plan.seed, units, code, id, shard, commonRandomNumbers: crn };
}

export function sweepId(experiment: string, points: readonly Record<string, ParamValue>[], replicates: number, seed: number, code: string, commonRandomNumbers = false): string {
  // Common random numbers change every row, so they name another sweep; without them the id is what it always was.
  const text = canonicalJson(["consensus-lab sweep", 1, experiment, points, replicates, seed, code, ...(commonRandomNumbers ? ["common random numbers"] : [])]);
  return bytesToHex(sha256(utf8ToBytes(text))).slice(0, 16);
}

/** Point index and replicate of unit u. */
export function unitAt(plan: Pick<SweepPlan, "replicates">, u: number): { point: number; replicate: number } {
  return { point: Math.floor(u / plan.replicates), replicate: u % plan.replicates };
}

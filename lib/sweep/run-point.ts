/**
 * One replicate of one parameter point: the unit of work every sweep, worker
 * and shard executes. The row repeats the full parameters, the root seed, the
 * replicate index and the derived stream seed, so any row can be rerun alone
 * (`consensus-lab run <experiment> --<param> <value>... --seed S --replicate R`).
 * JSON parameters appear in rows (and in the stream's name) as canonical JSON text;
 * output-only parameters (e.g. "also return a series") are in the row, not in the stream's name.
 */
import { runOutput, type Experiment, type Row, type Series } from "../experiment/experiment";
import { paramCells, streamCells, type Schema } from "../experiment/params";
import { replicateRng, rngFor, type Rng } from "../random/seed";
import { checkSeries } from "./series";

export interface PointOutput {
  row: Row;
  /** Series the kernel returned beside its row ({} for a plain row), columns checked for equal length. */
  series: Series;
}

export interface RunPointOptions {
  /** Common random numbers: the stream depends on (seed, experiment, replicate) only, the same at every point. Default false. */
  commonRandomNumbers?: boolean;
}

/** The stream of replicate r under common random numbers: one per (seed, experiment, replicate), shared by every point. */
export function commonReplicateRng(rootSeed: number, experiment: string, replicate: number): Rng {
  return rngFor([rootSeed, experiment, "common random numbers", replicate], { rootSeed, replicate });
}

/** The row and the series of one replicate. */
export function runPointOutput<S extends Schema>(experiment: Experiment<S>, given: Readonly<Record<string, unknown>>, seed: number, replicate: number, options: RunPointOptions = {}): PointOutput {
  checkSeed(seed);
  if (!Number.isInteger(replicate) || replicate < 0) throw new RangeError(`invalid replicate: ${replicate} (allowed: an integer >= 0)`);
  const params = experiment.resolve(given);
  const cells = paramCells(experiment.params, params);
  const rng = options.commonRandomNumbers ? commonReplicateRng(seed, experiment.name, replicate) : replicateRng(seed, experiment.name, streamCells(experiment.params, cells), replicate);
  const { row: outputs, series } = runOutput(experiment.run(params, rng));
  checkSeries(experiment.name, series);
  return { row: { ...cells, replicate, seed, stream: rng.seed, ...outputs }, series };
}

/** The row of one replicate. */
export function runPoint<S extends Schema>(experiment: Experiment<S>, given: Readonly<Record<string, unknown>>, seed: number, replicate: number, options: RunPointOptions = {}): Row {
  return runPointOutput(experiment, given, seed, replicate, options).row;
}

export function checkSeed(seed: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`invalid seed: ${seed} (allowed: an integer, 0 <= seed <= ${Number.MAX_SAFE_INTEGER})`);
}

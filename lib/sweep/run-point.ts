/**
 * One replicate of one parameter point: the unit of work every sweep, worker
 * and shard executes. The row repeats the full parameters, the root seed, the
 * replicate index and the derived stream seed, so any row can be rerun alone
 * (`consensus-lab run <experiment> --<param> <value>... --seed S --replicate R`).
 */
import type { Experiment, Row } from "../experiment/experiment";
import type { Schema } from "../experiment/params";
import { replicateRng } from "../random/seed";

export function runPoint<S extends Schema>(experiment: Experiment<S>, given: Readonly<Record<string, unknown>>, seed: number, replicate: number): Row {
  checkSeed(seed);
  if (!Number.isInteger(replicate) || replicate < 0) throw new RangeError(`invalid replicate: ${replicate} (allowed: an integer >= 0)`);
  const params = experiment.resolve(given);
  const rng = replicateRng(seed, experiment.name, params, replicate);
  const outputs = experiment.run(params, rng);
  return { ...(params as Row), replicate, seed, stream: rng.seed, ...outputs };
}

export function checkSeed(seed: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`invalid seed: ${seed} (allowed: an integer, 0 <= seed <= ${Number.MAX_SAFE_INTEGER})`);
}

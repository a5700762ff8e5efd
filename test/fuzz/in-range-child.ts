/**
 * The in-range fuzz property of ONE experiment, run in a child process so the
 * parent (experiments.test.ts) can bound it in wall time: a kernel that never
 * returns cannot be interrupted inside its own thread. Before each case the
 * child prints `case <n> <params JSON> seed <s> replicate <r>` to stderr, so a
 * timeout names the case that hung; at the end it prints one JSON summary line
 * to stdout. Does nothing unless FUZZ_CHILD_EXPERIMENT is set (the test runner
 * loads every file under test/).
 */
import fc from "fast-check";
import "../../lib/models/registry";
import { allExperiments } from "../../lib/sweep/experiments";
import { ParameterError } from "../../lib/experiment/params";
import { runPointOutput } from "../../lib/sweep/run-point";
import type { Experiment } from "../../lib/experiment/experiment";
import { inRange } from "./schema-arbitraries";

export interface ChildSummary {
  experiment: string;
  ran: number;
  refused: number;
  slowestMs: number;
  failure?: string;
}

function badCell(value: unknown): boolean {
  return !(value === null || typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value)));
}

/** A ParameterError from a cross-parameter rule must name a parameter (or a part of one, e.g. "partitions[0].startS"). */
function namesAParameter(err: unknown, experiment: Experiment): boolean {
  if (!(err instanceof ParameterError)) return false;
  const root = /^[A-Za-z0-9_-]+/.exec(err.parameter)?.[0] ?? "";
  return root in experiment.params && err.message.includes(err.parameter);
}

export function fuzzInRange(experiment: Experiment, seed: number, numRuns: number, trace: (line: string) => void = () => {}): ChildSummary {
  const summary: ChildSummary = { experiment: experiment.name, ran: 0, refused: 0, slowestMs: 0 };
  let n = 0;
  const property = fc.property(inRange(experiment.params), fc.nat({ max: 1_000_000 }), fc.nat({ max: 3 }), (params, rootSeed, replicate) => {
    trace(`case ${n++} ${JSON.stringify(params)} seed ${rootSeed} replicate ${replicate}`);
    try {
      experiment.resolve(params);
    } catch (err) {
      if (!namesAParameter(err, experiment)) throw new Error(`in-range parameters refused without naming a parameter of ${experiment.name}: ${(err as Error).name}: ${(err as Error).message}`);
      summary.refused++;
      return;
    }
    const t0 = performance.now();
    const { row, series } = runPointOutput(experiment, params, rootSeed, replicate);
    summary.slowestMs = Math.max(summary.slowestMs, performance.now() - t0);
    for (const [column, value] of Object.entries(row)) if (badCell(value)) throw new Error(`output ${column} = ${String(value)} is not a finite number, string, boolean or null`);
    for (const [name, columns] of Object.entries(series))
      // A series column is a float array: NaN is its documented "no value" (null in series.arrow, lib/sweep/series.ts).
      for (const [column, values] of Object.entries(columns)) for (const v of Array.from(values as ArrayLike<unknown>)) if (!Number.isNaN(v) && badCell(v)) throw new Error(`series ${name}.${column} holds ${String(v)}`);
    const again = runPointOutput(experiment, params, rootSeed, replicate).row;
    if (JSON.stringify(again) !== JSON.stringify(row)) throw new Error("the same seed gave another row");
    summary.ran++;
  });
  try {
    fc.assert(property, { seed, numRuns, endOnFailure: true, includeErrorInReport: true });
  } catch (err) {
    summary.failure = (err as Error).message;
  }
  return summary;
}

const name = process.env.FUZZ_CHILD_EXPERIMENT;
if (name) {
  const experiment = allExperiments().find((e) => e.name === name);
  if (!experiment) throw new Error(`no experiment ${name}`);
  const summary = fuzzInRange(experiment, Number(process.env.FUZZ_SEED), Number(process.env.FUZZ_CHILD_RUNS), (line) => process.stderr.write(line + "\n"));
  process.stdout.write(JSON.stringify(summary) + "\n");
}

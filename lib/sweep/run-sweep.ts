/**
 * runSweep: a sweep on every core, stored, cached and resumable.
 *
 *   plan (validate the whole grid, hash the code, name the sweep)
 *    -> cache: a complete folder with this id? load it and say so
 *    -> resume: units already in the folder's journal are not run again
 *    -> execute: batches of units on worker threads (or this thread)
 *    -> journal: each finished unit appended as a checksummed record
 *    -> finalize: rows.arrow, summary.arrow, series.arrow (if any), errors.json, manifest.json
 *
 * Rows depend only on (experiment, point, seed, replicate), never on worker
 * count, batching, interruptions or shards, and are written in plan order,
 * so every way of running a sweep gives byte-identical files.
 *
 *   const result = await runSweep(selfishMining, { alpha: range(0, 0.5, 0.05) }, { replicates: 20 });
 *   result.summary   // arquero table, one row per point
 */
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import type { Experiment } from "../experiment/experiment";
import type { Schema } from "../experiment/params";
import { streamCells } from "../experiment/params";
import { streamSeed } from "../random/seed";
import { parameterTypes } from "./arrow";
import { assemble } from "./assemble";
import { inThreadExecutor, schedule, workerExecutor, type Executor } from "./executor";
import { envExperimentModules, findExperiment, isRegistered, registeredModules } from "./experiments";
import { compactJournal, Journal, readJournal } from "./journal";
import { acquireLock } from "./lock";
import { ERRORS, JOURNAL, MANIFEST, ROWS, SERIES, SUMMARY, buildManifest, filesPresent, readManifest, writeManifest, type SweepManifest, type Timings } from "./manifest";
import { planRun, unitAt, type PlanOptions, type SweepPlan } from "./plan";
import { createProgress, type ProgressMode, type ProgressReporter } from "./progress";
import { inTslabKernel, onKernelInterrupt } from "../notebook/interrupt";
import { replayCommand } from "./replay";
import { readResultFiles, writeResultFiles, type UnitError } from "./result-files";
import { ROWS_PARQUET, SUMMARY_PARQUET, ensureParquetCopies } from "./parquet";
import { shardLabel, shardUnits, type Shard } from "./shard";
import { dataRoot } from "./store";
import { experimentSummaryOptions, summaryOfTable, type GridInput, type SweepResult } from "./sweep";
import { summaryInfo, type SummaryOptions } from "./summary";
import { checkLevel } from "../stats/level";
import { canonicalJson } from "../random/seed";
import { commonReplicateRng } from "./run-point";
import { runPrecisionSweep, type PrecisionReport } from "./precision-sweep";

export interface RunSweepOptions extends PlanOptions {
  /** A preset of the experiment under every point (a point's own values win); rows hold the resolved parameters. */
  preset?: string;
  /** Worker threads. Default os.availableParallelism(); 1 runs in this thread. */
  workers?: number;
  /** The sweep's folder. Default <data>/sweeps/<experiment>/<id> (see store.ts). */
  dir?: string;
  /** The data folder. Default $CONSENSUS_LAB_DATA or the project's data/. */
  dataDir?: string;
  /** Reuse a complete result with the same id. Default true; false recomputes from scratch. */
  cache?: boolean;
  /** Progress display. Default "auto". */
  progress?: ProgressMode | ProgressReporter;
  /** Modules with extra experiments for the workers to load (default: $CONSENSUS_LAB_EXPERIMENTS). */
  experimentModules?: string[];
  /** Abort to stop: no new batch starts, workers are terminated within ~0.5 s; what finished is kept for a resume.
   * In a tslab notebook, Kernel > Interrupt and restart abort too (lib/notebook/interrupt.ts). */
  signal?: AbortSignal;
  /** Where messages go (cache hits, resumes). Default stderr (stdout in a notebook: info, not errors); pass () => {} for silence. */
  log?: (line: string) => void;
  /** The command line, recorded in the manifest. */
  command?: string;
  /** Confidence level of the summary's intervals (recorded in the manifest). Default 0.95. */
  level?: number;
  /**
   * Precision targets { measure: halfWidth } (or "measure=halfWidth"): `replicates`
   * per point first, then batches of `replicates` more at the points whose
   * interval is wider than the target, up to `maxReplicates` (see precision-sweep.ts).
   * Default: none (exactly `replicates`).
   */
  precision?: Readonly<Record<string, number>> | string;
  /** With precision targets: the most replicates a point gets (points still short are reported). Default 1000. */
  maxReplicates?: number;
}

export interface RunSweepResult extends SweepResult {
  id: string;
  dir: string;
  /** True when the result was loaded from a previous identical run. */
  cached: boolean;
  /** Every unit has a row (no errors). */
  complete: boolean;
  errors: UnitError[];
  manifest: SweepManifest;
  shard?: Shard;
  /** Precision sweeps: what the targets asked and what each point got (see precision-sweep.ts). */
  precision?: PrecisionReport;
}

/** A sweep stopped by its signal: what finished is stored, the same call resumes it. */
export class SweepInterruptedError extends Error {
  override name = "SweepInterruptedError";
  constructor(
    readonly dir: string,
    readonly done: number,
    readonly total: number,
    how = "run the same sweep again to resume",
  ) {
    super(`interrupted: ${done} of ${total} units are stored in ${dir}; ${how}`);
  }
}

export function checkWorkers(workers: number | undefined): number {
  if (workers === undefined) return availableParallelism();
  if (!Number.isInteger(workers) || workers < 1 || workers > 1024) throw new RangeError(`invalid workers: ${workers} (allowed: an integer, 1 <= workers <= 1024)`);
  return workers;
}

/** The folder a plan's result goes to. */
export function sweepFolder(plan: SweepPlan, options: Pick<RunSweepOptions, "dir" | "dataDir"> = {}): string {
  const base = options.dir ? resolve(options.dir) : join(dataRoot(options.dataDir), "sweeps", plan.experiment.name, plan.id);
  return plan.shard ? join(base, shardLabel(plan.shard)) : base;
}

function label(plan: SweepPlan): string {
  return `${plan.experiment.name} ${plan.id}${plan.shard ? ` shard ${plan.shard.index}/${plan.shard.count}` : ""}`;
}

/** True when worker threads can find this very experiment object by name. */
function loadableInWorkers(experiment: Experiment, modules: readonly string[]): boolean {
  try {
    return findExperiment(experiment.name, modules) === experiment;
  } catch {
    return false;
  }
}

export async function runSweep<S extends Schema>(typed: Experiment<S>, grid: GridInput, options: RunSweepOptions = {}): Promise<RunSweepResult> {
  if (options.precision !== undefined) return runPrecisionSweep(typed as unknown as Experiment, grid, options);
  if (options.maxReplicates !== undefined) throw new RangeError(`invalid maxReplicates: ${options.maxReplicates} (allowed only with precision targets)`);
  const started = new Date();
  const experiment = typed as unknown as Experiment;
  const plan = planRun(experiment, grid, options); // throws on any bad input, before any work
  const workers = checkWorkers(options.workers);
  const summaryOptions = experimentSummaryOptions(experiment, options.level === undefined ? undefined : checkLevel(options.level));
  // The experiment's own module comes last: workers can load any experiment whose module exports it.
  const given = (options.experimentModules ?? envExperimentModules()).map((p) => resolve(p));
  const modules = existsSync(experiment.source) && !given.includes(resolve(experiment.source)) ? [...given, resolve(experiment.source)] : given;
  const dir = sweepFolder(plan, options);
  const inKernel = inTslabKernel();
  const log = options.log ?? ((line: string) => (inKernel ? process.stdout : process.stderr).write(line + "\n"));

  const existing = readManifest(dir);
  if (existing && existing.id !== plan.id)
    throw new Error(`${dir} holds another sweep (id ${existing.id}; this one is ${plan.id}): choose another folder or delete it`);
  refuseOtherJournal(dir, plan); // an unfinished sweep of another id is kept, like a finished one
  if (options.cache !== false && existing?.status === "complete" && filesPresent(dir, existing)) {
    const t0 = performance.now();
    const result = openResult(plan, dir, existing, true, summaryOptions);
    ensureParquetCopies(dir, [existing.files.rows.path, ...(existing.files.summary ? [existing.files.summary.path] : [])]);
    log(`cached: ${label(plan)}: ${existing.rows} rows loaded from ${dir} in ${(performance.now() - t0).toFixed(0)} ms (same experiment, points, replicates, seed and code)`);
    return result;
  }

  mkdirSync(dir, { recursive: true });
  const release = acquireLock(dir);
  try {
    const journalPath = join(dir, JOURNAL);
    if (options.cache === false) for (const f of [JOURNAL, MANIFEST, ROWS, SUMMARY, ROWS_PARQUET, SUMMARY_PARQUET, ERRORS, SERIES]) rmSync(join(dir, f), { force: true });
    const units = shardUnits(plan.units, plan.shard);
    const stored = resumeJournal(journalPath, plan, options.command);
    const pending = units.filter((u) => !stored[u]);
    const resumed = units.length - pending.length;
    if (resumed > 0) log(`resuming ${label(plan)}: ${resumed} of ${units.length} units already stored in ${dir}`);

    const progress = createProgress(options.progress ?? "auto");
    const kernelStop = new AbortController(); // Kernel > Interrupt or restart in a notebook
    const signal = options.signal ? AbortSignal.any([options.signal, kernelStop.signal]) : kernelStop.signal;
    let done = resumed;
    let failed = 0;
    let unitsRun = 0;
    let threadsUsed = 0;
    const tRun = performance.now();
    progress.start({ label: label(plan), total: units.length, done });
    if (pending.length > 0) {
      const context = { experiment: experiment.name, points: plan.points, replicates: plan.replicates, seed: plan.seed, commonRandomNumbers: plan.commonRandomNumbers };
      const threads = Math.min(workers, pending.length);
      let executor: Executor;
      threadsUsed = threads > 1 && loadableInWorkers(experiment, modules) ? threads : 1;
      if (threadsUsed > 1) executor = workerExecutor(threads, { ...context, modules: [...registeredModules(), ...modules] });
      else {
        if (threads > 1) log(`${experiment.name} is not in the registry or the experiment modules, so it runs in this thread (pass experimentModules to use workers)`);
        executor = inThreadExecutor(experiment, context);
      }
      const journal = Journal.open(journalPath, plan.id, 1000, options.command);
      const stopListening = onKernelInterrupt(() => kernelStop.abort());
      try {
        await schedule(pending, executor, (batch) => {
          journal.append(batch.lines);
          unitsRun += batch.done.length + batch.failed.length;
          done += batch.done.length;
          failed += batch.failed.length;
          progress.update(done + failed, failed);
        }, { signal });
      } finally {
        stopListening();
        journal.close();
        await executor.close();
      }
    }
    progress.finish(done + failed, failed);
    if (signal.aborted) throw new SweepInterruptedError(dir, done, units.length, inKernel ? "run the cell again to resume" : undefined);

    const elapsedS = (Date.now() - started.getTime()) / 1000;
    const runS = (performance.now() - tRun) / 1000;
    const timings: Timings = {
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      elapsedS,
      unitsRun,
      unitsResumed: resumed,
      workers: threadsUsed,
      unitsPerS: runS > 0 ? unitsRun / runS : 0,
    };
    const manifest = finalize(plan, dir, units, timings, options.command ?? null, modules, summaryOptions);
    return openResult(plan, dir, manifest, false, summaryOptions);
  } finally {
    release();
  }
}

/**
 * Nothing computed is dropped without consent: a folder whose journal belongs
 * to another sweep (interrupted, e.g. with another seed) is refused before any
 * work, naming both ids, how to resume the other one and how to discard it.
 */
function refuseOtherJournal(dir: string, plan: SweepPlan): void {
  const path = join(dir, JOURNAL);
  if (!existsSync(path)) return;
  const scan = readJournal(path, () => {});
  if (scan.id === undefined || scan.id === plan.id) return;
  const stored = `${scan.records} finished unit${scan.records === 1 ? "" : "s"} in ${JOURNAL}`;
  const resume = scan.command ? `resume it with: ${scan.command}` : `resume it by running that sweep again`;
  throw new Error(
    `${dir} holds another, unfinished sweep (id ${scan.id}, ${stored}; this one is ${plan.id}); nothing was run and nothing deleted. ` +
      `Choose another folder for this one, or ${resume}; to discard it, delete ${path}`,
  );
}

/**
 * Which units the journal already holds (by unit index); refuseOtherJournal
 * has made sure it is this sweep's. Torn records and failed units are dropped so they run again.
 */
function resumeJournal(path: string, plan: SweepPlan, command?: string): Uint8Array {
  const stored = new Uint8Array(plan.units);
  let dropped = 0;
  const scan = readJournal(path, (record) => {
    if (record.u >= plan.units || "error" in record || stored[record.u]) dropped++;
    else stored[record.u] = 1;
  });
  if (scan.id === undefined && scan.records === 0) rmSync(path, { force: true }); // empty or only a torn header
  else if (scan.damaged > 0 || dropped > 0) compactJournal(path, plan.id, (record) => "row" in record && record.u < plan.units, command);
  return stored;
}

/** Journal -> data files -> manifest (written last). Deletes the journal when every unit succeeded. */
function finalize(plan: SweepPlan, dir: string, units: Uint32Array, timings: Timings, command: string | null, modules: readonly string[], summaryOptions: SummaryOptions): SweepManifest {
  const journalPath = join(dir, JOURNAL);
  const parameters = parameterTypes(plan.experiment.params);
  const assembled = assemble(journalPath, units, parameters, plan.replicates);
  if (assembled.missing.length) throw new Error(`internal error: ${assembled.missing.length} units have no record after the run (first: unit ${assembled.missing[0]})`);
  const errors = assembled.errors.map((e) => unitError(plan, e.u, e, modules));
  const files = writeResultFiles(dir, assembled.columns, parameters, errors, !plan.shard, assembled.series, summaryOptions);
  const manifest = buildManifest({
    id: plan.id,
    experiment: plan.experiment,
    parameters,
    points: plan.points,
    replicates: plan.replicates,
    seed: plan.seed,
    units: plan.units,
    shard: plan.shard ? { ...plan.shard, units: units.length } : null,
    code: plan.code,
    command,
    files,
    errors: errors.length,
    summary: summaryInfo(summaryOptions),
    commonRandomNumbers: plan.commonRandomNumbers,
    timings,
  });
  writeManifest(dir, manifest);
  if (!errors.length) rmSync(journalPath, { force: true });
  return manifest;
}

function unitError(plan: SweepPlan, u: number, failure: { name: string; message: string }, modules: readonly string[]): UnitError {
  const { point, replicate } = unitAt(plan, u);
  const params = plan.points[point];
  return {
    unit: u,
    point: params,
    replicate,
    seed: plan.seed,
    stream: plan.commonRandomNumbers ? commonReplicateRng(plan.seed, plan.experiment.name, replicate).seed : streamSeed([plan.seed, plan.experiment.name, streamCells(plan.experiment.params, params as Record<string, number | string | boolean>), replicate]),
    name: failure.name,
    message: failure.message,
    replay: replayCommand(plan.experiment.name, params, plan.seed, replicate, isRegistered(plan.experiment) ? [] : modules),
  };
}

function openResult(plan: SweepPlan, dir: string, manifest: SweepManifest, cached: boolean, summaryOptions: SummaryOptions): RunSweepResult {
  const opened = readResultFiles(dir, manifest);
  const { rows, errors, series, seriesNames } = opened;
  // The stored summary is at the level it was run with; another level (or a folder from before levels) is recomputed from the rows.
  const info = summaryInfo(summaryOptions);
  const summary = manifest.files.summary && canonicalJson(manifest.summary ?? null) !== canonicalJson(info) ? summaryOfTable(plan.experiment, rows, summaryOptions) : opened.summary;
  return {
    experiment: plan.experiment.name,
    seed: plan.seed,
    replicates: plan.replicates,
    points: plan.given,
    rows,
    summary,
    summaryInfo: info,
    commonRandomNumbers: plan.commonRandomNumbers,
    series,
    seriesNames,
    id: plan.id,
    dir,
    cached,
    complete: manifest.status === "complete",
    errors,
    manifest,
    ...(plan.shard ? { shard: plan.shard } : {}),
  };
}

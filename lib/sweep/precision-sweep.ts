/**
 * Sweeps to a precision target: replicate until every point's interval of the
 * target measures is at most +- halfWidth, or the point has `maxReplicates`.
 *
 *   round 0: every point, `replicates` replicates, seed S
 *   round k: only the points still short, m_k more replicates each, with seed
 *            S_k = roundSeed(S, k) (so the rows are new draws), where m_k is
 *            what the widest short point needs by the usual n (h / target)^2
 *            (Law 2015, eq. 9.3), at least `replicates`, at most doubling the
 *            replicates so far and at most up to the cap
 *   after each round: summary over all rounds' rows -> which points are short
 *
 * Each round is an ordinary stored sweep in <dir>/round-<k>/ (cached,
 * resumable, any number of workers), and the decisions read only rows, which
 * depend only on the seed: the rounds, and so the combined rows.arrow,
 * summary.arrow and the precision report in manifest.json, are the same bytes
 * for any number of workers, and an interrupted precision sweep resumes where
 * it stopped. Rows keep their round's seed and replicate, so any row reruns
 * alone with `consensus-lab run ... --seed S_k --replicate r`.
 *
 * Sequential stopping on the observed half-width slightly lowers coverage
 * below the nominal level when a point stops after very few replicates
 * (Law, Simulation Modeling and Analysis, 5th ed., section 9.4.1); a first
 * batch of 8 or more keeps the effect small.
 */
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import * as aq from "arquero";
import { sha256 } from "@noble/hashes/sha256";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";
import type { Experiment } from "../experiment/experiment";
import { checkLevel } from "../stats/level";
import { checkPrecision, parsePrecision, pointPrecision, type PrecisionTargets } from "../stats/precision";
import { canonicalJson } from "../random/seed";
import { parameterTypes, tableColumns } from "./arrow";
import { acquireLock } from "./lock";
import { buildManifest, filesPresent, readManifest, writeManifest, type SweepManifest } from "./manifest";
import { planRun, type SweepPlan } from "./plan";
import { readResultFiles, writeResultFiles, type UnitError } from "./result-files";
import { runSweep, type RunSweepOptions, type RunSweepResult } from "./run-sweep";
import { dataRoot } from "./store";
import { inTslabKernel } from "../notebook/interrupt";
import { countColumn, measureColumns, summaryInfo } from "./summary";
import { experimentSummaryOptions, nonMeasureColumns, summaryOfTable, type GridInput } from "./sweep";

/** Default cap on the replicates of one point. */
export const DEFAULT_MAX_REPLICATES = 1000;

export interface PrecisionRound {
  round: number;
  seed: number;
  /** The round's sweep id (its folder is <dir>/round-<k>). */
  id: string;
  points: number;
  replicates: number;
}

/** What a precision sweep did, stored in its manifest as `precision`. */
export interface PrecisionReport {
  targets: Record<string, number>;
  /** Replicates per batch (the first batch too). */
  batch: number;
  maxReplicates: number;
  level: number;
  rounds: PrecisionRound[];
  /** Every point met every target. */
  met: boolean;
  /** Points that reached the cap short of a target: grid index, parameters, replicates, half-widths. */
  unmet: Array<{ point: number; params: Record<string, unknown>; n: number; halfWidth: Record<string, number> }>;
  /** Replicates per point, in grid order. */
  replicatesPerPoint: number[];
}

/** The seed of round k: the root seed for round 0, else 52 bits of SHA-256 of (seed, "precision round", k). */
export function roundSeed(seed: number, round: number): number {
  if (round === 0) return seed;
  const hex = bytesToHex(sha256(utf8ToBytes(canonicalJson([seed, "precision round", round])))).slice(0, 13);
  return parseInt(hex, 16);
}

function precisionId(plan: SweepPlan, targets: PrecisionTargets, maxReplicates: number, level: number): string {
  const text = canonicalJson(["consensus-lab precision sweep", 1, plan.experiment.name, plan.points, plan.replicates, plan.seed, plan.code.hash, plan.commonRandomNumbers, targets, maxReplicates, level]);
  return bytesToHex(sha256(utf8ToBytes(text))).slice(0, 16);
}

function pointKey(names: readonly string[], values: (name: string) => unknown): string {
  return JSON.stringify(names.map((n) => {
    const v = values(n);
    return v !== null && typeof v === "object" ? canonicalJson(v) : v;
  }));
}

export async function runPrecisionSweep(experiment: Experiment, grid: GridInput, options: RunSweepOptions): Promise<RunSweepResult> {
  const started = new Date();
  const targets = typeof options.precision === "string" ? parsePrecision(options.precision) : { ...(options.precision as PrecisionTargets) };
  checkPrecision(targets, Object.keys(targets)); // shape and values; names are checked against the outputs after round 0
  const batch = options.replicates ?? 8;
  if (!Number.isInteger(batch) || batch < 2) throw new RangeError(`invalid replicates: ${batch} (allowed with precision targets: an integer >= 2, the size of each batch)`);
  const maxReplicates = options.maxReplicates ?? DEFAULT_MAX_REPLICATES;
  if (!Number.isInteger(maxReplicates) || maxReplicates < batch || maxReplicates > 1e7)
    throw new RangeError(`invalid maxReplicates: ${maxReplicates} (allowed: an integer, replicates = ${batch} <= maxReplicates <= 10000000)`);
  if (options.shard !== undefined) throw new RangeError("invalid shard: a precision sweep decides each batch from every point's summary, so it cannot be sharded (run it whole, on as many workers as you like)");
  const level = checkLevel(options.level ?? 0.95);
  const seed = options.seed ?? 1;
  const plan = planRun(experiment, grid, { replicates: batch, seed, commonRandomNumbers: options.commonRandomNumbers }); // every point checked before any work
  const id = precisionId(plan, targets, maxReplicates, level);
  const dir = options.dir ? resolve(options.dir) : join(dataRoot(options.dataDir), "sweeps", experiment.name, id);
  const out = inTslabKernel() ? process.stdout : process.stderr; // in a notebook these are info lines, not errors (as runSweep)
  const log = options.log ?? ((line: string) => out.write(line + "\n"));
  const summaryOptions = experimentSummaryOptions(experiment, level);
  const names = Object.keys(experiment.params);

  const existing = readManifest(dir);
  if (existing && existing.id !== id) throw new Error(`${dir} holds another sweep (id ${existing.id}; this precision sweep is ${id}): choose another folder or delete it`);
  if (options.cache !== false && existing?.status === "complete" && existing.precision && filesPresent(dir, existing)) {
    log(`cached: ${experiment.name} precision sweep ${id}: ${existing.rows} rows loaded from ${dir}`);
    return resultOf(plan, dir, existing, true, id);
  }

  mkdirSync(dir, { recursive: true });
  const keyOfPoint = plan.points.map((p) => pointKey(names, (n) => p[n]));
  const indexOfKey = new Map(keyOfPoint.map((k, i) => [k, i]));
  const tables: aq.ColumnTable[] = [];
  const errors: UnitError[] = [];
  const rounds: PrecisionRound[] = [];
  const counts = new Array<number>(plan.points.length).fill(0);
  let active = plan.points.map((_, i) => i);
  let done = 0; // replicates every active point has been given
  let report: ReturnType<typeof pointPrecision> = [];
  let replicates = batch;
  const timings: RunSweepResult["manifest"]["timings"][] = [];
  for (let k = 0; active.length > 0; k++) {
    const s = roundSeed(seed, k);
    const round = await runSweep(experiment, active.map((i) => plan.given[i]), {
      ...options,
      precision: undefined,
      maxReplicates: undefined,
      replicates,
      seed: s,
      dir: join(dir, `round-${k}`),
      level,
    });
    rounds.push({ round: k, seed: s, id: round.id, points: active.length, replicates });
    timings.push(round.manifest.timings);
    tables.push(round.rows);
    errors.push(...round.errors);
    done += replicates;
    if (k === 0) checkPrecision(targets, measureColumns(round.rows, nonMeasureColumns(experiment)));
    // Summary over every round so far, rows matched to grid points by their parameters.
    const all = concatRounds(tables);
    const summary = summaryOfTable(experiment, all, summaryOptions);
    const byPoint = new Array<Record<string, unknown>>(plan.points.length).fill({});
    for (const row of summary.objects() as Array<Record<string, unknown>>) {
      const i = indexOfKey.get(pointKey(names, (n) => row[n]));
      if (i !== undefined) byPoint[i] = row;
    }
    const count = countColumn(names, Object.keys(targets));
    report = pointPrecision(byPoint, targets, count);
    report.forEach((r, i) => (counts[i] = Number.isFinite(r.n) ? r.n : 0));
    const short = active.filter((i) => !report[i].met);
    active = done < maxReplicates ? short : [];
    replicates = nextBatch(short.map((i) => report[i]), targets, done, batch, maxReplicates);
    const worst = Object.keys(targets).map((m) => `${m} ±${Math.max(...report.map((r) => r.halfWidth[m]).filter(Number.isFinite)).toPrecision(3)} (target ${targets[m]})`);
    log(`precision ${experiment.name} ${id}: round ${k}: ${short.length} of ${plan.points.length} points short; widest ${worst.join(", ")}${active.length ? `; ${replicates} more replicates at each` : short.length ? `; cap of ${maxReplicates} replicates reached` : ""}`);
  }

  const unmet = report.filter((r) => !r.met).map((r) => ({ point: r.point, params: plan.given[r.point], n: r.n, halfWidth: r.halfWidth }));
  const precision: PrecisionReport = { targets, batch, maxReplicates, level, rounds, met: unmet.length === 0, unmet, replicatesPerPoint: counts };
  const release = acquireLock(dir);
  try {
    const parameters = parameterTypes(experiment.params);
    const rows = orderRows(concatRounds(tables), names, indexOfKey);
    const files = writeResultFiles(dir, tableColumns(rows, parameters), parameters, errors, true, null, summaryOptions);
    const finishedAt = new Date();
    const manifest = buildManifest({
      id,
      experiment,
      parameters,
      points: plan.points,
      replicates: Math.max(...counts),
      seed,
      units: files.rowCount + errors.length,
      shard: null,
      code: plan.code,
      command: options.command ?? null,
      files,
      errors: errors.length,
      summary: summaryInfo(summaryOptions),
      commonRandomNumbers: plan.commonRandomNumbers,
      precision,
      timings: {
        startedAt: started.toISOString(),
        finishedAt: finishedAt.toISOString(),
        elapsedS: (finishedAt.getTime() - started.getTime()) / 1000,
        unitsRun: timings.reduce((a, t) => a + t.unitsRun, 0),
        unitsResumed: timings.reduce((a, t) => a + t.unitsResumed, 0),
        workers: Math.max(0, ...timings.map((t) => t.workers)),
        unitsPerS: timings.reduce((a, t) => a + t.unitsRun, 0) / Math.max(1e-9, timings.reduce((a, t) => a + t.elapsedS, 0)),
      },
    });
    writeManifest(dir, manifest);
    if (!precision.met) log(`precision ${experiment.name} ${id}: ${unmet.length} points reached the cap of ${maxReplicates} replicates short of the target (listed in manifest.json under precision.unmet)`);
    return resultOf(plan, dir, manifest, false, id);
  } finally {
    release();
  }
}

/**
 * Replicates of the next round: enough for the widest short point by
 * n (h / target)^2 (the half-width shrinks as 1 / sqrt(n)), at least `batch`,
 * at most doubling what each point has and at most up to the cap.
 */
export function nextBatch(short: ReadonlyArray<{ n: number; halfWidth: Record<string, number> }>, targets: PrecisionTargets, done: number, batch: number, cap: number): number {
  let needed = 0;
  for (const r of short) {
    for (const [m, target] of Object.entries(targets)) {
      const h = r.halfWidth[m];
      const want = Number.isFinite(h) ? Math.ceil(r.n * (h / target) ** 2) : 2 * done;
      needed = Math.max(needed, want - done);
    }
  }
  return Math.max(0, Math.min(Math.max(batch, Math.min(needed, done)), cap - done));
}

/** Rows of every round as one table (columns of the first round first). */
function concatRounds(tables: readonly aq.ColumnTable[]): aq.ColumnTable {
  const nonEmpty = tables.filter((t) => t.numRows() > 0);
  if (nonEmpty.length === 0) return aq.table({});
  return nonEmpty.slice(1).reduce((a, t) => a.concat(t), nonEmpty[0]);
}

/** Grid order, then round, then replicate (a stable sort by grid index keeps round order). */
function orderRows(table: aq.ColumnTable, names: readonly string[], indexOfKey: ReadonlyMap<string, number>): aq.ColumnTable {
  if (table.numRows() === 0) return table;
  const rows = table.objects() as Array<Record<string, unknown>>;
  const index = rows.map((r) => indexOfKey.get(pointKey(names, (n) => r[n])) ?? Number.MAX_SAFE_INTEGER);
  const order = rows.map((_, i) => i).sort((a, b) => index[a] - index[b] || a - b);
  return aq.from(order.map((i) => rows[i]));
}

function resultOf(plan: SweepPlan, dir: string, manifest: SweepManifest, cached: boolean, id: string): RunSweepResult {
  const opened = readResultFiles(dir, manifest);
  return {
    experiment: plan.experiment.name,
    seed: plan.seed,
    replicates: manifest.replicates,
    points: plan.given,
    rows: opened.rows,
    summary: opened.summary,
    summaryInfo: manifest.summary ?? summaryInfo(),
    commonRandomNumbers: plan.commonRandomNumbers,
    series: opened.series,
    seriesNames: opened.seriesNames,
    id,
    dir,
    cached,
    complete: manifest.status === "complete",
    errors: opened.errors,
    manifest,
    precision: manifest.precision,
  } as RunSweepResult;
}

import { copyFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { intOption, optionValue, optionValues, parseArgs, type ParsedArgs } from "../args";
import { UsageError, type Command } from "../command";
import { parameterAxes } from "../experiment-args";
import { withPreset } from "../../experiment/experiment";
import { checkFormat, checkOutputFile, checkOutputFolder, formatRows, outputKind, type RowFormat } from "../format";
import { ROWS_PARQUET } from "../../sweep/parquet";
import { envExperimentModules, findExperiment } from "../../sweep/experiments";
import { cartesian, product, zip, type Point } from "../../sweep/grid";
import { ROWS } from "../../sweep/manifest";
import type { ProgressMode } from "../../sweep/progress";
import { planRun } from "../../sweep/plan";
import { runSweep, sweepFolder, SweepInterruptedError, type RunSweepResult } from "../../sweep/run-sweep";
import { shardUnits } from "../../sweep/shard";
import { shellWord } from "../../sweep/replay";
import type { ParamValue } from "../../experiment/params";
import { resolve } from "node:path";
import { parsePrecision } from "../../stats/precision";

/** Options of this command that are not experiment parameters. */
const OWN_OPTIONS = ["dir", "data-dir", "progress", "experiments-module", "dry-run", "precision", "max-replicates", "level", "preset"];
const FLAGS = ["no-cache", "quiet", "resume", "help", "dry-run", "crn"];
/** Every option of this command: anything else must be a parameter of the experiment. */
const SWEEP_OPTIONS = () => [...OWN_OPTIONS, ...FLAGS, "seed", "replicates", "format", "out", "zip", "workers", "shard"];

export const sweepCommand: Command = {
  name: "sweep",
  summary: "run a grid of parameter points with seeded replicates on every core; stored, cached, resumable, shardable",
  usage: [
    "consensus-lab sweep <experiment> --<param> <axis>... [--zip a,b] [--replicates R] [--seed N]",
    "                    [--workers N] [--shard i/n] [--dir DIR] [--data-dir DIR] [--no-cache]",
    "                    [--progress auto|bar|lines|none] [--quiet] [--out FILE.csv|.json|.arrow|.parquet|-] [--format csv|json]",
    "  <axis>: one value (0.3), a list (0,0.5,1) or a range start:stop:step, stop excluded (0:0.5:0.025).",
    "  JSON parameters: one value per option, JSON text or @FILE.json; repeat the option for an axis of JSON values.",
    "  --preset NAME  every point starts from the named parameter set (consensus-lab list); given axes override it.",
    "  Axes combine as a cartesian product; --zip a,b pairs the axes a and b element by element.",
    "  Results go to DIR (default data/sweeps/<experiment>/<sweep id>/): rows.arrow (one row per replicate),",
    "  summary.arrow (one row per point), manifest.json; notebooks load them with loadSweep(\"<sweep id>\").",
    "  --workers N    worker threads (default: every core); the result is identical for any N.",
    "  Cache: the same experiment, points, replicates, seed and model code reuses the stored result at once;",
    "    --no-cache recomputes. A killed sweep resumes where it stopped when run again.",
    "  --shard i/n    run units u with u mod n = i (0 <= i < n) into DIR/shard-i-of-n/; combine the n shards",
    "    with `consensus-lab merge DIR` (the merged files equal a single-machine run byte for byte).",
    "  --out FILE     also write the rows to FILE (.csv, .json or .jsonl: JSON lines, .arrow, .parquet), or to stdout with --out -;",
    "    the folder of FILE must exist. The sweep folder always holds rows/summary as .arrow and .parquet.",
    "  Exit status: 0 done, 1 some units failed (each is listed with the command that replays it),",
    "    2 bad input (nothing ran), 130 interrupted (rerun to resume).",
    "  --dry-run      validate the grid and print the sweep id, units and folder; run nothing.",
    "  --level L      confidence level of summary.arrow's intervals (default 0.95): Student-t with n - 1 df for means,",
    "    Wilson for proportions the experiment declares (pooled counts); the manifest's `summary` says which.",
    "  --precision m=H  replicate until every point's interval of output m is at most +-H (repeat or m=H,k=J for",
    "    several): batches of --replicates (default 8) at the points still short, up to --max-replicates (default 1000);",
    "    points left short at the cap are listed. Same result for any --workers; an interrupted run resumes.",
    "  --crn          common random numbers: every point's replicate r on the same stream, for paired comparisons",
    "    between points (pairedDifference in a notebook).",
    "  Extra experiments (tests, private models): --experiments-module PATH or $CONSENSUS_LAB_EXPERIMENTS.",
  ].join("\n"),
  async run(argv) {
    const args = parseArgs(argv, FLAGS);
    const [name, ...extra] = args.positionals;
    if (!name) throw new UsageError("missing <experiment> (see `consensus-lab list`)");
    if (extra.length) throw new UsageError(`unexpected argument: ${extra[0]}`);
    const modules = [...optionValues(args, "experiments-module").map((p) => resolve(p)), ...envExperimentModules()];
    const experiment = findExperiment(name, modules);
    const axes = parameterAxes(experiment, args, SWEEP_OPTIONS(), "sweep");
    // A preset sits under every point (a given axis wins over the preset's value).
    const preset = optionValue(args, "preset");
    const points = combineAxes(axes, optionValue(args, "zip")).map((p) => withPreset(experiment, preset, p) as Point);
    const precisionSpec = optionValues(args, "precision");
    const precision = precisionSpec.length ? parsePrecision(precisionSpec) : undefined;
    const replicates = intOption(args, "replicates", precision ? 8 : 1, precision ? 2 : 1, 1e7);
    const maxReplicates = optionValue(args, "max-replicates") === undefined ? undefined : intOption(args, "max-replicates", 1000, replicates, 1e7);
    if (maxReplicates !== undefined && !precision) throw new UsageError("--max-replicates goes with --precision (it caps the replicates a precision target may add)");
    const level = levelOption(optionValue(args, "level"));
    const commonRandomNumbers = optionValue(args, "crn") === "true";
    const seed = intOption(args, "seed", 1, 0);
    const workers = optionValue(args, "workers") === undefined ? undefined : intOption(args, "workers", 1, 1, 1024);
    const quiet = optionValue(args, "quiet") === "true";
    const progress = checkProgress(quiet ? "none" : optionValue(args, "progress"));
    const out = optionValue(args, "out");
    const format = outputFormat(out, optionValue(args, "format"));
    // Every output path is checked before any work.
    if (out !== undefined && out !== "-") checkOutputFile("out", out);
    for (const option of ["dir", "data-dir"]) {
      const folder = optionValue(args, option);
      if (folder !== undefined) checkOutputFolder(option, folder);
    }

    if (optionValue(args, "dry-run") === "true") {
      const plan = planRun(experiment, points, { replicates, seed, shard: optionValue(args, "shard"), commonRandomNumbers });
      const units = plan.shard ? shardUnits(plan.units, plan.shard).length : plan.units;
      const dir = sweepFolder(plan, { dir: optionValue(args, "dir"), dataDir: optionValue(args, "data-dir") });
      console.log(`valid: ${experiment.name} ${plan.id}: ${plan.points.length} points x ${plan.replicates} replicates = ${plan.units} units${plan.shard ? `, shard ${plan.shard.index}/${plan.shard.count}: ${units} units` : ""} -> ${shown(dir)}`);
      return 0;
    }

    const controller = new AbortController();
    let interrupts = 0;
    const onSigint = () => {
      if (++interrupts > 1) process.exit(130);
      process.stderr.write("\ninterrupt: finishing the batches in flight (Ctrl-C again to stop at once; nothing stored is lost)\n");
      controller.abort();
    };
    process.on("SIGINT", onSigint);
    let result: RunSweepResult;
    try {
      result = await runSweep(experiment, points, {
        replicates,
        ...(precision ? { precision, maxReplicates } : {}),
        ...(level !== undefined ? { level } : {}),
        commonRandomNumbers,
        seed,
        workers,
        shard: optionValue(args, "shard"),
        dir: optionValue(args, "dir"),
        dataDir: optionValue(args, "data-dir"),
        cache: optionValue(args, "no-cache") !== "true",
        progress,
        experimentModules: modules,
        signal: controller.signal,
        log: quiet ? () => {} : (line) => process.stderr.write(line + "\n"),
        command: ["consensus-lab", "sweep", ...argv].map(shellWord).join(" "),
      });
    } catch (err) {
      if (err instanceof SweepInterruptedError) {
        process.stderr.write(`consensus-lab sweep: ${err.message}\n`);
        return 130;
      }
      throw err;
    } finally {
      process.off("SIGINT", onSigint);
    }

    if (out === "-") process.stdout.write(formatRows(result.rows, format));
    else if (out !== undefined) writeOut(result, out, format);
    if (!quiet) process.stderr.write(describe(result, out) + "\n");
    if (!quiet && result.precision) process.stderr.write(describePrecision(result) + "\n");
    if (result.errors.length) {
      process.stderr.write(failureReport(result));
      return 1;
    }
    return 0;
  },
};

/** Rows format of --out: its extension decides (a --format that disagrees is refused); for stdout, --format (default csv). */
function outputFormat(out: string | undefined, formatOption: string | undefined): RowFormat {
  const kind = out === undefined ? "stdout" : outputKind("out", out);
  if (kind !== "csv" && kind !== "json") return checkFormat(formatOption);
  if (formatOption !== undefined && checkFormat(formatOption) !== kind) throw new UsageError(`--format ${formatOption} disagrees with --out ${out} (the extension says ${kind}; give one of them)`);
  return kind;
}

/** The rows to --out: CSV or JSON lines as text, .arrow and .parquet as copies of the stored files. */
function writeOut(result: RunSweepResult, out: string, format: RowFormat): void {
  const kind = outputKind("out", out);
  try {
    if (kind === "arrow") copyFileSync(join(result.dir, ROWS), out);
    else if (kind === "parquet") copyFileSync(join(result.dir, ROWS_PARQUET), out);
    else writeFileSync(out, formatRows(result.rows, format));
  } catch (err) {
    throw new Error(`could not write --out ${out}: ${(err as Error).message} (the sweep itself is stored in ${shown(result.dir)})`);
  }
}

function levelOption(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value) || value <= 0 || value >= 1) throw new UsageError(`invalid --level: ${JSON.stringify(raw)} (allowed: a number, 0 < level < 1, e.g. 0.95)`);
  return value;
}

/** What the precision targets got: replicates per point and any point left short at the cap. */
function describePrecision(result: RunSweepResult): string {
  const p = result.precision as NonNullable<RunSweepResult["precision"]>;
  const n = p.replicatesPerPoint;
  const targets = Object.entries(p.targets).map(([m, h]) => `${m} +-${h}`).join(", ");
  const head = `precision ${targets} at ${Math.round(100 * p.level * 1e4) / 1e4}%: ${p.rounds.length} rounds, ${Math.min(...n)} to ${Math.max(...n)} replicates per point`;
  if (p.met) return `${head}; every point met every target`;
  const lines = [`${head}; ${p.unmet.length} points reached --max-replicates ${p.maxReplicates} short of a target:`];
  for (const u of p.unmet.slice(0, 5)) {
    const point = Object.entries(u.params).map(([k, v]) => `${k}=${String(v)}`).join(" ");
    lines.push(`  ${point}: ${Object.entries(u.halfWidth).map(([m, h]) => `${m} +-${h.toPrecision(3)}`).join(", ")} after ${u.n} replicates`);
  }
  if (p.unmet.length > 5) lines.push(`  ... and ${p.unmet.length - 5} more in manifest.json (precision.unmet)`);
  return lines.join("\n");
}

function checkProgress(raw: string | undefined): ProgressMode {
  const value = raw ?? "auto";
  if (!["auto", "bar", "lines", "none", "notebook"].includes(value)) throw new UsageError(`invalid --progress: ${JSON.stringify(value)} (allowed: auto, bar, lines, none)`);
  return value as ProgressMode;
}

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") ? rel : path;
}

function describe(result: RunSweepResult, out: string | undefined): string {
  const m = result.manifest;
  const what = `${m.experiment.name} ${m.id}: ${m.points.length} points x ${m.replicates} replicates`;
  const where = `${shown(result.dir)}${out && out !== "-" ? ` (rows also in ${out})` : ""}`;
  const how = result.cached ? "cached" : `${m.timings.elapsedS.toFixed(1)} s, ${m.timings.workers} worker${m.timings.workers === 1 ? "" : "s"}`;
  if (result.shard) {
    const base = shown(join(result.dir, ".."));
    return `${what}, shard ${result.shard.index}/${result.shard.count}: ${m.rows} rows -> ${where} (${how}); when every shard is done: consensus-lab merge ${shellWord(base)}`;
  }
  return `${what} = ${m.rows} rows -> ${where} (${how})`;
}

function failureReport(result: RunSweepResult): string {
  const errors = result.errors;
  const total = result.manifest.shard ? result.manifest.shard.units : result.manifest.units;
  const lines = [`consensus-lab sweep: ${errors.length} of ${total} units failed; the others are stored (errors: ${shown(join(result.dir, "errors.json"))}):`];
  for (const e of errors.slice(0, 5)) {
    const point = Object.entries(e.point).map(([k, v]) => `${k}=${String(v)}`).join(" ");
    lines.push(`  ${point} replicate=${e.replicate} seed=${e.seed}: ${e.name}: ${e.message}`);
    lines.push(`    replay: ${e.replay}`);
  }
  if (errors.length > 5) lines.push(`  ... and ${errors.length - 5} more in errors.json`);
  lines.push("Fix the cause and run the same sweep again: stored units are reused, failed ones run again.");
  return lines.join("\n") + "\n";
}

/** Cartesian product of the axes, with the axes named in `zipSpec` ("a,b") paired. */
export function combineAxes(axes: Record<string, readonly ParamValue[]>, zipSpec?: string): Point[] {
  const zipped = zipSpec ? zipSpec.split(",").map((s) => s.trim()) : [];
  for (const z of zipped) if (!(z in axes)) throw new UsageError(`--zip names ${JSON.stringify(z)}, which is not a given axis`);
  const rest = Object.fromEntries(Object.entries(axes).filter(([k]) => !zipped.includes(k)));
  const lists: Point[][] = [cartesian(rest)];
  if (zipped.length) lists.push(zip(Object.fromEntries(zipped.map((k) => [k, axes[k]]))));
  return product(...lists);
}

import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { optionValue, optionValues, parseArgs } from "../args";
import { UsageError, type Command } from "../command";
import { projectRoot } from "../../notebook/jupyter-env";
import { KernelError } from "../../notebook/kernel";
import { NotebookParameterError, parseParameterArgs } from "../../notebook/parameters";
import { NotebookCellError, runNotebook } from "../../notebook/run-notebook";

export const notebooksCommand: Command = {
  name: "notebooks",
  summary: "run notebooks top to bottom (tslab kernel, no Jupyter needed) and save their outputs",
  usage: [
    "consensus-lab notebooks [paths...] [-p name=value]... [--timeout SECONDS] [--out DIR | --in-place] [--quiet]",
    "  Runs each notebook (default: notebooks/*.ipynb; a folder means its *.ipynb) in a fresh tslab kernel",
    "  started in the notebook's folder, and writes the outputs into the notebook (default: in place).",
    "  -p name=value      override a variable of the cell tagged `parameters` (papermill style); the value is",
    "                     JSON if it parses (0.3, true, [1,2]), else a string; a new cell tagged",
    "                     `injected-parameters` redeclares it with the declared type, so bad values fail to compile",
    "  --timeout SECONDS  interrupt a cell running longer than this (default 600)",
    "  --out DIR          write executed notebooks into DIR instead of in place",
    "  --quiet            no per-cell progress lines (failures are still reported)",
    "  A failing cell stops its notebook: the notebook is written with the outputs so far and the error,",
    "  the diagnostic is printed, the other notebooks still run, and the exit code is 1.",
  ].join("\n"),
  async run(argv) {
    const args = parseArgs(argv, ["in-place", "quiet"]);
    const known = new Set(["p", "timeout", "out", "in-place", "quiet"]);
    for (const [name] of args.options) if (!known.has(name)) throw new UsageError(`unknown option ${name.length === 1 ? "-" : "--"}${name}`);
    const out = optionValue(args, "out");
    if (out !== undefined && optionValue(args, "in-place") !== undefined) throw new UsageError("--out and --in-place exclude each other");
    const timeoutS = positiveSeconds(optionValue(args, "timeout"), 600);
    const quiet = optionValue(args, "quiet") !== undefined;
    let parameters: Record<string, string>;
    try {
      parameters = parseParameterArgs(optionValues(args, "p"));
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const paths = notebookPaths(args.positionals);
    if (paths.length === 0) {
      console.error(`consensus-lab notebooks: no notebooks found (looked in ${args.positionals.join(", ") || defaultFolder()})`);
      return 0;
    }

    const failed: string[] = [];
    for (const path of paths) {
      const shown = displayPath(path);
      try {
        const result = await runNotebook(path, {
          outPath: out === undefined ? undefined : join(out, basename(path)),
          parameters,
          cellTimeoutS: timeoutS,
          progress: quiet ? undefined : (line) => process.stderr.write(line.replace(path, shown) + "\n"),
        });
        for (const warning of result.warnings) process.stderr.write(`warning: ${warning.replace(path, shown)}\n`);
        if (!quiet) process.stderr.write(`${shown}: ok, ${result.cellsRun} cells in ${result.seconds.toFixed(1)} s -> ${displayPath(result.outPath)}\n`);
      } catch (err) {
        if (err instanceof NotebookParameterError) {
          console.error(`consensus-lab notebooks: ${err.message.replace(path, shown)}`);
          return 2;
        }
        if (err instanceof KernelError) {
          failed.push(shown);
          process.stderr.write(`${shown}: ${err.message}\n`);
          continue;
        }
        if (!(err instanceof NotebookCellError)) throw err;
        failed.push(shown);
        process.stderr.write(`${err.message.replace(path, shown)}\n  (outputs so far written to ${displayPath(err.outPath)})\n`);
      }
    }
    if (paths.length > 1 || failed.length > 0)
      process.stderr.write(`${paths.length} notebook${paths.length > 1 ? "s" : ""} run, ${failed.length} failed${failed.length ? ": " + failed.join(", ") : ""}\n`);
    return failed.length > 0 ? 1 : 0;
  },
};

function positiveSeconds(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`invalid --timeout: ${JSON.stringify(raw)} (allowed: seconds > 0)`);
  return value;
}

/** notebooks/ in the working directory if there is one, else the project's. */
function defaultFolder(): string {
  return existsSync("notebooks") ? "notebooks" : join(projectRoot(), "notebooks");
}

/** Files as given; folders expand to their *.ipynb, sorted. */
function notebookPaths(positionals: string[]): string[] {
  const inputs = positionals.length ? positionals : [defaultFolder()];
  const out: string[] = [];
  for (const input of inputs) {
    if (!existsSync(input)) throw new UsageError(`no such notebook or folder: ${input}`);
    if (statSync(input).isDirectory())
      out.push(...readdirSync(input).filter((f) => f.endsWith(".ipynb")).sort().map((f) => join(input, f)));
    else out.push(input);
  }
  return out;
}

/** A path for messages: relative to the working directory when inside it. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), resolve(path));
  return rel && !rel.startsWith("..") ? rel : resolve(path);
}

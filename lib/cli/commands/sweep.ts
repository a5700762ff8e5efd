import { writeFileSync } from "node:fs";
import { intOption, optionValue, parseArgs } from "../args";
import { UsageError, type Command } from "../command";
import { parameterAxes } from "../experiment-args";
import { checkFormat, formatRows } from "../format";
import { getExperiment } from "../../models/registry";
import { cartesian, product, zip, type Point } from "../../sweep/grid";
import { sweep } from "../../sweep/sweep";

export const sweepCommand: Command = {
  name: "sweep",
  summary: "run a grid of parameter points with seeded replicates",
  usage: [
    "consensus-lab sweep <experiment> --<param> <axis>... [--zip a,b] [--replicates R] [--seed N] [--out FILE] [--format csv|json]",
    "  <axis>: one value (0.3), a list (0,0.5,1) or a range start:stop:step, stop excluded (0:0.5:0.025).",
    "  Axes combine as a cartesian product; --zip a,b pairs the axes a and b element by element.",
    "  Rows (one per replicate) go to --out (.csv or .json) or stdout; a summary goes to stderr.",
  ].join("\n"),
  async run(argv) {
    const args = parseArgs(argv);
    const [name, ...extra] = args.positionals;
    if (!name) throw new UsageError("missing <experiment> (see `consensus-lab list`)");
    if (extra.length) throw new UsageError(`unexpected argument: ${extra[0]}`);
    const experiment = getExperiment(name);
    const axes = parameterAxes(experiment, args);
    const points = combineAxes(axes, optionValue(args, "zip"));
    const replicates = intOption(args, "replicates", 1, 1, 1e7);
    const seed = intOption(args, "seed", 1, 0);
    const out = optionValue(args, "out");
    const format = out?.endsWith(".json") ? "json" : checkFormat(optionValue(args, "format"));
    const result = sweep(experiment, points, { replicates, seed });
    const text = formatRows(result.rows, format);
    if (out) writeFileSync(out, text);
    else process.stdout.write(text);
    process.stderr.write(`${experiment.name}: ${result.points.length} points x ${replicates} replicates = ${result.rows.numRows()} rows${out ? ` -> ${out}` : ""}\n`);
    return 0;
  },
};

/** Cartesian product of the axes, with the axes named in `zipSpec` ("a,b") paired. */
export function combineAxes(axes: Record<string, readonly (number | string | boolean)[]>, zipSpec?: string): Point[] {
  const zipped = zipSpec ? zipSpec.split(",").map((s) => s.trim()) : [];
  for (const z of zipped) if (!(z in axes)) throw new UsageError(`--zip names ${JSON.stringify(z)}, which is not a given axis`);
  const rest = Object.fromEntries(Object.entries(axes).filter(([k]) => !zipped.includes(k)));
  const lists: Point[][] = [cartesian(rest)];
  if (zipped.length) lists.push(zip(Object.fromEntries(zipped.map((k) => [k, axes[k]]))));
  return product(...lists);
}

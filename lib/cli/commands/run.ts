import { optionValue, parseArgs } from "../args";
import { UsageError, type Command } from "../command";
import { parameterValues } from "../experiment-args";
import { checkFormat, formatRows } from "../format";
import { findExperiment } from "../../sweep/experiments";
import { runPoint } from "../../sweep/run-point";
import { withPreset } from "../../experiment/experiment";
import { intOption } from "../args";

/** Every option of this command: anything else must be a parameter of the experiment. */
const RUN_OPTIONS = ["seed", "replicate", "replicates", "format", "help", "preset"];

export const runCommand: Command = {
  name: "run",
  summary: "run one parameter point and print its rows",
  usage: [
    "consensus-lab run <experiment> [--preset NAME] [--<param> <value>]... [--seed N] [--replicates R | --replicate I] [--format csv|json]",
    "  --preset NAME  start from a named parameter set (consensus-lab list shows them); given parameters override it.",
    "  JSON parameters take JSON text or @FILE.json: --partitions '[{\"startS\":600,\"durationS\":1800,\"groups\":{\"by\":\"fraction\",\"shares\":[0.5]}}]'.",
    "  Prints one row per replicate to stdout. --replicate I reruns replicate I alone (as in a sweep's rows).",
    "  Extra experiments (tests, private models): $CONSENSUS_LAB_EXPERIMENTS (module paths).",
  ].join("\n"),
  async run(argv) {
    const args = parseArgs(argv);
    const [name, ...extra] = args.positionals;
    if (!name) throw new UsageError("missing <experiment> (see `consensus-lab list`)");
    if (extra.length) throw new UsageError(`unexpected argument: ${extra[0]}`);
    const experiment = findExperiment(name);
    const params = withPreset(experiment, optionValue(args, "preset"), parameterValues(experiment, args, RUN_OPTIONS));
    const format = checkFormat(optionValue(args, "format"));
    const seed = intOption(args, "seed", 1, 0);
    const only = optionValue(args, "replicate");
    const replicates = only === undefined ? [...Array(intOption(args, "replicates", 1, 1, 1e6)).keys()] : [intOption(args, "replicate", 0, 0)];
    experiment.resolve(params);
    const rows = replicates.map((r) => runPoint(experiment, params, seed, r));
    process.stdout.write(formatRows(rows, format));
    return 0;
  },
};

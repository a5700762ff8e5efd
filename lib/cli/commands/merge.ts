import { relative } from "node:path";
import { optionValue, parseArgs } from "../args";
import { UsageError, type Command } from "../command";
import { checkOutputFolder } from "../format";
import { didYouMean } from "../suggest";
import { mergeShards } from "../../sweep/merge";
import { shellWord } from "../../sweep/replay";

const MERGE_OPTIONS = ["out", "data-dir", "help"];

export const mergeCommand: Command = {
  name: "merge",
  summary: "combine the shards of a sweep (--shard i/n runs) into the whole sweep's result",
  usage: [
    "consensus-lab merge <folder>... [--out DIR] [--data-dir DIR]",
    "  <folder>: a shard folder (shard-<i>-of-<n>), or the sweep folder that holds them.",
    "  Checks that the shards belong to one sweep (experiment, points, replicates, seed, code) and hold",
    "  every unit exactly once, then writes rows.arrow, summary.arrow and manifest.json to DIR (default:",
    "  the shards' parent folder), byte for byte what a single-machine run writes.",
    "  Exit status: 0 merged, 1 merged but some units had failed (see errors.json), 2 the shards do not fit.",
  ].join("\n"),
  async run(argv) {
    const args = parseArgs(argv);
    for (const [name] of args.options) if (!MERGE_OPTIONS.includes(name)) throw new UsageError(`unknown option --${name}${didYouMean(name, MERGE_OPTIONS)}`);
    if (args.positionals.length === 0) throw new UsageError("give the shard folders (or the sweep folder holding them)");
    for (const option of ["out", "data-dir"]) {
      const folder = optionValue(args, option);
      if (folder !== undefined) checkOutputFolder(option, folder);
    }
    const result = mergeShards(args.positionals, {
      out: optionValue(args, "out"),
      dataDir: optionValue(args, "data-dir"),
      command: ["consensus-lab", "merge", ...argv].map(shellWord).join(" "),
    });
    const m = result.manifest;
    const rel = relative(process.cwd(), result.dir);
    const dir = rel && !rel.startsWith("..") ? rel : result.dir;
    process.stderr.write(`merged ${result.inputs.length} shard${result.inputs.length === 1 ? "" : "s"} of ${m.experiment.name} ${m.id}: ${m.rows} rows -> ${dir}\n`);
    if (m.errors) {
      process.stderr.write(`consensus-lab merge: ${m.errors} units had failed; see ${dir}/errors.json (each entry has its replay command)\n`);
      return 1;
    }
    return 0;
  },
};

import * as path from "node:path";
import { intOption, optionValue, parseArgs } from "../args";
import { UsageError, type Command } from "../command";
import { checkOutputFolder } from "../format";
import { didYouMean } from "../suggest";
import { getPaperFigure, paperFigures } from "../../figures/paper";
import { saveFigure } from "../../figures/save-figure";

export const figuresCommand: Command = {
  name: "figures",
  summary: "build the paper figures (SVG, PDF, 300 dpi PNG, spec, CSV, manifest)",
  usage: [
    "consensus-lab figures [name...] [--out DIR] [--quick] [--seed N] [--list]",
    "  Builds the named figures (default: all) and writes <name>.{svg,pdf,png,vl.json,csv,manifest.json} to DIR (default: figures).",
    "  --quick   small sweeps (fewer points, replicates and blocks) for drafts and tests",
    "  --seed N  root seed of the sweeps (default 1)",
    "  --list    print the figure names and titles, build nothing",
  ].join("\n"),
  async run(argv) {
    const args = parseArgs(argv, ["quick", "list"]);
    const options = ["out", "quick", "seed", "list", "help"];
    for (const [name] of args.options) if (!options.includes(name)) throw new UsageError(`unknown option --${name}${didYouMean(name, options)}`);
    if (optionValue(args, "list") === "true") {
      for (const f of paperFigures) console.log(`${f.name}: ${f.title}`);
      return 0;
    }
    const known = paperFigures.map((f) => f.name);
    for (const name of args.positionals) if (!known.includes(name)) throw new UsageError(`unknown figure ${JSON.stringify(name)} (known: ${known.join(", ")})${didYouMean(name, known, "")}`);
    const selected = args.positionals.length ? args.positionals.map(getPaperFigure) : paperFigures;
    const out = optionValue(args, "out") ?? "figures";
    checkOutputFolder("out", out); // before any figure is built
    const quick = optionValue(args, "quick") === "true";
    const seed = intOption(args, "seed", 1, 0);
    for (const figure of selected) {
      const started = process.hrtime.bigint();
      const built = await figure.build({ quick, seed });
      const saved = await saveFigure(built.spec, { dir: out, name: figure.name, data: built.data, params: built.params, seeds: built.seeds });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      console.log(`${figure.name}: ${seconds.toFixed(1)} s${quick ? " (quick)" : ""}`);
      for (const entry of saved.manifest.files) console.log(`  ${path.join(out, entry.file)}  ${formatBytes(entry.bytes)}`);
      console.log(`  ${path.join(out, `${figure.name}.manifest.json`)}`);
      for (const w of saved.manifest.warnings ?? []) console.error(`  warning: ${w}`);
    }
    return 0;
  },
};

function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} kB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

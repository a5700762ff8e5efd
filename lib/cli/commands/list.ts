import type { Command } from "../command";
import { describeAllowed, paramCells } from "../../experiment/params";
import { experiments } from "../../models/registry";

export const listCommand: Command = {
  name: "list",
  summary: "experiments with their parameters, defaults, units, allowed ranges and presets",
  usage: "consensus-lab list",
  async run() {
    for (const e of experiments) {
      console.log(`${e.name}: ${e.title}`);
      console.log(`  reference: ${e.reference}`);
      const width = Math.max(...Object.keys(e.params).map((n) => n.length));
      for (const [name, spec] of Object.entries(e.params)) {
        const unit = spec.unit ? ` ${spec.unit}` : "";
        const shown = spec.kind === "json" ? paramCells({ [name]: spec }, { [name]: spec.default })[name] : spec.default;
        console.log(`  --${name.padEnd(width)}  default ${String(shown)}${unit}; ${describeAllowed(name, spec)}. ${spec.doc}`);
      }
      const presets = Object.entries(e.presets ?? {});
      if (presets.length) {
        console.log(`  presets (--preset NAME; given parameters override the preset's):`);
        for (const [preset, { doc, params }] of presets) {
          const values = Object.entries(paramCells(e.params, params)).map(([k, v]) => `${k}=${String(v)}`).join(" ");
          console.log(`    ${preset}: ${doc} (${values})`);
        }
      }
      console.log("");
    }
    return 0;
  },
};

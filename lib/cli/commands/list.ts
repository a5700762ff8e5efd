import type { Command } from "../command";
import { describeAllowed } from "../../experiment/params";
import { experiments } from "../../models/registry";

export const listCommand: Command = {
  name: "list",
  summary: "experiments with their parameters, defaults, units and allowed ranges",
  usage: "consensus-lab list",
  async run() {
    for (const e of experiments) {
      console.log(`${e.name}: ${e.title}`);
      console.log(`  reference: ${e.reference}`);
      const width = Math.max(...Object.keys(e.params).map((n) => n.length));
      for (const [name, spec] of Object.entries(e.params)) {
        const unit = spec.unit ? ` ${spec.unit}` : "";
        console.log(`  --${name.padEnd(width)}  default ${String(spec.default)}${unit}; ${describeAllowed(name, spec)}. ${spec.doc}`);
      }
      console.log("");
    }
    return 0;
  },
};

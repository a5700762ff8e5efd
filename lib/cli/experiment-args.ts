/** Turning `--<param> <value>` options into parameter values or grid axes of an experiment. */
import type { Experiment } from "../experiment/experiment";
import { ParameterError, type ParamValue } from "../experiment/params";
import { parseAxis } from "../sweep/grid";
import type { ParsedArgs } from "./args";

/** Options every experiment command takes besides parameters. */
export const RESERVED = new Set(["seed", "replicate", "replicates", "format", "out", "help", "zip", "workers", "shard", "resume", "no-cache", "quiet"]);

/** The parameter options of `args`, each parsed as an axis (one value or several). */
export function parameterAxes(experiment: Experiment, args: ParsedArgs): Record<string, ParamValue[]> {
  const axes: Record<string, ParamValue[]> = {};
  for (const [name, raw] of args.options) {
    if (RESERVED.has(name)) continue;
    const spec = experiment.params[name];
    if (!spec) throw ParameterError.unknown(name, raw, Object.keys(experiment.params), experiment.name);
    if (name in axes) throw new ParameterError(name, raw, "one --" + name + " option (give several values as a,b,c)");
    axes[name] = parseAxis(name, spec, raw);
  }
  return axes;
}

/** Single values for `run`: every parameter option must hold exactly one value. */
export function parameterValues(experiment: Experiment, args: ParsedArgs): Record<string, ParamValue> {
  const axes = parameterAxes(experiment, args);
  const out: Record<string, ParamValue> = {};
  for (const [name, values] of Object.entries(axes)) {
    if (values.length !== 1) throw new ParameterError(name, values.join(","), "a single value for `run` (use `sweep` for several)");
    out[name] = values[0];
  }
  return out;
}

/** Turning `--<param> <value>` options into parameter values or grid axes of an experiment. */
import type { Experiment } from "../experiment/experiment";
import { ParameterError, parseValue, type ParamValue } from "../experiment/params";
import { parseAxis, range } from "../sweep/grid";
import { shellWord } from "../sweep/replay";
import type { ParsedArgs } from "./args";
import { UsageError } from "./command";
import { didYouMean, nearest } from "./suggest";
import { jsonOptionValue } from "./json-option";

/** Options every experiment command takes besides parameters. */
export const RESERVED = new Set(["seed", "replicate", "replicates", "format", "out", "help", "zip", "workers", "shard", "resume", "no-cache", "quiet", "preset"]);

/**
 * The parameter options of `args`, each parsed as an axis (one value or several).
 * `commandOptions` are the command's own option names (skipped here); any other
 * name must be a parameter: a near miss of an option is reported as an unknown
 * option, of a parameter as an unknown parameter, each with "did you mean".
 */
export function parameterAxes(experiment: Experiment, args: ParsedArgs, commandOptions: Iterable<string> = RESERVED, command = "sweep"): Record<string, ParamValue[]> {
  const own = [...commandOptions];
  const axes: Record<string, ParamValue[]> = {};
  for (const [name, raw] of args.options) {
    if (own.includes(name)) continue;
    const spec = experiment.params[name];
    if (!spec) throw unknownName(experiment, name, raw, own, command);
    // A JSON value holds commas: each --name occurrence is one value, repeated occurrences form the axis.
    if (spec.kind === "json") {
      (axes[name] ??= []).push(jsonOptionValue(name, spec, raw));
      continue;
    }
    if (name in axes) throw new ParameterError(name, raw, "one --" + name + " option (give several values as a,b,c)");
    axes[name] = quoted(name, raw, () => parseAxis(name, spec, raw));
  }
  return axes;
}

/**
 * Single values for `run`: every parameter option must hold exactly one value;
 * a list or a range is refused with the `sweep` command that runs it.
 */
export function parameterValues(experiment: Experiment, args: ParsedArgs, commandOptions: Iterable<string> = RESERVED): Record<string, ParamValue> {
  const own = [...commandOptions];
  const out: Record<string, ParamValue> = {};
  for (const [name, raw] of args.options) {
    if (own.includes(name)) continue;
    const spec = experiment.params[name];
    if (!spec) throw unknownName(experiment, name, raw, own, "run");
    if (name in out) throw new ParameterError(name, raw, `one --${name} option (run takes one value per parameter)`);
    if (spec.kind !== "json" && (raw.includes(",") || (spec.kind === "number" && raw.includes(":"))))
      throw new ParameterError(
        name,
        raw,
        `a single value: run takes one value per parameter; for several, sweep them: consensus-lab sweep ${experiment.name} --${name} ${shellWord(raw)}`,
      );
    out[name] = spec.kind === "json" ? jsonOptionValue(name, spec, raw) : parseValue(name, spec, raw);
  }
  return out;
}

/** An option that is neither the command's nor a parameter: say which it is nearest to. */
function unknownName(experiment: Experiment, name: string, raw: string, own: readonly string[], command: string): Error {
  const params = Object.keys(experiment.params);
  const option = nearest(name, own.filter((o) => o !== "help"));
  const param = nearest(name, params);
  if (option && (!param || option.distance < param.distance))
    return new UsageError(`unknown option --${name}${didYouMean(name, own.filter((o) => o !== "help"))} (options of ${command}: consensus-lab help ${command})`);
  const known = `known: ${params.join(", ")}`;
  if (!param)
    return new UsageError(`unknown option --${name}: neither an option of ${command} (consensus-lab help ${command}) nor a parameter of ${experiment.name} (${known})`);
  return new ParameterError(name, raw, `one of ${params.join(", ")}`, `unknown parameter of ${experiment.name}: ${name} = ${JSON.stringify(raw)} (${known})${didYouMean(name, params)}`);
}

/**
 * Run `parse` on the text typed for --name; when a value of a list or range
 * is refused, the error also quotes what was typed and which value it was.
 */
function quoted<T>(name: string, raw: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (!(err instanceof ParameterError) || err.parameter !== name || err.value === raw || !/[,:]/.test(raw)) throw err;
    const values = expandForMessage(raw);
    const bad = err.value;
    const at = values.findIndex((v) => v === String(bad) || Number(v) === bad);
    const which = at >= 0 ? `value ${at + 1} of ${values.length} in` : "a value of";
    const listed = raw.includes(":") ? ` = ${elide(values)}` : "";
    throw new ParameterError(err.parameter, err.value, err.allowed, `${err.message}: ${which} --${name} ${raw}${listed}`);
  }
}

/** The values a typed axis stands for, as text (for messages only). */
function expandForMessage(raw: string): string[] {
  const parts = raw.trim().split(":");
  if (parts.length === 3 && parts.every((p) => p.trim() !== "" && Number.isFinite(Number(p)))) {
    try {
      return range(Number(parts[0]), Number(parts[1]), Number(parts[2])).map(String);
    } catch {
      return [raw];
    }
  }
  return raw.split(",").map((p) => p.trim());
}

/** At most 7 values shown: the first three, "...", the last three. */
function elide(values: readonly string[]): string {
  return values.length <= 7 ? values.join(", ") : [...values.slice(0, 3), "...", ...values.slice(-3)].join(", ");
}

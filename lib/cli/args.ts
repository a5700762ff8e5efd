/**
 * A small argument splitter: `--name value`, `--name=value`, `--flag`, `-p k=v`,
 * and positionals. Values stay strings; commands parse them against schemas.
 */
import { UsageError } from "./command";
import { nearest } from "./suggest";

export interface ParsedArgs {
  positionals: string[];
  /** Every `--name value` occurrence, in order (a name may repeat). */
  options: Array<[name: string, value: string]>;
}

/**
 * @param flags option names that take no value (e.g. "help", "resume").
 */
export function parseArgs(argv: readonly string[], flags: readonly string[] = []): ParsedArgs {
  const out: ParsedArgs = { positionals: [], options: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      if (name === "") throw new UsageError(`invalid option: ${arg}`);
      if (eq >= 0) out.options.push([name, arg.slice(eq + 1)]);
      else if (flags.includes(name)) out.options.push([name, "true"]);
      else {
        const flag = nearest(name, flags);
        // A mistyped flag (--qick) would otherwise swallow the next option as its value.
        if (flag && (i + 1 >= argv.length || argv[i + 1].startsWith("--"))) throw new UsageError(`unknown option --${name}; did you mean --${flag.name}?`);
        if (i + 1 >= argv.length) throw new UsageError(`option --${name} needs a value`);
        out.options.push([name, argv[++i]]);
      }
    } else if (/^-[a-zA-Z]$/.test(arg)) {
      if (i + 1 >= argv.length) throw new UsageError(`option ${arg} needs a value`);
      out.options.push([arg.slice(1), argv[++i]]);
    } else out.positionals.push(arg);
  }
  return out;
}

/** Last value of an option, or undefined. */
export function optionValue(args: ParsedArgs, name: string): string | undefined {
  let value: string | undefined;
  for (const [k, v] of args.options) if (k === name) value = v;
  return value;
}

/** All values of a repeatable option. */
export function optionValues(args: ParsedArgs, name: string): string[] {
  return args.options.filter(([k]) => k === name).map(([, v]) => v);
}

/** An integer option with a range, or its default. */
export function intOption(args: ParsedArgs, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = optionValue(args, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new UsageError(`invalid --${name}: ${JSON.stringify(raw)} (allowed: an integer, ${min} <= ${name} <= ${max})`);
  return value;
}

/**
 * Typed parameter schemas: every parameter has a default, a unit, an allowed
 * range and a one-line doc. Validation happens at the public edge and throws a
 * ParameterError naming the parameter, the value and what is allowed.
 *
 * Kinds: number (int/num), choice, boolean, and json: a structured value
 * (stake vector, partition schedule, crash list) checked by the parameter's
 * own validator. A JSON parameter is given as a value or as JSON text; rows,
 * grid points and stream names hold its canonical JSON text (keys sorted), so
 * equal values give equal rows and seeds (see paramCells).
 */
import { canonicalJson } from "../random/seed";

export interface NumberParam {
  readonly kind: "number";
  readonly default: number;
  /** Unit shown in listings ("" for dimensionless). */
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  /** Exclude the bound itself (e.g. alpha < 0.5). Default false. */
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
  /** Only whole numbers. Default false. */
  readonly integer?: boolean;
  /**
   * The largest value property tests draw, to keep one run fast (counts such as
   * nodes, blocks, trials); default: the schema's max, and for integer
   * parameters without it min(max, max(min, 64)).
   */
  readonly fuzzMax?: number;
  /**
   * The smallest value property tests draw, where smaller allowed values are
   * only slow (a 1 bit/s link); default: the schema's min.
   */
  readonly fuzzMin?: number;
  /** If given, property tests draw only these values (and the default): for parameters whose other values mostly make a run refuse or never end. */
  readonly fuzzValues?: readonly number[];
  readonly doc: string;
}

export interface ChoiceParam {
  readonly kind: "choice";
  readonly default: string;
  readonly choices: readonly string[];
  readonly unit?: undefined;
  readonly doc: string;
}

export interface BooleanParam {
  readonly kind: "boolean";
  readonly default: boolean;
  readonly unit?: undefined;
  /**
   * The parameter only selects outputs (e.g. whether to return a series): it is
   * left out of the stream's name (streamCells), so switching it does not change
   * the run. Default false.
   */
  readonly outputOnly?: boolean;
  readonly doc: string;
}

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export interface JsonParam<T = unknown> {
  readonly kind: "json";
  readonly default: T;
  /** Unit shown in listings (e.g. "s" for a schedule in seconds); optional. */
  readonly unit?: string;
  /** What is allowed, in words, shown in listings and errors (e.g. "a list of {node, atS}"). */
  readonly allowed: string;
  /**
   * Check a parsed JSON value and return the typed value (normalised if need
   * be), or throw ParameterError naming `name` (use jsonError for the message).
   */
  readonly validate: (value: unknown, name: string) => T;
  /** A few valid sample values for property tests (default: only the default is drawn). */
  readonly fuzz?: () => unknown[];
  readonly doc: string;
}

export type ParamSpec = NumberParam | ChoiceParam | BooleanParam | JsonParam<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
/** A parameter value as grids, points and the CLI carry it: a scalar, or a JSON value (or its text) for a json parameter. */
export type ParamValue = number | string | boolean | JsonValue;
export type Schema = Readonly<Record<string, ParamSpec>>;

/** The parameter object a schema describes. */
export type ParamsOf<S extends Schema> = {
  -readonly [K in keyof S]: S[K] extends NumberParam ? number : S[K] extends ChoiceParam ? string : S[K] extends BooleanParam ? boolean : S[K] extends JsonParam<infer T> ? T : never;
};

export class ParameterError extends Error {
  constructor(
    readonly parameter: string,
    readonly value: unknown,
    readonly allowed: string,
    message = `invalid ${parameter}: ${formatValue(value)} (allowed: ${allowed})`,
  ) {
    super(message);
    this.name = "ParameterError";
  }

  /** A name the schema does not have (a typo must not silently run the default). */
  static unknown(parameter: string, value: unknown, known: readonly string[], where = ""): ParameterError {
    const allowed = `one of ${known.join(", ")}`;
    return new ParameterError(parameter, value, allowed, `unknown parameter${where ? ` of ${where}` : ""}: ${parameter} = ${formatValue(value)} (known: ${known.join(", ")})`);
  }
}

function formatValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value == null) return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

export function num(spec: Omit<NumberParam, "kind">): NumberParam {
  return { kind: "number", ...spec };
}

export function int(spec: Omit<NumberParam, "kind" | "integer">): NumberParam {
  return { kind: "number", integer: true, ...spec };
}

export function choice(spec: Omit<ChoiceParam, "kind">): ChoiceParam {
  return { kind: "choice", ...spec };
}

export function bool(spec: Omit<BooleanParam, "kind">): BooleanParam {
  return { kind: "boolean", ...spec };
}

/**
 * A JSON-valued parameter. `validate` returns the typed value or throws
 * ParameterError; the default is validated when the schema is used.
 *   partitions: json({ default: [], allowed: "a partition schedule", validate: checkSchedule, doc: "..." })
 */
export function json<T>(spec: Omit<JsonParam<T>, "kind">): JsonParam<T> {
  return { kind: "json", ...spec };
}

/** A ParameterError for a JSON parameter: `where` says which part is wrong ("[0].startS"). */
export function jsonError(name: string, where: string, value: unknown, allowed: string): ParameterError {
  return new ParameterError(where ? `${name}${where.startsWith("[") ? "" : "."}${where}` : name, value, allowed);
}

/** Human-readable allowed range, e.g. "0 <= alpha < 0.5" or "one of complete, k-out". */
export function describeAllowed(name: string, spec: ParamSpec): string {
  switch (spec.kind) {
    case "number": {
      const lo = spec.minExclusive ? "<" : "<=";
      const hi = spec.maxExclusive ? "<" : "<=";
      const range =
        spec.min === -Infinity && spec.max === Infinity
          ? `any finite ${name}`
          : spec.min === -Infinity
            ? `${name} ${hi} ${spec.max}`
            : spec.max === Infinity
              ? `${spec.min} ${lo} ${name}`
              : `${spec.min} ${lo} ${name} ${hi} ${spec.max}`;
      return spec.integer ? `an integer, ${range}` : `a number, ${range}`;
    }
    case "choice":
      return `one of ${spec.choices.join(", ")}`;
    case "boolean":
      return "true or false";
    case "json":
      return `JSON: ${spec.allowed}`;
  }
}

/** Parse JSON text of a json parameter, with an error that quotes the text and says where it broke. */
export function parseJsonText(name: string, spec: JsonParam<unknown>, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ParameterError(name, text, `JSON text: ${spec.allowed}`, `invalid ${name}: ${formatValue(text)} is not JSON (${(err as Error).message}; allowed: ${spec.allowed})`);
  }
}

function checkJson(name: string, spec: JsonParam<unknown>, value: unknown): unknown {
  // The validator (and so the kernel) sees the canonical value: object keys sorted, whatever order they were given in.
  const given = typeof value === "string" ? parseJsonText(name, spec, value) : value;
  const parsed = given === undefined ? given : JSON.parse(canonicalJson(given));
  try {
    return spec.validate(parsed, name);
  } catch (err) {
    if (err instanceof ParameterError) throw err;
    throw new ParameterError(name, parsed, spec.allowed, `invalid ${name}: ${formatValue(parsed)} (${(err as Error).message}; allowed: ${spec.allowed})`);
  }
}

/**
 * Check one value against its spec; returns it (a json parameter: the typed
 * value its validator returns; JSON text is parsed first) or throws ParameterError.
 */
export function checkValue(name: string, spec: ParamSpec, value: unknown): unknown {
  if (spec.kind === "json") return checkJson(name, spec, value);
  const allowed = describeAllowed(name, spec);
  switch (spec.kind) {
    case "number": {
      if (typeof value !== "number" || !Number.isFinite(value)) throw new ParameterError(name, value, allowed);
      if (spec.integer && !Number.isInteger(value)) throw new ParameterError(name, value, allowed);
      const belowMin = spec.minExclusive ? value <= spec.min : value < spec.min;
      const aboveMax = spec.maxExclusive ? value >= spec.max : value > spec.max;
      if (belowMin || aboveMax) throw new ParameterError(name, value, allowed);
      return value;
    }
    case "choice":
      if (typeof value !== "string" || !spec.choices.includes(value)) throw new ParameterError(name, value, allowed);
      return value;
    case "boolean":
      if (typeof value !== "boolean") throw new ParameterError(name, value, allowed);
      return value;
  }
}

/** Parse a command-line string into a value of the spec's kind (then checked); a json parameter's text gives its canonical JSON text. */
export function parseValue(name: string, spec: ParamSpec, raw: string): ParamValue {
  const text = raw.trim();
  switch (spec.kind) {
    case "number": {
      const value = text === "" ? NaN : Number(text);
      if (!Number.isFinite(value)) throw new ParameterError(name, raw, describeAllowed(name, spec));
      return checkValue(name, spec, value) as number;
    }
    case "choice":
      return checkValue(name, spec, text) as string;
    case "json":
      return canonicalJson(checkJson(name, spec, text));
    case "boolean":
      if (text === "true" || text === "1") return true;
      if (text === "false" || text === "0") return false;
      throw new ParameterError(name, raw, describeAllowed(name, spec));
  }
}

/**
 * Fill defaults and validate a partial parameter object. Unknown keys are an
 * error (a typo must not silently run the default).
 */
export function resolveParams<S extends Schema>(schema: S, given: Readonly<Record<string, unknown>>): ParamsOf<S> {
  for (const key of Object.keys(given)) {
    if (!(key in schema)) throw ParameterError.unknown(key, given[key], Object.keys(schema));
  }
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(schema)) {
    const value = name in given && given[name] !== undefined ? given[name] : spec.default;
    out[name] = spec.kind === "json" || value !== spec.default ? checkValue(name, spec, value) : value;
  }
  return out as ParamsOf<S>;
}

/** The cells that name a unit's random stream: every parameter but the output-only ones. */
export function streamCells(schema: Schema, cells: Readonly<Record<string, number | string | boolean>>): Record<string, number | string | boolean> {
  let out: Record<string, number | string | boolean> | undefined;
  for (const name of Object.keys(cells)) {
    const spec = schema[name];
    if (spec?.kind === "boolean" && spec.outputOnly) {
      out ??= { ...cells };
      delete out[name];
    }
  }
  return out ?? { ...cells };
}

/**
 * Resolved parameters as row cells: json parameters as their canonical JSON
 * text, the rest as they are. This is the form rows, grid points, sweep ids
 * and stream names use; resolveParams turns it back into typed values.
 */
export function paramCells<S extends Schema>(schema: S, params: ParamsOf<S> | Readonly<Record<string, unknown>>): Record<string, number | string | boolean> {
  const out: Record<string, number | string | boolean> = {};
  for (const [name, value] of Object.entries(params)) {
    out[name] = schema[name]?.kind === "json" ? canonicalJson(value) : (value as number | string | boolean);
  }
  return out;
}

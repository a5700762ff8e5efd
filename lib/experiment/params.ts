/**
 * Typed parameter schemas: every parameter has a default, a unit, an allowed
 * range and a one-line doc. Validation happens at the public edge and throws a
 * ParameterError naming the parameter, the value and what is allowed.
 */

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
  readonly doc: string;
}

export type ParamSpec = NumberParam | ChoiceParam | BooleanParam;
export type ParamValue = number | string | boolean;
export type Schema = Readonly<Record<string, ParamSpec>>;

/** The parameter object a schema describes. */
export type ParamsOf<S extends Schema> = {
  -readonly [K in keyof S]: S[K] extends NumberParam ? number : S[K] extends ChoiceParam ? string : boolean;
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
  }
}

/** Check one value against its spec; returns it or throws ParameterError. */
export function checkValue(name: string, spec: ParamSpec, value: unknown): ParamValue {
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

/** Parse a command-line string into a value of the spec's kind (then checked). */
export function parseValue(name: string, spec: ParamSpec, raw: string): ParamValue {
  const text = raw.trim();
  switch (spec.kind) {
    case "number": {
      const value = text === "" ? NaN : Number(text);
      if (!Number.isFinite(value)) throw new ParameterError(name, raw, describeAllowed(name, spec));
      return checkValue(name, spec, value);
    }
    case "choice":
      return checkValue(name, spec, text);
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
  const out: Record<string, ParamValue> = {};
  for (const [name, spec] of Object.entries(schema)) {
    out[name] = name in given && given[name] !== undefined ? checkValue(name, spec, given[name]) : spec.default;
  }
  return out as ParamsOf<S>;
}

/**
 * fast-check arbitraries derived from a parameter schema (lib/experiment/params.ts),
 * so every registered experiment is fuzzed without code of its own:
 *   inRange(schema)     parameter objects whose every value is allowed (kept small, see fuzzRange)
 *   outOfRange(schema)  one parameter with a value its spec refuses, the others in range
 * Not a test file itself.
 */
import fc from "fast-check";
import type { NumberParam, ParamSpec, Schema } from "../../lib/experiment/params";

/** Integer parameters without a `fuzzMax` are drawn up to this (counts such as nodes, blocks, trials: keeps a run fast). */
export const DEFAULT_INT_FUZZ_MAX = 64;

/** The range drawn for a number parameter: the schema's, its top clamped to `fuzzMax` (or DEFAULT_INT_FUZZ_MAX for integers) and its bottom raised to `fuzzMin`. */
export function fuzzRange(spec: NumberParam): { min: number; max: number } {
  const declared = spec.fuzzMax;
  const bound = spec.integer ? 2 ** 31 : Number.MAX_VALUE; // fast-check needs finite bounds
  const min = Math.max(spec.min, spec.fuzzMin ?? -bound, -bound);
  const cap = declared ?? (spec.integer ? Math.max(min, DEFAULT_INT_FUZZ_MAX) : bound);
  return { min, max: Math.min(spec.max, cap) };
}

function clampDefault(spec: NumberParam): number {
  const { min, max } = fuzzRange(spec);
  return Math.min(Math.max(spec.default, min), max);
}

/** An allowed value of one parameter (its default, clamped, about a third of the time for numbers, half the time for choices). */
export function valueInRange(spec: ParamSpec): fc.Arbitrary<unknown> {
  switch (spec.kind) {
    case "number": {
      if (spec.fuzzValues) return fc.constantFrom(spec.default, ...spec.fuzzValues);
      const { min, max } = fuzzRange(spec);
      const drawn = spec.integer
        ? fc.integer({ min: Math.ceil(spec.minExclusive ? min + 1 : min), max: Math.floor(spec.maxExclusive && max === spec.max ? max - 1 : max) })
        : fc.double({ min, max, minExcluded: spec.minExclusive, maxExcluded: spec.maxExclusive && max === spec.max, noNaN: true, noDefaultInfinity: true });
      return fc.oneof({ arbitrary: fc.constant(clampDefault(spec)), weight: 1 }, { arbitrary: drawn, weight: 2 });
    }
    case "choice":
      // The default half of the time, as numbers keep theirs a third of the time: choices that only make sense
      // together (capacity "regions" needs latency "regions") otherwise refuse most draws of a large schema.
      return fc.oneof({ arbitrary: fc.constant(spec.default), weight: 1 }, { arbitrary: fc.constantFrom(...spec.choices), weight: 1 });
    case "boolean":
      return fc.boolean();
    case "json": {
      const samples = (spec as { fuzz?: () => unknown[] }).fuzz?.() ?? [];
      return fc.constantFrom(spec.default, ...samples);
    }
  }
}

/** Values one parameter's spec refuses: outside the range, not finite, not whole, or of the wrong type. */
export function valueOutOfRange(spec: ParamSpec): fc.Arbitrary<unknown> | undefined {
  switch (spec.kind) {
    case "number": {
      const bad: fc.Arbitrary<unknown>[] = [fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, "1", null, true)];
      // (filters: -0 is not below a minimum of 0)
      if (Number.isFinite(spec.min)) bad.push(spec.minExclusive ? fc.constant(spec.min) : fc.double({ max: spec.min, maxExcluded: true, noNaN: true, min: -1e300 }).filter((x) => x < spec.min));
      if (Number.isFinite(spec.max)) bad.push(spec.maxExclusive ? fc.constant(spec.max) : fc.double({ min: spec.max, minExcluded: true, noNaN: true, max: 1e300 }).filter((x) => x > spec.max));
      if (spec.integer) bad.push(fc.double({ min: Math.max(spec.min, -1e6), max: Math.min(spec.max, 1e6), noNaN: true }).filter((x) => !Number.isInteger(x)));
      return fc.oneof(...bad);
    }
    case "choice":
      return fc.oneof(fc.string().filter((s) => !spec.choices.includes(s)), fc.constantFrom(1, true, null));
    case "boolean":
      return fc.constantFrom("true", 1, 0, null, "yes");
    case "json":
      return undefined; // shapes are the validator's own; tested with each model
  }
}

export function inRange(schema: Schema): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries(Object.entries(schema).map(([name, spec]) => [name, valueInRange(spec)])));
}

/** [parameter name, refused value, the other parameters in range]. */
export function outOfRange(schema: Schema): fc.Arbitrary<[string, unknown, Record<string, unknown>]> {
  const names = Object.keys(schema).filter((n) => valueOutOfRange(schema[n]) !== undefined);
  return fc
    .constantFrom(...names)
    .chain((name) => fc.tuple(fc.constant(name), valueOutOfRange(schema[name])!, inRange(schema)))
    .map(([name, bad, rest]) => [name, bad, { ...rest, [name]: bad }] as [string, unknown, Record<string, unknown>]);
}

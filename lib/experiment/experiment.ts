/**
 * An experiment is a model made runnable: a typed parameter schema plus a pure
 * kernel from (parameters, random streams) to one plain row of outputs, and
 * optionally series beside it (e.g. one latency per block height).
 * Sweeps, the CLI and notebooks all go through this one interface.
 *
 * Presets are named parameter sets (as consensus-specs' `minimal` and
 * `mainnet`): `experiment.resolve(given, { preset: "mainnet" })` fills
 * defaults, then the preset, then what is given. A row records the resolved
 * parameters, not the preset's name: the same parameters reached with or
 * without a preset are the same run (same stream, same row, same cache entry).
 */
import type { Rng } from "../random/seed";
import { ParameterError, resolveParams, type ParamsOf, type Schema } from "./params";

export type Cell = number | string | boolean | null;
export type Row = Record<string, Cell>;

/** One series: equal-length numeric columns (e.g. { height: [...], delayS: [...] }). */
export type SeriesColumns = Readonly<Record<string, ArrayLike<number>>>;
/** Series of one run, by name (e.g. { latency: { height, delayS }, informed: { round, fraction } }). */
export type Series = Readonly<Record<string, SeriesColumns>>;

/** What a kernel may return instead of a plain row: the row and series beside it. */
export interface RunOutput {
  readonly row: Row;
  readonly series?: Series;
}

export interface Preset<S extends Schema> {
  /** One line: what the preset stands for and where its numbers come from. */
  readonly doc: string;
  readonly params: Partial<{ [K in keyof S]: ParamsOf<S>[K] | string }>;
}

/** `O`: what `run` returns, a Row or a RunOutput (inferred by defineExperiment). */
export interface ExperimentDefinition<S extends Schema, O extends Row | RunOutput = Row | RunOutput> {
  /** CLI name, kebab-case (e.g. "selfish-mining"). */
  readonly name: string;
  /** One line for listings. */
  readonly title: string;
  /** Paper(s) the model implements: author, year, section. */
  readonly reference: string;
  /**
   * The experiment's module file: pass `__filename`. The code hash that
   * invalidates cached results covers this module and everything it requires
   * inside the library.
   */
  readonly source: string;
  readonly params: S;
  /** Named parameter sets (`--preset NAME`), each checked when the experiment is defined. */
  readonly presets?: Readonly<Record<string, Preset<S>>>;
  /**
   * Outputs that are successes over independent trials, with the columns
   * holding their counts (a trials column may be a parameter, or a number of
   * trials per row), e.g. { simulated: { successes: "successes", trials: "trials" } }.
   * Sweep summaries pool the counts over replicates and give a Wilson
   * interval (lib/sweep/summary.ts). Default: none.
   */
  readonly proportions?: Readonly<Record<string, { successes: string; trials: string | number }>>;
  /** Checks that involve several parameters (e.g. degree < nodes); throw ParameterError. */
  readonly validate?: (params: ParamsOf<S>) => void;
  /** The kernel: outputs of one replicate, as a row or { row, series }. Must draw randomness only from `rng`. */
  readonly run: (params: ParamsOf<S>, rng: Rng) => O;
}

export interface ResolveOptions {
  /** A preset's name: its parameters sit between the defaults and what is given. */
  preset?: string;
}

export interface Experiment<S extends Schema = Schema, O extends Row | RunOutput = Row | RunOutput> extends ExperimentDefinition<S, O> {
  /** Defaults (then the preset) filled in, every value and cross-parameter rule checked. */
  resolve(given: Readonly<Record<string, unknown>>, options?: ResolveOptions): ParamsOf<S>;
}

/** The preset's parameters under `given` (given wins); unknown names list the known presets. */
export function withPreset(experiment: Pick<Experiment, "name" | "presets">, preset: string | undefined, given: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  if (preset === undefined) return { ...given };
  const presets = experiment.presets ?? {};
  const found = Object.prototype.hasOwnProperty.call(presets, preset) ? presets[preset] : undefined;
  if (!found) {
    const known = Object.keys(presets);
    throw new ParameterError("preset", preset, known.length ? `one of ${known.join(", ")}` : `none: ${experiment.name} defines no presets`);
  }
  return { ...found.params, ...given };
}

/** Split what a kernel returned into its row and series (a plain row has no series). */
export function runOutput(result: Row | RunOutput): { row: Row; series: Series } {
  if (isRunOutput(result)) return { row: result.row, series: result.series ?? {} };
  return { row: result, series: {} };
}

function isRunOutput(result: Row | RunOutput): result is RunOutput {
  // A row's values are cells (never objects), so an object under "row" marks the structured form.
  const row = (result as RunOutput).row;
  return typeof row === "object" && row !== null;
}

export function defineExperiment<S extends Schema, O extends Row | RunOutput>(definition: ExperimentDefinition<S, O>): Experiment<S, O> {
  if (!/^[a-z][a-z0-9-]*$/.test(definition.name)) throw new Error(`invalid experiment name: ${definition.name}`);
  const experiment: Experiment<S, O> = {
    ...definition,
    resolve(given, options = {}) {
      const params = resolveParams(definition.params, withPreset(definition as unknown as Experiment, options.preset, given));
      definition.validate?.(params);
      return params;
    },
  };
  for (const [name, preset] of Object.entries(definition.presets ?? {})) {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`invalid preset name of ${definition.name}: ${name} (allowed: kebab-case)`);
    try {
      experiment.resolve({}, { preset: name });
    } catch (err) {
      throw new Error(`preset ${name} of ${definition.name} is invalid: ${(err as Error).message}`);
    }
    if (typeof preset.doc !== "string" || preset.doc === "") throw new Error(`preset ${name} of ${definition.name} has no doc`);
  }
  return experiment;
}

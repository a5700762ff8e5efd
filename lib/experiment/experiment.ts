/**
 * An experiment is a model made runnable: a typed parameter schema plus a pure
 * kernel from (parameters, random streams) to one plain row of outputs.
 * Sweeps, the CLI and notebooks all go through this one interface.
 */
import type { Rng } from "../random/seed";
import { resolveParams, type ParamsOf, type Schema } from "./params";

export type Cell = number | string | boolean | null;
export type Row = Record<string, Cell>;

export interface ExperimentDefinition<S extends Schema> {
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
  /** Checks that involve several parameters (e.g. degree < nodes); throw ParameterError. */
  readonly validate?: (params: ParamsOf<S>) => void;
  /** The kernel: outputs of one replicate. Must draw randomness only from `rng`. */
  readonly run: (params: ParamsOf<S>, rng: Rng) => Row;
}

export interface Experiment<S extends Schema = Schema> extends ExperimentDefinition<S> {
  /** Defaults filled in, every value and cross-parameter rule checked. */
  resolve(given: Readonly<Record<string, unknown>>): ParamsOf<S>;
}

export function defineExperiment<S extends Schema>(definition: ExperimentDefinition<S>): Experiment<S> {
  if (!/^[a-z][a-z0-9-]*$/.test(definition.name)) throw new Error(`invalid experiment name: ${definition.name}`);
  return {
    ...definition,
    resolve(given) {
      const params = resolveParams(definition.params, given);
      definition.validate?.(params);
      return params;
    },
  };
}

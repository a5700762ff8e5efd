/**
 * Finding an experiment by name: the registered modules first (the library's
 * registry, lib/models/registry.ts, registers itself when it is loaded: the
 * sweep engine receives the models, it does not import them), then extra
 * modules named by the caller or by CONSENSUS_LAB_EXPERIMENTS (paths
 * separated by the platform's path delimiter). Extra modules let tests and private projects
 * sweep experiments that are not in the library's registry, with workers:
 * each worker thread loads the same modules and finds the experiment by name.
 *
 * A module exports experiments as `experiments` (an array) or as any named
 * export that is an experiment.
 */
import { delimiter, resolve } from "node:path";
import type { Experiment } from "../experiment/experiment";

export const EXPERIMENTS_ENV = "CONSENSUS_LAB_EXPERIMENTS";

const registered: string[] = [];

/** Add a module of experiments that every lookup sees first (the registry calls this with its own path). */
export function registerExperimentModule(path: string): void {
  const abs = resolve(path);
  if (!registered.includes(abs)) registered.push(abs);
}

/** The registered modules, in registration order (worker threads load them by path). */
export function registeredModules(): string[] {
  return [...registered];
}

/** True when `experiment` comes from a registered module (a replay command then needs no module flag). */
export function isRegistered(experiment: Experiment): boolean {
  return registered.some((path) => moduleExperiments(path).includes(experiment));
}

/** Module paths from the environment variable (absolute). */
export function envExperimentModules(env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = env[EXPERIMENTS_ENV];
  return raw ? raw.split(delimiter).filter(Boolean).map((p) => resolve(p)) : [];
}

function isExperiment(value: unknown): value is Experiment {
  return (
    value !== null &&
    typeof value === "object" &&
    typeof (value as Experiment).name === "string" &&
    typeof (value as Experiment).run === "function" &&
    typeof (value as Experiment).resolve === "function"
  );
}

/** The experiments a module exports. */
export function moduleExperiments(path: string): Experiment[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(resolve(path)) as Record<string, unknown>;
  const found: Experiment[] = [];
  const list = mod.experiments;
  if (Array.isArray(list)) found.push(...list.filter(isExperiment));
  for (const value of Object.values(mod)) if (isExperiment(value) && !found.includes(value)) found.push(value);
  return found;
}

/** Every known experiment: the registered modules', then those of `modules`. */
export function allExperiments(modules: readonly string[] = envExperimentModules()): Experiment[] {
  const out: Experiment[] = [];
  for (const path of [...registered, ...modules.map((p) => resolve(p))]) for (const e of moduleExperiments(path)) if (!out.some((o) => o.name === e.name)) out.push(e);
  return out;
}

/** The experiment called `name`, from the registered modules or `modules`. */
export function findExperiment(name: string, modules: readonly string[] = envExperimentModules()): Experiment {
  const all = allExperiments(modules);
  const found = all.find((e) => e.name === name);
  if (!found) throw new RangeError(`unknown experiment: ${JSON.stringify(name)} (known: ${all.map((e) => e.name).join(", ")})`);
  return found;
}

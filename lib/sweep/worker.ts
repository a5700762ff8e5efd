/**
 * Piscina worker: runs batches of units. The experiment is found by name in
 * the registry or in the extra modules the sweep names (see experiments.ts),
 * so workers run exactly the code the main thread hashed.
 */
import { workerData } from "piscina";
import type { Experiment } from "../experiment/experiment";
import { runBatch, type BatchContext, type BatchResult } from "./batch";
import { findExperiment } from "./experiments";

export interface WorkerData extends BatchContext {
  modules: string[];
}

const data = workerData as WorkerData;
let experiment: Experiment | undefined;

export default function runUnits(units: Uint32Array): BatchResult {
  experiment ??= findExperiment(data.experiment, data.modules);
  return runBatch(experiment, data, units);
}

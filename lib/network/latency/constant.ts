import { ParameterError } from "../../experiment/params";
import type { LatencyModel } from "./model";

/** Every link has the same latency. */
export function constantLatency(valueMs: number): LatencyModel {
  if (!(valueMs >= 0 && Number.isFinite(valueMs))) throw new ParameterError("latencyMs", valueMs, "a finite number >= 0");
  return { name: `constant(${valueMs} ms)`, sampleMs: () => valueMs, meanMs: valueMs, medianMs: valueMs, varianceMs2: 0 };
}

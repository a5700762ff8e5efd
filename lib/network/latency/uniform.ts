import { ParameterError } from "../../experiment/params";
import type { LatencyModel } from "./model";

/** Uniform on [minMs, maxMs]: mean (min + max) / 2, variance (max - min)^2 / 12. */
export function uniformLatency(minMs: number, maxMs: number): LatencyModel {
  if (!(minMs >= 0 && Number.isFinite(minMs))) throw new ParameterError("latencyMinMs", minMs, "a finite number >= 0");
  if (!(maxMs >= minMs && Number.isFinite(maxMs))) throw new ParameterError("latencyMaxMs", maxMs, `a finite number >= latencyMinMs = ${minMs}`);
  const width = maxMs - minMs;
  return {
    name: `uniform(${minMs}, ${maxMs} ms)`,
    sampleMs: (rng) => minMs + width * rng.nextFloat(),
    meanMs: minMs + width / 2,
    medianMs: minMs + width / 2,
    varianceMs2: (width * width) / 12,
  };
}

import { ParameterError } from "../../experiment/params";
import type { LatencyModel } from "./model";

/**
 * Pareto (type I) with scale xm (the minimum) and shape alpha: xm U^(-1/alpha).
 * Median xm 2^(1/alpha); mean alpha xm / (alpha - 1) for alpha > 1; variance
 * xm^2 alpha / ((alpha - 1)^2 (alpha - 2)) for alpha > 2 (Infinity otherwise).
 * SimBlock draws its per-message latencies from a Pareto around the region
 * matrix entry (Aoki et al. 2019).
 */
export function paretoLatency(scaleMs: number, shape: number): LatencyModel {
  if (!(scaleMs > 0 && Number.isFinite(scaleMs))) throw new ParameterError("latencyScaleMs", scaleMs, "a finite number > 0");
  if (!(shape > 0 && Number.isFinite(shape))) throw new ParameterError("paretoShape", shape, "a finite number > 0");
  return {
    name: `pareto(scale ${scaleMs} ms, shape ${shape})`,
    sampleMs: (rng) => scaleMs * Math.pow(1 - rng.nextFloat(), -1 / shape),
    meanMs: shape > 1 ? (shape * scaleMs) / (shape - 1) : Infinity,
    medianMs: scaleMs * Math.pow(2, 1 / shape),
    varianceMs2: shape > 2 ? (scaleMs * scaleMs * shape) / ((shape - 1) * (shape - 1) * (shape - 2)) : Infinity,
  };
}

/** The Pareto with a given median (the experiment's common latency knob). */
export function paretoLatencyFromMedian(medianMs: number, shape: number): LatencyModel {
  if (!(medianMs > 0 && Number.isFinite(medianMs))) throw new ParameterError("latencyMedianMs", medianMs, "a finite number > 0");
  if (!(shape > 0 && Number.isFinite(shape))) throw new ParameterError("paretoShape", shape, "a finite number > 0");
  return paretoLatency(medianMs / Math.pow(2, 1 / shape), shape);
}

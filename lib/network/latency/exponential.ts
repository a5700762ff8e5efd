import { ParameterError } from "../../experiment/params";
import { exponential } from "./draw";
import type { LatencyModel } from "./model";

/**
 * Exponential delay with the given mean: median mean ln 2, variance mean^2.
 * The default shape of per-message jitter (queueing noise on top of a link's
 * fixed latency).
 */
export function exponentialJitter(meanMs: number): LatencyModel {
  if (!(meanMs >= 0 && Number.isFinite(meanMs))) throw new ParameterError("jitterMs", meanMs, "a finite number >= 0");
  return {
    name: `exponential(mean ${meanMs} ms)`,
    sampleMs: (rng) => exponential(rng, meanMs),
    meanMs,
    medianMs: meanMs * Math.LN2,
    varianceMs2: meanMs * meanMs,
  };
}

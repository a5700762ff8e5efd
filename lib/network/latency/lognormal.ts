import { ParameterError } from "../../experiment/params";
import { standardNormal } from "./draw";
import type { LatencyModel } from "./model";

/**
 * Lognormal with median m and shape sigma: m exp(sigma Z). Mean
 * m exp(sigma^2 / 2), variance m^2 (exp(sigma^2) - 1) exp(sigma^2). The C
 * reference w3_pownet draws link latencies this way (median 100 ms, sigma 0.5).
 */
export function lognormalLatency(medianMs: number, sigma: number): LatencyModel {
  if (!(medianMs >= 0 && Number.isFinite(medianMs))) throw new ParameterError("latencyMedianMs", medianMs, "a finite number >= 0");
  if (!(sigma >= 0 && sigma <= 10)) throw new ParameterError("latencySigma", sigma, "a number, 0 <= latencySigma <= 10");
  const s2 = sigma * sigma;
  return {
    name: `lognormal(median ${medianMs} ms, sigma ${sigma})`,
    sampleMs: (rng) => medianMs * Math.exp(sigma * standardNormal(rng)),
    meanMs: medianMs * Math.exp(s2 / 2),
    medianMs,
    varianceMs2: medianMs * medianMs * Math.expm1(s2) * Math.exp(s2),
  };
}

import { ParameterError } from "../../experiment/params";
import { normalCdf, normalPdf, standardNormal } from "./draw";
import type { LatencyModel } from "./model";

/**
 * Normal(mu, sd) truncated to [0, inf): a negative draw is redrawn (with
 * mu >= 0 at least half the draws are kept). Moments of the truncated normal
 * (Johnson, Kotz & Balakrishnan, Continuous Univariate Distributions vol. 1,
 * 2nd ed., section 10.1): with a = -mu / sd and Z = 1 - Phi(a),
 *   mean = mu + sd phi(a) / Z,  var = sd^2 (1 + a phi(a) / Z - (phi(a) / Z)^2).
 */
export function normalLatency(meanMs: number, sdMs: number): LatencyModel {
  if (!(meanMs >= 0 && Number.isFinite(meanMs))) throw new ParameterError("latencyMs", meanMs, "a finite number >= 0");
  if (!(sdMs >= 0 && Number.isFinite(sdMs))) throw new ParameterError("latencySdMs", sdMs, "a finite number >= 0");
  if (sdMs === 0) return { name: `normal(${meanMs}, 0 ms)`, sampleMs: () => meanMs, meanMs, medianMs: meanMs, varianceMs2: 0 };
  const a = -meanMs / sdMs;
  const z = 1 - normalCdf(a);
  const lambda = normalPdf(a) / z;
  return {
    name: `normal(${meanMs}, ${sdMs} ms) truncated at 0`,
    sampleMs(rng) {
      for (;;) {
        const x = meanMs + sdMs * standardNormal(rng);
        if (x >= 0) return x;
      }
    },
    meanMs: meanMs + sdMs * lambda,
    medianMs: meanMs + sdMs * inverseNormalCdfApprox(1 - z / 2),
    varianceMs2: sdMs * sdMs * (1 + a * lambda - lambda * lambda),
  };
}

/** Inverse standard normal CDF by bisection on normalCdf (set-up only; accurate to ~1e-7). */
function inverseNormalCdfApprox(p: number): number {
  let lo = -10;
  let hi = 10;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * A latency model: a distribution of one-way delays in milliseconds, with its
 * analytic moments (Infinity where they do not exist) so tests and notebooks
 * can set simulation against theory.
 */
import type { Xoshiro128 } from "../../random/xoshiro128";

export interface LatencyModel {
  readonly name: string;
  /** One draw, milliseconds, >= 0. */
  sampleMs(rng: Xoshiro128): number;
  readonly meanMs: number;
  readonly medianMs: number;
  /** Variance, ms^2 (Infinity when it does not exist). */
  readonly varianceMs2: number;
}

/**
 * Latency that depends on the link's endpoints (e.g. their regions). A plain
 * LatencyModel is a LinkLatency that ignores the endpoints.
 */
export interface LinkLatency {
  readonly name: string;
  linkMs(a: number, b: number, rng: Xoshiro128): number;
}

export function isLinkLatency(x: LatencyModel | LinkLatency): x is LinkLatency {
  return typeof (x as LinkLatency).linkMs === "function";
}

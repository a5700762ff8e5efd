/**
 * A lognormal pair latency cheap enough for a message hot path: latency(i, j)
 * = median * exp(sigma * Z_ij), with Z_ij = Phi^-1(U_ij) and U_ij a uniform
 * from a 32-bit counter-based hash of (stream key, i, j) (murmur3's fmix32
 * finalizer, Appleby; the counter-based idea of Salmon et al., SC 2011). No
 * table: O(1) memory, the same value every time a pair is asked, each
 * direction drawn on its own (as w4_pbft.c draws lat(i, j) and lat(j, i)).
 *
 * Phi^-1 is Acklam's rational approximation (P. J. Acklam, "An algorithm for
 * computing the inverse normal cumulative distribution function", 2003;
 * relative error < 1.15e-9), so a lookup costs two hash rounds, a rational
 * function and one exp instead of re-seeding a generator and a Box-Muller
 * draw (lib/network/pair-latency.ts hashedPairLatency, ~4x slower). U has
 * 32-bit resolution (U in [2^-33, 1 - 2^-33]), so |Z| <= 6.3.
 */
import { fmix32 } from "../lib/network/pair-latency";
import type { PairLatency } from "../lib/network/runtime-config";
import type { Xoshiro128 } from "../lib/random/xoshiro128";

const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/** Standard normal quantile Phi^-1(p), 0 < p < 1 (Acklam 2003). */
export function normalQuantile(p: number): number {
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  if (p > 1 - P_LOW) {
    const q = Math.sqrt(-2 * Math.log1p(-p));
    return -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
}

/** Lognormal (median `medianMs`, shape `sigma`) per ordered pair, from a hash keyed by two words of `rng`. */
export function fastLognormalPairLatency(n: number, medianMs: number, sigma: number, rng: Xoshiro128): PairLatency {
  if (!(Number.isInteger(n) && n >= 1 && n <= 2 ** 26)) throw new RangeError(`invalid n: ${n} (allowed: an integer, 1 <= n <= 2^26)`);
  if (!(medianMs >= 0 && Number.isFinite(medianMs))) throw new RangeError(`invalid medianMs: ${medianMs} (allowed: a finite number >= 0)`);
  if (!(sigma >= 0 && sigma <= 10)) throw new RangeError(`invalid sigma: ${sigma} (allowed: 0 <= sigma <= 10)`);
  const k0 = rng.next() >>> 0;
  const k1 = rng.next() >>> 0;
  const medianS = medianMs / 1000;
  return {
    name: `lognormal(median ${medianMs} ms, sigma ${sigma}) per pair (hashed)`,
    n,
    latencyS(from: number, to: number): number {
      const h = fmix32((fmix32((k0 ^ Math.imul(from, 0x9e3779b1)) >>> 0) + Math.imul(to ^ k1, 0x85ebca6b)) >>> 0);
      return medianS * Math.exp(sigma * normalQuantile((h + 0.5) * 2.3283064365386963e-10));
    },
  };
}

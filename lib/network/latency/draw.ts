/** Continuous draws from a Xoshiro128 stream, shared by the latency models. */
import type { Xoshiro128 } from "../../random/xoshiro128";

/** Standard normal by Box-Muller (two uniforms, one output; set-up code, not a hot loop). */
export function standardNormal(rng: Xoshiro128): number {
  const u1 = rng.nextFloat();
  const u2 = rng.nextFloat();
  return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
}

/** Exponential with the given mean, by inversion. */
export function exponential(rng: Xoshiro128, mean: number): number {
  return -mean * Math.log1p(-rng.nextFloat());
}

/**
 * Complementary error function, fractional error < 1.2e-7 everywhere
 * (Chebyshev fit of Press et al., Numerical Recipes in C, 2nd ed., section 6.2, erfcc).
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Standard normal CDF. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Standard normal density. */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

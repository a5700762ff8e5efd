/**
 * The Wilson score interval of a binomial proportion (Wilson 1927, JASA 22,
 * 209-212; Newcombe 1998, Statistics in Medicine 17, 857-872, method 3;
 * recommended by Brown, Cai & DasGupta 2001, Statistical Science 16, 101-133):
 *   (p + z^2/2n +- z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n),  z = z_{(1+level)/2}.
 * Unlike p +- z se it stays inside [0, 1] and is not degenerate at 0 of n or
 * n of n (then one bound is exactly 0 or 1 and the other is not).
 */
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import { checkLevel, DEFAULT_LEVEL } from "./level";
import { checkCounts, type ProportionInterval } from "./proportion";

export function zQuantile(level: number): number {
  checkLevel(level);
  return normalQuantile((1 + level) / 2, 0, 1);
}

export function wilsonInterval(successes: number, trials: number, level = DEFAULT_LEVEL): ProportionInterval {
  checkCounts(successes, trials);
  const z = zQuantile(level);
  const n = trials;
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  // Exact ends at 0 of n and n of n (the formula gives them up to rounding).
  const lo = successes === 0 ? 0 : Math.max(0, centre - half);
  const hi = successes === n ? 1 : Math.min(1, centre + half);
  return { successes, trials, p, se: Math.sqrt((p * (1 - p)) / n), lo, hi, level, method: "wilson" };
}

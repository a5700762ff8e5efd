/**
 * The Clopper-Pearson ("exact") interval of a binomial proportion (Clopper &
 * Pearson 1934, Biometrika 26, 404-413; Newcombe 1998, method 5): the bounds
 * invert two one-sided binomial tests, through beta quantiles
 *   lo = B^{-1}(a/2; x, n - x + 1),  hi = B^{-1}(1 - a/2; x + 1, n - x),  a = 1 - level,
 * with lo = 0 at x = 0 and hi = 1 at x = n. Coverage is at least the level at
 * every p (conservative). Beta quantiles from @stdlib/stats-base-dists-beta-quantile.
 */
import betaQuantile from "@stdlib/stats-base-dists-beta-quantile";
import { checkLevel, DEFAULT_LEVEL } from "./level";
import { checkCounts, type ProportionInterval } from "./proportion";

export function clopperPearsonInterval(successes: number, trials: number, level = DEFAULT_LEVEL): ProportionInterval {
  checkCounts(successes, trials);
  checkLevel(level);
  const a = 1 - level;
  const x = successes;
  const n = trials;
  const p = x / n;
  const lo = x === 0 ? 0 : betaQuantile(a / 2, x, n - x + 1);
  const hi = x === n ? 1 : betaQuantile(1 - a / 2, x + 1, n - x);
  return { successes, trials, p, se: Math.sqrt((p * (1 - p)) / n), lo, hi, level, method: "clopper-pearson" };
}

/**
 * Proportions: successes over independent trials (double-spend attacks that
 * succeed, runs with a safety violation). Counts are pooled over replicates
 * and given a binomial interval made for proportions (Wilson or
 * Clopper-Pearson), which stays in [0, 1] and is proper at 0 and at n of n.
 */
import { ParameterError } from "../experiment/params";

export type ProportionMethod = "wilson" | "clopper-pearson";
export const PROPORTION_METHODS: readonly ProportionMethod[] = ["wilson", "clopper-pearson"];

export interface ProportionInterval {
  successes: number;
  trials: number;
  /** successes / trials. */
  p: number;
  /** Binomial standard error sqrt(p (1 - p) / trials) (0 at p = 0 or 1: read the interval instead). */
  se: number;
  lo: number;
  hi: number;
  level: number;
  method: ProportionMethod;
}

export function checkCounts(successes: number, trials: number): void {
  if (!Number.isSafeInteger(trials) || trials < 1) throw new ParameterError("trials", trials, "an integer >= 1");
  if (!Number.isSafeInteger(successes) || successes < 0 || successes > trials) throw new ParameterError("successes", successes, `an integer, 0 <= successes <= trials = ${trials}`);
}

export function checkProportionMethod(method: string): ProportionMethod {
  if (!PROPORTION_METHODS.includes(method as ProportionMethod)) throw new ParameterError("method", method, PROPORTION_METHODS.join(", "));
  return method as ProportionMethod;
}

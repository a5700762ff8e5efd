/** One entry point for both proportion intervals, chosen by name. */
import { clopperPearsonInterval } from "./clopper-pearson";
import { DEFAULT_LEVEL } from "./level";
import { checkProportionMethod, type ProportionInterval, type ProportionMethod } from "./proportion";
import { wilsonInterval } from "./wilson";

export function proportionInterval(successes: number, trials: number, level = DEFAULT_LEVEL, method: ProportionMethod = "wilson"): ProportionInterval {
  return checkProportionMethod(method) === "wilson" ? wilsonInterval(successes, trials, level) : clopperPearsonInterval(successes, trials, level);
}

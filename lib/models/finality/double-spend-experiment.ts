/**
 * Experiment `double-spend`: the success rate of a double-spend attack by an
 * attacker with hash share q against a merchant who waits for z confirmations,
 * simulated, beside Nakamoto's (2008, section 11) and Rosenfeld's (2014,
 * eq. 1) closed forms.
 *
 * q ranges over [0, 1]: at q >= 0.5 both closed forms give 1 (Nakamoto's
 * q_z = 1 for p <= q; Rosenfeld's r = 1 for q >= p) and so does the
 * simulation (the attacker's walk drifts up or is null-recurrent; the capped
 * walk's closed-form remainder is 1), so a sweep may cross one half.
 */
import { defineExperiment } from "../../experiment/experiment";
import { choice, int, num } from "../../experiment/params";
import { DEFAULT_WALK_CAP, simulateDoubleSpendPoisson, simulateDoubleSpendRace } from "./double-spend-simulate";
import { nakamotoCatchUpUnchecked } from "./finality-nakamoto";
import { rosenfeldSuccessUnchecked } from "./finality-rosenfeld";

export const doubleSpend = defineExperiment({
  name: "double-spend",
  title: "Double spend after z confirmations: simulated success rate vs Nakamoto and Rosenfeld",
  reference: "Nakamoto 2008, section 11 (Poisson approximation); Rosenfeld 2014, arXiv:1402.2009, eq. (1) (exact negative-binomial race)",
  source: __filename,
  // Attacks are independent trials: summaries pool successes over replicates (Wilson interval, lib/sweep/summary.ts).
  proportions: { simulated: { successes: "successes", trials: "trials" } },
  params: {
    q: num({ default: 0.3, unit: "", min: 0, max: 1, doc: "attacker's share of the hash rate (q >= 0.5 always succeeds)" }),
    z: int({ default: 6, unit: "blocks", min: 0, max: 1000, doc: "confirmations the merchant waits for" }),
    trials: int({ default: 100_000, unit: "attacks", min: 1, max: 1e9, doc: "independent attacks simulated per replicate" }),
    model: choice({
      default: "rosenfeld",
      choices: ["rosenfeld", "nakamoto"],
      doc: "race simulated: rosenfeld = block by block (exact); nakamoto = Poisson attacker progress (the paper's approximation)",
    }),
    walkCap: int({
      default: DEFAULT_WALK_CAP,
      unit: "blocks",
      min: 0,
      max: 100_000,
      doc: "deficit at which the simulated catch-up walk stops and the exact remainder (q/p)^walkCap is drawn (no bias; 0 = closed form at once)",
    }),
  },
  run({ q, z, trials, model, walkCap }, rng) {
    const simulate = model === "nakamoto" ? simulateDoubleSpendPoisson : simulateDoubleSpendRace;
    const { successes, blockEvents } = simulate(q, z, trials, rng.fast, walkCap);
    const rate = successes / trials;
    return {
      simulated: rate,
      simulatedSe: Math.sqrt((rate * (1 - rate)) / trials),
      nakamoto: nakamotoCatchUpUnchecked(q, z),
      rosenfeld: rosenfeldSuccessUnchecked(q, z),
      successes,
      blockEvents,
    };
  },
});

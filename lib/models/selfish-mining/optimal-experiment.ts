/**
 * Experiment `selfish-mining-optimal`: the optimal relative revenue of a
 * selfish pool (Sapirshtein, Sompolinsky & Zohar, "Optimal Selfish Mining
 * Strategies in Bitcoin", FC 2016, section 4), solved on the MDP truncated at
 * maxFork by bisection on rho with relative value iteration (mdp-solve.ts),
 * beside honest mining and Eyal & Sirer's SM1 (closed form, eq. 8).
 *
 * Deterministic: the rng is not used, so every replicate gives the same row.
 * The truncated optimum is a lower bound on the untruncated one; it grows
 * with maxFork (at gamma = 0, alpha = 0.45 it is still rising past maxFork 120:
 * 0.6664 at 60, 0.6684 at 80, 0.6694 at 120). `truncationShift` = revenue at
 * maxFork minus revenue at maxFork / 2 shows how far the truncation still
 * matters (a solve of a quarter of the states, ~20 % more time).
 */
import { defineExperiment } from "../../experiment/experiment";
import { bool, int, num } from "../../experiment/params";
import { selfishRevenue } from "./closed-form";
import { buildSelfishMiningMdp } from "./mdp";
import { solveRelativeRevenue } from "./mdp-solve";
import { selfishMiningPolicyColumns } from "./policy-table";

export const selfishMiningOptimal = defineExperiment({
  name: "selfish-mining-optimal",
  title: "Optimal selfish mining: relative revenue of the best policy (MDP, deterministic: the seed is unused), against honest mining and Eyal-Sirer",
  reference: "Sapirshtein, Sompolinsky & Zohar, Optimal Selfish Mining Strategies in Bitcoin, FC 2016 (section 4, Table 1)",
  source: __filename,
  params: {
    alpha: num({ default: 1 / 3, unit: "", min: 0, max: 0.5, maxExclusive: true, doc: "hash-rate share of the selfish pool" }),
    gamma: num({ default: 0.5, unit: "", min: 0, max: 1, doc: "share of honest hash rate that mines on the pool's block after a match" }),
    maxFork: int({ default: 80, unit: "blocks", min: 2, max: 160, fuzzMax: 16, doc: "truncation: fork lengths a, h < maxFork (3 maxFork^2 states; 80 takes ~3 s)" }),
    tolerance: num({ default: 1e-4, unit: "", min: 1e-7, max: 0.01, doc: "bisection stops when upper - lower bound on the revenue <= tolerance" }),
    policy: bool({ default: false, outputOnly: true, doc: "also return the series `policy` (a, h, fork 0 irrelevant/1 relevant/2 active, action 0 adopt/1 override/2 match/3 wait) over the states the optimal policy reaches" }),
  },
  run({ alpha, gamma, maxFork, tolerance, policy }) {
    const mdp = buildSelfishMiningMdp(alpha, gamma, maxFork);
    const solution = solveRelativeRevenue(mdp, { tolerance });
    const eyalSirer = selfishRevenue(alpha, gamma);
    // How much the optimum still moves with the truncation: the same solve at half the fork length.
    const half = Math.floor(maxFork / 2);
    const truncationShift = half >= 2 ? solution.lower - solveRelativeRevenue(buildSelfishMiningMdp(alpha, gamma, half), { tolerance }).lower : null;
    // revenue: the lower end of the certified bracket, which the returned policy earns at least;
    // the truncated MDP's optimum lies in [revenue, revenueUpper] (as the paper's lower bounds).
    const row = {
      revenue: solution.lower,
      revenueUpper: solution.upper,
      gap: solution.gap,
      truncationShift,
      certified: solution.certified,
      honestRevenue: alpha,
      eyalSirerRevenue: eyalSirer,
      gain: solution.lower - alpha,
      gainOverEyalSirer: solution.lower - eyalSirer,
      states: mdp.states,
      iterations: solution.sweeps,
      bisections: solution.bisections,
    };
    return policy ? { row, series: { policy: selfishMiningPolicyColumns(mdp, solution.policy) } } : { row };
  },
});

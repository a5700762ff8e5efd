/**
 * Experiment `selfish-mining-stubborn`: relative revenue of a pool playing a
 * stubborn mining strategy (Nayak, Kumar, Miller & Shi, EuroS&P 2016,
 * section 3; stubborn.ts), simulated block by block (stubborn-simulate.ts),
 * beside honest mining and Eyal & Sirer's closed form (eq. 8). With
 * `exact: true` the row also carries the strategy's revenue computed exactly
 * on the MDP of Sapirshtein et al. (FC 2016; truncated at maxFork) and the
 * optimal revenue there, which bounds every strategy.
 */
import { defineExperiment } from "../../experiment/experiment";
import { bool, choice, int, num } from "../../experiment/params";
import { selfishRevenue } from "./closed-form";
import { buildSelfishMiningMdp, policyFromRule } from "./mdp";
import { solveRelativeRevenue } from "./mdp-solve";
import { parseStubbornStrategy, stubbornAction, type StubbornStrategy } from "./stubborn";
import { simulateStubbornMining } from "./stubborn-simulate";

/** Strategy names the experiment offers (any of parseStubbornStrategy's names works in code). */
export const STUBBORN_STRATEGIES = ["selfish", "L", "F", "LF", "T1", "T2", "T3", "LT1", "LT2", "FT1", "FT2", "LFT1", "LFT2"] as const;

export const selfishMiningStubborn = defineExperiment({
  name: "selfish-mining-stubborn",
  title: "Stubborn mining: relative revenue of lead/equal-fork/trail stubborn pools, simulated, against Eyal-Sirer",
  reference: "Nayak, Kumar, Miller & Shi, Stubborn Mining, EuroS&P 2016 (section 3); Sapirshtein, Sompolinsky & Zohar, FC 2016 (section 4)",
  source: __filename,
  params: {
    alpha: num({ default: 1 / 3, unit: "", min: 0, max: 0.5, maxExclusive: true, doc: "hash-rate share of the selfish pool" }),
    gamma: num({ default: 0.5, unit: "", min: 0, max: 1, doc: "share of honest hash rate that mines on the pool's block after it matches a fresh honest block" }),
    strategy: choice({ default: "LF", choices: STUBBORN_STRATEGIES, doc: "selfish (Eyal-Sirer SM1), L lead-stubborn, F equal-fork stubborn, Tj j-trail stubborn, and their combinations" }),
    blocks: int({ default: 1_000_000, unit: "blocks", min: 1, max: 1e10, doc: "block-finding events simulated per replicate" }),
    exact: bool({ default: false, outputOnly: true, doc: "also compute the strategy's exact revenue and the optimum on the MDP truncated at maxFork (null otherwise)" }),
    maxFork: int({ default: 80, unit: "blocks", min: 2, max: 160, fuzzMax: 16, doc: "truncation of the MDP used when exact is true (a forced adopt/override at the boundary)" }),
  },
  run({ alpha, gamma, strategy, blocks, exact, maxFork }, rng) {
    const s = parseStubbornStrategy(strategy) as StubbornStrategy;
    const { poolBlocks, honestBlocks, orphanBlocks, pendingBlocks } = simulateStubbornMining(s, alpha, gamma, blocks, rng.fast);
    const decided = poolBlocks + honestBlocks;
    let strategyRevenueExact: number | null = null;
    let optimalRevenue: number | null = null;
    if (exact) {
      const mdp = buildSelfishMiningMdp(alpha, gamma, maxFork);
      strategyRevenueExact = solveRelativeRevenue(mdp, { tolerance: 1e-6, policy: policyFromRule(maxFork, (a, h, f) => stubbornAction(s, a, h, f)) }).revenue;
      optimalRevenue = solveRelativeRevenue(mdp, { tolerance: 1e-4 }).lower;
    }
    return {
      revenue: decided > 0 ? poolBlocks / decided : 0,
      eyalSirerRevenue: selfishRevenue(alpha, gamma),
      honestRevenue: alpha,
      strategyRevenueExact,
      optimalRevenue,
      poolBlocks,
      honestBlocks,
      orphanRate: orphanBlocks / blocks,
      pendingBlocks,
    };
  },
});

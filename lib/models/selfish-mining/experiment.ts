import { defineExperiment } from "../../experiment/experiment";
import { int, num } from "../../experiment/params";
import { selfishRevenue, selfishThreshold } from "./closed-form";
import { simulateSelfishMining } from "./simulate";

export const selfishMining = defineExperiment({
  name: "selfish-mining",
  title: "Selfish mining: relative revenue of an Eyal-Sirer pool, simulated and closed form",
  reference: "Eyal & Sirer, Majority is not Enough, FC 2014 (Algorithm 1, eq. 8)",
  source: __filename,
  params: {
    alpha: num({ default: 1 / 3, unit: "", min: 0, max: 0.5, maxExclusive: true, doc: "hash-rate share of the selfish pool" }),
    gamma: num({ default: 0.5, unit: "", min: 0, max: 1, doc: "share of honest hash rate that mines on the pool's block during a tie" }),
    blocks: int({ default: 1_000_000, unit: "blocks", min: 1, max: 1e10, doc: "block-finding events simulated per replicate" }),
  },
  run({ alpha, gamma, blocks }, rng) {
    const { poolBlocks, honestBlocks, orphanBlocks } = simulateSelfishMining(alpha, gamma, blocks, rng.fast);
    const decided = poolBlocks + honestBlocks;
    return {
      revenue: decided > 0 ? poolBlocks / decided : 0,
      revenueTheory: selfishRevenue(alpha, gamma),
      honestRevenue: alpha,
      threshold: selfishThreshold(gamma),
      poolBlocks,
      honestBlocks,
      orphanRate: orphanBlocks / blocks,
    };
  },
});

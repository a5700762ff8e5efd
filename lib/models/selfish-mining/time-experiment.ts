/**
 * Experiment `selfish-mining-time`: the selfish pool's revenue per day before
 * and after the difficulty adjustment, and the time until its cumulative
 * revenue overtakes honest mining (Grunspan & Pérez-Marco, "On profitability
 * of selfish mining", arXiv 1805.08281, 2018; issue #14, item 4). Simulation
 * and closed forms side by side (time-difficulty.ts).
 *
 *   consensus-lab sweep selfish-mining-time --alpha 0.26:0.5:0.02 --gamma 0,0.5,1 --replicates 20
 * gives the break-even time against alpha.
 */
import { defineExperiment } from "../../experiment/experiment";
import { int, num } from "../../experiment/params";
import { selfishRevenue } from "./closed-form";
import { checkTimeDifficultyConfig, selfishTimeTheory, simulateSelfishMiningInTime, timeRevenueOfRun } from "./time-difficulty";

const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);

export const selfishMiningTime = defineExperiment({
  name: "selfish-mining-time",
  title: "Selfish mining in time: revenue per day before and after the difficulty adjustment, break-even time",
  reference: "Grunspan & Pérez-Marco, On profitability of selfish mining, arXiv 1805.08281, 2018; Eyal & Sirer, FC 2014 (Algorithm 1, eq. 8)",
  source: __filename,
  params: {
    alpha: num({ default: 1 / 3, unit: "", min: 0, max: 0.5, minExclusive: true, maxExclusive: true, doc: "hash-rate share of the selfish pool" }),
    gamma: num({ default: 0.5, unit: "", min: 0, max: 1, doc: "share of honest hash rate that mines on the pool's block during a tie" }),
    retargetBlocks: int({ default: 2016, unit: "blocks", min: 1, max: 1e6, doc: "retarget the difficulty every this many main-chain blocks (Bitcoin: 2016)" }),
    blockIntervalS: num({ default: 600, unit: "s", min: 0.001, max: 1e9, doc: "target time between main-chain blocks (and between blocks at the initial difficulty); at least 1 ms, so revenue per day stays finite" }),
    periods: int({ default: 10, unit: "retargets", min: 2, max: 1e5, doc: "retarget periods simulated (the first before the adjustment, the others after)" }),
  },
  validate: (p) => checkTimeDifficultyConfig(p),
  run(p, rng) {
    const r = simulateSelfishMiningInTime(p, rng.fast);
    const sim = timeRevenueOfRun(r, p.alpha, p.blockIntervalS);
    const th = selfishTimeTheory(p.alpha, p.gamma, p.retargetBlocks, p.blockIntervalS);
    return {
      revenuePerDayBefore: sim.beforePerDay,
      revenuePerDayBeforeTheory: th.beforePerDay,
      revenuePerDayAfter: sim.afterPerDay,
      revenuePerDayAfterTheory: th.afterPerDay,
      honestRevenuePerDay: th.honestPerDay,
      afterRatio: sim.afterPerDay / th.honestPerDay,
      afterRatioTheory: th.afterRatio,
      relativeRevenueTheory: selfishRevenue(p.alpha, p.gamma),
      breakEvenDays: finiteOrNull(sim.breakEvenDays),
      breakEvenDaysTheory: finiteOrNull(th.breakEvenDays),
      firstCrossDays: finiteOrNull(sim.firstCrossDays),
      firstRetargetDays: r.firstRetargetFoundS / 86_400,
      firstRetargetDaysTheory: th.firstRetargetDays,
      delta: r.mainBlocks / r.mined,
      deltaTheory: th.delta,
      finalDifficulty: r.difficulty[r.difficulty.length - 1],
    };
  },
});

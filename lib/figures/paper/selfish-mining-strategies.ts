/**
 * Selfish-mining strategies side by side: relative revenue against the pool's
 * share alpha, one panel per tie share gamma in {0, 0.5, 1}.
 *   optimal:     the MDP optimum (Sapirshtein, Sompolinsky & Zohar, FC 2016, section 4), exact up to its bisection gap
 *   Eyal-Sirer:  SM1's closed form (Eyal & Sirer, FC 2014, eq. 8)
 *   stubborn:    the best-known stubborn combinations LF and LFT1 (Nayak, Kumar, Miller & Shi, EuroS&P 2016),
 *                simulated, with their 95% t-interval over replicates
 *   honest:      R = alpha
 */
import * as aq from "arquero";
import { hconcat } from "../../charts/compose";
import { lineChart } from "../../charts/line-chart";
import { selfishRevenue } from "../../models/selfish-mining/closed-form";
import { selfishMiningOptimal } from "../../models/selfish-mining/optimal-experiment";
import { selfishMiningStubborn } from "../../models/selfish-mining/stubborn-experiment";
import { cartesian, range } from "../../sweep/grid";
import { runSweep } from "../../sweep/run-sweep";
import { intervalCaption, summaryInfo } from "../../sweep/summary";
import type { TableLike } from "../../charts/data";
import { toRows } from "../../charts/data";
import type { VegaLiteSpec } from "../../charts/spec";
import type { FigureBuildOptions, PaperFigure } from "./figure";

export const STRATEGY_GAMMAS = [0, 0.5, 1];
export const FIGURE_STUBBORN = ["LF", "LFT1"];

/**
 * One long table (gamma, alpha, strategy, revenue_mean, revenue_lo, revenue_hi)
 * from an optimal sweep summary (alpha, gamma, revenue_mean) and a stubborn sweep
 * summary (alpha, gamma, strategy, revenue_mean/lo/hi), with the closed form and
 * honest mining added on the same alphas. Exact curves have lo = hi = mean.
 */
export function strategyComparison(optimal: aq.ColumnTable, stubborn: aq.ColumnTable): aq.ColumnTable {
  const exact = (strategy: string, value: (d: { alpha: number; gamma: number; revenue_mean: number }) => number) =>
    (optimal.objects() as Array<{ alpha: number; gamma: number; revenue_mean: number }>).map((d) => {
      const v = value(d);
      return { gamma: d.gamma, alpha: d.alpha, strategy, revenue_mean: v, revenue_lo: v, revenue_hi: v };
    });
  const simulated = (stubborn.objects() as Array<{ alpha: number; gamma: number; strategy: string; revenue_mean: number; revenue_lo: number; revenue_hi: number }>).map((d) => ({
    gamma: d.gamma,
    alpha: d.alpha,
    strategy: `stubborn ${d.strategy}`,
    revenue_mean: d.revenue_mean,
    revenue_lo: d.revenue_lo,
    revenue_hi: d.revenue_hi,
  }));
  return aq
    .from([
      ...exact("optimal (MDP)", (d) => d.revenue_mean),
      ...exact("Eyal-Sirer (eq. 8)", (d) => selfishRevenue(d.alpha, d.gamma)),
      ...simulated,
      ...exact("honest", (d) => d.alpha),
    ])
    .orderby("gamma", "strategy", "alpha");
}

/** Three panels (gamma = 0, 0.5, 1) of revenue against alpha, one line per strategy (notebook 05 draws the same). */
export function selfishStrategiesChart(data: TableLike, run: { replicates: number; blocks: number; maxFork: number; level?: number }): VegaLiteSpec {
  const rows = toRows(data, "selfishStrategiesChart");
  const gammas = [...new Set(rows.map((r) => r.gamma as number))].sort((a, b) => a - b);
  const strategies = [...new Set(rows.map((r) => r.strategy as string))];
  const panels = gammas.map((gamma) =>
    lineChart(
      rows.filter((r) => r.gamma === gamma),
      {
        x: "alpha",
        y: "revenue_mean",
        lo: "revenue_lo",
        hi: "revenue_hi",
        color: "strategy",
        points: false,
        // A little room around [0, 0.5] x [0, 1]: the stubborn curves at R = 0 (gamma = 0) sit inside the plot, not on its frame.
        xAxis: { label: "pool hash share α", domain: [-0.015, 0.515], format: ".1f" },
        yAxis: { label: "relative revenue R", domain: [-0.03, 1.03], format: ".1f" },
        colorLegend: { label: "strategy", domain: strategies },
        title: `γ = ${gamma}`,
        width: 240,
        height: 240,
      },
    ),
  );
  return hconcat(panels, {
    title: "Selfish mining: optimal, Eyal-Sirer, stubborn and honest",
    subtitle: [
      `optimal: MDP truncated at fork length ${run.maxFork}; stubborn: simulated, ${intervalCaption(summaryInfo({ level: run.level }), "revenue", run.replicates)} (${run.blocks.toLocaleString("en-US")} blocks each)`,
      "Eyal-Sirer: closed form eq. 8 (2014); stubborn LF, LFT1: Nayak et al. 2016; optimal: Sapirshtein et al. 2016",
    ],
  });
}

export const selfishMiningStrategies: PaperFigure = {
  name: "selfish-mining-strategies",
  title: "Selfish mining strategies: optimal (MDP) against Eyal-Sirer, stubborn and honest",
  async build(options: FigureBuildOptions = {}) {
    const quick = options.quick ?? false;
    const seed = options.seed ?? 1;
    const alphaStep = quick ? 0.1 : 0.025;
    const maxFork = quick ? 20 : 60;
    const replicates = quick ? 3 : 8;
    const blocks = quick ? 20_000 : 200_000;
    const alphas = range(0.025, 0.5, alphaStep);
    const progress = options.progress ?? "auto";
    const optimal = await runSweep(selfishMiningOptimal, cartesian({ gamma: STRATEGY_GAMMAS, alpha: alphas, maxFork: [maxFork] }), { replicates: 1, seed, progress });
    const stubborn = await runSweep(selfishMiningStubborn, cartesian({ gamma: STRATEGY_GAMMAS, alpha: alphas, strategy: FIGURE_STUBBORN, blocks: [blocks] }), { replicates, seed, progress });
    const data = strategyComparison(optimal.summary, stubborn.summary);
    return {
      spec: selfishStrategiesChart(data, { replicates, blocks, maxFork }),
      data,
      params: { experiments: [selfishMiningOptimal.name, selfishMiningStubborn.name], gamma: STRATEGY_GAMMAS, alpha: { start: 0.025, stop: 0.5, step: alphaStep }, maxFork, strategies: FIGURE_STUBBORN, blocks, replicates, quick },
      seeds: { seed, replicates, streams: "replicateRng(seed, experiment, point, replicate): SHA-256 of the path (lib/random/seed.ts); the MDP uses no randomness" },
    };
  },
};

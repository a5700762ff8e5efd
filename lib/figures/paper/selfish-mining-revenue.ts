/**
 * Selfish mining: the pool's relative revenue R against its hash share alpha,
 * for tie shares gamma in {0, 0.5, 1} (Eyal & Sirer, "Majority is not Enough",
 * FC 2014, Figure 2 and Observation 1).
 *   points + band: simulated mean and 95% Student-t interval over replicates (lib/models/selfish-mining)
 *   lines:         closed form R(alpha, gamma), eq. 8, on a fine alpha grid
 *   gray line:     honest mining, R = alpha
 *   dashed rules:  profitability threshold alpha > (1 - gamma) / (3 - 2 gamma)
 */
import { lineChart } from "../../charts/line-chart";
import { selfishRevenue, selfishThreshold } from "../../models/selfish-mining/closed-form";
import { selfishMining } from "../../models/selfish-mining/experiment";
import { cartesian, range } from "../../sweep/grid";
import { runSweep } from "../../sweep/run-sweep";
import { intervalCaption, summaryInfo } from "../../sweep/summary";
import { toRows, type TableLike } from "../../charts/data";
import type { VegaLiteSpec } from "../../charts/spec";
import type { FigureBuildOptions, PaperFigure } from "./figure";

const GAMMAS = [0, 0.5, 1];

/**
 * The chart, from a sweep summary with columns gamma, alpha, revenue_mean,
 * revenue_lo, revenue_hi (notebook 01 draws it with the same function).
 */
export function selfishRevenueChart(summary: TableLike, run: { replicates: number; blocks: number; level?: number }): VegaLiteSpec {
  const gammas = [...new Set(toRows(summary, "selfishRevenueChart").map((row) => row.gamma as number))];
  return lineChart(summary, {
    x: "alpha",
    y: "revenue_mean",
    lo: "revenue_lo",
    hi: "revenue_hi",
    color: "gamma",
    line: false,
    points: true,
    theory: { fn: (alpha, gamma) => selfishRevenue(alpha, gamma as number), domain: [0, 0.5], strokeDash: [], strokeWidth: 1.5 },
    rules: [
      { diagonal: true, label: "honest (R = α)" },
      ...gammas.map((gamma) => ({ x: selfishThreshold(gamma), color: gamma, label: `γ = ${gamma}` })),
    ],
    // A little room around [0, 0.5] x [0, 1]: the gamma = 1 threshold at alpha = 0 and the points at R = 0
    // sit inside the plot (not on the axis line), and the 0.00 label stays under its tick.
    xAxis: { label: "pool hash share α", domain: [-0.015, 0.515], format: ".2f" },
    yAxis: { label: "relative revenue R", domain: [-0.03, 1.03], format: ".1f" },
    colorLegend: { label: "γ (tie share)" },
    title: "Selfish mining: relative revenue",
    subtitle: [
      `points and bands: simulated ${intervalCaption(summaryInfo({ level: run.level }), "revenue", run.replicates)} (${run.blocks.toLocaleString("en-US")} blocks each)`,
      "lines: closed form (Eyal & Sirer 2014, eq. 8); gray: honest mining R = α; dashed: threshold α = (1−γ)/(3−2γ)",
    ],
  });
}

export const selfishMiningRevenue: PaperFigure = {
  name: "selfish-mining-revenue",
  title: "Selfish mining: relative revenue against hash share (Eyal & Sirer 2014)",
  async build(options: FigureBuildOptions = {}) {
    const quick = options.quick ?? false;
    const seed = options.seed ?? 1;
    const alphaStep = quick ? 0.05 : 0.025;
    const replicates = quick ? 4 : 8;
    const blocks = quick ? 20_000 : 200_000;
    const alphas = range(0, 0.5, alphaStep);
    const result = await runSweep(selfishMining, cartesian({ gamma: GAMMAS, alpha: alphas, blocks: [blocks] }), { replicates, seed, progress: options.progress ?? "auto" });
    const data = result.summary
      .select("gamma", "alpha", "blocks", "n", "revenue_mean", "revenue_sd", "revenue_se", "revenue_lo", "revenue_hi", "revenueTheory_mean")
      .rename({ revenueTheory_mean: "revenue_theory" })
      .orderby("gamma", "alpha");
    const spec = selfishRevenueChart(data, { replicates, blocks });
    return {
      spec,
      data,
      params: { experiment: selfishMining.name, alpha: { start: 0, stop: 0.5, step: alphaStep }, gamma: GAMMAS, blocks, replicates, quick },
      seeds: { seed, replicates, streams: "replicateRng(seed, experiment, point, replicate): SHA-256 of the path (lib/random/seed.ts)" },
    };
  },
};

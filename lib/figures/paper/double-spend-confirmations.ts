/**
 * Double-spend success against confirmations z for attacker shares q:
 * simulated block race (95% CI) over Rosenfeld's exact probability
 * (Rosenfeld 2014, arXiv:1402.2009, eq. 1), log scale.
 */
import * as aq from "arquero";
import { lineChart } from "../../charts/line-chart";
import { doubleSpend } from "../../models/finality/double-spend-experiment";
import { rosenfeldSuccess } from "../../models/finality/finality-rosenfeld";
import { runSweep } from "../../sweep/run-sweep";
import type { VegaLiteSpec } from "../../charts/spec";
import type { SweepResult } from "../../sweep/sweep";
import type { FigureBuildOptions, PaperFigure } from "./figure";

const QS = [0.1, 0.2, 0.3, 0.4];
const ZS = Array.from({ length: 11 }, (_, z) => z);
const FLOOR = 1e-5;

/**
 * The summary table of a double-spend sweep over q x z (simulated, Rosenfeld,
 * Nakamoto) and its chart on a log scale (notebook 02 draws the same).
 */
export function doubleSpendFigure(result: SweepResult, run: { trials: number; replicates: number }): { data: aq.ColumnTable; spec: VegaLiteSpec } {
  const data = result.summary
    .select("q", "z", "n", "simulated_mean", "simulated_se", "simulated_lo", "simulated_hi", "rosenfeld_mean", "nakamoto_mean")
    .rename({ rosenfeld_mean: "rosenfeld", nakamoto_mean: "nakamoto" })
    .orderby("q", "z");
  const plotted = data
    .filter(aq.escape((d: { simulated_mean: number }) => d.simulated_mean > 0))
    .derive({ simulated_lo: aq.escape((d: { simulated_lo: number }) => Math.max(d.simulated_lo, FLOOR)) });
  const qs = [...new Set(data.array("q") as number[])];
  const zMax = Math.max(...(data.array("z") as number[]));
  const exact = qs.flatMap((q) => Array.from({ length: zMax + 1 }, (_, z) => ({ q, z, rosenfeld: rosenfeldSuccess(q, z) })));
  const spec = lineChart(plotted, {
    x: "z",
    y: "simulated_mean",
    lo: "simulated_lo",
    hi: "simulated_hi",
    color: "q",
    line: false,
    points: true,
    band: "bars",
    theory: { data: exact, y: "rosenfeld", strokeDash: [] },
    xAxis: { label: "confirmations z", domain: [0, zMax] },
    yAxis: { label: "attacker success probability", type: "log", domain: [FLOOR, 1], format: "~g" },
    colorLegend: { label: "attacker share q" },
    title: "Double-spend success against confirmations",
    subtitle: `points: simulated race (${run.replicates} × ${run.trials.toLocaleString("en-US")} attacks, 95% CI); lines: Rosenfeld (2014) exact`,
  });
  return { data, spec };
}

export const doubleSpendConfirmations: PaperFigure = {
  name: "double-spend-confirmations",
  title: "Double-spend success against confirmations: simulation and Rosenfeld (2014)",
  async build(options: FigureBuildOptions = {}) {
    const quick = options.quick ?? false;
    const seed = options.seed ?? 1;
    const trials = quick ? 5_000 : 200_000;
    const replicates = quick ? 2 : 4;
    const result = await runSweep(doubleSpend, { q: QS, z: ZS, trials: [trials] }, { replicates, seed, progress: options.progress ?? "auto" });
    const { data, spec } = doubleSpendFigure(result, { trials, replicates });
    return { spec, data, params: { experiment: doubleSpend.name, q: QS, z: ZS, trials, replicates, quick }, seeds: { seed, replicates } };
  },
};

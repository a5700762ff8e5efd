/**
 * Double-spend success against confirmations z for attacker shares q:
 * simulated block race over Rosenfeld's exact probability (Rosenfeld 2014,
 * arXiv:1402.2009, eq. 1), log scale. The simulated success is a proportion:
 * successes are pooled over replicates and drawn with a 95% Wilson interval
 * (lib/stats/wilson.ts), which is proper at 0 successes. A point with no
 * success cannot sit on a log axis; it is drawn as a downward triangle at its
 * Wilson upper bound, so no point is dropped and no bound is clamped.
 */
import * as aq from "arquero";
import { lineChart } from "../../charts/line-chart";
import { doubleSpend } from "../../models/finality/double-spend-experiment";
import { rosenfeldSuccess } from "../../models/finality/finality-rosenfeld";
import { runSweep } from "../../sweep/run-sweep";
import { intervalCaption } from "../../sweep/summary";
import type { SpecObject, VegaLiteSpec } from "../../charts/spec";
import type { SweepResult } from "../../sweep/sweep";
import type { FigureBuildOptions, PaperFigure } from "./figure";

const QS = [0.1, 0.2, 0.3, 0.4];
const ZS = Array.from({ length: 11 }, (_, z) => z);

type DsRow = { q: number; z: number; simulated_mean: number; simulated_lo: number; simulated_hi: number; simulated_successes: number; simulated_trials: number };

/** The log-axis domain: a decade below the smallest thing drawn, and room above 1 for the points at 1. */
export function logDomain(smallest: number): [number, number] {
  return [Math.pow(10, Math.floor(Math.log10(smallest / 1.5))), 1.6];
}

/**
 * The summary table of a double-spend sweep over q x z (simulated with its
 * pooled counts and Wilson interval, Rosenfeld, Nakamoto) and its chart on a
 * log scale (notebook 02 draws the same).
 */
export function doubleSpendFigure(result: SweepResult, run: { trials: number; replicates: number }): { data: aq.ColumnTable; spec: VegaLiteSpec } {
  const data = result.summary
    .select("q", "z", "n", "simulated_successes", "simulated_trials", "simulated_mean", "simulated_se", "simulated_lo", "simulated_hi", "rosenfeld_mean", "nakamoto_mean")
    .rename({ rosenfeld_mean: "rosenfeld", nakamoto_mean: "nakamoto" })
    .orderby("q", "z");
  const rows = data.objects() as DsRow[];
  const hit = rows.filter((d) => d.simulated_successes > 0);
  const none = rows.filter((d) => d.simulated_successes === 0);
  const qs = [...new Set(rows.map((d) => d.q))];
  const zMax = Math.max(...rows.map((d) => d.z));
  const exact = qs.flatMap((q) => Array.from({ length: zMax + 1 }, (_, z) => ({ q, z, rosenfeld: rosenfeldSuccess(q, z) })));
  const smallest = Math.min(...hit.map((d) => d.simulated_lo), ...none.map((d) => d.simulated_hi), ...exact.map((d) => d.rosenfeld).filter((v) => v > 0));
  const yDomain = logDomain(smallest);
  const attacks = run.replicates * run.trials;
  const caption = intervalCaption(result.summaryInfo, "simulated", run.replicates);
  const subtitle = [
    `points and bars: simulated race, ${caption} (${run.replicates} × ${run.trials.toLocaleString("en-US")} attacks per point)`,
    none.length
      ? `▼: no success in ${attacks.toLocaleString("en-US")} attacks, drawn at the 95% upper bound; lines: Rosenfeld (2014) exact`
      : "lines: Rosenfeld (2014) exact",
  ];
  const spec = lineChart(hit.length ? hit : rows, {
    x: "z",
    y: "simulated_mean",
    lo: "simulated_lo",
    hi: "simulated_hi",
    color: "q",
    line: false,
    points: true,
    band: "bars",
    theory: { data: exact, y: "rosenfeld", strokeDash: [] },
    // Half a confirmation of room at each end, so the points at z = 0 and z = zMax are whole.
    xAxis: { label: "confirmations z", domain: [-0.5, zMax + 0.5], format: "d" },
    yAxis: { label: "attacker success probability", type: "log", domain: yDomain, powerLabels: true },
    colorLegend: { label: "attacker share q", domain: qs },
    title: "Double-spend success against confirmations",
    subtitle,
  }) as unknown as SpecObject & { layer: SpecObject[] };
  if (none.length) {
    const points = spec.layer.find((l) => l.name === "points") as SpecObject & { encoding: Record<string, SpecObject> };
    spec.layer.push({
      name: "upper-bounds",
      data: { values: none.map((d) => ({ q: d.q, z: d.z, simulated_hi: d.simulated_hi })) },
      mark: { type: "point", shape: "triangle-down", filled: true, size: 40, opacity: 1, clip: true },
      encoding: { ...points.encoding, y: { ...points.encoding.y, field: "simulated_hi" } },
    });
  }
  return { data, spec: spec as unknown as VegaLiteSpec };
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

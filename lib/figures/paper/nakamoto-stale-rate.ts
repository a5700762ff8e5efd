/**
 * Stale (orphan) rate of proof of work against the block interval T, for two
 * block sizes, on a Bitcoin-like network (8 outbound peers, lognormal link
 * latency with median 100 ms, 10 Mbit/s links). Dashed: 1 - exp(-D/T) with D
 * the mean propagation delay measured for that block size (Decker &
 * Wattenhofer, Information Propagation in the Bitcoin Network, P2P 2013).
 */
import * as aq from "arquero";
import { lineChart } from "../../charts/line-chart";
import { nakamotoNetwork } from "../../models/pow-network/network-experiment";
import { runSweep } from "../../sweep/run-sweep";
import { intervalCaption } from "../../sweep/summary";
import type { VegaLiteSpec } from "../../charts/spec";
import type { SweepResult } from "../../sweep/sweep";
import type { FigureBuildOptions, PaperFigure } from "./figure";

const SIZES_MB = [0.5, 2];
const INTERVALS_S = [15, 30, 60, 120, 300, 600];

/** Mean propagation delay D (s) per block size, pooled over a nakamoto-network sweep's rows. */
export function meanPropagationBySize(rows: SweepResult["rows"]): Map<number, number> {
  const table = rows.groupby("blockSizeMB").rollup({ D: aq.op.mean("propagationMeanS") });
  return new Map((table.objects() as Array<{ blockSizeMB: number; D: number }>).map((r) => [r.blockSizeMB, r.D]));
}

/** Decker & Wattenhofer's approximation of the stale rate: 1 - exp(-D/T). */
export function staleRateApprox(delayS: number, blockIntervalS: number): number {
  return 1 - Math.exp(-delayS / blockIntervalS);
}

/**
 * The stale-rate table of a nakamoto-network sweep over blockSizeMB x
 * blockIntervalS, with the approximation from the measured D beside it, and
 * its chart (notebook 02 draws the same).
 */
export function staleRateFigure(result: SweepResult, run: { nodes: number; blocks: number; replicates: number }): { data: aq.ColumnTable; spec: VegaLiteSpec; delays: Map<number, number> } {
  const delays = meanPropagationBySize(result.rows);
  const approx = (T: number, size: number) => staleRateApprox(delays.get(size) as number, T);
  const data = result.summary
    .select("blockSizeMB", "blockIntervalS", "n", "staleRate_mean", "staleRate_se", "staleRate_lo", "staleRate_hi")
    .derive({ approx: aq.escape((d: { blockSizeMB: number; blockIntervalS: number }) => approx(d.blockIntervalS, d.blockSizeMB)) })
    .orderby("blockSizeMB", "blockIntervalS");
  const intervals = data.array("blockIntervalS") as number[];
  const [tMin, tMax] = [Math.min(...intervals), Math.max(...intervals)];
  const sizes = [...delays.keys()].sort((a, b) => a - b);
  const dText = sizes.map((size) => `D = ${(delays.get(size) as number).toFixed(2)} s at ${size} MB`).join(", ");
  const caption = intervalCaption(result.summaryInfo, "staleRate", run.replicates, "runs");
  const spec = lineChart(data, {
    x: "blockIntervalS",
    y: "staleRate_mean",
    lo: "staleRate_lo",
    hi: "staleRate_hi",
    color: "blockSizeMB",
    points: true,
    theory: { fn: (T, size) => approx(T, size as number), domain: [tMin, tMax] },
    // The axis ends where the data end, with a little room (x 1.15 on the log scale) so the end points are whole.
    xAxis: { label: "mean block interval T", unit: "s", type: "log", domain: [tMin / 1.15, tMax * 1.15], values: [...new Set(intervals)] },
    yAxis: { label: "stale rate", format: ".0%" },
    colorLegend: { label: "block size (MB)" },
    title: "Stale blocks: simulation and 1 − exp(−D/T)",
    subtitle: [
      `${run.nodes} nodes, 8 outbound peers, lognormal latency (median 100 ms), 10 Mbit/s; ${run.blocks.toLocaleString("en-US")} blocks per run`,
      `points and lines: simulated stale rate; bands: ${caption} (between runs)`,
      `dashed: 1 − exp(−D/T), D the mean propagation delay measured (${dText})`,
    ],
  });
  return { data, spec, delays };
}

export const nakamotoStaleRate: PaperFigure = {
  name: "nakamoto-stale-rate",
  title: "Proof of work: stale rate against block interval and size, with 1 - exp(-D/T)",
  async build(options: FigureBuildOptions = {}) {
    const quick = options.quick ?? false;
    const seed = options.seed ?? 1;
    const nodes = quick ? 100 : 500;
    const blocks = quick ? 300 : 2000;
    const replicates = quick ? 2 : 4;
    const result = await runSweep(nakamotoNetwork, { blockSizeMB: SIZES_MB, blockIntervalS: INTERVALS_S, nodes: [nodes], blocks: [blocks] }, { replicates, seed, progress: options.progress ?? "auto" });
    const { data, spec, delays } = staleRateFigure(result, { nodes, blocks, replicates });
    return {
      spec,
      data,
      params: { experiment: nakamotoNetwork.name, blockSizeMB: SIZES_MB, blockIntervalS: INTERVALS_S, nodes, blocks, replicates, meanPropagationS: Object.fromEntries(delays), quick },
      seeds: { seed, replicates },
    };
  },
};

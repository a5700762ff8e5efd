/**
 * Rollup time to finality: a ZK rollup's mean time to finality against its
 * mean proving time, over three L1s (proof of work with Rosenfeld 2014
 * confirmations, proof of stake with Gasper finality, Buterin et al. 2020 and
 * consensus-specs constants, BFT with instant finality), beside the
 * optimistic rollup's 7-day challenge period on the same L1s.
 *   points + band:  ZK, simulated mean and 95% Student-t interval over replicates (lib/models/rollup-finality)
 *   dashed line:    ZK on PoW, closed form (closed-form.ts: d + I/2 + E[max(P, Exp(T))] + T + zT)
 *   dotted rule:    optimistic rollup's simulated mean time to finality (no fraud), lowest L1, labelled with the range over L1s
 * Proofs are verified as soon as they are ready (aggregationIntervalS = 0), so
 * the PoW closed form applies.
 */
import { lineChart } from "../../charts/line-chart";
import { toRows, type TableLike } from "../../charts/data";
import type { VegaLiteSpec } from "../../charts/spec";
import { rollupFinality } from "../../models/rollup-finality/experiment";
import { powRollupMeans } from "../../models/rollup-finality/closed-form";
import { confirmationsNeeded } from "../../models/finality/finality-confirmations";
import { sweep } from "../../sweep/sweep";
import { intervalCaption, summaryInfo } from "../../sweep/summary";
import type { FigureBuildOptions, PaperFigure } from "./figure";

const HOUR = 3600;
const L1S = ["pow", "pos", "bft"];

/** Closed-form mean time to finality (hours) of the ZK rollup on the default PoW L1, for a mean proving time in minutes. */
export function zkPowFinalityHours(provingMin: number): number {
  const d = rollupFinality.resolve({ rollup: "zk", l1: "pow", aggregationIntervalS: 0, provingMeanS: provingMin * 60 });
  const z = confirmationsNeeded(d.powAttackerShare, d.powRisk);
  return powRollupMeans({ ...d, rollup: "zk", fraudGameS: 0 }, d.powBlockIntervalS, z).finalS! / HOUR;
}

/**
 * The chart, from rows with columns l1, provingMin, finalH_mean, finalH_lo, finalH_hi (ZK) and
 * optimistic rows (l1, finalH_mean) for the rules.
 */
export function rollupFinalityChart(zk: TableLike, optimistic: TableLike, run: { replicates: number; transactions: number; level?: number }): VegaLiteSpec {
  const provings = toRows(zk, "rollupFinalityChart").map((r) => r.provingMin as number);
  const lo = Math.min(...provings), hi = Math.max(...provings);
  return lineChart(zk, {
    x: "provingMin",
    y: "finalH_mean",
    lo: "finalH_lo",
    hi: "finalH_hi",
    color: "l1",
    points: true,
    theory: { data: curve(lo, hi), x: "provingMin", y: "finalH", color: "l1" },
    rules: [optimisticRule(optimistic)],
    // The axis a little wider than the curves (x 1.15 on the log scale), so their ends are not drawn on the frame.
    xAxis: { label: "ZK mean proving time", unit: "min", type: "log", domain: [lo / 1.15, hi * 1.15] },
    yAxis: { label: "mean time to finality", unit: "hours", type: "log", domain: [0.05, 500], powerLabels: true },
    colorLegend: { label: "L1" },
    title: "Rollup time to finality: ZK proving vs the optimistic challenge period",
    subtitle: [
      `points and bands: ZK rollup, ${intervalCaption(summaryInfo({ level: run.level }), "finalMeanS", run.replicates)} (${run.transactions.toLocaleString("en-US")} transactions each)`,
      "dashed: ZK on PoW, closed form; dotted gray: optimistic rollup (no fraud), simulated mean",
    ],
  });
}

/** One gray rule for the optimistic rollup (its L1s differ by under 1%: the challenge period dominates), labelled with the range. */
function optimisticRule(optimistic: TableLike) {
  const rows = toRows(optimistic, "rollupFinalityChart").map((r) => ({ l1: String(r.l1), h: r.finalH_mean as number })).sort((a, b) => a.h - b.h);
  const first = rows[0], last = rows[rows.length - 1];
  return { y: first.h, strokeDash: [2, 2], label: `optimistic rollup, 7-day challenge period: ${first.h.toFixed(1)} h (${first.l1}) to ${last.h.toFixed(1)} h (${last.l1})` };
}

function curve(lo: number, hi: number): Array<Record<string, number | string>> {
  const rows: Array<Record<string, number | string>> = [];
  for (let i = 0; i <= 40; i++) {
    const provingMin = lo * (hi / lo) ** (i / 40);
    rows.push({ l1: "pow", provingMin, finalH: zkPowFinalityHours(provingMin) });
  }
  return rows;
}

/** The sweeps behind the figure (in-process): ZK over proving times and L1s, optimistic over L1s. */
export function rollupFinalitySweeps(options: { quick: boolean; seed: number }) {
  const replicates = options.quick ? 3 : 8;
  const transactions = options.quick ? 2000 : 20_000;
  const provingMin = options.quick ? [5, 20, 80, 320] : [5, 10, 20, 40, 80, 160, 320];
  const zkSweep = sweep(rollupFinality, { rollup: ["zk"], l1: L1S, provingMeanS: provingMin.map((m) => m * 60), aggregationIntervalS: [0], transactions: [transactions] }, { replicates, seed: options.seed });
  const optSweep = sweep(rollupFinality, { rollup: ["optimistic"], l1: L1S, transactions: [transactions] }, { replicates, seed: options.seed });
  const inHours = (t: typeof zkSweep.summary) =>
    t.derive({
      provingMin: (d: any) => d.provingMeanS / 60, // eslint-disable-line @typescript-eslint/no-explicit-any
      finalH_mean: (d: any) => d.finalMeanS_mean / 3600, // eslint-disable-line @typescript-eslint/no-explicit-any
      finalH_lo: (d: any) => d.finalMeanS_lo / 3600, // eslint-disable-line @typescript-eslint/no-explicit-any
      finalH_hi: (d: any) => d.finalMeanS_hi / 3600, // eslint-disable-line @typescript-eslint/no-explicit-any
    });
  return { replicates, transactions, provingMin, zk: inHours(zkSweep.summary), optimistic: inHours(optSweep.summary) };
}

export const rollupFinalityFigure: PaperFigure = {
  name: "rollup-finality",
  title: "Rollup time to finality: ZK proving time against the optimistic challenge period, on PoW, PoS and BFT L1s",
  build(options: FigureBuildOptions = {}) {
    const quick = options.quick ?? false;
    const seed = options.seed ?? 1;
    const s = rollupFinalitySweeps({ quick, seed });
    const data = s.zk
      .select("l1", "provingMin", "n", "finalH_mean", "finalH_lo", "finalH_hi", "finalP50S_mean", "finalP99S_mean")
      .orderby("l1", "provingMin");
    const spec = rollupFinalityChart(data, s.optimistic.select("l1", "finalH_mean"), { replicates: s.replicates, transactions: s.transactions });
    return {
      spec,
      data,
      params: { experiment: rollupFinality.name, provingMin: s.provingMin, l1: L1S, transactions: s.transactions, replicates: s.replicates, aggregationIntervalS: 0, quick },
      seeds: { seed, replicates: s.replicates, streams: "replicateRng(seed, experiment, point, replicate): SHA-256 of the path (lib/random/seed.ts)" },
    };
  },
};

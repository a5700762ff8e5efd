/**
 * Shard takeover: probability that some committee has an adversarial
 * supermajority (at least 2/3 of its members) when N = 4096 validators are
 * assigned at random to committees of n (S = floor(N/n) shards), against n on
 * a log y axis, for adversary shares 0.2 .. 1/3 (Luu et al., Elastico, CCS 2016,
 * section 5; Kokoris-Kogias et al., OmniLedger, S&P 2018, Figure 3 for the
 * single-committee version).
 *   lines:          exact probability (multivariate hypergeometric, lib/models/shard-security/takeover.ts)
 *   points + bars:  Monte Carlo, pooled rate and 95% Wilson interval over all assignments; points where no
 *                   assignment was taken over are left out (they have no place on a log axis)
 */
import { lineChart } from "../../charts/line-chart";
import { toRows, type TableLike } from "../../charts/data";
import type { VegaLiteSpec } from "../../charts/spec";
import { shardSecurity, shardSetupOf } from "../../models/shard-security/experiment";
import { anyTakeover } from "../../models/shard-security/takeover";
import { sweep } from "../../sweep/sweep";
import type { FigureBuildOptions, PaperFigure } from "./figure";

export const SHARD_FIGURE_VALIDATORS = 4096;
export const SHARD_FIGURE_SHARES = [0.2, 0.25, 0.3, 1 / 3];
/** Multiples of 3, so that 2/3 of a committee is a whole number and the exact curve has no rounding zigzag. */
export const SHARD_FIGURE_SIZES = [6, 9, 12, 15, 18, 21, 24, 30, 36, 48, 60, 90, 120];
const QUICK_SIZES = [6, 12, 18, 24, 36, 60, 120];
const THRESHOLD = 2 / 3;
const Y_FLOOR = 1e-16;

/** Legend label of an adversary share ("1/3" rather than 0.3333333333333333). */
export function shareLabel(q: number): string {
  return Math.abs(q - 1 / 3) < 1e-12 ? "1/3" : String(q);
}

/** Exact curve rows (committeeSize, share, probability) for every n in [min, max] step `step`; values below the axis floor are left out. */
export function shardTakeoverCurve(validators: number, shares: readonly number[], sizes: readonly number[], step = 3): Record<string, number | string>[] {
  const out: Record<string, number | string>[] = [];
  for (const q of shares) {
    for (let n = Math.min(...sizes); n <= Math.max(...sizes); n += step) {
      const p = anyTakeover(shardSetupOf({ validators, shards: Math.floor(validators / n), adversaryShare: q, threshold: THRESHOLD }));
      if (p >= Y_FLOOR) out.push({ committeeSize: n, share: shareLabel(q), probability: p });
    }
  }
  return out;
}

/** The chart, from simulated rows (committeeSize, adversaryShare, simulated, lo, hi) and the exact curve rows. */
export function shardTakeoverChart(simulated: TableLike, curve: TableLike, run: { trials: number; replicates: number; validators: number }): VegaLiteSpec {
  const sizes = [...new Set(toRows(curve, "shardTakeoverChart").map((r) => r.committeeSize as number))];
  return lineChart(simulated, {
    x: "committeeSize",
    y: "simulated",
    lo: "lo",
    hi: "hi",
    color: "share",
    line: false,
    band: "bars",
    points: true,
    theory: { data: curve, y: "probability", strokeDash: [], strokeWidth: 1.5 },
    xAxis: { label: "committee size n", domain: [0, Math.max(...sizes) + 3] },
    yAxis: { label: "P(some committee has ≥ 2/3 adversarial members)", type: "log", domain: [Y_FLOOR, 1.6], powerLabels: true }, // room above 1 so the curves at P = 1 are not drawn on the frame
    colorLegend: { label: "adversary share" },
    title: `Random sharding: committee takeover, N = ${run.validators.toLocaleString("en-US")} validators, S = ⌊N/n⌋ shards`,
    subtitle: [
      "lines: exact (multivariate hypergeometric over all committees), n a multiple of 3; below 10⁻¹⁶ not drawn",
      `points and bars: Monte Carlo, pooled rate and 95% Wilson interval over ${run.replicates} replicates x ${run.trials.toLocaleString("en-US")} assignments; no point where none was taken over`,
    ],
  });
}

/** Simulated rows for the chart: one per (n, share) with at least one takeover. */
export function shardTakeoverSimulated(summary: TableLike): Record<string, number | string>[] {
  return toRows(summary, "shardTakeoverSimulated")
    .filter((r) => (r.simulated_successes as number) > 0)
    .map((r) => ({
      committeeSize: Math.floor((r.validators as number) / (r.shards as number)),
      share: shareLabel(r.adversaryShare as number),
      simulated: r.simulated_mean as number,
      lo: Math.max(r.simulated_lo as number, Y_FLOOR),
      hi: r.simulated_hi as number,
      exact: r.anyExact_mean as number,
      successes: r.simulated_successes as number,
      trials: r.simulated_trials as number,
    }));
}

export const shardTakeover: PaperFigure = {
  name: "shard-takeover",
  title: "Random sharding: probability that some committee has an adversarial 2/3 supermajority against committee size (exact and Monte Carlo)",
  build(options: FigureBuildOptions = {}) {
    const quick = options.quick ?? false;
    const seed = options.seed ?? 1;
    const validators = SHARD_FIGURE_VALIDATORS;
    const trials = quick ? 250 : 5000;
    const replicates = quick ? 2 : 4;
    const sizes = quick ? QUICK_SIZES : SHARD_FIGURE_SIZES;
    const points = SHARD_FIGURE_SHARES.flatMap((q) => sizes.map((n) => ({ validators, shards: Math.floor(validators / n), adversaryShare: q, threshold: THRESHOLD, trials, transactions: 1 })));
    const result = sweep(shardSecurity, points, { replicates, seed });
    const simulated = shardTakeoverSimulated(result.summary);
    const curve = shardTakeoverCurve(validators, SHARD_FIGURE_SHARES, sizes);
    const spec = shardTakeoverChart(simulated, curve, { trials, replicates, validators });
    const data = result.summary
      .derive({ committeeSize: (d: Record<string, number>) => Math.floor(d.validators / d.shards) })
      .select("adversaryShare", "committeeSize", "shards", "validators", "simulated_mean", "simulated_lo", "simulated_hi", "simulated_successes", "simulated_trials", "anyExact_mean", "anyBinomial_mean", "unionBound_mean")
      .orderby("adversaryShare", "committeeSize");
    return {
      spec,
      data,
      params: { experiment: shardSecurity.name, validators, threshold: THRESHOLD, adversaryShare: SHARD_FIGURE_SHARES, committeeSize: sizes, trials, replicates, quick },
      seeds: { seed, replicates, streams: "replicateRng(seed, experiment, point, replicate): SHA-256 of the path (lib/random/seed.ts)" },
    };
  },
};

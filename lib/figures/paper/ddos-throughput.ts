/**
 * DDoS: honest requests served per second at a node against the rate of a
 * request flood, for no defence, a token bucket per peer, per address, and
 * known peers first (lib/models/ddos).
 *   points + bands: simulated mean and interval over replicates
 *   dashed lines:   the closed forms of lib/models/ddos/theory.ts: the FIFO share
 *                   mu Lh / (Lh + La) without defence (Kleinrock 1975), the floor
 *                   from the bucket parameters with rate limits (RFC 2697 buckets),
 *                   min(Lh, mu) with priority for known peers.
 */
import { lineChart } from "../../charts/line-chart";
import { ddos, ddosHonestTheory, ddosParams, type DdosParams } from "../../models/ddos/experiment";
import { DDOS_DEFENCES } from "../../models/ddos/simulate";
import { cartesian } from "../../sweep/grid";
import { runSweep } from "../../sweep/run-sweep";
import { intervalCaption, summaryInfo } from "../../sweep/summary";
import type { TableLike } from "../../charts/data";
import type { VegaLiteSpec } from "../../charts/spec";
import type { FigureBuildOptions, PaperFigure } from "./figure";

/** The experiment's defaults with the given overrides (for the theory curves). */
function ddosPoint(over: Partial<DdosParams>): DdosParams {
  const p = Object.fromEntries(Object.entries(ddosParams).map(([k, spec]) => [k, spec.default])) as unknown as DdosParams;
  return { ...p, ...over };
}

/**
 * The chart, from a ddos sweep summary with columns defence, attackRate,
 * honestServedPerS_mean/_lo/_hi (notebook 09 draws it with the same function).
 * `fixed` holds the parameters the sweep set besides defence and attackRate.
 */
export function ddosThroughputChart(summary: TableLike, run: { replicates: number; attackRates: readonly number[]; fixed: Partial<DdosParams>; level?: number }): VegaLiteSpec {
  const p = ddosPoint(run.fixed);
  const mu = 1 / p.cpuPerRequestS;
  const lh = p.honestPeers * p.honestRatePerPeer;
  const maxRate = Math.max(...run.attackRates);
  return lineChart(summary, {
    x: "attackRate",
    y: "honestServedPerS_mean",
    lo: "honestServedPerS_lo",
    hi: "honestServedPerS_hi",
    color: "defence",
    points: true,
    line: false,
    theory: { fn: (x, defence) => ddosHonestTheory({ ...p, attackRate: x, defence: defence as string }), domain: [0, maxRate], samples: 401 },
    xAxis: { label: "flood, requests per second", domain: [-0.02 * maxRate, 1.02 * maxRate] },
    // Room above the honest rate Lh: the theory lines at min(Lh, mu) would otherwise be drawn on the plot's top frame.
    yAxis: { label: "honest requests served per second", domain: [0, 1.06 * Math.min(lh, mu)] },
    colorLegend: { label: "defence" },
    title: "Request flood on one node: honest throughput kept",
    subtitle: [
      `points and bands: ${intervalCaption(summaryInfo({ level: run.level }), "honestServedPerS", run.replicates)}; CPU ${mu}/s, ${p.honestPeers} honest peers x ${p.honestRatePerPeer}/s = ${lh}/s`,
      `flood from ${p.attackers} identities on ${p.attackerIps} addresses; buckets ${p.bucketRate}/s, burst ${p.bucketBurst} per key`,
      "dashed: FIFO share mu Lh/(Lh+La) (none); floor from the buckets (per-peer, per-ip); min(Lh, mu) (known-peers, under per-ip at the top)",
    ],
  });
}

export const ddosThroughput: PaperFigure = {
  name: "ddos-throughput",
  title: "DDoS: honest throughput against flood rate with and without rate limits and known-peer priority",
  async build(options: FigureBuildOptions = {}) {
    const quick = options.quick ?? false;
    const seed = options.seed ?? 1;
    const attackRates = quick ? [0, 500, 1000, 2000, 4000, 8000] : [0, 250, 500, 750, 1000, 1500, 2000, 3000, 4000, 6000, 8000];
    const replicates = quick ? 3 : 8;
    const fixed: Partial<DdosParams> = quick ? { durationS: 6, warmupS: 2 } : { durationS: 20, warmupS: 5 };
    const grid = cartesian({ defence: [...DDOS_DEFENCES], attackRate: attackRates, durationS: [fixed.durationS as number], warmupS: [fixed.warmupS as number] });
    const result = await runSweep(ddos, grid, { replicates, seed, progress: options.progress ?? "auto" });
    const data = result.summary
      .select("defence", "attackRate", "n", "honestServedPerS_mean", "honestServedPerS_lo", "honestServedPerS_hi", "honestServedTheoryPerS_mean", "honestLatencyMeanS_mean", "attackServedPerS_mean")
      .orderby("defence", "attackRate");
    const spec = ddosThroughputChart(data, { replicates, attackRates, fixed });
    return {
      spec,
      data,
      params: { experiment: ddos.name, defence: [...DDOS_DEFENCES], attackRates, replicates, quick, ...fixed },
      seeds: { seed, replicates, streams: "replicateRng(seed, experiment, point, replicate): SHA-256 of the path (lib/random/seed.ts)" },
    };
  },
};

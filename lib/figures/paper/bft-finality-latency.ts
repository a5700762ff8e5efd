/**
 * BFT finality latency against committee size: mean finality latency per
 * height for PBFT (Castro & Liskov, OSDI 1999, section 4), Tendermint
 * (Buchman, Kwon & Milosevic 2018, Algorithm 1, CometBFT timeouts), basic and
 * chained HotStuff (Yin et al., PODC 2019, Algorithms 2 and 3), N = 4 to 512
 * validators placed in SimBlock's 2019 regions (latency "regions"), every
 * protocol on the same networks (common random numbers).
 *   points, lines and bands: latency per height, mean and 95% Student-t
 *   interval over replicates (lib/models/bft, experiment bft-finality)
 * Notebook 03 draws the same chart with fewer replicates and heights.
 */
import { lineChart } from "../../charts/line-chart";
import { toRows, type TableLike } from "../../charts/data";
import type { VegaLiteSpec } from "../../charts/spec";
import { bftFinality } from "../../models/bft/experiment";
import { runSweep } from "../../sweep/run-sweep";
import { intervalCaption, summaryInfo } from "../../sweep/summary";
import type { FigureBuildOptions, PaperFigure } from "./figure";

const PROTOCOLS = ["pbft", "tendermint", "hotstuff", "chained-hotstuff"];
/** PBFT view-change timer and HotStuff pacemaker timeout: above basic HotStuff's four intercontinental leader round trips (~1 s). */
const VIEW_TIMEOUT_S = 3;

/** The grid: every protocol at every N, with fewer heights above N = 64 (PBFT and Tendermint send ~2N² messages per height). */
export function bftLatencyPoints(validators: readonly number[], heightsSmall: number, heightsLarge: number): Array<Record<string, number | string>> {
  return PROTOCOLS.flatMap((protocol) =>
    validators.map((n) => ({ protocol, validators: n, heights: n <= 64 ? heightsSmall : heightsLarge, latency: "regions", viewTimeoutS: VIEW_TIMEOUT_S })),
  );
}

/**
 * The chart, from a bft-finality sweep summary with columns protocol,
 * validators, latencyMeanS_mean, latencyMeanS_lo, latencyMeanS_hi.
 */
export function bftLatencyChart(summary: TableLike, run: { replicates: number; heightsSmall: number; heightsLarge: number; level?: number }): VegaLiteSpec {
  const rows = toRows(summary, "bftLatencyChart");
  const Ns = [...new Set(rows.map((r) => r.validators as number))].sort((a, b) => a - b);
  const top = Math.max(...rows.map((r) => Math.max(r.latencyMeanS_hi as number, r.latencyMeanS_mean as number)));
  const bottom = Math.min(0, ...rows.map((r) => r.latencyMeanS_lo as number));
  return lineChart(summary, {
    x: "validators",
    y: "latencyMeanS_mean",
    lo: "latencyMeanS_lo",
    hi: "latencyMeanS_hi",
    color: "protocol",
    points: true,
    xAxis: { label: "validators N", type: "log", values: Ns, domain: [Ns[0] / 1.3, Ns[Ns.length - 1] * 1.3] },
    yAxis: { label: "finality latency per height", unit: "s", domain: [bottom, top * 1.08] },
    colorLegend: { label: "protocol" },
    title: "BFT finality latency against N (SimBlock 2019 regions)",
    subtitle: [
      `points, lines and bands: latency per height, ${intervalCaption(summaryInfo({ level: run.level }), "latencyMeanS", run.replicates, "networks")}`,
      `same networks for all protocols; ${run.heightsSmall} heights per run for N ≤ 64, ${run.heightsLarge} above; view timeout ${VIEW_TIMEOUT_S} s`,
    ],
  });
}

export const bftFinalityLatency: PaperFigure = {
  name: "bft-finality-latency",
  title: "BFT finality latency against N: PBFT, Tendermint, basic and chained HotStuff on geographic latency (Castro & Liskov 1999; Buchman et al. 2018; Yin et al. 2019)",
  async build(options: FigureBuildOptions = {}) {
    const quick = options.quick ?? false;
    const seed = options.seed ?? 1;
    // quick: no N = 4, whose 3-replicate interval spans zero (four validators in one region or spread over continents)
    const validators = quick ? [16, 64, 128] : [4, 16, 64, 128, 256, 512];
    const replicates = quick ? 3 : 8;
    const heightsSmall = quick ? 5 : 20;
    const heightsLarge = quick ? 3 : 5;
    const result = await runSweep(bftFinality, bftLatencyPoints(validators, heightsSmall, heightsLarge), { replicates, seed, commonRandomNumbers: true, progress: options.progress ?? "auto" });
    const data = result.summary
      .select("protocol", "validators", "heights", "n", "latencyMeanS_mean", "latencyMeanS_sd", "latencyMeanS_se", "latencyMeanS_lo", "latencyMeanS_hi", "latencyP90S_mean", "blockIntervalS_mean", "messagesPerDecision_mean", "viewChanges_mean")
      .orderby("protocol", "validators");
    const spec = bftLatencyChart(data, { replicates, heightsSmall, heightsLarge });
    return {
      spec,
      data,
      params: { experiment: bftFinality.name, protocol: PROTOCOLS, validators, heightsSmall, heightsLarge, latency: "regions", viewTimeoutS: VIEW_TIMEOUT_S, replicates, quick },
      seeds: { seed, replicates, commonRandomNumbers: true, streams: "commonReplicateRng(seed, experiment, replicate): one stream per replicate shared by every point (lib/sweep/run-point.ts)" },
    };
  },
};

/**
 * Stale rate of proof of work under the block relays Bitcoin nodes run
 * (lib/models/pow-network/relay-protocol.ts): the ideal push of earlier
 * models, legacy INV/GETDATA, headers-first (BIP 130) and compact blocks
 * (BIP 152, low and high bandwidth), against the block size. Dashed:
 * 1 - exp(-D_h/T) with D_h the hash-weighted propagation delay measured for
 * each relay and size (Decker & Wattenhofer, P2P 2013, section V),
 * interpolated linearly in the size between the measured points.
 */
import * as aq from "arquero";
import { lineChart } from "../../charts/line-chart";
import { nakamotoNetwork } from "../../models/pow-network/network-experiment";
import { runSweep } from "../../sweep/run-sweep";
import { intervalCaption } from "../../sweep/summary";
import type { VegaLiteSpec } from "../../charts/spec";
import type { SweepResult } from "../../sweep/sweep";
import type { FigureBuildOptions, PaperFigure } from "./figure";

export const RELAY_FIGURE_PROTOCOLS = ["ideal", "inv", "headers", "compact-lb", "compact-hb"];
/** Validation time of the non-ideal relays: fixed + per MB (ms). */
export const RELAY_FIGURE_VALIDATION = { validationMs: 5, validationMsPerMB: 50 };

/** Mean hash-weighted delay D_h per (relay, size), from a sweep's rows. */
export function hashDelayByRelayAndSize(rows: SweepResult["rows"]): Map<string, Array<[number, number]>> {
  const t = rows.groupby("relay", "blockSizeMB").rollup({ D: aq.op.mean("propagationHashMeanS") }).orderby("relay", "blockSizeMB");
  const out = new Map<string, Array<[number, number]>>();
  for (const r of t.objects() as Array<{ relay: string; blockSizeMB: number; D: number }>) {
    const list = out.get(r.relay) ?? [];
    list.push([r.blockSizeMB, r.D]);
    out.set(r.relay, list);
  }
  return out;
}

/** D_h of a relay at `size` MB, linear between the measured sizes (clamped at the ends). */
export function interpolateDelay(points: Array<[number, number]>, size: number): number {
  if (size <= points[0][0]) return points[0][1];
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1];
    const [x1, y1] = points[i];
    if (size <= x1) return y0 + ((y1 - y0) * (size - x0)) / (x1 - x0);
  }
  return points[points.length - 1][1];
}

/** The table and chart of a nakamoto-network sweep over relay x blockSizeMB (notebook 02 draws the same). */
export function relayStaleFigure(result: SweepResult, run: { nodes: number; blocks: number; replicates: number; blockIntervalS: number }): { data: aq.ColumnTable; spec: VegaLiteSpec } {
  const delays = hashDelayByRelayAndSize(result.rows);
  const approx = (size: number, relay: string) => 1 - Math.exp(-interpolateDelay(delays.get(relay) as Array<[number, number]>, size) / run.blockIntervalS);
  const data = result.summary
    .select("relay", "blockSizeMB", "n", "staleRate_mean", "staleRate_se", "staleRate_lo", "staleRate_hi", "propagationHashMeanS_mean", "propagationHashP90S_mean")
    .derive({ approx: aq.escape((d: { relay: string; blockSizeMB: number }) => approx(d.blockSizeMB, d.relay)) })
    .orderby("relay", "blockSizeMB");
  const sizes = [...new Set(data.array("blockSizeMB") as number[])];
  const [sMin, sMax] = [Math.min(...sizes), Math.max(...sizes)];
  const spec = lineChart(data, {
    x: "blockSizeMB",
    y: "staleRate_mean",
    lo: "staleRate_lo",
    hi: "staleRate_hi",
    color: "relay",
    points: true,
    theory: { fn: (size, relay) => approx(size, relay as string), domain: [sMin, sMax] },
    xAxis: { label: "block size", unit: "MB", type: "log", domain: [sMin / 1.15, sMax * 1.15], values: sizes },
    yAxis: { label: "stale rate", format: ".1%" },
    colorLegend: { label: "relay" },
    title: "Stale blocks under the relays nodes run",
    subtitle: [
      `${run.nodes} nodes, 8 outbound peers, lognormal latency (median 100 ms), 10 Mbit/s; T = ${run.blockIntervalS} s; ${run.blocks.toLocaleString("en-US")} blocks per run`,
      `validation ${RELAY_FIGURE_VALIDATION.validationMs} ms + ${RELAY_FIGURE_VALIDATION.validationMsPerMB} ms/MB (not in ideal); compact: 13 % of blocks need one more round trip`,
      `points: simulated stale rate; bands: ${intervalCaption(result.summaryInfo, "staleRate", run.replicates, "runs")}`,
      "dashed: 1 − exp(−D_h/T), D_h the hash-weighted delay measured per relay and size (Decker & Wattenhofer 2013)",
    ],
  });
  return { data, spec };
}

export const powRelayStale: PaperFigure = {
  name: "pow-relay-stale",
  title: "Proof of work: stale rate against block size under ideal, INV/GETDATA, headers-first and compact-block relay",
  async build(options: FigureBuildOptions = {}) {
    const quick = options.quick ?? false;
    const seed = options.seed ?? 1;
    const nodes = quick ? 60 : 500;
    const blocks = quick ? 120 : 2000;
    const replicates = quick ? 2 : 4;
    const blockIntervalS = 60;
    const sizes = quick ? [0.5, 2] : [0.25, 0.5, 1, 2, 4];
    const result = await runSweep(
      nakamotoNetwork,
      { relay: RELAY_FIGURE_PROTOCOLS, blockSizeMB: sizes, blockIntervalS: [blockIntervalS], nodes: [nodes], blocks: [blocks], validationMs: [RELAY_FIGURE_VALIDATION.validationMs], validationMsPerMB: [RELAY_FIGURE_VALIDATION.validationMsPerMB] },
      { replicates, seed, progress: options.progress ?? "auto" },
    );
    const { data, spec } = relayStaleFigure(result, { nodes, blocks, replicates, blockIntervalS });
    return {
      spec,
      data,
      params: { experiment: nakamotoNetwork.name, relay: RELAY_FIGURE_PROTOCOLS, blockSizeMB: sizes, blockIntervalS, nodes, blocks, replicates, ...RELAY_FIGURE_VALIDATION, quick },
      seeds: { seed, replicates },
    };
  },
};

/**
 * Gossip convergence: mean rounds until every node of K_N knows the rumor,
 * against N on a log axis, for push and push-pull with fanout 1.
 *   points + band: simulated mean rounds and their interval over replicates (lib/models/gossip-rounds)
 *   dashed lines:  the leading terms, push log2 N + ln N (Frieze & Grimmett 1985; Pittel,
 *                  SIAM J. Appl. Math. 1987) and push-pull log3 N (Karp, Schindelhauer,
 *                  Shenker & Vöcking, FOCS 2000); the data sit an O(1) (push) and an
 *                  O(log log N) (push-pull) above them.
 */
import { lineChart } from "../../charts/line-chart";
import { gossipRounds } from "../../models/gossip-rounds/experiment";
import { pushPullRoundsLeading, pushRoundsLeading } from "../../models/gossip-rounds/theory-asymptotic";
import { cartesian } from "../../sweep/grid";
import { runSweep } from "../../sweep/run-sweep";
import { intervalCaption, summaryInfo } from "../../sweep/summary";
import type { TableLike } from "../../charts/data";
import type { VegaLiteSpec } from "../../charts/spec";
import type { FigureBuildOptions, PaperFigure } from "./figure";

const PROTOCOLS = ["push", "push-pull"];

/** log2 N + ln N for push, log3 N for push-pull: the leading terms the figure draws. */
export function gossipLeadingRounds(nodes: number, protocol: string): number {
  if (protocol === "push") return pushRoundsLeading(nodes);
  if (protocol === "push-pull") return pushPullRoundsLeading(nodes);
  throw new RangeError(`gossipLeadingRounds: no leading term for protocol ${JSON.stringify(protocol)} (push, push-pull)`);
}

/**
 * The chart, from a gossip-rounds sweep summary with columns nodes, protocol,
 * rounds_mean, rounds_lo, rounds_hi (notebook 06 draws it with the same function).
 */
export function gossipRoundsChart(summary: TableLike, run: { replicates: number; trials: number; level?: number; nodes: readonly number[] }): VegaLiteSpec {
  const [nMin, nMax] = [Math.min(...run.nodes), Math.max(...run.nodes)];
  return lineChart(summary, {
    x: "nodes",
    y: "rounds_mean",
    lo: "rounds_lo",
    hi: "rounds_hi",
    color: "protocol",
    points: true,
    line: false,
    theory: { fn: (n, protocol) => gossipLeadingRounds(n, protocol as string), domain: [nMin, nMax] },
    xAxis: { label: "nodes N", type: "log", domain: [nMin / 1.3, nMax * 1.3], values: [...run.nodes], powerLabels: true },
    yAxis: { label: "rounds until all informed", zero: true },
    colorLegend: { label: "protocol" },
    title: "Gossip on the complete graph: rounds against N",
    subtitle: [
      `points and bands: mean rounds, ${intervalCaption(summaryInfo({ level: run.level }), "rounds", run.replicates)} (${run.trials} trials each)`,
      "dashed: push log₂N + ln N (Pittel 1987, + O(1)); push-pull log₃N (Karp et al. 2000, + O(log log N))",
    ],
  });
}

export const gossipConvergence: PaperFigure = {
  name: "gossip-convergence",
  title: "Gossip convergence: rounds against N for push and push-pull (Pittel 1987; Karp et al. 2000)",
  async build(options: FigureBuildOptions = {}) {
    const quick = options.quick ?? false;
    const seed = options.seed ?? 1;
    const nodes = quick ? [100, 1000, 10_000] : [1000, 10_000, 100_000, 1_000_000];
    const replicates = quick ? 4 : 8;
    const trials = quick ? 10 : 20;
    const result = await runSweep(gossipRounds, cartesian({ protocol: PROTOCOLS, nodes, trials: [trials] }), { replicates, seed, progress: options.progress ?? "auto" });
    const data = result.summary
      .select("protocol", "nodes", "trials", "n", "rounds_mean", "rounds_sd", "rounds_se", "rounds_lo", "rounds_hi", "messagesPerNode_mean")
      .orderby("protocol", "nodes");
    const spec = gossipRoundsChart(data, { replicates, trials, nodes });
    return {
      spec,
      data,
      params: { experiment: gossipRounds.name, protocol: PROTOCOLS, nodes, fanout: 1, trials, replicates, quick },
      seeds: { seed, replicates, streams: "replicateRng(seed, experiment, point, replicate): SHA-256 of the path (lib/random/seed.ts)" },
    };
  },
};

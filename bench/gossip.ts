/**
 * Gossip round kernel (lib/models/gossip-rounds, fast bitset kernel), single
 * thread, on the W2 workload of ../shared/reference/w2_gossip.c: push and
 * push-pull on K_N, N = 1,000,000, 20 trials from one informed node until all
 * are informed. Rate in node-updates per second, where one node update is one
 * partner draw (every node draws one partner per round, in push mode too, as
 * C does), so both count N x rounds per trial. C runs in the same benchmark
 * run, interleaved with JS so both see the same machine load; medians of
 * REPEATS. Also the CPU-time ratio (less sensitive to other load) and the
 * mean rounds of both (they draw different numbers, so the means agree only
 * within their spread, sd ~1.2 rounds for push and ~0.5 for push-pull).
 * Target: at least 0.33x C, peak RSS under 100 MB.
 *
 * Run alone: node --expose-gc dist/bench/gossip.js [trials]
 */
import { gossipRoundsStreams, runGossipTrials } from "../lib/models/gossip-rounds/trials";
import { rngFor } from "../lib/random/seed";
import { median, peakRssMB, runReference } from "./reference";
import type { BenchRow } from "./types";

const NODES = 1_000_000;
const REPEATS = 3;

interface Timed {
  updatesPerS: number;
  updatesPerCpuS: number;
  meanRounds: number;
}

function timeJs(protocol: "push" | "push-pull", trials: number, seed: number): Timed {
  const setup = { nodes: NODES, protocol, fanout: 1, k: 1, c: 0, trials, crashFraction: 0, lossRate: 0, maxRounds: 10_000, series: false } as const;
  const streams = gossipRoundsStreams(rngFor(["bench", "gossip", protocol, seed]));
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const s = runGossipTrials(setup, streams);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  const updates = NODES * s.rounds.mean * trials;
  return { updatesPerS: updates / seconds, updatesPerCpuS: updates / ((cpu.user + cpu.system) / 1e6), meanRounds: s.rounds.mean };
}

export async function benchGossip(trials = 20): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const protocol of ["push", "push-pull"] as const) {
    // Warm up the JIT (two short runs, as bench/pownet.ts does).
    timeJs(protocol, 1, 0);
    timeJs(protocol, 1, 0);
    (globalThis as { gc?: () => void }).gc?.();
    const js: Timed[] = [];
    const cRates: number[] = [];
    const cCpuRates: number[] = [];
    const cRounds: number[] = [];
    let cRss: number | undefined;
    let reason: string | undefined;
    for (let i = 0; i < REPEATS; i++) {
      js.push(timeJs(protocol, trials, i + 1));
      if (reason) continue;
      const c = runReference("w2_gossip", [String(NODES), String(trials), String(i + 1), protocol === "push" ? "push" : "pushpull"]);
      if ("reason" in c) reason = c.reason;
      else {
        cRates.push(c.values.node_updates_per_s);
        cCpuRates.push(c.values.node_updates / c.values.cpu_s);
        cRounds.push(c.values.rounds_mean);
        cRss = c.peakRssMB;
      }
    }
    const jsRate = median(js.map((r) => r.updatesPerS));
    const jsCpu = median(js.map((r) => r.updatesPerCpuS));
    const rounds = `mean rounds JS ${js.map((r) => r.meanRounds.toFixed(2)).join("/")}${cRounds.length ? `, C ${cRounds.map((r) => r.toFixed(2)).join("/")}` : ""} (${trials} trials each)`;
    rows.push({
      name: `gossip ${protocol} N=1e6 (JS bitset kernel)`,
      value: jsRate,
      unit: "node-updates/s",
      peakRssMB: peakRssMB(),
      ...(cRates.length ? { baseline: `C w2_gossip ${protocol === "push" ? "push" : "pushpull"} -O2`, ratio: jsRate / median(cRates) } : {}),
      note: cRates.length ? `CPU-time ratio ${(jsCpu / median(cCpuRates)).toFixed(2)}x; ${rounds}` : `no C ratio: ${reason}; ${rounds}`,
    });
    if (cRates.length) rows.push({ name: `gossip ${protocol} N=1e6 (C reference)`, value: median(cRates), unit: "node-updates/s", peakRssMB: cRss });
  }
  return rows;
}

if (require.main === module) {
  const trials = process.argv[2] ? Number(process.argv[2]) : 20;
  benchGossip(trials).then(
    (rows) => console.table(rows),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}

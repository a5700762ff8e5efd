/**
 * W4: message-level PBFT normal case (Castro & Liskov, OSDI 1999), all to
 * all, N = 300 replicas, 100 heights, on the protocol runtime's message path
 * (Network on a complete overlay, multicast, MessageArena, CPU queue off;
 * bench/pbft-kernel.ts), against the C reference `w4_pbft N HEIGHTS SEED
 * lognormal` run in the same benchmark run (target: at least a third of C's
 * events per second). One event per delivered message on both sides:
 * 17,940,000 per run.
 *
 * Latency: every ordered pair one lognormal draw, median 50 ms, sigma 0.5,
 * as in C, but as a PairLatency (O(N) memory; C keeps an N x N matrix), so
 * the draws differ and so do the decision times; the workload size (messages,
 * heights) is the same and the mean finality of both is reported side by
 * side. Verified, untimed: message count = heights ((N-1) + (N-1)^2 +
 * N(N-1)), N decisions per height, and a short constant-latency run in which
 * every height takes 150 ms (3 x 50 ms).
 *
 * Run alone: node --expose-gc dist/bench/pbft.js [heights]
 */
import { constantPairLatency, lognormalPairLatency } from "../lib/network/pair-latency";
import type { PairLatency } from "../lib/network/runtime-config";
import { rngFor } from "../lib/random/seed";
import { meanOf, pbftRunProblems, runPbftBench, type PbftBenchRun } from "./pbft-kernel";
import { median, peakRssMB, runReference } from "./reference";
import type { BenchRow } from "./types";

const N = 300;
const HEIGHTS = 100;
const MEDIAN_MS = 50;
const SIGMA = 0.5;
const REPEATS = 5;

interface Timed {
  run: PbftBenchRun;
  eventsPerS: number;
  eventsPerCpuS: number;
}

function lognormalPairs(seed: number): PairLatency {
  return lognormalPairLatency(N, MEDIAN_MS, SIGMA, rngFor(["bench", "pbft", "latency", seed]).fast);
}

function timeRun(latency: PairLatency, heights: number, seed: number): Timed {
  (globalThis as { gc?: () => void }).gc?.();
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const run = runPbftBench({ n: N, heights, latency }, rngFor(["bench", "pbft", "network", seed]));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  return { run, eventsPerS: run.events / seconds, eventsPerCpuS: run.events / ((cpu.user + cpu.system) / 1e6) };
}

export async function benchPbft(heights = HEIGHTS): Promise<BenchRow[]> {
  // Verification (untimed): constant latency, every height exactly 3 x 50 ms; message formula.
  const constRun = runPbftBench({ n: N, heights: 5, latency: constantPairLatency(N, MEDIAN_MS) }, rngFor(["bench", "pbft", "const"]));
  const constProblems = pbftRunProblems(constRun, MEDIAN_MS / 1000);
  if (constProblems.length) throw new Error(`pbft bench kernel fails verification (const latency): ${constProblems.join("; ")}`);

  const latency = lognormalPairs(1);
  timeRun(latency, 3, 0); // warm up the JIT: two calls, as bench/pownet.ts says why
  timeRun(latency, 3, 0);
  const js: Timed[] = [];
  const cRates: number[] = [];
  const cCpuRates: number[] = [];
  let cFinalityMs: number | undefined;
  let cRss: number | undefined;
  let reason: string | undefined;
  // Interleave JS and C runs so both see the same machine load.
  for (let i = 0; i < REPEATS; i++) {
    const t = timeRun(latency, heights, i + 1);
    const problems = pbftRunProblems(t.run);
    if (problems.length) throw new Error(`pbft bench kernel fails verification: ${problems.join("; ")}`);
    js.push(t);
    if (reason) continue;
    const c = runReference("w4_pbft", [String(N), String(heights), "1", "lognormal"]);
    if ("reason" in c) reason = c.reason;
    else {
      cRates.push(c.values.events_per_s);
      cCpuRates.push(c.values.events / c.values.cpu_s);
      const fin = /finality_ms[^\n]*?mean=([-+0-9.eE]+)/.exec(c.output);
      if (fin) cFinalityMs = Number(fin[1]);
      cRss = c.peakRssMB;
    }
  }
  const jsRate = median(js.map((t) => t.eventsPerS));
  const jsCpuRate = median(js.map((t) => t.eventsPerCpuS));
  const run = js[0].run;
  const finMs = 1000 * meanOf(run.finalityS);
  const notes = [
    cCpuRates.length ? `CPU-time ratio ${(jsCpuRate / median(cCpuRates)).toFixed(2)}x` : undefined,
    `mean finality ${finMs.toFixed(1)} ms${cFinalityMs !== undefined ? `, C ${cFinalityMs.toFixed(1)} ms` : ""}`,
    `${(run.messages / 1e6).toFixed(2)}M messages = formula, N=${N}, ${heights} heights`,
    `const 50 ms: 150 ms/height ok`,
    `late ${((100 * run.late) / run.messages).toFixed(1)} %`,
    `max queue ${run.maxQueued}, arena ${run.maxLiveMessages}`,
  ].filter((s) => s !== undefined);
  const rows: BenchRow[] = [
    {
      name: "pbft on Network (JS)",
      value: jsRate,
      unit: "events/s",
      peakRssMB: peakRssMB(),
      ...(cRates.length ? { baseline: "C w4_pbft -O2", ratio: jsRate / median(cRates) } : {}),
      note: (cRates.length ? "" : `no C ratio: ${reason}; `) + notes.join("; "),
    },
  ];
  if (cRates.length) rows.push({ name: "pbft (C reference)", value: median(cRates), unit: "events/s", peakRssMB: cRss, note: "N x N float32 latency matrix" });
  return rows;
}

if (require.main === module) {
  const heights = process.argv[2] ? Number(process.argv[2]) : HEIGHTS;
  benchPbft(heights).then(
    (rows) => console.table(rows),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}

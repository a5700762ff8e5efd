/**
 * Sweeps at scale: the parallel speed-up of a CPU-bound sweep on 2 worker
 * threads against 1 (this thread), and the per-unit overhead of the sweep
 * machinery (planning, batching, messages, journal, Arrow files) on units
 * that cost almost nothing (selfish mining with blocks = 1).
 * Targets (issue 4): speed-up >= 1.8x on 2 cores; overhead <= 1 ms per unit.
 *
 * Every measurement runs in its own child process (`node dist/bench/sweep.js
 * <case>`), so peak RSS is that sweep's alone and no JIT state is shared.
 * Times are runSweep end to end (cache off), including worker start-up.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { selfishMining } from "../lib/models/selfish-mining/experiment";
import { range } from "../lib/sweep/grid";
import { runSweep } from "../lib/sweep/run-sweep";
import type { BenchRow } from "./types";

interface Case {
  grid: Record<string, Array<number>>;
  replicates: number;
  workers: number;
}

const CPU_BLOCKS = 40_000_000;
const CPU_GRID = { alpha: range(0.05, 0.45, 0.05), gamma: [0, 0.5, 1], blocks: [CPU_BLOCKS] }; // 24 points
const TINY_GRID = { alpha: range(0, 0.5, 0.0005), gamma: range(0, 1, 0.02), blocks: [1] }; // 50,000 points

const CASES: Record<string, Case> = {
  // "raw": see rawThroughput
  "cpu-1": { grid: CPU_GRID, replicates: 2, workers: 1 },
  "cpu-2": { grid: CPU_GRID, replicates: 2, workers: 2 },
  "tiny-1": { grid: TINY_GRID, replicates: 1, workers: 1 },
  "tiny-2": { grid: TINY_GRID, replicates: 1, workers: 2 },
};

interface Measured {
  ms: number;
  units: number;
  peakRssMB: number;
  /** CPU time of the whole process (all threads), ms. */
  cpuMs: number;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * The machine's own parallel capacity right now: kernel work done in a fixed
 * wall time by 2 bare worker threads against 1 (no sweep machinery). On a
 * shared machine this is often well below 2; no sweep can beat it.
 */
async function rawThroughput(threads: number, wallMs = 1000): Promise<number> {
  const kernel = require.resolve("../lib/models/selfish-mining/simulate");
  const seed = require.resolve("../lib/random/seed");
  const code = `const { simulateSelfishMining } = require(${JSON.stringify(kernel)});
    const { rngFor } = require(${JSON.stringify(seed)});
    const { workerData, parentPort } = require("node:worker_threads");
    const rng = rngFor(["bench", "raw"]).fast;
    let chunks = 0;
    for (const end = performance.now() + workerData; performance.now() < end; chunks++) simulateSelfishMining(0.3, 0.5, 1e5, rng);
    parentPort.postMessage(chunks);`;
  const counts = await Promise.all(
    Array.from({ length: threads }, () => new Promise<number>((done, fail) => {
      const w = new Worker(code, { eval: true, workerData: wallMs });
      w.once("message", (n: number) => void w.terminate().then(() => done(n)));
      w.once("error", fail);
    })),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** Child side: run one case, print its measurement as JSON. */
async function measure(name: string): Promise<void> {
  if (name === "raw") {
    // Best throughput of 3 windows each (other load only ever lowers it), alternating 1 and 2 threads.
    let one = 0;
    let two = 0;
    for (let i = 0; i < 3; i++) {
      one = Math.max(one, await rawThroughput(1, 500));
      two = Math.max(two, await rawThroughput(2, 500));
    }
    const ratio = two / one;
    process.stdout.write(JSON.stringify({ ms: 0, units: ratio, peakRssMB: process.resourceUsage().maxRSS / 1024, cpuMs: cpuMs() }) + "\n");
    return;
  }
  const c = CASES[name];
  const data = mkdtempSync(join(tmpdir(), "cl-bench-sweep-"));
  try {
    const t0 = performance.now();
    const r = await runSweep(selfishMining, c.grid, { replicates: c.replicates, workers: c.workers, dataDir: data, cache: false, progress: "none", log: () => {} });
    const ms = performance.now() - t0;
    const out: Measured = { ms, units: r.rows.numRows(), peakRssMB: process.resourceUsage().maxRSS / 1024, cpuMs: cpuMs() };
    process.stdout.write(JSON.stringify(out) + "\n");
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}

function run(name: string): Measured {
  return JSON.parse(execFileSync(process.execPath, [__filename, name], { encoding: "utf8" })) as Measured;
}

/** Best of `repeats` (other load on a shared machine only ever slows a run down). */
function best(name: string, repeats: number): Measured {
  const runs = Array.from({ length: repeats }, () => run(name));
  return runs.reduce((a, b) => (b.ms < a.ms ? b : a));
}

export async function benchSweep(): Promise<BenchRow[]> {
  // Interleaved, so that load from other processes hits every case alike; best of 3 each.
  const runs: Record<string, Measured[]> = { "cpu-1": [], "cpu-2": [] };
  for (let i = 0; i < 3; i++) for (const name of Object.keys(runs)) runs[name].push(run(name));
  const [cpu1, cpu2] = Object.values(runs).map((list) => list.reduce((a, b) => (b.ms < a.ms ? b : a)));
  const capacity = run("raw").units;
  const tiny1 = best("tiny-1", 1);
  const tiny2 = best("tiny-2", 1);
  const speedup = cpu1.ms / cpu2.ms;
  const cpuNote = `${cpu1.units} units x ${CPU_BLOCKS.toExponential(0)} blocks`;
  return [
    { name: "sweep CPU-bound, 1 worker (this thread)", value: cpu1.units / (cpu1.ms / 1000), unit: "units/s", peakRssMB: cpu1.peakRssMB, note: cpuNote },
    {
      name: "sweep CPU-bound, 2 workers",
      value: cpu2.units / (cpu2.ms / 1000),
      unit: "units/s",
      baseline: "same sweep, 1 worker",
      ratio: speedup,
      peakRssMB: cpu2.peakRssMB,
      note: `speed-up ${speedup.toFixed(2)}x (target >= 1.8x); CPU time 2 workers / 1: ${(cpu2.cpuMs / cpu1.cpuMs).toFixed(2)}; machine's 2-thread capacity now: ${capacity.toFixed(2)}x`,
    },
    {
      name: "bare kernel, 2 threads vs 1 (machine capacity)",
      value: capacity,
      unit: "x",
      note: "kernel work done in 0.5 s by 2 bare worker threads vs 1 (best of 3 windows each): the ceiling for any speed-up now",
    },
    { name: "sweep per-unit time, cheap units, 1 worker", value: tiny1.ms / tiny1.units, unit: "ms/unit", peakRssMB: tiny1.peakRssMB, note: `${tiny1.units} units of blocks=1, whole sweep incl. files (target <= 1 ms)` },
    { name: "sweep per-unit time, cheap units, 2 workers", value: tiny2.ms / tiny2.units, unit: "ms/unit", peakRssMB: tiny2.peakRssMB, note: `${tiny2.units} units of blocks=1 (target <= 1 ms)` },
  ];
}

if (require.main === module) {
  const name = process.argv[2];
  if (name in CASES || name === "raw") void measure(name);
  else
    void benchSweep().then((rows) => {
      for (const r of rows) console.log(`${r.name}: ${r.value.toPrecision(3)} ${r.unit}${r.ratio ? ` (${r.ratio.toFixed(2)}x ${r.baseline})` : ""}, peak RSS ${r.peakRssMB?.toFixed(0)} MiB${r.note ? `; ${r.note}` : ""}`);
    });
}

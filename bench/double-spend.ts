/**
 * Double-spend Monte Carlo kernels, single thread: attack trials per second
 * and block events per second at q = 0.3, z = 6 (Rosenfeld's race, block by
 * block) and q = 0.45, z = 100 (long races), and the Poisson variant.
 * The closed forms are timed too (one evaluation of Rosenfeld's sum at z = 1000).
 * There is no C reference kernel for this workload in ../shared/reference,
 * so the rows carry no ratio.
 */
import { simulateDoubleSpendPoisson, simulateDoubleSpendRace, type DoubleSpendCounts } from "../lib/models/finality/double-spend-simulate";
import { nakamotoCatchUp } from "../lib/models/finality/finality-nakamoto";
import { rosenfeldSuccess } from "../lib/models/finality/finality-rosenfeld";
import type { Xoshiro128 } from "../lib/random/xoshiro128";
import { rngFor } from "../lib/random/seed";
import { median, peakRssMB } from "./reference";
import type { BenchRow } from "./types";

const REPEATS = 3;
const NOTE = "no C reference kernel for this workload";

type Kernel = (q: number, z: number, trials: number, rng: Xoshiro128) => DoubleSpendCounts;

function timeKernel(kernel: Kernel, q: number, z: number, trials: number): { trialsPerS: number; eventsPerS: number } {
  const rng = rngFor(["bench", "double-spend", kernel.name, q, z]).fast;
  kernel(q, z, Math.max(1, trials >> 4), rng); // warm up the JIT
  const trialRates: number[] = [];
  const eventRates: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t0 = process.hrtime.bigint();
    const counts = kernel(q, z, trials, rng);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    trialRates.push(trials / seconds);
    eventRates.push(counts.blockEvents / seconds);
  }
  return { trialsPerS: median(trialRates), eventsPerS: median(eventRates) };
}

function timeCall(f: () => number, calls: number): number {
  f();
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t0 = process.hrtime.bigint();
    for (let c = 0; c < calls; c++) f();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6 / calls);
  }
  return median(times);
}

export async function benchDoubleSpend(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const cases: Array<[string, Kernel, number, number, number]> = [
    ["double-spend race (exact), q=0.3 z=6", simulateDoubleSpendRace, 0.3, 6, 2_000_000],
    ["double-spend race (exact), q=0.45 z=100", simulateDoubleSpendRace, 0.45, 100, 200_000],
    ["double-spend race (Poisson), q=0.3 z=6", simulateDoubleSpendPoisson, 0.3, 6, 2_000_000],
  ];
  for (const [name, kernel, q, z, trials] of cases) {
    const { trialsPerS, eventsPerS } = timeKernel(kernel, q, z, trials);
    rows.push({ name, value: trialsPerS, unit: "trials/s", peakRssMB: peakRssMB(), note: `${eventsPerS.toExponential(2)} block events/s; ${NOTE}` });
  }
  rows.push({ name: "rosenfeldSuccess(0.45, 1000)", value: timeCall(() => rosenfeldSuccess(0.45, 1000), 200), unit: "ms/call" });
  rows.push({ name: "nakamotoCatchUp(0.45, 1000)", value: timeCall(() => nakamotoCatchUp(0.45, 1000), 200), unit: "ms/call" });
  return rows;
}

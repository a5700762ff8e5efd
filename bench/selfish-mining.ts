/**
 * Selfish-mining Monte Carlo kernel, single thread: block events per second,
 * against the C reference w1_selfish (`switch`, the readable state machine)
 * run in the same benchmark run. Target: at least half of C.
 */
import { simulateSelfishMining } from "../lib/models/selfish-mining/simulate";
import { rngFor } from "../lib/random/seed";
import { median, peakRssMB, runReference } from "./reference";
import type { BenchRow } from "./types";

const ALPHA = 0.35;
const GAMMA = 0.5;
const EVENTS = 100_000_000;
const REPEATS = 3;

export async function benchSelfishMining(): Promise<BenchRow[]> {
  const rng = rngFor(["bench", "selfish-mining"]).fast;
  simulateSelfishMining(ALPHA, GAMMA, 1_000_000, rng); // warm up the JIT
  const rates: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t0 = process.hrtime.bigint();
    simulateSelfishMining(ALPHA, GAMMA, EVENTS, rng);
    rates.push(EVENTS / (Number(process.hrtime.bigint() - t0) / 1e9));
  }
  const js = median(rates);
  const cRates: number[] = [];
  let cRss: number | undefined;
  let reason: string | undefined;
  for (let i = 0; i < REPEATS && !reason; i++) {
    const c = runReference("w1_selfish", [String(ALPHA), String(GAMMA), String(EVENTS), String(i + 1), "switch"]);
    if ("reason" in c) reason = c.reason;
    else {
      cRates.push(c.values.events_per_s);
      cRss = c.peakRssMB;
    }
  }
  const rows: BenchRow[] = [
    {
      name: "selfish-mining kernel (JS)",
      value: js,
      unit: "events/s",
      peakRssMB: peakRssMB(),
      ...(cRates.length ? { baseline: "C w1_selfish switch -O2", ratio: js / median(cRates) } : { note: `no C ratio: ${reason}` }),
    },
  ];
  if (cRates.length) rows.push({ name: "selfish-mining kernel (C reference)", value: median(cRates), unit: "events/s", peakRssMB: cRss });
  return rows;
}

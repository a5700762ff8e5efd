/**
 * BFT protocol models (lib/models/bft/) on the W4 workload: N = 300
 * validators, all to all, lognormal pair latency (median 50 ms, sigma 0.5,
 * the PairLatency of bench/pbft.ts), no bandwidth limit or CPU cost.
 *
 *   pbft        the full PBFT model (view-change timers, checkpoints off as in
 *               W4, block sync armed) on 100 heights, timed against
 *               `w4_pbft 300 100 1 lognormal` in the same run (target >= 0.33x)
 *               and against the lean kernel bench/pbft-kernel.ts (same
 *               Network, same latency); its message count is a little below
 *               W4's 17,940,000 (a replica that holds a commit certificate
 *               before the PRE-PREPARE reaches it does not PREPARE)
 *   tendermint  Algorithm 1 with CometBFT's round timeouts (timeout_commit 0),
 *               30 heights; baseline: the same C w4_pbft run (the nearest C
 *               message-level BFT kernel; Tendermint's per-height message
 *               count (N-1)(2N+1) is close to PBFT's)
 *   chained-hotstuff  pipelined HotStuff, 300 heights (2 (N-1) messages per
 *               height: a star, so far fewer events)
 * Verified, untimed: the PBFT and Tendermint message counts against their
 * closed forms and a constant-latency run at 3 x 50 ms per height.
 *
 * Run alone: node --expose-gc dist/bench/bft.js
 */
import { constantPairLatency, lognormalPairLatency } from "../lib/network/pair-latency";
import type { PairLatency } from "../lib/network/runtime-config";
import { rngFor } from "../lib/random/seed";
import type { BftRun, BftSetup } from "../lib/models/bft/context";
import { faultPlan } from "../lib/models/bft/faults";
import { runProtocol } from "../lib/models/bft/run";
import { COMETBFT_TIMEOUTS } from "../lib/models/bft/tendermint";
import { validatorSet } from "../lib/models/bft/validators";
import { runPbftBench } from "./pbft-kernel";
import { median, peakRssMB, runReference } from "./reference";
import type { BenchRow } from "./types";

const N = 300;
const REPEATS = 3;
const OPTIONS = { ...COMETBFT_TIMEOUTS, timeoutCommitS: 0, viewTimeoutS: 10, checkpointInterval: 0 };

function setupOf(latency: PairLatency, heights: number): BftSetup {
  return {
    validators: validatorSet(N, "equal", rngFor(["bench", "bft", "stake"]).fast),
    faults: faultPlan(N, "none", 0, "first", 0, rngFor(["bench", "bft", "faults"]).fast),
    network: { overlay: { kind: "complete", n: N }, latency },
    costs: { sigBytes: 64, txBytes: 250, batch: 1, sigVerifyUs: 0, aggregate: false, aggVerifyUs: 0, cpuUsPerMessage: 0 },
    heights,
    maxTimeS: 1e6,
  };
}

interface Timed {
  run: BftRun;
  eventsPerS: number;
  /** Events per second of this process's CPU time (less sensitive to a loaded machine than wall time). */
  eventsPerCpuS: number;
}

function timeRun(protocol: string, latency: PairLatency, heights: number): Timed {
  (globalThis as { gc?: () => void }).gc?.();
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const run = runProtocol(protocol, setupOf(latency, heights), OPTIONS, rngFor(["bench", "bft", "network"]));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  return { run, eventsPerS: run.events / seconds, eventsPerCpuS: run.events / ((cpu.user + cpu.system) / 1e6) };
}

function meanOf(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

function verify(): void {
  const pbft = runProtocol("pbft", setupOf(constantPairLatency(N, 50), 3), OPTIONS, rngFor(["bench", "bft", "const"]));
  const want = 3 * (N - 1 + (N - 1) ** 2 + N * (N - 1));
  if (pbft.messages !== want || pbft.latencyS.some((x) => Math.abs(x - 0.15) > 1e-9)) throw new Error(`bft bench: PBFT model fails verification: ${pbft.messages} messages (want ${want}), latencies ${Array.from(pbft.latencyS)}`);
  const tm = runProtocol("tendermint", setupOf(constantPairLatency(N, 50), 3), OPTIONS, rngFor(["bench", "bft", "const"]));
  if (tm.messages !== 3 * (N - 1) * (2 * N + 1) || tm.latencyS.some((x) => Math.abs(x - 0.15) > 1e-9)) throw new Error(`bft bench: Tendermint model fails verification: ${tm.messages} messages`);
}

export async function benchBft(): Promise<BenchRow[]> {
  verify();
  const latency = lognormalPairLatency(N, 50, 0.5, rngFor(["bench", "pbft", "latency", 1]).fast);
  for (const p of ["pbft", "tendermint", "chained-hotstuff"]) {
    timeRun(p, latency, 3); // warm up the JIT (two calls, as bench/pownet.ts says why)
    timeRun(p, latency, 3);
  }
  const lean: number[] = [];
  const pbft: Timed[] = [];
  const tm: Timed[] = [];
  const chs: Timed[] = [];
  const cRates: number[] = [];
  const cCpuRates: number[] = [];
  let cFinalityMs: number | undefined;
  let reason: string | undefined;
  for (let i = 0; i < REPEATS; i++) {
    pbft.push(timeRun("pbft", latency, 100));
    {
      (globalThis as { gc?: () => void }).gc?.();
      const t0 = process.hrtime.bigint();
      const r = runPbftBench({ n: N, heights: 100, latency }, rngFor(["bench", "pbft", "network", i + 1]));
      lean.push(r.events / (Number(process.hrtime.bigint() - t0) / 1e9));
    }
    tm.push(timeRun("tendermint", latency, 30));
    chs.push(timeRun("chained-hotstuff", latency, 300));
    if (reason) continue;
    const c = runReference("w4_pbft", [String(N), "100", "1", "lognormal"]);
    if ("reason" in c) reason = c.reason;
    else {
      cRates.push(c.values.events_per_s);
      cCpuRates.push(c.values.events / c.values.cpu_s);
      const fin = /finality_ms[^\n]*?mean=([-+0-9.eE]+)/.exec(c.output);
      if (fin) cFinalityMs = Number(fin[1]);
    }
  }
  const c = cRates.length ? median(cRates) : undefined;
  const ratio = (r: number) => (c ? { baseline: "C w4_pbft -O2", ratio: r / c } : {});
  const row = (name: string, t: Timed[], note: string): BenchRow => {
    const rate = median(t.map((x) => x.eventsPerS));
    const cpuRatio = cCpuRates.length ? `CPU-time ratio ${(median(t.map((x) => x.eventsPerCpuS)) / median(cCpuRates)).toFixed(2)}x; ` : "";
    return { name, value: rate, unit: "events/s", peakRssMB: peakRssMB(), ...ratio(rate), note: (c ? cpuRatio : `no C ratio: ${reason}; `) + note };
  };
  const p0 = pbft[0].run;
  const t0 = tm[0].run;
  const h0 = chs[0].run;
  return [
    row(
      "bft pbft model, W4 (JS)",
      pbft,
      `${(median(pbft.map((x) => x.eventsPerS)) / median(lean)).toFixed(2)}x the lean bench kernel (bench/pbft-kernel.ts) in this run; ${(p0.messages / 1e6).toFixed(2)}M messages (formula ${((100 * (N - 1 + (N - 1) ** 2 + N * (N - 1))) / 1e6).toFixed(2)}M: a replica holding a commit certificate before its PRE-PREPARE skips its PREPARE), 100 heights, mean finality ${(1000 * meanOf(p0.latencyS)).toFixed(1)} ms${cFinalityMs !== undefined ? ` (C, rotating primary: ${cFinalityMs.toFixed(1)} ms)` : ""}`,
    ),
    row("bft tendermint model, N=300 (JS)", tm, `baseline is PBFT's C kernel; ${(t0.messages / 30 / 1e3).toFixed(1)}k messages/height = (N-1)(2N+1), mean latency ${(1000 * meanOf(t0.latencyS)).toFixed(1)} ms`),
    row("bft chained-hotstuff model, N=300 (JS)", chs, `baseline is PBFT's C kernel; ${(h0.messages / 300).toFixed(0)} messages/height (star), block interval ${((1000 * (h0.finalS[299] - h0.finalS[0])) / 299).toFixed(1)} ms`),
  ];
}

if (require.main === module) {
  benchBft().then(
    (rows) => console.table(rows),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}

/**
 * A run's row: finality latency per height (p50, p90, p99, mean), the
 * outcome (safe / violation / halt), messages and bytes per decision,
 * per-validator bandwidth, throughput, rounds or views per height, the time
 * to recover after a crash, and the per-height series when asked.
 *
 * Rounds or views per height: Tendermint, the decision's round + 1; PBFT,
 * 1 + the views the height's decision moved past the previous one's;
 * Recovery after a crash: from the crash to the finality of the first height
 * that began at or after it (its predecessor was final by then).
 * HotStuff (both), the views between one height's decision and the previous
 * one's (1 in the steady state: each view proposes one block).
 */
import type { BftRun } from "./context";

/** The q-quantile of sorted values (linear interpolation between order statistics, type 7 of Hyndman & Fan 1996). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const m = sorted.length;
  if (m === 0) return NaN;
  const pos = (m - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(m - 1, lo + 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

/** Rounds or views each final height took (see the file comment). */
export function roundsPerHeight(run: BftRun): Float64Array {
  const H = run.finalHeights;
  const out = new Float64Array(H);
  for (let h = 0; h < H; h++) {
    const r = run.rounds[h];
    const prev = h === 0 ? (run.protocol === "pbft" ? 0 : -1) : run.rounds[h - 1];
    if (run.protocol === "tendermint") out[h] = r + 1;
    else if (run.protocol === "pbft") out[h] = 1 + Math.max(0, r - prev);
    else out[h] = Math.max(0, r - prev);
  }
  return out;
}

export type Outcome = "safe" | "violation" | "halt";

export function outcomeOf(run: BftRun): Outcome {
  if (run.conflicts > 0 || run.invalid > 0) return "violation";
  return run.finalHeights < run.heights ? "halt" : "safe";
}

export interface SummaryOptions {
  /** Transactions per block. */
  readonly batch: number;
  /** Crash time of the crash faults (NaN: none). */
  readonly crashAtS: number;
}

export function summarizeBft(run: BftRun, o: SummaryOptions): Record<string, number | string | null> {
  const H = run.finalHeights;
  const lat = Float64Array.from(run.latencyS.subarray(0, H)).sort();
  let sum = 0;
  for (let i = 0; i < H; i++) sum += lat[i];
  const rounds = roundsPerHeight(run);
  let rsum = 0;
  for (let i = 0; i < H; i++) rsum += rounds[i];
  const lastFinal = H > 0 ? run.finalS[H - 1] : NaN;
  let recovery = NaN;
  if (Number.isFinite(o.crashAtS)) {
    // The first height that began at or after the crash (its predecessor was final by then).
    for (let h = 0; h < H; h++) {
      if ((h === 0 ? 0 : run.finalS[h - 1]) >= o.crashAtS) {
        recovery = run.finalS[h] - o.crashAtS;
        break;
      }
    }
  }
  const num = (x: number) => (Number.isFinite(x) ? x : null);
  return {
    outcome: outcomeOf(run),
    finalHeights: H,
    conflicts: run.conflicts,
    firstConflictHeight: run.firstConflict ? run.firstConflict.height : null,
    latencyMeanS: num(H > 0 ? sum / H : NaN),
    latencyP50S: num(quantileSorted(lat, 0.5)),
    latencyP90S: num(quantileSorted(lat, 0.9)),
    latencyP99S: num(quantileSorted(lat, 0.99)),
    blockIntervalS: num(H > 1 ? (lastFinal - run.finalS[0]) / (H - 1) : NaN),
    throughputTps: num(H > 0 ? (o.batch * H) / lastFinal : NaN),
    messagesPerDecision: num(H > 0 ? run.messages / H : NaN),
    bytesPerDecision: num(H > 0 ? run.bytes / H : NaN),
    maxValidatorBytesPerDecision: num(H > 0 ? run.bytesSentMax / H : NaN),
    roundsPerHeight: num(H > 0 ? rsum / H : NaN),
    viewChanges: run.viewChanges,
    recoveryS: num(recovery),
    messages: run.messages,
    bytes: run.bytes,
    events: run.events,
    simulatedS: run.timeS,
    stop: run.stop,
  };
}

/** The per-height series: height, latency, final time, rounds or views. */
export function heightSeries(run: BftRun): { height: Float64Array; latencyS: Float64Array; finalS: Float64Array; rounds: Float64Array } {
  const H = run.finalHeights;
  return {
    height: Float64Array.from({ length: H }, (_, h) => h),
    latencyS: Float64Array.from(run.latencyS.subarray(0, H)),
    finalS: Float64Array.from(run.finalS.subarray(0, H)),
    rounds: roundsPerHeight(run),
  };
}

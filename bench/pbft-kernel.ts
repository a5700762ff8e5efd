/**
 * The W4 benchmark workload on the protocol runtime: the normal case of PBFT
 * (Castro & Liskov, "Practical Byzantine Fault Tolerance", OSDI 1999,
 * section 4.2: pre-prepare, prepare, commit), message by message, on the
 * runtime's message path (lib/network/network.ts: complete overlay,
 * `multicast`, the MessageArena, no CPU queue unless `verifyUs` > 0). The
 * C reference is ../shared/reference/w4_pbft.c; its header states the model,
 * which this file follows rule for rule:
 *
 *   N replicas, f = floor((N-1)/3), q = 2f+1; height h has primary h mod N,
 *   which multicasts PRE-PREPARE(h) to the N-1 others at the height's start;
 *   a backup receiving it multicasts PREPARE(h); a replica with the
 *   pre-prepare and 2f prepares from others is prepared and multicasts
 *   COMMIT(h) (counting its own); with q commits it decides. Height h+1
 *   starts when its primary decides h. A message for a height its receiver
 *   has decided is "late" and ignored. Every height sends exactly
 *     (N-1) pre-prepares + (N-1)^2 prepares + N(N-1) commits.
 *
 * One event per delivered message (the Network schedules each delivery in
 * the engine's queue); per-height state is a ring of active heights in
 * typed arrays (as in w4_pbft.c), doubled when a new height would reuse a
 * slot still in use. Decisions are made in time order (the engine pops in
 * time order and the CPU queue, when on, keeps each node FIFO), so the q-th
 * decision processed is the q-th smallest decision time: finality needs no
 * sort.
 *
 * Times are seconds (the Network's unit); C uses milliseconds, so with a
 * constant 50 ms latency C's times are exact integers while here 0.05 s
 * sums round: a height takes 0.15 s up to a few ulps (checked to 1e-9 s).
 */
import { Simulation } from "../lib/engine/simulation";
import { Network } from "../lib/network/network";
import { uniformResources } from "../lib/network/node-resources";
import type { PairLatency } from "../lib/network/runtime-config";
import type { Rng } from "../lib/random/seed";

export const PREPREPARE = 0;
export const PREPARE = 1;
export const COMMIT = 2;
const HAS_PP = 1;
const PREPARED = 2;
const DECIDED = 4;

/** Nominal size of every PBFT message on the wire, bytes (links have no bandwidth limit here, so it costs no time). */
export const PBFT_MESSAGE_BYTES = 128;

export interface PbftBenchConfig {
  /** Replicas, N >= 4. */
  readonly n: number;
  /** Consensus instances decided one after another. */
  readonly heights: number;
  /** One-way latency of every ordered pair (a PairLatency: O(N) memory on the complete overlay). */
  readonly latency: PairLatency;
  /** CPU time per received message, microseconds (default 0: no CPU queue, the benchmark's case). */
  readonly verifyUs?: number;
}

export interface PbftBenchRun {
  readonly n: number;
  readonly f: number;
  readonly q: number;
  readonly heights: number;
  /** Messages delivered (= handler calls), all kinds. */
  readonly messages: number;
  /** Delivered per kind: pre-prepare, prepare, commit. */
  readonly delivered: { readonly prePrepare: number; readonly prepare: number; readonly commit: number };
  /** Engine events processed (one per delivery, plus one per CPU hand-off when verifyUs > 0). */
  readonly events: number;
  /** Messages that reached a replica which had decided their height. */
  readonly late: number;
  readonly decisions: number;
  /** Start of every height, seconds; startS[heights] is when the primary of height `heights` decided the last one. */
  readonly startS: Float64Array;
  /** Per height: start -> q-th decision, seconds. */
  readonly finalityS: Float64Array;
  /** Per height: start -> N-th decision, seconds. */
  readonly lastS: Float64Array;
  /** Largest number of queued events, live arena messages and simultaneously active heights. */
  readonly maxQueued: number;
  readonly maxLiveMessages: number;
  readonly maxActiveHeights: number;
}

/** Messages of one height: (N-1) + (N-1)^2 + N(N-1). */
export function pbftMessagesPerHeight(n: number): number {
  return n - 1 + (n - 1) * (n - 1) + n * (n - 1);
}

/** Run `heights` PBFT heights on a fresh Simulation and Network; `rng` seeds the network's own streams. */
export function runPbftBench(config: PbftBenchConfig, rng: Rng): PbftBenchRun {
  const { n, heights, latency } = config;
  const verifyUs = config.verifyUs ?? 0;
  if (!(Number.isInteger(n) && n >= 4 && n <= 2 ** 20)) throw new RangeError(`invalid n: ${n} (allowed: an integer, 4 <= n <= 2^20)`);
  if (!(Number.isInteger(heights) && heights >= 1 && heights < 2 ** 30)) throw new RangeError(`invalid heights: ${heights} (allowed: an integer, 1 <= heights < 2^30)`);
  if (!(verifyUs >= 0 && Number.isFinite(verifyUs))) throw new RangeError(`invalid verifyUs: ${verifyUs} (allowed: a finite number >= 0)`);
  const f = Math.floor((n - 1) / 3);
  const q = 2 * f + 1;
  const twoF = 2 * f;

  const sim = new Simulation(1 << 16);
  const net = new Network(
    sim,
    {
      name: "pbft",
      overlay: { kind: "complete", n },
      latency,
      ...(verifyUs > 0 ? { resources: uniformResources(n, Infinity, Infinity, { cpuCostS: { "*": { fixedS: verifyUs * 1e-6 } } }) } : {}),
    },
    rng,
  );
  const everyone = Int32Array.from({ length: n }, (_, i) => i);

  // Ring of active heights: slot k holds height slotHeight[k] (-1: free); per (slot, replica) counts and flags.
  let w = 8;
  let wmask = w - 1;
  let slotHeight = new Int32Array(w).fill(-1);
  let slotDecided = new Int32Array(w);
  let flags = new Int32Array(w * n);
  let prepares = new Int32Array(w * n);
  let commits = new Int32Array(w * n);
  let active = 0;
  let maxActive = 0;
  const startS = new Float64Array(heights + 1);
  const finalityS = new Float64Array(heights);
  const lastS = new Float64Array(heights);
  let late = 0;
  let decisions = 0;
  let delPP = 0;
  let delP = 0;
  let delC = 0;

  const growRing = () => {
    const w2 = 2 * w;
    const sh = new Int32Array(w2).fill(-1);
    const sd = new Int32Array(w2);
    const fl = new Int32Array(w2 * n);
    const pr = new Int32Array(w2 * n);
    const co = new Int32Array(w2 * n);
    for (let k = 0; k < w; k++) {
      const h = slotHeight[k];
      if (h < 0) continue;
      const k2 = h & (w2 - 1); // active heights are distinct mod w, hence mod 2w
      sh[k2] = h;
      sd[k2] = slotDecided[k];
      fl.set(flags.subarray(k * n, (k + 1) * n), k2 * n);
      pr.set(prepares.subarray(k * n, (k + 1) * n), k2 * n);
      co.set(commits.subarray(k * n, (k + 1) * n), k2 * n);
    }
    w = w2;
    wmask = w2 - 1;
    slotHeight = sh;
    slotDecided = sd;
    flags = fl;
    prepares = pr;
    commits = co;
  };

  const startHeight = (h: number, t: number) => {
    while (slotHeight[h & wmask] >= 0) growRing();
    const k = h & wmask;
    const p = h % n;
    slotHeight[k] = h;
    slotDecided[k] = 0;
    if (++active > maxActive) maxActive = active;
    const base = k * n;
    flags.fill(0, base, base + n);
    prepares.fill(0, base, base + n);
    commits.fill(0, base, base + n);
    flags[base + p] = HAS_PP;
    startS[h] = t;
    net.multicast(PP, p, everyone, net.arena.alloc(PREPREPARE, h, 0, 0, p, PBFT_MESSAGE_BYTES));
  };

  const decide = (r: number, h: number, k: number, idx: number) => {
    const t = sim.now;
    flags[idx] |= DECIDED;
    decisions++;
    const c = ++slotDecided[k];
    if (c === q) finalityS[h] = t - startS[h];
    if (c === n) {
      lastS[h] = t - startS[h];
      slotHeight[k] = -1;
      active--;
    }
    if (r === (h + 1) % n) {
      startS[h + 1] = t;
      if (h + 1 < heights) startHeight(h + 1, t);
    }
  };

  /** The common part of every receive: the replica's (slot, index) for the message's height, or -1 if late. */
  const slotIndex = (to: number, msg: number): number => {
    const h = net.arena.height[msg];
    const k = h & wmask;
    if (slotHeight[k] !== h) return -1; // everybody decided h already
    const idx = k * n + to;
    return (flags[idx] & DECIDED) !== 0 ? -1 : idx;
  };

  /** After a prepare or pre-prepare: prepared -> multicast COMMIT; then decide on q commits. */
  const progress = (to: number, h: number, idx: number) => {
    const fl = flags[idx];
    if ((fl & PREPARED) === 0) {
      if ((fl & HAS_PP) === 0 || prepares[idx] < twoF) return;
      flags[idx] = fl | PREPARED;
      commits[idx]++; // its own commit
      net.multicast(CM, to, everyone, net.arena.alloc(COMMIT, h, 0, 0, to, PBFT_MESSAGE_BYTES));
    }
    if (commits[idx] >= q) decide(to, h, idx / n | 0, idx);
  };

  const PP = net.defineMessage("pre-prepare", (to, msg) => {
    delPP++;
    const idx = slotIndex(to, msg);
    if (idx < 0) {
      late++;
      return;
    }
    const h = net.arena.height[msg];
    flags[idx] |= HAS_PP;
    net.multicast(PR, to, everyone, net.arena.alloc(PREPARE, h, 0, 0, to, PBFT_MESSAGE_BYTES));
    progress(to, h, idx);
  });
  const PR = net.defineMessage("prepare", (to, msg) => {
    delP++;
    const idx = slotIndex(to, msg);
    if (idx < 0) {
      late++;
      return;
    }
    prepares[idx]++;
    progress(to, net.arena.height[msg], idx);
  });
  const CM = net.defineMessage("commit", (to, msg) => {
    delC++;
    const idx = slotIndex(to, msg);
    if (idx < 0) {
      late++;
      return;
    }
    commits[idx]++;
    if ((flags[idx] & PREPARED) !== 0 && commits[idx] >= q) decide(to, net.arena.height[msg], idx / n | 0, idx);
  });

  startHeight(0, 0);
  const report = sim.run();
  if (report.stop !== "drained") throw new Error(`PBFT bench run stopped early: ${report.stop}`);
  return {
    n,
    f,
    q,
    heights,
    messages: delPP + delP + delC,
    delivered: { prePrepare: delPP, prepare: delP, commit: delC },
    events: report.events,
    late,
    decisions,
    startS,
    finalityS,
    lastS,
    maxQueued: sim.queue.maxSize,
    maxLiveMessages: net.arena.maxLive,
    maxActiveHeights: maxActive,
  };
}

/** What went wrong in a run, checked against the model's closed forms (empty: all good). */
export function pbftRunProblems(run: PbftBenchRun, constLatencyS?: number): string[] {
  const problems: string[] = [];
  const want = run.heights * pbftMessagesPerHeight(run.n);
  if (run.messages !== want) problems.push(`messages ${run.messages}, want heights * ((N-1)+(N-1)^2+N(N-1)) = ${want}`);
  if (run.decisions !== run.n * run.heights) problems.push(`decisions ${run.decisions}, want N * heights = ${run.n * run.heights}`);
  if (constLatencyS !== undefined) {
    const three = 3 * constLatencyS;
    for (let h = 0; h < run.heights; h++) {
      const d = run.startS[h + 1] - run.startS[h];
      if (Math.abs(d - three) > 1e-9 || Math.abs(run.finalityS[h] - three) > 1e-9 || Math.abs(run.lastS[h] - three) > 1e-9) {
        problems.push(`height ${h}: duration ${d} s, finality ${run.finalityS[h]} s, last ${run.lastS[h]} s, want 3 x ${constLatencyS} s`);
        break;
      }
    }
  }
  return problems;
}

/** Mean of an array. */
export function meanOf(xs: Float64Array): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

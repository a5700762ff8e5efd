/**
 * The fast kernel of the proof-of-work network model, for the ideal network
 * (no loss, churn, partitions, jitter or upload queueing) without difficulty
 * retargeting: the workload of the C reference w3_pownet.
 *
 * Same model, same random draws and same event order as simulate.ts (the
 * tests check that both give identical runs); what changes is the loop:
 * one EventQueue used directly, a two-way branch instead of a handler
 * call, per-hop delays (latency + transmission) precomputed per link, and
 * the duplicate test (most events) inlined on the bitset.
 */
import type { StopReason } from "../../engine/simulation";
import { EventQueue } from "../../engine/event-queue";
import { exponential } from "../../network/latency/draw";
import { hopDelays } from "../../network/shortest-paths";
import type { Rng } from "../../random/seed";
import { ChainState } from "./chain-state";
import { checkNakamotoConfig, defaultMaxEvents, defaultMaxTimeS, type NakamotoConfig, type NakamotoRun, type NakamotoSetup } from "./config";
import { HashShares } from "./hash-shares";

const BLOCK = 0;
const MINE = 1;

/** Why a setup/config cannot take the fast kernel, or null if it can. */
export function fastKernelObstacle(setup: NakamotoSetup, config: NakamotoConfig): string | null {
  const o = setup.network ?? {};
  if ((o.lossRate ?? 0) > 0) return "message loss";
  if (o.churn) return "churn";
  if (o.partitions && o.partitions.length > 0) return "partitions";
  if (o.jitter) return "jitter";
  if (o.uploadQueueing) return "upload queueing";
  if ((config.retargetBlocks ?? 0) > 0) return "difficulty retargeting";
  return null;
}

export function simulateNakamotoFast(setup: NakamotoSetup, config: NakamotoConfig, rng: Rng): NakamotoRun {
  const obstacle = fastKernelObstacle(setup, config);
  if (obstacle) throw new Error(`the fast kernel does not model ${obstacle}: use simulateNakamoto`);
  const { graph } = setup;
  const n = graph.n;
  checkNakamotoConfig(config, n);
  const bandwidthMbps = setup.network?.bandwidthMbps ?? Infinity;
  if (!(bandwidthMbps > 0)) throw new RangeError(`invalid bandwidthMbps: ${bandwidthMbps} (allowed: a number > 0)`);
  const shares = new HashShares(n, config.hashShares);
  const miningRng = rng.child("mining").fast;
  const state = new ChainState(n, { blocks: config.blocks, genesisDifficulty: config.initialDifficulty ?? 1, recordArrivals: config.recordArrivals });
  const difficulty = config.initialDifficulty ?? 1;
  const meanIntervalS = config.blockIntervalS * difficulty;
  const hop = hopDelays(setup.linkLatencyS, config.blockSizeBytes, bandwidthMbps * 1e6);
  const maxEvents = defaultMaxEvents(config, setup);
  const maxTimeS = defaultMaxTimeS(config);
  const blocks = config.blocks;

  const q = new EventQueue(4096);
  const seen = state.seen;
  const words = state.words;
  const offsets = graph.offsets;
  const neighbors = graph.neighbors;
  let events = 0;
  let duplicates = 0;
  let mined = 0;
  let stop: StopReason = "drained";
  let now = 0;

  /** Send block b from v (which got it at t) to every neighbour that does not have it yet. */
  const relay = (v: number, b: number, t: number): void => {
    const row = b * words;
    for (let k = offsets[v], end = offsets[v + 1]; k < end; k++) {
      const w = neighbors[k];
      if ((seen[row + (w >>> 5)] & (1 << (w & 31))) === 0) q.push(t + hop[k], BLOCK, w, b, v);
    }
  };

  q.push(exponential(miningRng, meanIntervalS), MINE, 0, 0, 0);
  while (q.pop()) {
    const t = q.time;
    if (t > maxTimeS || events >= maxEvents) {
      // The popped event is not processed (the run ends here either way).
      stop = t > maxTimeS ? "max-time" : "max-events";
      if (t > maxTimeS) now = maxTimeS;
      break;
    }
    events++;
    now = t;
    if (q.kind === MINE) {
      const v = shares.pick(miningRng);
      const b = state.mine(v, t, difficulty);
      mined++;
      relay(v, b, t);
      if (mined < blocks) q.push(t + exponential(miningRng, meanIntervalS), MINE, 0, 0, 0);
      continue;
    }
    const v = q.target;
    const b = q.a;
    if ((seen[b * words + (v >>> 5)] & (1 << (v & 31))) !== 0) {
      duplicates++; // a duplicate delivery: popped, counted, dropped
      continue;
    }
    state.receive(v, b, t);
    relay(v, b, t);
  }
  return {
    state,
    config,
    setup,
    mined,
    miningEvents: mined,
    deliveries: events - mined,
    duplicates,
    events,
    stop,
    endTimeS: now,
    kernel: "fast",
    networkStats: null,
  };
}

/**
 * The fast kernel of the proof-of-work network model, for the ideal network
 * on a peer graph (no loss, churn, crashes, partitions, jitter, upload
 * queueing or CPU costs; any per-node uplink and downlink) without
 * difficulty retargeting: the workload of the C reference w3_pownet.
 *
 * Same model, same random draws and same event order as simulate.ts (the
 * tests check that both give identical runs); what changes is the loop:
 * one EventQueue used directly, a two-way branch instead of a handler
 * call, per-hop delays (latency + size * 8 / min(uplink, downlink), the
 * Network's formula) precomputed per link, and the duplicate test (most
 * events) inlined on the bitset.
 */
import type { StopReason } from "../../engine/simulation";
import { EventQueue } from "../../engine/event-queue";
import { exponential } from "../../network/latency/draw";
import { NodeResources } from "../../network/node-resources";
import type { Rng } from "../../random/seed";
import { ChainState } from "./chain-state";
import { checkNakamotoConfig, defaultMaxEvents, defaultMaxTimeS, setupGraph, type NakamotoConfig, type NakamotoRun, type NakamotoSetup } from "./config";
import { HashShares } from "./hash-shares";

const BLOCK = 0;
const MINE = 1;

/** Why a setup/config cannot take the fast kernel, or null if it can. */
export function fastKernelObstacle(setup: NakamotoSetup, config: NakamotoConfig): string | null {
  const o = setup.network;
  if (o.overlay.kind !== "graph") return "a complete overlay";
  if (!o.linkLatencyS) return "pair latencies on a graph (no linkLatencyS)";
  if ((o.lossRate ?? 0) > 0) return "message loss";
  if (o.churn) return "churn";
  if (o.crashes && o.crashes.length > 0) return "crashes";
  if (o.partitions && o.partitions.length > 0) return "partitions";
  if (o.jitter) return "jitter";
  if (o.resources?.uploadQueueing) return "upload queueing";
  if (o.resources && new NodeResources(o.overlay.graph.n, o.resources).hasCpu) return "CPU costs";
  if ((config.retargetBlocks ?? 0) > 0) return "difficulty retargeting";
  if (config.relay && config.relay.protocol !== "ideal") return `the ${config.relay.protocol} relay`;
  if (config.hashSchedule && config.hashSchedule.length > 0) return "a hash-rate schedule";
  if ((config.timestamps ?? "true") !== "true") return "a timestamp rule";
  return null;
}

/** Delay of a block over every CSR position: link latency + size * 8 / min(uplink[v], downlink[w]). */
export function blockHopDelays(setup: NakamotoSetup, sizeBytes: number): Float64Array {
  const graph = setupGraph(setup);
  const lat = setup.network.linkLatencyS;
  if (!graph || !lat) throw new Error("blockHopDelays needs a graph overlay with linkLatencyS");
  const res = new NodeResources(graph.n, setup.network.resources);
  const hop = new Float64Array(lat.length);
  for (let v = 0; v < graph.n; v++) {
    for (let k = graph.offsets[v]; k < graph.offsets[v + 1]; k++) hop[k] = lat[k] + res.transmissionS(v, graph.neighbors[k], sizeBytes);
  }
  return hop;
}

export function simulateNakamotoFast(setup: NakamotoSetup, config: NakamotoConfig, rng: Rng): NakamotoRun {
  const obstacle = fastKernelObstacle(setup, config);
  if (obstacle) throw new Error(`the fast kernel does not model ${obstacle}: use simulateNakamoto`);
  const graph = setupGraph(setup)!;
  const n = graph.n;
  checkNakamotoConfig(config, n);
  const shares = new HashShares(n, config.hashShares);
  const miningRng = rng.child("mining").fast;
  const state = new ChainState(n, { blocks: config.blocks, genesisDifficulty: config.initialDifficulty ?? 1, recordArrivals: config.recordArrivals, hashShares: config.hashShares });
  const difficulty = config.initialDifficulty ?? 1;
  const meanIntervalS = config.blockIntervalS * difficulty;
  const hop = blockHopDelays(setup, config.blockSizeBytes);
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
    eventCounts: null,
  };
}

/**
 * From experiment parameters to a run: build the graph, fix the link
 * latencies, assemble the network options, pick the kernel.
 *
 * Random streams (children of the run's Rng, so each part is reproducible on
 * its own): "graph" (topology), "latency" (link latencies, region placement),
 * "partition" (who is on which side), "mining" and "network" (used inside
 * the kernels).
 */
import type { Rng } from "../../random/seed";
import { buildTopology, type TopologySpec } from "../../network/topology";
import { constantLatency } from "../../network/latency/constant";
import { lognormalLatency } from "../../network/latency/lognormal";
import { normalLatency } from "../../network/latency/normal";
import { paretoLatencyFromMedian } from "../../network/latency/pareto";
import { uniformLatency } from "../../network/latency/uniform";
import { regionDataset, regionLatency } from "../../network/latency/regions";
import { exponentialJitter } from "../../network/latency/exponential";
import type { LatencyModel, LinkLatency } from "../../network/latency/model";
import { sampleLinkLatencies } from "../../network/link-latencies";
import type { NetworkOptions } from "../../network/network";
import type { PartitionWindow } from "../../network/partition";
import type { Xoshiro128 } from "../../random/xoshiro128";
import type { NakamotoConfig, NakamotoRun, NakamotoSetup } from "./config";
import { fastKernelObstacle, simulateNakamotoFast } from "./fast";
import { bigMinerShares } from "./hash-shares";
import { simulateNakamoto } from "./simulate";

export const LATENCY_MODELS = ["lognormal", "constant", "uniform", "normal", "pareto", "regions"] as const;

/** The experiment's parameters that describe the network (see network-experiment.ts for their docs). */
export interface NetworkParams {
  nodes: number;
  topology: string;
  degree: number;
  rewireProb: number;
  latency: string;
  latencyMedianMs: number;
  latencySigma: number;
  latencySdMs: number;
  paretoShape: number;
  regionData: string;
  regionSigma: number;
  jitterMs: number;
  bandwidthMbps: number;
  uploadQueueing: boolean;
  lossRate: number;
  meanSessionS: number;
  meanOfflineS: number;
  partitionStartS: number;
  partitionDurationS: number;
  partitionShare: number;
}

export interface ChainParams {
  blockIntervalS: number;
  blockSizeMB: number;
  blocks: number;
  bigMinerShare: number;
  retargetBlocks: number;
  initialDifficulty: number;
}

/** The link latency model the parameters name. */
export function latencyFromParams(p: NetworkParams, nodes: number, rng: Xoshiro128): LatencyModel | LinkLatency {
  switch (p.latency) {
    case "lognormal":
      return lognormalLatency(p.latencyMedianMs, p.latencySigma);
    case "constant":
      return constantLatency(p.latencyMedianMs);
    case "uniform":
      return uniformLatency(Math.max(0, p.latencyMedianMs - p.latencySdMs), p.latencyMedianMs + p.latencySdMs);
    case "normal":
      return normalLatency(p.latencyMedianMs, p.latencySdMs);
    case "pareto":
      return paretoLatencyFromMedian(p.latencyMedianMs, p.paretoShape);
    case "regions":
      return regionLatency(regionDataset(p.regionData), nodes, p.regionSigma, rng);
    default:
      throw new RangeError(`unknown latency model: ${p.latency} (known: ${LATENCY_MODELS.join(", ")})`);
  }
}

export function buildNakamotoSetup(p: NetworkParams, rng: Rng): NakamotoSetup {
  const spec = { kind: p.topology, nodes: p.nodes, degree: p.degree, rewireProb: p.rewireProb } as TopologySpec;
  const graph = buildTopology(spec, rng.child("graph").fast);
  const latencyRng = rng.child("latency").fast;
  const linkLatencyS = sampleLinkLatencies(graph, latencyFromParams(p, graph.n, latencyRng), latencyRng);
  const network: NetworkOptions = {
    bandwidthMbps: p.bandwidthMbps,
    uploadQueueing: p.uploadQueueing,
    lossRate: p.lossRate,
    jitter: p.jitterMs > 0 ? exponentialJitter(p.jitterMs) : null,
    churn: p.meanSessionS > 0 ? { kind: "rates", meanSessionS: p.meanSessionS, meanOfflineS: p.meanOfflineS } : null,
    partitions: p.partitionDurationS > 0 ? [randomSplit(graph.n, p.partitionShare, p.partitionStartS, p.partitionDurationS, rng.child("partition").fast)] : [],
  };
  return { graph, linkLatencyS, network };
}

/** Two sides: round(share * n) nodes drawn at random, and the rest. */
function randomSplit(n: number, share: number, startS: number, durationS: number, rng: Xoshiro128): PartitionWindow {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  const size = Math.min(n - 1, Math.max(1, Math.round(share * n)));
  return { groups: [order.subarray(0, size)], startS, durationS };
}

export function configFromParams(p: ChainParams, nodes: number): NakamotoConfig {
  return {
    blockIntervalS: p.blockIntervalS,
    blocks: p.blocks,
    blockSizeBytes: p.blockSizeMB * 1e6,
    hashShares: bigMinerShares(nodes, p.bigMinerShare),
    retargetBlocks: p.retargetBlocks,
    initialDifficulty: p.initialDifficulty,
  };
}

export type KernelChoice = "auto" | "fast" | "reference";

/** Run with the fast kernel when the setup allows it (same results, several times faster), else the reference. */
export function runNakamoto(setup: NakamotoSetup, config: NakamotoConfig, rng: Rng, kernel: KernelChoice = "auto"): NakamotoRun {
  if (kernel === "reference" || (kernel === "auto" && fastKernelObstacle(setup, config) !== null)) return simulateNakamoto(setup, config, rng);
  return simulateNakamotoFast(setup, config, rng);
}

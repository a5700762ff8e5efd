/**
 * From experiment parameters to a run: the network from the shared network
 * parameters (lib/network/params.ts, build.ts), the chain's configuration,
 * the kernel.
 *
 * Random streams: the network (topology, link latencies, capacities, the
 * partition split) comes from `rng.common("network", networkParamsOf(p))`,
 * keyed by the root seed, the network parameters and the replicate only
 * (common random numbers: another model under the same network parameters
 * gets the same network, and a chain parameter such as blocks does not
 * reseed it). "mining" and "network" (children of the run's own stream) are
 * used inside the kernels.
 *
 * The partition shortcut partitionStartS / partitionDurationS / partitionShare
 * stands for the one-window schedule
 *   [{ startS, durationS, groups: { by: "fraction", shares: [partitionShare] } }]
 * (drop mode), used when `partitions` is empty and partitionDurationS > 0.
 */
import type { Rng } from "../../random/seed";
import { buildNetworkConfig } from "../../network/build";
import { networkParamsOf, type NetworkParams } from "../../network/params";
import type { PartitionScheduleSpec } from "../../network/partition-schedule";
import type { NakamotoConfig, NakamotoRun, NakamotoSetup } from "./config";
import { fastKernelObstacle, simulateNakamotoFast } from "./fast";
import { bigMinerShares } from "./hash-shares";
import { simulateNakamoto } from "./simulate";

export { LATENCY_MODELS } from "../../network/params";

/** The one-window shortcut of the PoW schema (see the file comment). */
export interface PartitionShortcut {
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

/** The partition schedule the parameters stand for: `partitions` itself, or the shortcut's one window. */
export function partitionScheduleOf(p: Pick<NetworkParams, "partitions"> & PartitionShortcut): PartitionScheduleSpec {
  if (p.partitions.length > 0 || !(p.partitionDurationS > 0)) return p.partitions;
  return [{ startS: p.partitionStartS, durationS: p.partitionDurationS, groups: { by: "fraction", shares: [p.partitionShare] } }];
}

/** The network parameters of a PoW parameter set, the shortcut folded into `partitions`. */
export function powNetworkParams(p: NetworkParams & PartitionShortcut): NetworkParams {
  return { ...networkParamsOf(p), partitions: partitionScheduleOf(p) };
}

/** The network of a run, drawn from the common network stream of `rng`. */
export function buildNakamotoSetup(p: NetworkParams & PartitionShortcut & Pick<ChainParams, "bigMinerShare">, rng: Rng): NakamotoSetup {
  const net = powNetworkParams(p);
  return { network: buildNetworkConfig(net, rng.common("network", net), { weights: hashWeights(p) }) };
}

/** Every node's hash share (the weights of partitions split by weight). */
export function hashWeights(p: Pick<NetworkParams, "nodes"> & Pick<ChainParams, "bigMinerShare">): Float64Array {
  return bigMinerShares(p.nodes, p.bigMinerShare) ?? new Float64Array(p.nodes).fill(1 / p.nodes);
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

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
import { hashSharesFor } from "./hash-distribution";
import type { HashRateChange } from "./hash-schedule";
import type { TimestampRule } from "./timestamps";
import { compactBlockBytes, type RelayConfig, type RelayProtocol } from "./relay-protocol";
import { simulateNakamotoRelay } from "./relay-simulate";
import { fastRelayObstacle, simulateNakamotoRelayFast } from "./relay-fast";
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

/** Who mines how much (hash-distribution.ts) and how the total changes (hash-schedule.ts). */
export interface HashParams {
  bigMinerShare: number;
  hashDistribution: string;
  hashSpread: number;
  hashSchedule: HashRateChange[];
  timestamps: string;
}

/** The relay protocol and validation parameters (relay-protocol.ts), in the experiment's units. */
export interface RelayParams {
  relay: RelayProtocol | string;
  validationMs: number;
  validationMsPerMB: number;
  relaySideBranches: boolean;
  compactBlockKB: number;
  compactMissShare: number;
  compactMissKB: number;
  highBandwidthPeers: number;
  requestTimeoutS: number;
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
export function buildNakamotoSetup(p: NetworkParams & PartitionShortcut & Partial<HashParams> & Pick<ChainParams, "bigMinerShare">, rng: Rng): NakamotoSetup {
  const net = powNetworkParams(p);
  const hashShares = hashSharesOf(p, rng);
  return { network: buildNetworkConfig(net, rng.common("network", net), { weights: hashShares ?? equalShares(p.nodes) }), hashShares };
}

function equalShares(n: number): Float64Array {
  return new Float64Array(n).fill(1 / n);
}

/**
 * Every node's hash share (null: equal). The `normal` draw comes from the common stream
 * "hash-shares" keyed by nodes and hashSpread (same miners for every relay or chain parameter).
 */
export function hashSharesOf(p: Pick<NetworkParams, "nodes"> & Partial<HashParams> & Pick<ChainParams, "bigMinerShare">, rng: Rng | null): Float64Array | null {
  const distribution = p.hashDistribution ?? "equal";
  const spread = p.hashSpread ?? 0.25;
  return hashSharesFor(p.nodes, distribution, p.bigMinerShare, spread, () => {
    if (!rng) throw new Error("hashSharesOf: the normal distribution needs an rng");
    return rng.common("hash-shares", { nodes: p.nodes, hashSpread: spread }).fast;
  });
}

/**
 * Every node's hash share for checking partitions split by weight before a run (the
 * normal draw is not made here: equal weights stand in for it).
 */
export function hashWeights(p: Pick<NetworkParams, "nodes"> & Partial<HashParams> & Pick<ChainParams, "bigMinerShare">): Float64Array {
  if (p.hashDistribution === "normal") return equalShares(p.nodes);
  return hashSharesOf(p, null) ?? equalShares(p.nodes);
}

/** The relay configuration of the parameters (undefined: the ideal relay). */
export function relayConfigOf(p: RelayParams, blockSizeMB: number): RelayConfig | undefined {
  if (p.relay === "ideal") return undefined;
  return {
    protocol: p.relay as RelayProtocol,
    validationS: p.validationMs / 1e3,
    validationSPerMB: p.validationMsPerMB / 1e3,
    relaySideBranches: p.relaySideBranches,
    compactBytes: p.compactBlockKB > 0 ? p.compactBlockKB * 1e3 : compactBlockBytes(blockSizeMB * 1e6),
    compactMissShare: p.compactMissShare,
    compactMissBytes: p.compactMissKB * 1e3,
    highBandwidthPeers: p.highBandwidthPeers,
    requestTimeoutS: p.requestTimeoutS,
  };
}

export function configFromParams(p: ChainParams & Partial<RelayParams> & Partial<HashParams>, nodes: number, hashShares?: Float64Array | null): NakamotoConfig {
  const relay = p.relay !== undefined ? relayConfigOf(p as RelayParams, p.blockSizeMB) : undefined;
  return {
    blockIntervalS: p.blockIntervalS,
    blocks: p.blocks,
    blockSizeBytes: p.blockSizeMB * 1e6,
    hashShares: hashShares !== undefined ? hashShares : hashSharesOf({ nodes, bigMinerShare: p.bigMinerShare, hashDistribution: p.hashDistribution === "normal" ? "equal" : p.hashDistribution }, null),
    retargetBlocks: p.retargetBlocks,
    initialDifficulty: p.initialDifficulty,
    ...(relay ? { relay } : {}),
    ...(p.hashSchedule && p.hashSchedule.length > 0 ? { hashSchedule: p.hashSchedule } : {}),
    ...(p.timestamps && p.timestamps !== "true" ? { timestamps: p.timestamps as TimestampRule } : {}),
  };
}

export type KernelChoice = "auto" | "fast" | "reference";

/** Run with the fast kernel when the setup allows it (same results, several times faster), else the reference. */
export function runNakamoto(setup: NakamotoSetup, config: NakamotoConfig, rng: Rng, kernel: KernelChoice = "auto"): NakamotoRun {
  if (config.relay && config.relay.protocol !== "ideal") {
    if (kernel === "reference" || (kernel === "auto" && fastRelayObstacle(setup, config) !== null)) return simulateNakamotoRelay(setup, config, rng);
    return simulateNakamotoRelayFast(setup, config, rng);
  }
  if (kernel === "reference" || (kernel === "auto" && fastKernelObstacle(setup, config) !== null)) return simulateNakamoto(setup, config, rng);
  return simulateNakamotoFast(setup, config, rng);
}

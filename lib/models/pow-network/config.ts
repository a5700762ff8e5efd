/**
 * Inputs and outputs of a proof-of-work network run (simulate.ts, fast.ts).
 */
import { ParameterError } from "../../experiment/params";
import type { StopReason } from "../../engine/simulation";
import type { Graph } from "../../network/graph";
import type { NetworkStats } from "../../network/network";
import type { NetworkConfig } from "../../network/runtime-config";
import type { ChainState } from "./chain-state";
import type { HashRateChange } from "./hash-schedule";
import type { RelayConfig } from "./relay-protocol";
import type { TimestampRule } from "./timestamps";

/**
 * The network a run uses, as the shared runtime takes it (lib/network/build.ts
 * builds it from parameters, graphNetworkConfig by hand). Blocks relay to
 * neighbours: on a graph overlay its peers, on a complete overlay everyone.
 */
export interface NakamotoSetup {
  readonly network: NetworkConfig;
  /** Every node's hash share, drawn with the setup (null or absent: the config's hashShares). */
  readonly hashShares?: Float64Array | null;
}

/** The peer graph of a setup, or null on a complete overlay. */
export function setupGraph(setup: NakamotoSetup): Graph | null {
  const o = setup.network.overlay;
  return o.kind === "graph" ? o.graph : null;
}

/** Node count of a setup. */
export function setupNodes(setup: NakamotoSetup): number {
  const o = setup.network.overlay;
  return o.kind === "graph" ? o.graph.n : o.n;
}

/** Directed links of a setup (CSR positions of the graph, n (n - 1) on a complete overlay). */
export function setupLinks(setup: NakamotoSetup): number {
  const g = setupGraph(setup);
  const n = setupNodes(setup);
  return g ? g.neighbors.length : n * (n - 1);
}

export interface NakamotoConfig {
  /** Mean time between blocks of the whole network at difficulty 1, seconds (Bitcoin: 600). */
  readonly blockIntervalS: number;
  /** Blocks to mine; then mining stops and the queue drains. */
  readonly blocks: number;
  /** Block size, bytes (transmission delay = size * 8 / min(uplink, downlink) per hop). */
  readonly blockSizeBytes: number;
  /** Hash share of every node, summing to 1. Default: equal shares. */
  readonly hashShares?: ArrayLike<number> | null;
  /** Retarget the difficulty every this many blocks (0: never). Default 0. */
  readonly retargetBlocks?: number;
  /** Difficulty of the first blocks (1: mean interval blockIntervalS). Default 1. */
  readonly initialDifficulty?: number;
  /** Block relay protocol and validation (relay-protocol.ts). Default: the ideal relay of simulate.ts / fast.ts. */
  readonly relay?: RelayConfig;
  /** Total hash-rate changes (miners joining and leaving; hash-schedule.ts). Relay kernel only. Default none. */
  readonly hashSchedule?: readonly HashRateChange[];
  /** How miners set block timestamps (timestamps.ts). Relay kernel only. Default "true" (the time found). */
  readonly timestamps?: TimestampRule;
  /** Keep every (block, node) arrival delay (memory: 8 * nodes * blocks bytes). Default false. */
  readonly recordArrivals?: boolean;
  /** Event cap (default: 4 * blocks * (nodes + link ends) + 1e6). */
  readonly maxEvents?: number;
  /** Simulated-time cap, seconds (default: 1000 * blocks * blockIntervalS * initialDifficulty). */
  readonly maxTimeS?: number;
}

export interface NakamotoRun {
  readonly state: ChainState;
  readonly config: NakamotoConfig;
  readonly setup: NakamotoSetup;
  /** Blocks found. */
  readonly mined: number;
  /** Mining events popped (with churn or retargeting some find no block). */
  readonly miningEvents: number;
  /** Block deliveries handled by the model: first receipts and duplicates (messages the network dropped are in networkStats). */
  readonly deliveries: number;
  /** Deliveries of a block the receiver already had (each is an event, as in w3_pownet). */
  readonly duplicates: number;
  /** Every event popped, network control events included. */
  readonly events: number;
  readonly stop: StopReason;
  /** Simulated time at the end, seconds. */
  readonly endTimeS: number;
  readonly kernel: "fast" | "reference" | "relay";
  /** Message counts of the network layer, totals (reference kernel only). */
  readonly networkStats: NetworkStats | null;
  /** Processed events per kind name, e.g. "pow:mine", "net:block" (reference kernel only). */
  readonly eventCounts: Record<string, number> | null;
}

export function checkNakamotoConfig(config: NakamotoConfig, nodes: number): void {
  const { blockIntervalS, blocks, blockSizeBytes } = config;
  if (!(blockIntervalS > 0 && Number.isFinite(blockIntervalS))) throw new ParameterError("blockIntervalS", blockIntervalS, "a finite number > 0");
  if (!(Number.isInteger(blocks) && blocks >= 1 && blocks <= 2 ** 30)) throw new ParameterError("blocks", blocks, "an integer, 1 <= blocks <= 2^30");
  if (!(blockSizeBytes >= 0 && Number.isFinite(blockSizeBytes))) throw new ParameterError("blockSizeBytes", blockSizeBytes, "a finite number >= 0");
  const r = config.retargetBlocks ?? 0;
  if (!(Number.isInteger(r) && r >= 0)) throw new ParameterError("retargetBlocks", r, "an integer >= 0 (0: no retargeting)");
  const d = config.initialDifficulty ?? 1;
  if (!(d > 0 && Number.isFinite(d))) throw new ParameterError("initialDifficulty", d, "a finite number > 0");
  if (config.maxEvents !== undefined && !(config.maxEvents >= 0)) throw new ParameterError("maxEvents", config.maxEvents, "a number >= 0");
  if (config.maxTimeS !== undefined && !(config.maxTimeS >= 0)) throw new ParameterError("maxTimeS", config.maxTimeS, "a number >= 0");
  const bitsetBytes = 4 * (blocks + 1) * Math.ceil(nodes / 32);
  if (bitsetBytes > 2 ** 31) throw new ParameterError("blocks", blocks, `blocks * nodes / 8 <= 2 GiB of "seen" bitsets (nodes = ${nodes})`);
  if (config.recordArrivals && 8 * (blocks + 1) * nodes > 2 ** 31) throw new ParameterError("recordArrivals", true, `8 * blocks * nodes <= 2 GiB (blocks = ${blocks}, nodes = ${nodes})`);
}

export function defaultMaxEvents(config: NakamotoConfig, setup: NakamotoSetup): number {
  return config.maxEvents ?? 4 * config.blocks * (setupNodes(setup) + setupLinks(setup)) + 1e6;
}

export function defaultMaxTimeS(config: NakamotoConfig): number {
  return config.maxTimeS ?? 1000 * config.blocks * config.blockIntervalS * (config.initialDifficulty ?? 1) + 1e6;
}

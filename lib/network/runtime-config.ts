/**
 * The shapes that connect the protocol runtime's parts: what the shared
 * network parameters (params.ts) build (build.ts), and what the Network
 * (network.ts) takes. Plain data, no behaviour, so a model, a test or a
 * notebook can assemble a network by hand as well as from parameters.
 *
 * Units: seconds for times, bits per second for capacities, bytes for sizes.
 */
import type { Churn } from "./churn";
import type { Graph } from "./graph";
import type { LatencyModel } from "./latency/model";
import type { PartitionScheduleSpec, ResolvedPartitionWindow } from "./partition-schedule";

/**
 * Who can talk to whom.
 *   graph     an explicit peer graph (CSR); `broadcast` reaches the neighbours,
 *             `sendTo` any pair (a non-neighbour is reached directly with the
 *             pair latency, as a validator dials another)
 *   complete  every pair is a link, nothing stored per pair: latencies come
 *             from the pair-latency model, so 10,000 nodes need O(N) memory
 */
export type Overlay = { readonly kind: "graph"; readonly graph: Graph } | { readonly kind: "complete"; readonly n: number };

/**
 * One-way latency of an ordered pair, seconds, a pure function of (from, to)
 * once built (per-node regions or coordinates plus a deterministic per-pair
 * draw), so no per-pair table is needed.
 */
export interface PairLatency {
  readonly name: string;
  readonly n: number;
  latencyS(from: number, to: number): number;
}

/** Per-node capacities and costs. Missing arrays mean "unlimited" / "free". */
export interface NodeResourcesConfig {
  /** Uplink capacity of every node, bit/s (Infinity: no transmission delay). */
  readonly uplinkBps: Float64Array;
  /** Downlink capacity of every node, bit/s. */
  readonly downlinkBps: Float64Array;
  /** A node's uploads go one at a time (FIFO) at its uplink rate; default false. */
  readonly uploadQueueing?: boolean;
  /** Receive-side CPU: seconds of processing per message, by message kind name (as given to defineMessage; "*": every other kind); FIFO per node. */
  readonly cpuCostS?: Readonly<Record<string, { readonly fixedS: number; readonly perByteS?: number }>>;
}

/** Permanent crash of a node at a time (it neither sends nor receives after). */
export interface CrashEvent {
  readonly node: number;
  readonly atS: number;
}

/** Everything a Network is built from. */
export interface NetworkConfig {
  /** Scope of the network's event kinds in the simulation (default "net"). */
  readonly name?: string;
  readonly overlay: Overlay;
  /** Latency of a pair; for a graph overlay, links may instead carry fixed per-CSR-position values. */
  readonly latency: PairLatency;
  /** Per-CSR-position link latencies, seconds (graph overlays only; overrides `latency` on links). */
  readonly linkLatencyS?: Float64Array;
  readonly resources?: NodeResourcesConfig;
  /** Probability that a delivery is lost (default 0). */
  readonly lossRate?: number;
  /** Extra delay per message (default none). */
  readonly jitter?: LatencyModel | null;
  readonly churn?: Churn | null;
  readonly crashes?: readonly CrashEvent[];
  /**
   * Partition windows; groups by weight use `weights`. A spec is resolved by the Network on its "partition"
   * stream; windows resolved already (resolvePartitionSchedule) are used as they are.
   */
  readonly partitions?: PartitionScheduleSpec | readonly ResolvedPartitionWindow[];
  /** Node weights (hash rate or stake) for partitions split by weight. */
  readonly weights?: ArrayLike<number>;
}

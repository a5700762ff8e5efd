/**
 * A NetworkConfig for an explicit peer graph with fixed link latencies, by
 * hand (tests, notebooks, benchmarks): what build.ts assembles from the
 * shared parameters, without the parameters.
 *
 *   const config = graphNetworkConfig(graph, sampleLinkLatencies(graph, lognormalLatency(100, 0.5), rng), { bandwidthBps: 10e6 });
 *
 * `bandwidthBps` gives every node that uplink and downlink (so every link
 * that rate, the old single-bandwidth network); `resources` overrides it.
 */
import type { Graph } from "./graph";
import { uniformResources } from "./node-resources";
import { linkOnlyLatency } from "./pair-latency";
import type { NetworkConfig, PairLatency } from "./runtime-config";

export interface GraphNetworkOptions extends Omit<NetworkConfig, "overlay" | "latency" | "linkLatencyS"> {
  /** Uplink and downlink of every node, bit/s (default Infinity: no transmission delay). */
  readonly bandwidthBps?: number;
  /** Serialise each node's uploads (with bandwidthBps). */
  readonly uploadQueueing?: boolean;
  /** Latency of non-neighbour pairs for sendTo (default: none, such a send throws). */
  readonly latency?: PairLatency;
}

export function graphNetworkConfig(graph: Graph, linkLatencyS: Float64Array, options: GraphNetworkOptions = {}): NetworkConfig {
  const { bandwidthBps, uploadQueueing, latency, ...rest } = options;
  const resources = rest.resources ?? (bandwidthBps !== undefined || uploadQueueing ? uniformResources(graph.n, bandwidthBps ?? Infinity, bandwidthBps ?? Infinity, { uploadQueueing: uploadQueueing ?? false }) : undefined);
  return { ...rest, overlay: { kind: "graph", graph }, latency: latency ?? linkOnlyLatency(graph.n), linkLatencyS, ...(resources ? { resources } : {}) };
}

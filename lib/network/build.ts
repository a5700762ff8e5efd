/**
 * From the shared network parameters (params.ts) to a NetworkConfig
 * (runtime-config.ts), drawing everything random from children of one stream
 * so each part is reproducible on its own and the same parameters give the
 * same network in any model:
 *   "graph"         topology (graph overlay)
 *   "latency"       per-link latencies, region placement, node coordinates
 *   "pair-latency"  the hash key of per-pair draws (pair-latency.ts)
 *   "capacity"      per-node capacity factors (bandwidthSpread > 0)
 *   "partition"     who is on which side of each partition window
 * Models pass `rng.common("network", networkParamsOf(params))` (common random
 * numbers, see lib/random/seed.ts), or any stream of their own.
 *
 * Latency on a graph overlay: each link's latency is fixed once
 * (sampleLinkLatencies, link-latencies.ts) and `latency` answers for pairs
 * that are not linked (sendTo to a non-neighbour), from the same model drawn
 * per pair. On a complete overlay only the pair model exists.
 */
import type { Rng } from "../random/seed";
import type { Xoshiro128 } from "../random/xoshiro128";
import { standardNormal } from "./latency/draw";
import { constantLatency } from "./latency/constant";
import { exponentialJitter } from "./latency/exponential";
import { lognormalLatency } from "./latency/lognormal";
import type { LatencyModel, LinkLatency } from "./latency/model";
import { normalLatency } from "./latency/normal";
import { paretoLatencyFromMedian } from "./latency/pareto";
import { placeNodesInRegions, regionDataset, regionLatency } from "./latency/regions";
import { regionBandwidth, regionCapacities } from "./region-capacity";
import { uniformLatency } from "./latency/uniform";
import { sampleLinkLatencies } from "./link-latencies";
import { constantPairLatency, coordinatePairLatency, hashedPairLatency, lognormalPairLatency, regionPairLatency } from "./pair-latency";
import type { NetworkParams } from "./params";
import { resolvePartitionSchedule } from "./partition-schedule";
import type { NetworkConfig, NodeResourcesConfig, Overlay, PairLatency } from "./runtime-config";
import { buildTopology, type TopologySpec } from "./topology";

export interface BuildNetworkOptions {
  /** Node weights (hash rate, stake) for partitions split by weight; also recorded in the config. */
  weights?: ArrayLike<number>;
  /** Scope of the network's event kinds (NetworkConfig.name). */
  name?: string;
}

/** The i.i.d. latency model the parameters name (lognormal, constant, uniform, normal, pareto). */
export function latencyModelOf(p: NetworkParams): LatencyModel {
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
    default:
      throw new RangeError(`latency model ${p.latency} is not drawn i.i.d. (it depends on the nodes)`);
  }
}

interface Latencies {
  /** What a link draws (graph overlay). */
  link: LatencyModel | LinkLatency;
  /** Any ordered pair. */
  pair: PairLatency;
  /** Region of every node (regions model only) and the dataset's region names. */
  regions?: { regionOf: Int32Array; dataset: string; names: readonly string[] };
}

function latencies(p: NetworkParams, rng: Rng): Latencies {
  const n = p.nodes;
  const latencyRng = rng.child("latency").fast;
  const pairKey = (): Xoshiro128 => rng.child("pair-latency").fast;
  if (p.latency === "regions") {
    const dataset = regionDataset(p.regionData);
    const link = regionLatency(dataset, n, p.regionSigma, latencyRng);
    return { link, pair: regionPairLatency(link.regionOf, dataset.oneWayMs, p.regionSigma, pairKey()), regions: { regionOf: link.regionOf, dataset: dataset.name, names: dataset.regions } };
  }
  if (p.latency === "coordinates") {
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let v = 0; v < n; v++) {
      x[v] = latencyRng.nextFloat();
      y[v] = latencyRng.nextFloat();
    }
    // Unit square: distance 1 = coordinateSideMs, so speed = 1 / side per ms (side 0: base only).
    const pair = p.coordinateSideMs > 0 ? coordinatePairLatency(x, y, p.coordinateBaseMs, 1 / p.coordinateSideMs) : constantPairLatency(n, p.coordinateBaseMs);
    const link: LinkLatency = { name: pair.name, linkMs: (a, b) => 1000 * pair.latencyS(a, b) };
    return { link, pair };
  }
  const model = latencyModelOf(p);
  const pair =
    p.latency === "constant"
      ? constantPairLatency(n, p.latencyMedianMs)
      : p.latency === "lognormal"
        ? lognormalPairLatency(n, p.latencyMedianMs, p.latencySigma, pairKey(), { symmetric: true })
        : hashedPairLatency(n, model, pairKey(), { symmetric: true });
  return { link: model, pair };
}

/**
 * Per-node capacities, bit/s: the medians (or, with capacity "regions", the
 * node's region's values) times exp(bandwidthSpread * Z_v), one standard
 * normal Z_v per node for both directions (a node's connection is good or poor
 * both ways). Spread 0: no draws.
 */
export function nodeCapacities(p: NetworkParams, rng: Xoshiro128 | null, regions?: Latencies["regions"]): { uplinkBps: Float64Array; downlinkBps: Float64Array } {
  const n = p.nodes;
  const { uplinkBps, downlinkBps } =
    p.capacity === "regions" && regions
      ? regionCapacities(regionBandwidth(regions.dataset, regions.names), regions.regionOf)
      : { uplinkBps: new Float64Array(n).fill(p.uplinkMbps * 1e6), downlinkBps: new Float64Array(n).fill(p.downlinkMbps * 1e6) };
  if (p.capacity === "regions" && !regions) throw new RangeError("capacity regions needs the nodes' regions (buildNetworkConfig places them)");
  if (p.bandwidthSpread > 0 && rng) {
    for (let v = 0; v < n; v++) {
      const factor = Math.exp(p.bandwidthSpread * standardNormal(rng));
      uplinkBps[v] *= factor;
      downlinkBps[v] *= factor;
    }
  }
  return { uplinkBps, downlinkBps };
}

/**
 * With capacity "regions" but a latency model without regions, the nodes are
 * placed in the regionData dataset's regions (by its node shares, on the
 * stream "capacity"/"regions") for their capacities only.
 */
function capacityRegions(p: NetworkParams, rng: Rng): Latencies["regions"] {
  if (p.capacity !== "regions") return undefined;
  const dataset = regionDataset(p.regionData);
  return { regionOf: placeNodesInRegions(dataset, p.nodes, rng.child("capacity").child("regions").fast), dataset: dataset.name, names: dataset.regions };
}

/** The Network's whole configuration for one replicate. Call validateNetworkParams first (experiments do, in resolve). */
export function buildNetworkConfig(p: NetworkParams, rng: Rng, options: BuildNetworkOptions = {}): NetworkConfig {
  const n = p.nodes;
  let overlay: Overlay;
  let linkLatencyS: Float64Array | undefined;
  const lat = latencies(p, rng);
  if (p.overlay === "graph") {
    const spec = { kind: p.topology, nodes: n, degree: p.degree, rewireProb: p.rewireProb } as TopologySpec;
    const graph = buildTopology(spec, rng.child("graph").fast);
    overlay = { kind: "graph", graph };
    linkLatencyS = sampleLinkLatencies(graph, lat.link, rng.child("latency").child("links").fast);
  } else overlay = { kind: "complete", n };

  const { uplinkBps, downlinkBps } = nodeCapacities(p, p.bandwidthSpread > 0 ? rng.child("capacity").fast : null, lat.regions ?? capacityRegions(p, rng));
  const resources: NodeResourcesConfig = {
    uplinkBps,
    downlinkBps,
    uploadQueueing: p.uploadQueueing,
    ...(p.cpuUsPerMessage > 0 ? { cpuCostS: { "*": { fixedS: p.cpuUsPerMessage * 1e-6 } } } : {}),
  };
  const partitions = p.partitions.length ? resolvePartitionSchedule(p.partitions, n, { weights: options.weights, rng: rng.child("partition").fast }) : [];
  return {
    ...(options.name ? { name: options.name } : {}),
    overlay,
    latency: lat.pair,
    ...(linkLatencyS ? { linkLatencyS } : {}),
    resources,
    lossRate: p.lossRate,
    jitter: p.jitterMs > 0 ? exponentialJitter(p.jitterMs) : null,
    churn: p.meanSessionS > 0 ? { kind: "rates", meanSessionS: p.meanSessionS, meanOfflineS: p.meanOfflineS } : null,
    crashes: p.crashes,
    partitions,
    ...(options.weights ? { weights: options.weights } : {}),
  };
}

/**
 * The shared network parameters: one schema that every model spreads into its
 * own (`params: { ...networkParams, blocks: int(...) }`), with defaults, units
 * and ranges, and `buildNetworkConfig` (build.ts) turning them into the
 * Network's NetworkConfig. Defaults are the workload of the C reference
 * w3_pownet (1000 nodes, 8 random peers each, lognormal link latency with
 * median 100 ms and sigma 0.5, 10 Mbit/s); a model may override a default by
 * re-declaring the key after the spread.
 *
 * The network of a replicate is drawn from `rng.common("network",
 * networkParamsOf(params))` (lib/random/seed.ts): two models under equal
 * network parameters get the same topology, latencies, capacities and
 * partition split (common random numbers), and a model parameter that does
 * not touch the network does not reseed it.
 *
 * Groups of parameters:
 *   overlay, nodes, topology, degree, rewireProb     who talks to whom
 *   latency + its shape parameters, jitterMs          one-way delays
 *   uplinkMbps, downlinkMbps, bandwidthSpread,        node capacities: transmission = size * 8 / min(up[from], down[to])
 *     uploadQueueing, cpuUsPerMessage                 (SimBlock's rule; Aoki et al., INFOCOM workshops 2019), CPU queue
 *   lossRate, meanSessionS, meanOfflineS, crashes     faults (churn: Stutzbach & Rejaie, IMC 2006)
 *   partitions                                         partition schedule (lib/network/partition-schedule.ts)
 */
import { bool, choice, int, json, jsonError, num, ParameterError, type ParamsOf } from "../experiment/params";
import { REGION_DATASETS } from "./latency/regions";
import { REGION_BANDWIDTH_DATASETS } from "./region-capacity";
import { validatePartitionSchedule, type PartitionScheduleSpec } from "./partition-schedule";
import type { CrashEvent } from "./runtime-config";
import { TOPOLOGIES } from "./topology";

export const LATENCY_MODELS = ["lognormal", "constant", "uniform", "normal", "pareto", "regions", "coordinates"] as const;
export const OVERLAYS = ["graph", "complete"] as const;

/** Smallest Pareto scale (ms) the pareto latency model may derive from its median and shape. */
export const MIN_PARETO_SCALE_MS = 1e-6;

/** The largest node count of an explicit complete topology (its links are stored: n (n - 1) / 2 of them). */
export const MAX_COMPLETE_LINKS = 5e7;

/** Shape check of a partition schedule without the node count (validateNetworkParams checks it against `nodes`). */
function checkPartitionsShape(value: unknown, name: string): PartitionScheduleSpec {
  if (!Array.isArray(value)) throw jsonError(name, "", value, "an array of windows [{startS, durationS, groups, ...}] (may be empty; see lib/network/partition-schedule.ts)");
  value.forEach((w, i) => {
    if (w === null || typeof w !== "object" || Array.isArray(w)) throw jsonError(name, `[${i}]`, w, "an object {startS, durationS, groups?, mode?, cutGroups?, cutLinks?, delayMs?}");
  });
  return value as PartitionScheduleSpec;
}

/** A crash list: [{ "node": 3, "atS": 600 }, ...] (node < nodes is checked by validateNetworkParams). */
export function checkCrashes(value: unknown, name = "crashes"): CrashEvent[] {
  if (!Array.isArray(value)) throw jsonError(name, "", value, 'an array of {"node": index, "atS": seconds} (may be empty)');
  const seen = new Set<number>();
  return value.map((c, i) => {
    if (c === null || typeof c !== "object" || Array.isArray(c)) throw jsonError(name, `[${i}]`, c, 'an object {"node": index, "atS": seconds}');
    for (const key of Object.keys(c)) if (key !== "node" && key !== "atS") throw ParameterError.unknown(`${name}[${i}].${key}`, (c as Record<string, unknown>)[key], ["node", "atS"], `${name}[${i}]`);
    const { node, atS } = c as { node: unknown; atS: unknown };
    if (typeof node !== "number" || !Number.isInteger(node) || node < 0) throw jsonError(name, `[${i}].node`, node, "an integer >= 0 (a node index)");
    if (typeof atS !== "number" || !Number.isFinite(atS) || atS < 0) throw jsonError(name, `[${i}].atS`, atS, "a finite number >= 0 (seconds)");
    if (seen.has(node)) throw jsonError(name, `[${i}].node`, node, "each node at most once (a crash is permanent)");
    seen.add(node);
    return { node, atS };
  });
}

export const networkParams = {
  overlay: choice({
    default: "graph",
    choices: OVERLAYS,
    doc: "graph: an explicit peer graph (topology, degree), broadcast reaches neighbours; complete: every pair linked implicitly, pair latencies from the latency model in O(nodes) memory",
  }),
  nodes: int({ default: 1000, unit: "nodes", min: 2, max: 1_000_000, fuzzMax: 64, doc: "number of nodes" }),
  topology: choice({ default: "k-out", choices: TOPOLOGIES.filter((t) => t !== "edge-list"), doc: "peer graph (overlay graph)" }),
  degree: int({
    default: 8,
    unit: "",
    min: 1,
    max: 1_000_000,
    fuzzMax: 8,
    doc: "k-out: peers each node picks (mean degree ~2k); random-regular: degree; erdos-renyi: expected degree; watts-strogatz: ring neighbours (even); barabasi-albert: edges per new node",
  }),
  rewireProb: num({ default: 0.1, unit: "", min: 0, max: 1, doc: "watts-strogatz rewiring probability" }),
  latency: choice({ default: "lognormal", choices: LATENCY_MODELS, doc: "latency model: drawn once per link (graph) or per pair (complete); regions: per-node regions and a measured matrix; coordinates: per-node points in a square" }),
  latencyMedianMs: num({ default: 100, unit: "ms", min: 0, max: 1e6, doc: "lognormal and pareto: median; constant: the value; normal: mean; uniform: midpoint" }),
  latencySigma: num({ default: 0.5, unit: "", min: 0, max: 10, doc: "lognormal shape sigma" }),
  latencySdMs: num({ default: 20, unit: "ms", min: 0, max: 1e6, doc: "normal: standard deviation (truncated at 0); uniform: half-width (the lower end clipped at 0)" }),
  paretoShape: num({ default: 3, unit: "", min: 0, max: 1000, minExclusive: true, doc: "pareto shape alpha" }),
  regionData: choice({ default: "bitcoin-simblock-2019", choices: REGION_DATASETS, doc: "regions: dataset in data/latency/regions.json" }),
  regionSigma: num({ default: 0.1, unit: "", min: 0, max: 10, doc: "regions: lognormal spread of a link around its matrix entry" }),
  coordinateBaseMs: num({ default: 10, unit: "ms", min: 0, max: 1e6, doc: "coordinates: latency at distance 0 (processing, last mile)" }),
  coordinateSideMs: num({ default: 200, unit: "ms", min: 0, max: 1e6, doc: "coordinates: nodes uniform on a square whose side adds this much latency (latency = base + distance)" }),
  jitterMs: num({ default: 0, unit: "ms", min: 0, max: 1e6, doc: "mean of an exponential extra delay per message (0: none)" }),
  capacity: choice({
    default: "uniform",
    choices: ["uniform", "regions"],
    doc: "node capacities: uniform (uplinkMbps, downlinkMbps) or regions (each node its region's uplink/downlink, SimBlock's 2019 table, regionData bitcoin-simblock-2019; with latency regions the nodes' latency regions, otherwise regions drawn by the dataset's node shares for capacity only)",
  }),
  uplinkMbps: num({ default: 10, unit: "Mbit/s", min: 1e-6, max: 1e9, fuzzMin: 0.1, doc: "median uplink capacity of a node (at least 1 bit/s); transmission = size * 8 / min(uplink of sender, downlink of receiver)" }),
  downlinkMbps: num({ default: 10, unit: "Mbit/s", min: 1e-6, max: 1e9, fuzzMin: 0.1, doc: "median downlink capacity of a node (at least 1 bit/s)" }),
  bandwidthSpread: num({ default: 0, unit: "", min: 0, max: 10, fuzzMax: 2, doc: "lognormal sigma of a node's capacity around the medians or its region's values (one factor per node for both directions; 0: none)" }),
  uploadQueueing: bool({ default: false, doc: "a node's uploads go one at a time, FIFO (default: they do not queue, as in w3_pownet)" }),
  cpuUsPerMessage: num({ default: 0, unit: "us", min: 0, max: 1e9, doc: "receive-side processing per message (signature verification), FIFO per node (0: free)" }),
  lossRate: num({ default: 0, unit: "", min: 0, max: 1, doc: "probability that a delivery is lost" }),
  meanSessionS: num({ default: 0, unit: "s", min: 0, max: 1e12, fuzzValues: [0, 30, 600], doc: "churn: mean online session (exponential), 0 (no churn) or at least 0.1 s" }),
  meanOfflineS: num({ default: 3600, unit: "s", min: 0.1, max: 1e12, doc: "churn: mean offline period (exponential), at least 0.1 s" }),
  crashes: json<CrashEvent[]>({
    default: [],
    unit: "s",
    allowed: 'a list of {"node": index, "atS": seconds}, each node at most once',
    validate: checkCrashes,
    fuzz: () => [[], [{ node: 0, atS: 0 }], [{ node: 1, atS: 100 }]],
    doc: 'permanent crashes, e.g. [{"node":3,"atS":600}]',
  }),
  partitions: json<PartitionScheduleSpec>({
    default: [],
    unit: "s",
    allowed: "a partition schedule: windows [{startS, durationS, groups: {by: fraction|weight|nodes, ...}, mode?: drop|hold, cutGroups?, cutLinks?, delayMs?}] in time order",
    validate: checkPartitionsShape,
    fuzz: () => [[], [{ startS: 100, durationS: 500, groups: { by: "fraction", shares: [0.5] } }], [{ startS: 0, durationS: null, groups: { by: "fraction", shares: [0.3] }, mode: "hold" }]],
    doc: 'partition windows, e.g. [{"startS":600,"durationS":1800,"groups":{"by":"fraction","shares":[0.5]}}] (lib/network/partition-schedule.ts)',
  }),
} as const;

export type NetworkParams = ParamsOf<typeof networkParams>;

/** Largest |Z| standardNormal can return: sqrt(-2 ln 2^-53) = 8.57 (Box-Muller on 53-bit uniforms). */
const MAX_NORMAL_DRAW = 8.6;
/** Shortest mean churn session allowed, s. */
const MIN_CHURN_S = 0.1;
/** Smallest per-node capacity a spread may produce, bit/s (a 1 TB message then still takes a finite time). */
const MIN_CAPACITY_BPS = 1e-100;
export const NETWORK_PARAM_NAMES = Object.keys(networkParams) as (keyof NetworkParams)[];

/** Exactly the network parameters of a model's parameters (the key of the common network stream). */
export function networkParamsOf(params: Readonly<NetworkParams>): NetworkParams {
  const out = {} as Record<string, unknown>;
  for (const name of NETWORK_PARAM_NAMES) out[name] = params[name];
  return out as NetworkParams;
}

export interface NetworkValidateOptions {
  /** Node weights (hash rate, stake) if partitions may split by weight. */
  weights?: ArrayLike<number>;
}

/** Cross-parameter rules of the network parameters, checked before any work; throws ParameterError. */
export function validateNetworkParams(p: NetworkParams, options: NetworkValidateOptions = {}): void {
  const { nodes, degree, topology } = p;
  if (p.overlay === "graph") {
    if (topology === "k-out" || topology === "random-regular" || topology === "barabasi-albert") {
      if (degree >= nodes) throw new ParameterError("degree", degree, `an integer, 1 <= degree < nodes = ${nodes}`);
    }
    if (topology === "random-regular" && (nodes * degree) % 2 !== 0) throw new ParameterError("degree", degree, `nodes * degree even (nodes = ${nodes})`);
    if (topology === "erdos-renyi" && degree > nodes - 1) throw new ParameterError("degree", degree, `expected degree <= nodes - 1 = ${nodes - 1}`);
    if (topology === "watts-strogatz" && (degree % 2 !== 0 || degree < 2 || degree >= nodes)) {
      throw new ParameterError("degree", degree, `an even integer, 2 <= degree < nodes = ${nodes}`);
    }
    if (topology === "complete" && (nodes * (nodes - 1)) / 2 > MAX_COMPLETE_LINKS)
      throw new ParameterError("nodes", nodes, `nodes (nodes - 1) / 2 <= ${MAX_COMPLETE_LINKS} links for the complete topology (use overlay complete: O(nodes) memory)`);
  }
  if (p.capacity === "regions" && !REGION_BANDWIDTH_DATASETS.includes(p.regionData))
    throw new ParameterError("capacity", p.capacity, `uniform, or regions with regionData one of ${REGION_BANDWIDTH_DATASETS.join(", ")} (${p.regionData} has no bandwidth table)`);
  if (p.latency === "pareto" && p.latencyMedianMs <= 0) throw new ParameterError("latencyMedianMs", p.latencyMedianMs, "a number > 0 for the pareto model");
  if (p.latency === "pareto") {
    // Pareto with median m and shape alpha: scale m / 2^(1/alpha) (>= 1e-6 ms, or it underflows), and the largest draw
    // scale * (1 - U)^(-1/alpha), 1 - U >= 2^-53 for xoshiro's 53-bit floats, must stay finite: (2^-53)^(-1/alpha)
    // itself (alpha >= 53 / 1023) and the product m 2^(52/alpha) (alpha >= 52 / (1023 - log2 m)).
    const minShape = Math.max(1 / Math.log2(p.latencyMedianMs / MIN_PARETO_SCALE_MS), 53 / 1023, 52 / (1023 - Math.log2(p.latencyMedianMs)));
    if (!(p.latencyMedianMs > MIN_PARETO_SCALE_MS) || p.paretoShape < minShape)
      throw new ParameterError("paretoShape", p.paretoShape, `paretoShape >= ${minShape.toPrecision(4)} for latencyMedianMs = ${p.latencyMedianMs} (smaller shapes make the Pareto scale underflow or its largest draws overflow to Infinity)`);
  }
  if (p.capacity === "uniform" && p.bandwidthSpread > 0) {
    // A node's capacity is the median times exp(spread Z), |Z| <= 8.6 (Box-Muller on 53-bit uniforms): the
    // smallest factor must leave a positive capacity with finite transmission times, not underflow to 0.
    const lowest = Math.exp(-MAX_NORMAL_DRAW * p.bandwidthSpread) * 1e6;
    for (const name of ["uplinkMbps", "downlinkMbps"] as const) {
      if (p[name] * lowest < MIN_CAPACITY_BPS)
        throw new ParameterError(name, p[name], `${name} * 1e6 * exp(-${MAX_NORMAL_DRAW} bandwidthSpread) >= ${MIN_CAPACITY_BPS} bit/s, i.e. ${name} >= ${(MIN_CAPACITY_BPS / lowest).toPrecision(3)} for bandwidthSpread = ${p.bandwidthSpread} (the slowest node's capacity would underflow to 0)`);
    }
  }
  // Sessions of nanoseconds would flood the event queue with churn: a run would never end.
  if (p.meanSessionS > 0 && p.meanSessionS < MIN_CHURN_S) throw new ParameterError("meanSessionS", p.meanSessionS, `0 (no churn) or a number of seconds >= ${MIN_CHURN_S}`);
  for (let i = 0; i < p.crashes.length; i++) {
    const c = p.crashes[i];
    if (c.node >= nodes) throw new ParameterError(`crashes[${i}].node`, c.node, `a node index, 0 <= node < nodes = ${nodes}`);
  }
  validatePartitionSchedule(p.partitions, nodes, options.weights, "partitions");
}

/**
 * Experiment `nakamoto-network`: proof-of-work block propagation, stale
 * blocks, forks and reorgs on a peer-to-peer network. The defaults are the
 * workload of the C reference w3_pownet (1000 nodes, 8 random peers each,
 * lognormal link latency with median 100 ms and sigma 0.5, 1 MB blocks over
 * 10 Mbit/s links, a block every 600 s) with fewer blocks.
 */
import { defineExperiment } from "../../experiment/experiment";
import { bool, choice, int, num, ParameterError, type ParamsOf } from "../../experiment/params";
import { REGION_DATASETS } from "../../network/latency/regions";
import { isConnected, meanDegree } from "../../network/graph";
import { TOPOLOGIES } from "../../network/topology";
import { buildNakamotoSetup, configFromParams, LATENCY_MODELS, runNakamoto } from "./run";
import { summarizeNakamoto } from "./metrics";

export const nakamotoNetworkParams = {
  nodes: int({ default: 1000, unit: "nodes", min: 2, max: 1_000_000, doc: "number of nodes (all mine)" }),
  topology: choice({ default: "k-out", choices: TOPOLOGIES.filter((t) => t !== "edge-list"), doc: "peer graph" }),
  degree: int({
    default: 8,
    unit: "",
    min: 1,
    max: 1_000_000,
    doc: "k-out: peers each node picks (mean degree ~2k); random-regular: degree; erdos-renyi: expected degree; watts-strogatz: ring neighbours (even); barabasi-albert: edges per new node",
  }),
  rewireProb: num({ default: 0.1, unit: "", min: 0, max: 1, doc: "watts-strogatz rewiring probability" }),
  latency: choice({ default: "lognormal", choices: LATENCY_MODELS, doc: "link latency model, drawn once per link" }),
  latencyMedianMs: num({ default: 100, unit: "ms", min: 0, max: 1e6, doc: "lognormal and pareto: median; constant: the value; normal: mean; uniform: midpoint" }),
  latencySigma: num({ default: 0.5, unit: "", min: 0, max: 10, doc: "lognormal shape sigma" }),
  latencySdMs: num({ default: 20, unit: "ms", min: 0, max: 1e6, doc: "normal: standard deviation (truncated at 0); uniform: half-width (the lower end clipped at 0)" }),
  paretoShape: num({ default: 3, unit: "", min: 0, max: 1000, minExclusive: true, doc: "pareto shape alpha" }),
  regionData: choice({ default: "bitcoin-simblock-2019", choices: REGION_DATASETS, doc: "regions: dataset in data/latency/regions.json" }),
  regionSigma: num({ default: 0.1, unit: "", min: 0, max: 10, doc: "regions: lognormal spread of a link around its matrix entry" }),
  jitterMs: num({ default: 0, unit: "ms", min: 0, max: 1e6, doc: "mean of an exponential extra delay per message (0: none)" }),
  blockIntervalS: num({ default: 600, unit: "s", min: 0, max: 1e9, minExclusive: true, doc: "mean time between blocks of the whole network" }),
  blockSizeMB: num({ default: 1, unit: "MB", min: 0, max: 1e4, doc: "block size (1 MB = 1e6 bytes)" }),
  bandwidthMbps: num({ default: 10, unit: "Mbit/s", min: 0, max: 1e9, minExclusive: true, doc: "bandwidth of every link; transmission = size * 8 / bandwidth per hop" }),
  uploadQueueing: bool({ default: false, doc: "a node's uploads go one at a time (default: they do not queue, as in w3_pownet)" }),
  blocks: int({ default: 1000, unit: "blocks", min: 1, max: 1e8, doc: "blocks to mine" }),
  lossRate: num({ default: 0, unit: "", min: 0, max: 1, doc: "probability that a block delivery is lost" }),
  meanSessionS: num({ default: 0, unit: "s", min: 0, max: 1e12, doc: "churn: mean online session (exponential); 0: no churn" }),
  meanOfflineS: num({ default: 3600, unit: "s", min: 0, max: 1e12, minExclusive: true, doc: "churn: mean offline period (exponential)" }),
  partitionStartS: num({ default: 0, unit: "s", min: 0, max: 1e12, doc: "partition: start time" }),
  partitionDurationS: num({ default: 0, unit: "s", min: 0, max: 1e12, doc: "partition: duration (0: no partition)" }),
  partitionShare: num({ default: 0.5, unit: "", min: 0, max: 1, minExclusive: true, maxExclusive: true, doc: "partition: share of nodes (chosen at random) on the first side" }),
  bigMinerShare: num({ default: 0, unit: "", min: 0, max: 1, doc: "hash share of node 0, the rest split evenly (0: all equal)" }),
  retargetBlocks: int({ default: 0, unit: "blocks", min: 0, max: 1e6, doc: "retarget difficulty every this many blocks (0: never; Bitcoin: 2016)" }),
  initialDifficulty: num({ default: 1, unit: "", min: 0, max: 1e6, minExclusive: true, doc: "difficulty of the first blocks (1: mean interval blockIntervalS)" }),
} as const;

export type NakamotoNetworkParams = ParamsOf<typeof nakamotoNetworkParams>;

/** Cross-parameter rules, checked before any work. */
export function validateNakamotoNetwork(p: NakamotoNetworkParams): void {
  const { nodes, degree, topology } = p;
  if (topology === "k-out" || topology === "random-regular" || topology === "barabasi-albert") {
    if (degree >= nodes) throw new ParameterError("degree", degree, `an integer, 1 <= degree < nodes = ${nodes}`);
  }
  if (topology === "random-regular" && (nodes * degree) % 2 !== 0) throw new ParameterError("degree", degree, `nodes * degree even (nodes = ${nodes})`);
  if (topology === "erdos-renyi" && degree > nodes - 1) throw new ParameterError("degree", degree, `expected degree <= nodes - 1 = ${nodes - 1}`);
  if (topology === "watts-strogatz" && (degree % 2 !== 0 || degree < 2 || degree >= nodes)) {
    throw new ParameterError("degree", degree, `an even integer, 2 <= degree < nodes = ${nodes}`);
  }
  if (p.latency === "pareto" && p.latencyMedianMs <= 0) throw new ParameterError("latencyMedianMs", p.latencyMedianMs, "a number > 0 for the pareto model");
  if (topology === "complete" && (nodes * (nodes - 1)) / 2 > 5e7) throw new ParameterError("nodes", nodes, "nodes (nodes - 1) / 2 <= 5e7 links for the complete topology");
  // The "who has which block" bitsets: one bit per (block, node).
  if ((p.blocks + 1) * Math.ceil(nodes / 32) * 4 > 2 ** 31) throw new ParameterError("blocks", p.blocks, `blocks * nodes / 8 <= 2 GiB of bitsets (nodes = ${nodes})`);
}

export const nakamotoNetwork = defineExperiment({
  name: "nakamoto-network",
  title: "Proof-of-work network: block propagation, stale rate, forks and reorgs (discrete-event)",
  reference:
    "Nakamoto 2008 (sections 4-5); Decker & Wattenhofer, Information Propagation in the Bitcoin Network, P2P 2013 (fork rate from the propagation delay); C reference w3_pownet",
  source: __filename,
  params: nakamotoNetworkParams,
  validate: validateNakamotoNetwork,
  run(params, rng) {
    const setup = buildNakamotoSetup(params, rng);
    const run = runNakamoto(setup, configFromParams(params, setup.graph.n), rng);
    const s = summarizeNakamoto(run);
    // Undefined statistics (e.g. no block reached every node) are NaN in the summary, null in a row.
    const cells = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Number.isNaN(v) ? null : v]));
    return {
      ...cells,
      edges: setup.graph.edgeCount,
      meanDegree: meanDegree(setup.graph),
      connected: isConnected(setup.graph),
      stop: run.stop,
      kernel: run.kernel,
    };
  },
});

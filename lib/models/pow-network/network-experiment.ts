/**
 * Experiment `nakamoto-network`: proof-of-work block propagation, stale
 * blocks, forks and reorgs on a peer-to-peer network. The network parameters
 * are the shared schema of lib/network/params.ts; the defaults are the
 * workload of the C reference w3_pownet (1000 nodes, 8 random peers each,
 * lognormal link latency with median 100 ms and sigma 0.5, 1 MB blocks over
 * 10 Mbit/s links, a block every 600 s) with fewer blocks.
 *
 * With blockSeries = true the run also returns the per-block series `blocks`
 * (block-series.ts) beside its row.
 *
 * Presets: `bitcoin` (Bitcoin's measured region latencies and block rate:
 * SimBlock, Aoki et al. 2019) and `w3` (the C reference workload in full).
 */
import { defineExperiment } from "../../experiment/experiment";
import { bool, choice, int, json, num, ParameterError, type ParamsOf } from "../../experiment/params";
import { HASH_DISTRIBUTIONS } from "./hash-distribution";
import { checkHashSchedule, type HashRateChange } from "./hash-schedule";
import { RELAY_PROTOCOLS } from "./relay-protocol";
import { TIMESTAMP_RULES } from "./timestamps";
import { SIMBLOCK_PRESET } from "./simblock-preset";
import { blockSeries } from "./block-series";
import { isConnected, meanDegree } from "../../network/graph";
import { networkParams, validateNetworkParams } from "../../network/params";
import { setupGraph, setupNodes } from "./config";
import { summarizeNakamoto } from "./metrics";
import { buildNakamotoSetup, configFromParams, hashWeights, powNetworkParams, runNakamoto } from "./run";

export const nakamotoNetworkParams = {
  ...networkParams,
  nodes: int({ ...networkParams.nodes, doc: "number of nodes (all mine)" }),
  blockIntervalS: num({ default: 600, unit: "s", min: 0, max: 1e9, minExclusive: true, doc: "mean time between blocks of the whole network" }),
  blockSizeMB: num({ default: 1, unit: "MB", min: 0, max: 1e4, doc: "block size (1 MB = 1e6 bytes)" }),
  blocks: int({ default: 1000, unit: "blocks", min: 1, max: 1e8, fuzzMax: 50, doc: "blocks to mine" }),
  partitionStartS: num({ default: 0, unit: "s", min: 0, max: 1e12, doc: "partition shortcut: start time (one window; ignored when partitions is given)" }),
  partitionDurationS: num({ default: 0, unit: "s", min: 0, max: 1e12, doc: "partition shortcut: duration (0: no partition); stands for partitions [{startS, durationS, groups: {by: fraction, shares: [partitionShare]}}]" }),
  partitionShare: num({ default: 0.5, unit: "", min: 0, max: 1, minExclusive: true, maxExclusive: true, doc: "partition shortcut: share of nodes (chosen at random) on the first side" }),
  bigMinerShare: num({ default: 0, unit: "", min: 0, max: 1, doc: "hash share of node 0, the others' shares (from hashDistribution) scaled to the rest (0: as hashDistribution gives them)" }),
  retargetBlocks: int({ default: 0, unit: "blocks", min: 0, max: 1e6, doc: "retarget difficulty every this many blocks (0: never; Bitcoin: 2016)" }),
  initialDifficulty: num({ default: 1, unit: "", min: 0, max: 1e6, minExclusive: true, doc: "difficulty of the first blocks (1: mean interval blockIntervalS)" }),
  hashDistribution: choice({ default: "equal", choices: HASH_DISTRIBUTIONS, doc: "hash rate over nodes: equal (or bigMinerShare), normal (SimBlock's normal mining power, sd hashSpread), pools-<dataset> (data/pools/pool-shares.json on nodes 0, 1, ...)" }),
  hashSpread: num({ default: 0.25, unit: "", min: 0, max: 10, doc: "normal: standard deviation of a node's power relative to the mean (SimBlock: 100,000 / 400,000)" }),
  hashSchedule: json<HashRateChange[]>({
    default: [],
    unit: "s",
    allowed: 'a list of {"atS": seconds, "factor": > 0} in time order: the total hash rate relative to the start from atS on',
    validate: checkHashSchedule,
    fuzz: () => [[], [{ atS: 600, factor: 2 }]],
    doc: 'miners joining and leaving, e.g. [{"atS":86400,"factor":0.5}] (with retargetBlocks the interval recovers)',
  }),
  timestamps: choice({ default: "true", choices: TIMESTAMP_RULES, doc: "block timestamps miners write, within median-time-past + 1 s .. found + 7200 s: true, forward, backward, time-warp (retargeting reads them)" }),
  relay: choice({ default: "ideal", choices: RELAY_PROTOCOLS, doc: "block relay: ideal (sender pushes to peers that lack the block, no round trip), inv (INV/GETDATA/BLOCK), headers (BIP 130 headers-first), compact-lb / compact-hb (BIP 152 low/high bandwidth)" }),
  validationMs: num({ default: 0, unit: "ms", min: 0, max: 1e7, doc: "validation time per block, fixed part (relay other than ideal)" }),
  validationMsPerMB: num({ default: 0, unit: "ms/MB", min: 0, max: 1e7, doc: "validation time per MB of block (relay other than ideal)" }),
  relaySideBranches: bool({ default: false, doc: "announce blocks that do not become the node's tip (Bitcoin Core: no)" }),
  compactBlockKB: num({ default: 0, unit: "kB", min: 0, max: 1e6, doc: "compact block size (0: 24 + 80 + 8 + 1 bytes, 6 bytes per 500-byte transaction, a 250-byte coinbase; BIP 152)" }),
  compactMissShare: num({ default: 0.13, unit: "", min: 0, max: 1, doc: "share of compact blocks that need GETBLOCKTXN/BLOCKTXN (SimBlock's CBR failure rate of an always-online node)" }),
  compactMissKB: num({ default: 10, unit: "kB", min: 0, max: 1e6, doc: "size of the missing transactions sent in BLOCKTXN" }),
  highBandwidthPeers: int({ default: 3, unit: "peers", min: 0, max: 1000, doc: "compact-hb: peers each node asks to push compact blocks (BIP 152: 3)" }),
  requestTimeoutS: num({ default: 60, unit: "s", min: 0, max: 1e9, minExclusive: true, doc: "a block request unanswered this long may go to the next peer that announces the block" }),
  blockSeries: bool({ default: false, outputOnly: true, doc: "also return the series blocks: per mined block its height, found time, main chain or stale, miner, nodes reached, time to 50/90/100 % of nodes, mean delay (sweeps store it in series.arrow); output only: the run is the same either way" }),
} as const;

export type NakamotoNetworkParams = ParamsOf<typeof nakamotoNetworkParams>;

/** Cross-parameter rules, checked before any work. */
export function validateNakamotoNetwork(p: NakamotoNetworkParams): void {
  if (p.partitions.length > 0 && p.partitionDurationS > 0)
    throw new ParameterError("partitionDurationS", p.partitionDurationS, "0 when partitions is given (the shortcut partitionStartS/partitionDurationS/partitionShare stands for a one-window schedule)");
  validateNetworkParams(powNetworkParams(p), { weights: hashWeights(p) });
  if (p.relay !== "ideal" && p.overlay !== "graph") throw new ParameterError("relay", p.relay, "ideal on a complete overlay (inv, headers and compact relays run between peers: overlay graph)");
  if (p.relay !== "ideal" && (p.blocks + 1) * p.nodes > 1e9) throw new ParameterError("blocks", p.blocks, `(blocks + 1) * nodes <= 1e9 with relay ${p.relay} (9 bytes of request state per block and node)`);
  // The "who has which block" bitsets: one bit per (block, node).
  if ((p.blocks + 1) * Math.ceil(p.nodes / 32) * 4 > 2 ** 31) throw new ParameterError("blocks", p.blocks, `blocks * nodes / 8 <= 2 GiB of bitsets (nodes = ${p.nodes})`);
}

export const nakamotoNetwork = defineExperiment({
  name: "nakamoto-network",
  title: "Proof-of-work network: block propagation, stale rate, forks and reorgs (discrete-event)",
  reference:
    "Nakamoto 2008 (sections 4-5); Decker & Wattenhofer, Information Propagation in the Bitcoin Network, P2P 2013 (fork rate from the propagation delay); C reference w3_pownet",
  source: __filename,
  params: nakamotoNetworkParams,
  presets: {
    bitcoin: {
      doc: "Bitcoin-like: 10-minute blocks of 1 MB, 8 outbound peers, SimBlock's 2019 region latencies, node shares and per-region bandwidth (Aoki et al., INFOCOM workshops 2019)",
      params: { latency: "regions", regionData: "bitcoin-simblock-2019", capacity: "regions", degree: 8, blockIntervalS: 600, blockSizeMB: 1 },
    },
    simblock: SIMBLOCK_PRESET,
    w3: {
      doc: "the C reference w3_pownet workload in full (1000 nodes, 10,000 blocks)",
      params: { nodes: 1000, degree: 8, latency: "lognormal", latencyMedianMs: 100, latencySigma: 0.5, uplinkMbps: 10, downlinkMbps: 10, blocks: 10_000 },
    },
  },
  validate: validateNakamotoNetwork,
  run(params, rng) {
    const setup = buildNakamotoSetup(params, rng);
    const run = runNakamoto(setup, configFromParams(params, setupNodes(setup), setup.hashShares), rng);
    const s = summarizeNakamoto(run);
    // Undefined statistics (e.g. no block reached every node) are NaN in the summary, null in a row.
    const cells = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Number.isNaN(v) ? null : v]));
    const graph = setupGraph(setup);
    const n = setupNodes(setup);
    const row = {
      ...cells,
      edges: graph ? graph.edgeCount : (n * (n - 1)) / 2,
      meanDegree: graph ? meanDegree(graph) : n - 1,
      connected: graph ? isConnected(graph) : true,
      stop: run.stop,
      kernel: run.kernel,
    };
    return params.blockSeries ? { row, series: { blocks: blockSeries(run) } } : row;
  },
});

/**
 * Experiment `gossip-network`: disseminating messages from a source over the
 * shared asynchronous network (latency, bandwidth, loss, churn, crashes,
 * partitions: lib/network/) with one of five protocols, flood, fanout gossip,
 * push-pull anti-entropy, a BFS broadcast tree and libp2p gossipsub, and
 * duplicate suppression by an exact seen set or per-node Bloom filters.
 * Measures: informed fraction (over time with `series`), time to 50/90/99/100 %
 * of live nodes, reliability, redundancy, messages and bytes per node,
 * Bloom false positives and what they cost (metrics.ts).
 *
 * The network is drawn from rng.common("network", networkParamsOf(params)),
 * so the five protocols under equal network parameters and seed run on the
 * same topology, latencies and capacities (common random numbers).
 */
import { defineExperiment } from "../../experiment/experiment";
import { bool, choice, int, num, ParameterError, type ParamsOf } from "../../experiment/params";
import { buildNetworkConfig } from "../../network/build";
import { isConnected, meanDegree } from "../../network/graph";
import { networkParams, networkParamsOf, validateNetworkParams } from "../../network/params";
import { checkGossipsub, PROTOCOLS, type GossipConfig, type GossipProtocol } from "./config";
import { informedSeries, summarizeGossip } from "./metrics";
import { simulateGossip } from "./simulate";

export const gossipNetworkParams = {
  ...networkParams,
  protocol: choice({ default: "gossipsub", choices: PROTOCOLS, doc: "flood, gossip (fanout, infect and die), push-pull (periodic anti-entropy), tree (BFS broadcast tree), gossipsub (libp2p mesh + IHAVE/IWANT)" }),
  messages: int({ default: 1, unit: "messages", min: 1, max: 1_000_000, fuzzMax: 4, doc: "messages published, each from a random live node" }),
  messageBytes: num({ default: 1000, unit: "bytes", min: 0, max: 1e9, doc: "size of a data message" }),
  messageIntervalS: num({ default: 1, unit: "s", min: 0, max: 1e6, fuzzMax: 10, doc: "time between publications" }),
  warmupS: num({ default: 5, unit: "s", min: 0, max: 1e6, fuzzMax: 10, doc: "time of the first publication (gossipsub meshes form before it)" }),
  horizonS: num({ default: 60, unit: "s", min: 0, max: 1e9, minExclusive: true, fuzzMax: 30, doc: "push-pull and gossipsub run at most this long after the last publication (they stop earlier once every live node holds every message)" }),
  crashFraction: num({ default: 0, unit: "", min: 0, max: 1, maxExclusive: true, doc: "share of nodes crashed at time 0, at random, never a source (on top of `crashes`)" }),
  fanout: int({ default: 4, unit: "peers", min: 1, max: 1_000_000, fuzzMax: 8, doc: "gossip: random peers a node forwards to; tree on a complete overlay: children per node" }),
  ttl: int({ default: 0, unit: "hops", min: 0, max: 1_000_000, doc: "gossip: hops a message travels (0: unlimited)" }),
  periodS: num({ default: 1, unit: "s", min: 0.01, max: 1e6, doc: "push-pull: time between a node's contacts (at least 10 ms)" }),
  synchronous: bool({ default: false, doc: "push-pull: all nodes contact at the same instants warmupS + m * periodS (Karp et al. 2000's synchronous rounds) instead of each at its own uniform phase" }),
  bloomBits: int({ default: 0, unit: "bits", min: 0, max: 2 ** 31, doc: "bits of each node's Bloom filter of seen message ids (0: an exact set)" }),
  bloomHashes: int({ default: 0, unit: "", min: 0, max: 64, doc: "Bloom hash functions (0: the optimum round(bloomBits / messages * ln 2))" }),
  D: int({ default: 8, unit: "peers", min: 1, max: 10_000, fuzzMax: 12, doc: "gossipsub: desired mesh degree" }),
  Dlow: int({ default: 6, unit: "peers", min: 0, max: 10_000, fuzzMax: 1, doc: "gossipsub: graft below this mesh degree (D_low)" }),
  Dhigh: int({ default: 12, unit: "peers", min: 1, max: 10_000, doc: "gossipsub: most mesh peers (D_high); a GRAFT beyond it is answered with PRUNE" }),
  Dlazy: int({ default: 6, unit: "peers", min: 0, max: 10_000, fuzzMax: 12, doc: "gossipsub: fewest non-mesh peers that get IHAVE at a heartbeat (D_lazy; 0 with gossipFactor 0: no gossip, mesh only)" }),
  heartbeatS: num({ default: 1, unit: "s", min: 0.01, max: 1e6, doc: "gossipsub: heartbeat interval (at least 10 ms)" }),
  mcacheLen: int({ default: 5, unit: "heartbeats", min: 1, max: 1000, doc: "gossipsub: history windows kept to answer IWANT (mcache_len)" }),
  mcacheGossip: int({ default: 3, unit: "heartbeats", min: 0, max: 1000, fuzzMax: 3, doc: "gossipsub: windows whose ids go into IHAVE (mcache_gossip)" }),
  gossipFactor: num({ default: 0.25, unit: "", min: 0, max: 1, doc: "gossipsub v1.1: IHAVE to max(Dlazy, gossipFactor * non-mesh peers) (0: v1.0, Dlazy only)" }),
  floodPublish: bool({ default: false, doc: "gossipsub v1.1: the publisher sends to all its peers, not only its mesh" }),
  series: bool({ default: false, outputOnly: true, doc: "also return the series `informed`: share of (live node, message) pairs informed against time since publication" }),
} as const;

export type GossipNetworkParams = ParamsOf<typeof gossipNetworkParams>;

/** Cross-parameter rules, checked before any work. */
export function validateGossipNetwork(p: GossipNetworkParams): void {
  validateNetworkParams(networkParamsOf(p));
  checkGossipsub(gossipsubOf(p));
  if (p.nodes * p.messages > 2 ** 25) throw new ParameterError("messages", p.messages, `nodes * messages <= 2^25 (nodes = ${p.nodes}): per-pair receive times are kept`);
  if (p.bloomBits > 0 && p.nodes * Math.ceil(p.bloomBits / 32) * 4 > 2 ** 31) throw new ParameterError("bloomBits", p.bloomBits, `nodes * bloomBits / 8 <= 2 GiB (nodes = ${p.nodes})`);
}

function gossipsubOf(p: GossipNetworkParams) {
  return { D: p.D, Dlow: p.Dlow, Dhigh: p.Dhigh, Dlazy: p.Dlazy, heartbeatS: p.heartbeatS, mcacheLen: p.mcacheLen, mcacheGossip: p.mcacheGossip, gossipFactor: p.gossipFactor, floodPublish: p.floodPublish };
}

/** The kernel's configuration from the experiment's parameters. */
export function gossipConfigOf(p: GossipNetworkParams): GossipConfig {
  return {
    protocol: p.protocol as GossipProtocol,
    messages: p.messages,
    messageBytes: p.messageBytes,
    messageIntervalS: p.messageIntervalS,
    startS: p.warmupS,
    horizonS: p.horizonS,
    crashFraction: p.crashFraction,
    fanout: p.fanout,
    ttl: p.ttl,
    periodS: p.periodS,
    synchronous: p.synchronous,
    bloomBits: p.bloomBits,
    bloomHashes: p.bloomHashes,
    gossipsub: gossipsubOf(p),
  };
}

export const gossipNetwork = defineExperiment({
  name: "gossip-network",
  title: "Gossip on the asynchronous network: flood, fanout gossip, push-pull, broadcast tree, gossipsub; Bloom-filter duplicate suppression",
  reference:
    "Demers et al. 1987 (epidemic algorithms, PODC); Karp et al. 2000 (randomized rumor spreading, FOCS); Kermarrec, Massoulie & Ganesh 2003 (IEEE TPDS, flat gossip); libp2p gossipsub v1.0/v1.1 specs (pubsub/gossipsub); Bloom 1970; Kirsch & Mitzenmacher 2006",
  source: __filename,
  params: gossipNetworkParams,
  presets: {
    ethereum: {
      doc: "gossipsub with Ethereum's consensus-layer parameters: D 8, D_low 6, D_high 12, D_lazy 6, heartbeat 0.7 s, mcache_len 6, mcache_gossip 3 (consensus-specs phase0 p2p-interface.md; leanSpec networking/gossipsub/parameters.py)",
      params: { protocol: "gossipsub", D: 8, Dlow: 6, Dhigh: 12, Dlazy: 6, heartbeatS: 0.7, mcacheLen: 6, mcacheGossip: 3 },
    },
    "libp2p-v1-0": {
      doc: "gossipsub with the v1.0 spec's reasonable defaults: D 6, D_low 4, D_high 12, D_lazy = D, heartbeat 1 s, mcache_len 5, mcache_gossip 3, no gossip factor (libp2p specs gossipsub-v1.0.md, Parameters)",
      params: { protocol: "gossipsub", D: 6, Dlow: 4, Dhigh: 12, Dlazy: 6, heartbeatS: 1, mcacheLen: 5, mcacheGossip: 3, gossipFactor: 0 },
    },
  },
  validate: validateGossipNetwork,
  run(params, rng) {
    const net = networkParamsOf(params);
    const network = buildNetworkConfig(net, rng.common("network", net));
    const run = simulateGossip({ network }, gossipConfigOf(params), rng);
    const s = summarizeGossip(run);
    const cells = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Number.isNaN(v) ? null : v]));
    const graph = network.overlay.kind === "graph" ? network.overlay.graph : null;
    const n = run.nodes;
    const row = {
      ...cells,
      edges: graph ? graph.edgeCount : (n * (n - 1)) / 2,
      meanDegree: graph ? meanDegree(graph) : n - 1,
      connected: graph ? isConnected(graph) : true,
      stop: run.stop,
    };
    return params.series ? { row, series: { informed: informedSeries(run) } } : row;
  },
});

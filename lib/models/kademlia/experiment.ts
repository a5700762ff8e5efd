/**
 * Experiment `kademlia`: iterative node lookups on the shared network
 * (Maymounkov & Mazieres, IPTPS 2002): 160- or 256-bit ids, XOR metric,
 * k-buckets, alpha parallel FIND_NODE queries, bucket refresh and rejoin
 * lookups under churn. Measures how often a lookup returns the closest live
 * node, its hops beside log2 N, latency and messages.
 *
 * The network (latencies, capacities, churn) is drawn from
 * rng.common("network", networkParamsOf(params)); the overlay is `complete`
 * by default (any node can message any other, pair latencies in O(N)).
 */
import { defineExperiment } from "../../experiment/experiment";
import { bool, choice, int, num, ParameterError, type ParamsOf } from "../../experiment/params";
import { buildNetworkConfig } from "../../network/build";
import { networkParams, networkParamsOf, validateNetworkParams } from "../../network/params";
import type { KademliaConfig } from "./config";
import { lookupSeries, summarizeKademlia } from "./metrics";
import { simulateKademlia } from "./simulate";

export const kademliaParams = {
  ...networkParams,
  overlay: choice({ ...networkParams.overlay, default: "complete" }),
  idBits: choice({ default: "160", choices: ["160", "256"], doc: "bits of a node id: 160 (Maymounkov & Mazieres 2002, SHA-1) or 256 (Ethereum discv5, keccak256 of the public key)" }),
  k: int({ default: 20, unit: "contacts", min: 1, max: 255, doc: "bucket size k (20 in the paper, 16 in discv5)" }),
  alpha: int({ default: 3, unit: "queries", min: 1, max: 255, fuzzMax: 2, doc: "parallel FIND_NODE queries of a lookup (3 in the paper and discv5)" }),
  rpcTimeoutS: num({ default: 1, unit: "s", min: 0.001, max: 1e6, fuzzMax: 5, doc: "a query unanswered this long fails (at least 1 ms); its contact leaves the shortlist and the initiator's table" }),
  lookups: int({ default: 200, unit: "lookups", min: 1, max: 1_000_000, fuzzMax: 20, doc: "measured lookups, each for a uniform random id from a uniform random online node" }),
  warmupS: num({ default: 0, unit: "s", min: 0, max: 1e9, fuzzMax: 100, doc: "time of the first measured lookup" }),
  lookupIntervalS: num({ default: 0.1, unit: "s", min: 0, max: 1e6, fuzzMax: 10, doc: "time between measured lookups" }),
  refreshS: num({ default: 0, unit: "s", min: 0, max: 1e9, fuzzValues: [0, 60, 3600], doc: "every node looks up a random id this often, at its own uniform phase (bucket refresh, section 2.3; the paper: 3600; 0: never)" }),
  rejoinLookup: bool({ default: true, doc: "a node coming back online (churn) looks up its own id (the join procedure of section 2.3)" }),
  joiners: int({ default: 0, unit: "nodes", min: 0, max: 1_000_000, fuzzMax: 5, doc: "nodes that join from scratch at joinAtS, knowing only the bootstrap nodes (their tables are empty until then)" }),
  bootstrapNodes: int({ default: 4, unit: "nodes", min: 1, max: 1_000_000, fuzzMax: 4, doc: "bootstrap nodes a joiner knows (nodes 0 .. bootstrapNodes - 1; hard-coded, or from DNS seeds)" }),
  censoredBootstrap: int({ default: 0, unit: "nodes", min: 0, max: 1_000_000, fuzzMax: 1, doc: "bootstrap nodes taken down (crashed at time 0: censored, or their DNS names blocked)" }),
  joinAtS: num({ default: 0, unit: "s", min: 0, max: 1e9, fuzzMax: 100, doc: "time the joiners start (measured lookups from a joiner before its join ends find little)" }),
  requestBytes: num({ default: 100, unit: "bytes", min: 0, max: 1e9, doc: "size of a FIND_NODE request" }),
  responseBytes: num({ default: 60, unit: "bytes", min: 0, max: 1e9, doc: "fixed part of a NODES response" }),
  contactBytes: num({ default: 40, unit: "bytes", min: 0, max: 1e9, doc: "bytes per contact in a response (id, IP, port)" }),
  series: bool({ default: false, outputOnly: true, doc: "also return the series `lookups`: hops, latency, queries and exactness of every measured lookup" }),
} as const;

export type KademliaParams = ParamsOf<typeof kademliaParams>;

export function validateKademlia(p: KademliaParams): void {
  // A refresh every few nanoseconds would never let the run end: 0 (never) or at least a second.
  if (p.refreshS > 0 && p.refreshS < 1) throw new ParameterError("refreshS", p.refreshS, "0 (no refresh) or a number of seconds >= 1");
  validateNetworkParams(networkParamsOf(p));
  if (p.alpha > p.k) throw new ParameterError("alpha", p.alpha, `an integer, 1 <= alpha <= k = ${p.k}`);
  if (p.censoredBootstrap > p.bootstrapNodes) throw new ParameterError("censoredBootstrap", p.censoredBootstrap, `an integer, 0 <= censoredBootstrap <= bootstrapNodes = ${p.bootstrapNodes}`);
  if (p.joiners > 0 && p.bootstrapNodes + p.joiners > p.nodes) throw new ParameterError("joiners", p.joiners, `bootstrapNodes + joiners <= nodes = ${p.nodes} (joiners are not bootstrap nodes)`);
  if (p.nodes < 2) throw new ParameterError("nodes", p.nodes, "at least 2 nodes");
  if (p.nodes * p.k * Math.log2(p.nodes) > 2e8) throw new ParameterError("nodes", p.nodes, `nodes * k * log2(nodes) <= 2e8 (routing-table memory; k = ${p.k})`);
}

export function kademliaConfigOf(p: KademliaParams): KademliaConfig {
  return {
    idBits: Number(p.idBits),
    k: p.k,
    alpha: p.alpha,
    rpcTimeoutS: p.rpcTimeoutS,
    lookups: p.lookups,
    warmupS: p.warmupS,
    lookupIntervalS: p.lookupIntervalS,
    refreshS: p.refreshS,
    rejoinLookup: p.rejoinLookup,
    joiners: p.joiners,
    bootstrapNodes: p.bootstrapNodes,
    censoredBootstrap: p.censoredBootstrap,
    joinAtS: p.joinAtS,
    requestBytes: p.requestBytes,
    responseBytes: p.responseBytes,
    contactBytes: p.contactBytes,
  };
}

export const kademlia = defineExperiment({
  name: "kademlia",
  title: "Kademlia lookups on the network: hops, latency and exactness against N, under churn",
  reference: "Maymounkov & Mazieres, Kademlia: A Peer-to-peer Information System Based on the XOR Metric, IPTPS 2002 (sections 2.1-2.3); Ethereum devp2p discv5 (k = 16, 256-bit ids)",
  source: __filename,
  params: kademliaParams,
  proportions: { exactRate: { successes: "exactLookups", trials: "completed" } },
  presets: {
    paper: { doc: "Maymounkov & Mazieres 2002: 160-bit ids, k = 20, alpha = 3, hourly bucket refresh", params: { idBits: "160", k: 20, alpha: 3, refreshS: 3600 } },
    discv5: { doc: "Ethereum discv5 (devp2p discv5-theory.md): 256-bit ids, k = 16 (bucket size), alpha = 3", params: { idBits: "256", k: 16, alpha: 3 } },
  },
  validate: validateKademlia,
  run(params, rng) {
    const net = networkParamsOf(params);
    const network = buildNetworkConfig(net, rng.common("network", net));
    const { run } = simulateKademlia({ network }, kademliaConfigOf(params), rng);
    const s = summarizeKademlia(run);
    const row = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Number.isNaN(v) ? null : v]));
    return params.series ? { row, series: { lookups: lookupSeries(run) } } : row;
  },
});

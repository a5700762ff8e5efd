/**
 * One gossip run, the readable kernel: a Simulation, the shared Network
 * (bandwidth, loss, jitter, churn, crashes, partitions: lib/network/), the
 * data message and seen filters (dissemination.ts) and one protocol.
 *
 * Random streams (children of the run's rng, so one never shifts another):
 *   "network"  the Network's own streams (loss, jitter and send order per message kind, churn, partitions)
 *   "crash"    which nodes crashFraction crashes at time 0 (added to the network's crash schedule)
 *   "sources"  the source of each message (uniform over the nodes not crashed at time 0), unless given
 *   "ids"      each message's 32-bit id (what Bloom filters hash)
 *   "bloom"    each node's hash salt
 *   "peers"    every random peer choice of the protocols
 *   "phase"    the phases of the periodic timers (push-pull contacts, gossipsub heartbeats)
 * The network itself (topology, latencies, capacities) comes in the setup,
 * built from rng.common("network", ...) by the experiment.
 *
 * Messages are published at startS + j * messageIntervalS. Flood, gossip and
 * tree runs end when the queue drains; push-pull and gossipsub stop when
 * every node that has not crashed holds every message (checked every period
 * or heartbeat after the last publication) or horizonS after it.
 */
import { Simulation } from "../../engine/simulation";
import { BloomFilterBank, optimalBloomHashes } from "../../network/bloom-filter";
import { Network } from "../../network/network";
import type { CrashEvent, NetworkConfig } from "../../network/runtime-config";
import type { Rng } from "../../random/seed";
import type { Xoshiro128 } from "../../random/xoshiro128";
import { checkGossipConfig, type GossipConfig, type GossipRun, type GossipSetup } from "./config";
import { Dissemination, type Protocol } from "./dissemination";
import { fanoutGossipProtocol } from "./fanout-gossip";
import { floodProtocol } from "./flood";
import { gossipsubProtocol, type GossipsubProtocol } from "./gossipsub";
import { pushPullProtocol } from "./push-pull";
import { SeenFilter } from "./seen-filter";
import { treeProtocol } from "./tree";
import { ID_BYTES } from "./wire-sizes";

/**
 * Events a run may process unless config.maxEvents says otherwise: ample for
 * the protocol's own work, so only runaway fault schedules (churn sessions of
 * nanoseconds) reach it, and a run that does says so in `stop`. Allowed:
 * 10^6, plus every message over every link a hundred times, plus for
 * periodic protocols two events per tick (a contact, a graft) and per
 * message, node and gossip window three IHAVE peers' worth of exchanges.
 */
export function defaultMaxEvents(config: GossipConfig, network: NetworkConfig): number {
  const n = networkNodes(network);
  const links = network.overlay.kind === "graph" ? network.overlay.graph.neighbors.length : n * (n - 1);
  const M = config.messages;
  const spanS = config.startS + (M - 1) * config.messageIntervalS + config.horizonS;
  const g = config.gossipsub;
  let periodic = 0;
  if (config.protocol === "push-pull") periodic = n * Math.ceil(spanS / config.periodS) * (2 + 3 * M);
  if (config.protocol === "gossipsub") periodic = n * Math.ceil(spanS / g.heartbeatS) * 2 + 3 * M * n * g.mcacheGossip * (g.Dlazy + Math.ceil((g.gossipFactor * links) / n));
  return 1e6 + 100 * M * (n + links) + periodic;
}

export function networkNodes(network: NetworkConfig): number {
  return network.overlay.kind === "graph" ? network.overlay.graph.n : network.overlay.n;
}

/** `count` distinct nodes, uniform, none of them in `keep` (partial Fisher-Yates). */
export function drawCrashedNodes(n: number, count: number, keep: ArrayLike<number>, rng: Xoshiro128): Int32Array {
  const kept = new Uint8Array(n);
  for (let i = 0; i < keep.length; i++) kept[keep[i]] = 1;
  const pool = new Int32Array(n);
  let c = 0;
  for (let v = 0; v < n; v++) if (kept[v] === 0) pool[c++] = v;
  const k = Math.min(count, c);
  for (let i = 0; i < k; i++) {
    const r = i + rng.below(c - i);
    const t = pool[i];
    pool[i] = pool[r];
    pool[r] = t;
  }
  return pool.slice(0, k).sort();
}

/** The configured protocol on `d`, and how often the stop rule is checked (0: the run drains by itself). */
function protocolFor(d: Dissemination, config: GossipConfig, phaseRng: Xoshiro128): { protocol: Protocol; checkS: number; gossipsub: GossipsubProtocol | null } {
  switch (config.protocol) {
    case "flood":
      return { protocol: floodProtocol(d), checkS: 0, gossipsub: null };
    case "gossip":
      return { protocol: fanoutGossipProtocol(d, config.fanout, config.ttl), checkS: 0, gossipsub: null };
    case "tree":
      return { protocol: treeProtocol(d, config.fanout), checkS: 0, gossipsub: null };
    case "push-pull":
      return { protocol: pushPullProtocol(d, config.periodS, config.startS, config.synchronous ? null : phaseRng), checkS: config.periodS, gossipsub: null };
    case "gossipsub": {
      const g = gossipsubProtocol(d, config.gossipsub, phaseRng, config.onHeartbeat);
      return { protocol: g, checkS: config.gossipsub.heartbeatS, gossipsub: g };
    }
  }
}

export function simulateGossip(setup: GossipSetup, config: GossipConfig, rng: Rng): GossipRun {
  const n = networkNodes(setup.network);
  checkGossipConfig(config, n);
  const M = config.messages;

  const crashedAtStart = drawCrashedNodes(n, Math.floor(config.crashFraction * n), config.sources ?? [], rng.child("crash").fast);
  const sources = new Int32Array(M);
  if (config.sources) sources.set(Array.from(config.sources));
  else {
    const down = new Uint8Array(n);
    for (const v of crashedAtStart) down[v] = 1;
    const alive: number[] = [];
    for (let v = 0; v < n; v++) if (down[v] === 0) alive.push(v);
    const r = rng.child("sources").fast;
    for (let j = 0; j < M; j++) sources[j] = alive[r.below(alive.length)];
  }
  const idRng = rng.child("ids").fast;
  const ids = new Uint32Array(M);
  for (let j = 0; j < M; j++) ids[j] = idRng.next();

  const crashes: CrashEvent[] = [...(setup.network.crashes ?? []), ...Array.from(crashedAtStart, (node) => ({ node, atS: 0 }))];
  const sim = new Simulation(4096);
  const net = new Network(sim, { ...setup.network, crashes }, rng.child("network"));

  const receivedS = new Float64Array(n * M).fill(NaN);
  let bloom: BloomFilterBank | null = null;
  const hashes = config.bloomBits > 0 ? (config.bloomHashes > 0 ? config.bloomHashes : optimalBloomHashes(config.bloomBits, M)) : 0;
  if (config.bloomBits > 0) {
    const saltRng = rng.child("bloom").fast;
    const salts = new Uint32Array(n);
    for (let v = 0; v < n; v++) salts[v] = saltRng.next();
    bloom = new BloomFilterBank(n, config.bloomBits, hashes, salts);
  }
  const seen = new SeenFilter(n, M, receivedS, ids, bloom);
  const publishS = new Float64Array(M);
  for (let j = 0; j < M; j++) publishS[j] = config.startS + j * config.messageIntervalS;
  const d = new Dissemination(sim, net, seen, receivedS, sources, publishS, config.messageBytes, rng.child("peers").fast);

  const { protocol, checkS, gossipsub } = protocolFor(d, config, rng.child("phase").fast);
  d.protocol = protocol;
  protocol.start?.();

  const PUBLISH = d.scope.defineKind("publish", (j) => d.publish(j));
  for (let j = 0; j < M; j++) sim.scheduleAt(publishS[j], PUBLISH, j);
  const lastS = publishS[M - 1];
  if (protocol.periodic) {
    const CHECK = d.scope.defineKind("check", () => {
      if (d.allInformed()) sim.stop();
      else sim.schedule(checkS, CHECK);
    });
    sim.scheduleAt(lastS, CHECK);
  }
  const report = sim.run({ maxEvents: config.maxEvents ?? defaultMaxEvents(config, setup.network), maxTimeS: lastS + config.horizonS });

  return {
    nodes: n,
    messages: M,
    protocol: config.protocol,
    publishS,
    sources,
    receivedS,
    crashed: Uint8Array.from(net.crashed),
    duplicates: d.duplicates,
    falsePositiveDrops: seen.falsePositiveDrops,
    missedByFalsePositive: seen.missedByFalsePositive(),
    firstQueries: seen.firstQueries,
    firstFalsePositives: seen.firstFalsePositives,
    expectedFirstFalsePositives: seen.expectedFirstFalsePositives,
    expectedFirstFalsePositivesGivenFill: seen.expectedFirstFalsePositivesGivenFill,
    seenBitsPerNode: seen.bitsPerNode(ID_BYTES),
    bloomHashes: hashes,
    stats: net.stats,
    statsByKind: net.statsByKind(),
    events: report.events,
    endS: report.timeS,
    stop: report.stop,
    ...(gossipsub ? { meshSize: Int32Array.from(gossipsub.meshSize) } : {}),
  };
}

/**
 * What a gossip run is given: the network (a NetworkConfig, built from the
 * shared network parameters or by hand) and the protocol's configuration,
 * and what it returns. Checks throw ParameterError naming the field.
 *
 * Protocols (one file each):
 *   flood      forward to every neighbour but the sender on first receipt (floodsub)
 *   gossip     forward to `fanout` random peers on first receipt, for `ttl` hops (infect and die)
 *   push-pull  every periodS each node contacts a random peer and they exchange what they have (anti-entropy)
 *   tree       a BFS spanning tree from the source, each node forwards to its children
 *   gossipsub  libp2p gossipsub: a mesh of degree D in [D_low, D_high], IHAVE/IWANT gossip at heartbeats
 */
import { ParameterError } from "../../experiment/params";
import type { NetworkStats, MessageStats } from "../../network/network";
import type { NetworkConfig } from "../../network/runtime-config";

export const PROTOCOLS = ["flood", "gossip", "push-pull", "tree", "gossipsub"] as const;
export type GossipProtocol = (typeof PROTOCOLS)[number];

/** gossipsub's parameters (libp2p specs, pubsub/gossipsub/gossipsub-v1.0.md "Parameters"; v1.1.md "Adaptive Gossip Dissemination", "Flood Publishing"). */
export interface GossipsubConfig {
  /** Desired mesh degree D. */
  readonly D: number;
  /** Graft below this mesh degree (D_low). */
  readonly Dlow: number;
  /** Prune above this mesh degree (D_high); a GRAFT to a node at D_high is answered with PRUNE (v1.1 oversubscription rule). */
  readonly Dhigh: number;
  /** Minimum number of non-mesh peers that get IHAVE at a heartbeat (D_lazy). */
  readonly Dlazy: number;
  /** heartbeat_interval, seconds. */
  readonly heartbeatS: number;
  /** mcache_len: heartbeat windows a message stays in the cache (IWANT is answered from it). */
  readonly mcacheLen: number;
  /** mcache_gossip: windows whose message ids go into IHAVE. */
  readonly mcacheGossip: number;
  /** v1.1 gossip factor: IHAVE to max(D_lazy, factor * eligible peers); 0: v1.0's fixed D_lazy. */
  readonly gossipFactor: number;
  /** v1.1 flood publishing: the publisher sends its own message to all its peers, not only its mesh. */
  readonly floodPublish: boolean;
}

export const DEFAULT_GOSSIPSUB: GossipsubConfig = {
  // Ethereum's consensus-layer values (D = 8, D_low = 6, D_high = 12, D_lazy = 6) with the spec's 1 s heartbeat,
  // mcache_len 5 and mcache_gossip 3 (gossipsub-v1.0.md "Parameters"), gossip factor 0.25 (v1.1.md).
  D: 8,
  Dlow: 6,
  Dhigh: 12,
  Dlazy: 6,
  heartbeatS: 1,
  mcacheLen: 5,
  mcacheGossip: 3,
  gossipFactor: 0.25,
  floodPublish: false,
};

export interface GossipConfig {
  readonly protocol: GossipProtocol;
  /** Messages to disseminate (one after another, messageIntervalS apart). */
  readonly messages: number;
  /** Size of a data message on the wire, bytes. */
  readonly messageBytes: number;
  /** Time between publications, seconds. */
  readonly messageIntervalS: number;
  /** Time of the first publication, seconds (gossipsub's meshes form before it). */
  readonly startS: number;
  /** Periodic protocols (push-pull, gossipsub) run at most this long after the last publication, seconds. */
  readonly horizonS: number;
  /** Source of each message (length `messages`); default: uniform over the nodes not crashed by crashFraction. */
  readonly sources?: ArrayLike<number>;
  /** Share of nodes that crash at time 0 (on top of the network's `crashes`), drawn at random (never a source). */
  readonly crashFraction: number;
  /** gossip: peers a node forwards to; tree on a complete overlay: children per node. */
  readonly fanout: number;
  /** gossip: hops a message travels (0: unlimited). */
  readonly ttl: number;
  /** push-pull: contact period of a node, seconds. */
  readonly periodS: number;
  /**
   * push-pull: every node contacts at the same instants startS + m * periodS,
   * m >= 1 (the synchronous rounds of Karp et al. 2000), instead of each at its
   * own uniform phase. Default false.
   */
  readonly synchronous?: boolean;
  /** Bits of each node's Bloom filter of seen ids (0: an exact set). */
  readonly bloomBits: number;
  /** Hash functions of the Bloom filter (0: the optimum for `messages` ids, round(m / messages * ln 2)). */
  readonly bloomHashes: number;
  readonly gossipsub: GossipsubConfig;
  /** Event cap (default: defaultMaxEvents in simulate.ts, from the size of the run); a run that hits it stops with stop = "max-events". */
  readonly maxEvents?: number;
  /** Test hook: called after each gossipsub heartbeat of node v with its mesh size. */
  readonly onHeartbeat?: (v: number, meshSize: number, timeS: number) => void;
}

export interface GossipSetup {
  readonly network: NetworkConfig;
}

/** What a run leaves behind (raw; metrics.ts summarises it). */
export interface GossipRun {
  readonly nodes: number;
  readonly messages: number;
  readonly protocol: GossipProtocol;
  /** Publication time of each message. */
  readonly publishS: Float64Array;
  readonly sources: Int32Array;
  /** Time node v accepted message j, at [v * messages + j] (NaN: never). */
  readonly receivedS: Float64Array;
  /** 1 if node v had crashed by the end of the run. */
  readonly crashed: Uint8Array;
  /** Deliveries of data messages that were duplicates (the node had the message). */
  readonly duplicates: number;
  /** Bloom filter: data deliveries and IHAVE ids a node wrongly took as seen (it had not accepted the message). */
  readonly falsePositiveDrops: number;
  /** (node, message) pairs never accepted although the message reached the node and was rejected as seen by its filter. */
  readonly missedByFalsePositive: number;
  /** First queries of a (node, message) pair that the node had not seen, and how many were false positives. */
  readonly firstQueries: number;
  readonly firstFalsePositives: number;
  /** Sum over those first queries of (1 - e^{-k n/m})^k at the node's n at that moment. */
  readonly expectedFirstFalsePositives: number;
  /** The same sum of (set bits / m)^k, the rate given the filter as it was. */
  readonly expectedFirstFalsePositivesGivenFill: number;
  /** Bits of seen-set memory per node (Bloom: m; exact: messages * 8 * ID_BYTES). */
  readonly seenBitsPerNode: number;
  readonly bloomHashes: number;
  readonly stats: NetworkStats;
  readonly statsByKind: Record<string, MessageStats>;
  readonly events: number;
  readonly endS: number;
  readonly stop: string;
  /** gossipsub: mesh size of every node at the end. */
  readonly meshSize?: Int32Array;
}

/** Every check of a config that needs only the node count. */
export function checkGossipConfig(c: GossipConfig, nodes: number): void {
  if (!(PROTOCOLS as readonly string[]).includes(c.protocol)) throw new ParameterError("protocol", c.protocol, `one of ${PROTOCOLS.join(", ")}`);
  if (!(Number.isInteger(c.messages) && c.messages >= 1)) throw new ParameterError("messages", c.messages, "an integer >= 1");
  if (!(c.messageBytes >= 0 && Number.isFinite(c.messageBytes))) throw new ParameterError("messageBytes", c.messageBytes, "a finite number >= 0, bytes");
  if (!(c.messageIntervalS >= 0 && Number.isFinite(c.messageIntervalS))) throw new ParameterError("messageIntervalS", c.messageIntervalS, "a finite number >= 0, seconds");
  if (!(c.startS >= 0 && Number.isFinite(c.startS))) throw new ParameterError("startS", c.startS, "a finite number >= 0, seconds");
  if (!(c.horizonS > 0 && Number.isFinite(c.horizonS))) throw new ParameterError("horizonS", c.horizonS, "a finite number > 0, seconds");
  if (!(c.crashFraction >= 0 && c.crashFraction < 1)) throw new ParameterError("crashFraction", c.crashFraction, "a number, 0 <= crashFraction < 1");
  if (!(Number.isInteger(c.fanout) && c.fanout >= 1)) throw new ParameterError("fanout", c.fanout, "an integer >= 1");
  if (!(Number.isInteger(c.ttl) && c.ttl >= 0)) throw new ParameterError("ttl", c.ttl, "an integer >= 0 (0: unlimited)");
  if (!(c.periodS > 0 && Number.isFinite(c.periodS))) throw new ParameterError("periodS", c.periodS, "a finite number > 0, seconds");
  if (!(Number.isInteger(c.bloomBits) && c.bloomBits >= 0)) throw new ParameterError("bloomBits", c.bloomBits, "an integer >= 0 (0: exact set)");
  if (!(Number.isInteger(c.bloomHashes) && c.bloomHashes >= 0 && c.bloomHashes <= 64)) throw new ParameterError("bloomHashes", c.bloomHashes, "an integer, 0 <= bloomHashes <= 64 (0: optimal)");
  if (c.bloomBits > 0 && nodes * Math.ceil(c.bloomBits / 32) * 4 > 2 ** 31) throw new ParameterError("bloomBits", c.bloomBits, `nodes * bloomBits / 8 <= 2 GiB (nodes = ${nodes})`);
  if (nodes * c.messages > 2 ** 25) throw new ParameterError("messages", c.messages, `nodes * messages <= 2^25 (nodes = ${nodes}): per-pair receive times are kept`);
  if (c.sources !== undefined) {
    if (c.sources.length !== c.messages) throw new ParameterError("sources", `${c.sources.length} entries`, `one source per message (${c.messages})`);
    for (let j = 0; j < c.messages; j++) if (!(Number.isInteger(c.sources[j]) && c.sources[j] >= 0 && c.sources[j] < nodes)) throw new ParameterError(`sources[${j}]`, c.sources[j], `a node, 0 <= source < ${nodes}`);
  }
  checkGossipsub(c.gossipsub);
}

export function checkGossipsub(g: GossipsubConfig): void {
  const int = (name: keyof GossipsubConfig, min: number) => {
    const v = g[name] as number;
    if (!(Number.isInteger(v) && v >= min)) throw new ParameterError(name, v, `an integer >= ${min}`);
  };
  int("D", 1);
  int("Dlow", 0);
  int("Dhigh", 1);
  int("Dlazy", 0);
  int("mcacheLen", 1);
  int("mcacheGossip", 0);
  if (!(g.Dlow <= g.D)) throw new ParameterError("Dlow", g.Dlow, `Dlow <= D = ${g.D}`);
  if (!(g.D <= g.Dhigh)) throw new ParameterError("Dhigh", g.Dhigh, `Dhigh >= D = ${g.D}`);
  if (!(g.mcacheGossip <= g.mcacheLen)) throw new ParameterError("mcacheGossip", g.mcacheGossip, `mcacheGossip <= mcacheLen = ${g.mcacheLen}`);
  if (!(g.heartbeatS > 0 && Number.isFinite(g.heartbeatS))) throw new ParameterError("heartbeatS", g.heartbeatS, "a finite number > 0, seconds");
  if (!(g.gossipFactor >= 0 && g.gossipFactor <= 1)) throw new ParameterError("gossipFactor", g.gossipFactor, "a number, 0 <= gossipFactor <= 1");
}

/** A config with the defaults filled in (tests, notebooks). */
export function gossipConfig(given: Partial<GossipConfig> & { protocol: GossipProtocol }): GossipConfig {
  return {
    messages: 1,
    messageBytes: 1000,
    messageIntervalS: 1,
    startS: 0,
    horizonS: 60,
    crashFraction: 0,
    fanout: 4,
    ttl: 0,
    periodS: 1,
    bloomBits: 0,
    bloomHashes: 0,
    ...given,
    gossipsub: { ...DEFAULT_GOSSIPSUB, ...(given.gossipsub ?? {}) },
  };
}

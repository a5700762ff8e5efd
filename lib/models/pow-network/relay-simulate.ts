/**
 * Proof-of-work block propagation with the relay protocols Bitcoin nodes run
 * (relay-protocol.ts): announce, request and transfer are separate messages
 * on the shared Network (each with its size, so bandwidth, loss, churn and
 * partitions apply to each), blocks are validated before they are relayed,
 * side branches are not relayed, and a node that lacks a branch (after a
 * partition heals or a node comes back) fetches it block by block.
 *
 * Mining is the model of simulate.ts (Nakamoto 2008; one Poisson process
 * split by hash share, difficulty retargeting by thinning), plus an optional
 * hash-rate schedule: the total hash rate is multiplied by a piecewise
 * constant factor (miners joining and leaving); at each change the pending
 * mining draw is redrawn (memorylessness makes this exact), so retargeting
 * follows the rate the network really has.
 *
 * Per (block, node) a status: 0 unknown, 1 requested (in flight), 2 data
 * received (validating, or waiting for its parent), 3 accepted (the
 * ChainState `seen` bit). A block is requested from one peer at a time and
 * its data is never accepted twice; a request unanswered for
 * requestTimeoutS may go to the next peer that announces the block.
 * Deliveries of block data a node already has count in `duplicateBlocks`
 * (unsolicited compact blocks of the high-bandwidth mode in
 * `duplicateCompact`: BIP 152 accepts those as its price).
 *
 * Needs a graph overlay (peers); the readable kernel (Simulation + Network,
 * one handler per message kind).
 */
import { Simulation } from "../../engine/simulation";
import { Timers } from "../../engine/timers";
import { edgeIndex } from "../../network/graph";
import { Network } from "../../network/network";
import { exponential } from "../../network/latency/draw";
import { ParameterError } from "../../experiment/params";
import type { Rng } from "../../random/seed";
import { ChainState } from "./chain-state";
import { checkNakamotoConfig, defaultMaxEvents, defaultMaxTimeS, setupGraph, type NakamotoConfig, type NakamotoRun, type NakamotoSetup } from "./config";
import { nextDifficulty } from "./difficulty";
import { HashShares } from "./hash-shares";
import { HashSchedule } from "./hash-schedule";
import { chooseTimestamp } from "./timestamps";
import {
  checkRelayConfig,
  compactBlockBytes,
  GETBLOCKTXN_BYTES,
  GETHEADERS_BYTES,
  headersBytes,
  invBytes,
  MESSAGE_HEADER_BYTES,
  validationTimeS,
  type RelayConfig,
} from "./relay-protocol";

const UNKNOWN = 0;
const REQUESTED = 1;
const RECEIVED = 2;
const ACCEPTED = 3;
/** Flag bit in `status`: the node already pushed this block's compact form to its high-bandwidth followers. */
const PUSHED = 4;

/** GETDATA types (arena `type` column). */
const WANT_BLOCKS = 1;
const WANT_COMPACT = 2;

export interface RelayStats {
  /** Full blocks transferred (BLOCK messages delivered). */
  blockTransfers: number;
  /** Compact blocks delivered. */
  compactTransfers: number;
  /** Compact blocks that needed GETBLOCKTXN / BLOCKTXN. */
  compactMisses: number;
  /** Block data delivered to a node that already had it (0 by construction, unless requests time out). */
  duplicateBlocks: number;
  /** Unsolicited high-bandwidth compact blocks the receiver already had. */
  duplicateCompact: number;
  /** Blocks that arrived before their parent (orphans). */
  orphans: number;
  /** Requests sent again after requestTimeoutS. */
  rerequests: number;
}

export function simulateNakamotoRelay(setup: NakamotoSetup, config: NakamotoConfig, rng: Rng): NakamotoRun & { relayStats: RelayStats } {
  const relay = config.relay;
  if (!relay || relay.protocol === "ideal") throw new Error("simulateNakamotoRelay models the inv, headers and compact relays: use simulateNakamoto for the ideal relay");
  checkRelayConfig(relay);
  const graph = setupGraph(setup);
  if (!graph) throw new ParameterError("overlay", "complete", "graph for relay protocols other than ideal (announce, request and transfer run between peers)");
  const n = graph.n;
  checkNakamotoConfig(config, n);
  const shares = new HashShares(n, config.hashShares);
  const schedule = new HashSchedule(config.hashSchedule ?? []);
  const miningRng = rng.child("mining").fast;
  const relayRng = rng.child("relay").fast;
  const sim = new Simulation(4096);
  const pow = sim.scope("pow");
  const net = new Network(sim, setup.network, rng.child("network"));
  const arena = net.arena;
  const state = new ChainState(n, { blocks: config.blocks, genesisDifficulty: config.initialDifficulty ?? 1, recordArrivals: config.recordArrivals, hashShares: config.hashShares });
  const tree = state.tree;
  const T = config.blockIntervalS;
  const retarget = config.retargetBlocks ?? 0;
  const size = config.blockSizeBytes;
  const timestampRule = config.timestamps ?? "true";
  const compactSize = relay.compactBytes ?? compactBlockBytes(size);
  const validateS = validationTimeS(relay, size);
  const protocol = relay.protocol;
  const compact = protocol === "compact-hb" || protocol === "compact-lb";
  const capacity = config.blocks + 1;
  const status = new Uint8Array(capacity * n);
  status.fill(ACCEPTED, 0, n); // everybody has genesis
  const requestedAtS = new Float64Array(capacity * n);
  const cpuFreeS = new Float64Array(n);
  /** Blocks received before their parent, by (parent * n + node). */
  const waiting = new Map<number, number[]>();
  const stats: RelayStats = { blockTransfers: 0, compactTransfers: 0, compactMisses: 0, duplicateBlocks: 0, duplicateCompact: 0, orphans: 0, rerequests: 0 };
  const childDifficulty = new Float64Array(capacity);
  childDifficulty[0] = nextDifficulty(tree, 0, retarget, T);

  // High-bandwidth compact relay: follower[k] = 1 if neighbour graph.neighbors[k] asked node v (k in v's row) to push.
  const follower = new Uint8Array(graph.neighbors.length);
  // Per link v -> w (CSR position in v's row): the best block w is known to have, from what w sent to v
  // (Bitcoin Core's pindexBestKnownBlock): v does not announce to w what w already has.
  const bestKnown = new Int32Array(graph.neighbors.length);
  const peerHas = (v: number, w: number, b: number) => {
    const k = edgeIndex(graph, v, w);
    if (k >= 0 && tree.work[b] > tree.work[bestKnown[k]]) bestKnown[k] = b;
  };
  const knownToHave = (k: number, b: number) => tree.work[bestKnown[k]] >= tree.work[b] && tree.isAncestor(b, bestKnown[k]);
  if (protocol === "compact-hb") pickHighBandwidthPeers(graph, relay.highBandwidthPeers, relayRng, follower);

  const st = (b: number, v: number) => status[b * n + v] & 3;
  const setSt = (b: number, v: number, s: number) => {
    status[b * n + v] = (status[b * n + v] & PUSHED) | s;
  };
  const wantsFrom = (b: number, v: number) => {
    const s = st(b, v);
    if (s === UNKNOWN) return true;
    if (s === REQUESTED && sim.now - requestedAtS[b * n + v] > relay.requestTimeoutS) {
      stats.rerequests++;
      return true;
    }
    return false;
  };
  const markRequested = (b: number, v: number) => {
    setSt(b, v, REQUESTED);
    requestedAtS[b * n + v] = sim.now;
  };

  // ---- messages --------------------------------------------------------------------------------
  const send = (kind: number, from: number, to: number, type: number, b: number, count: number, bytes: number) => {
    net.sendTo(kind, from, to, arena.alloc(type, tree.height[b], count, b, tree.miner[b], bytes));
  };

  const INV = net.defineMessage("inv", (v, msg, w) => {
    const b = arena.value[msg];
    peerHas(v, w, b);
    if (!wantsFrom(b, v)) return;
    markRequested(b, v);
    send(GETDATA, v, w, WANT_BLOCKS, b, 1, invBytes(1));
  });

  const HEADERS = net.defineMessage("headers", (v, msg, w) => {
    const top = arena.value[msg];
    peerHas(v, w, top);
    if (st(top, v) === ACCEPTED) return;
    const count = arena.round[msg];
    const lowest = tree.ancestorAt(top, tree.height[top] - count + 1);
    const parent = tree.parent[lowest];
    if (st(parent, v) === UNKNOWN) {
      // A header that does not connect: ask for the headers in between (block locator).
      send(GETHEADERS, v, w, 0, top, 0, GETHEADERS_BYTES);
      return;
    }
    if (!relay.relaySideBranches && tree.work[top] <= tree.work[state.tip[v]]) return; // not a better chain: not fetched
    requestMissing(v, w, top);
  });

  const GETHEADERS = net.defineMessage("getheaders", (w, msg, v) => {
    // The locator tells w where v's chain leaves w's: send the headers from there to the announced block.
    const top = arena.value[msg];
    let count = 0;
    for (let b = top; b > 0 && st(b, v) === UNKNOWN; b = tree.parent[b]) count++;
    if (count === 0) count = 1;
    send(HEADERS, w, v, 0, top, count, headersBytes(count));
  });

  const GETDATA = net.defineMessage("getdata", (w, msg, v) => {
    const top = arena.value[msg];
    const count = arena.round[msg];
    const type = arena.type[msg];
    if (type === WANT_COMPACT) {
      send(CMPCTBLOCK, w, v, 0, top, 1, compactSize);
      return;
    }
    // Oldest first, so the receiver can validate them in order.
    for (let i = count - 1; i >= 0; i--) {
      const b = tree.ancestorAt(top, tree.height[top] - i);
      send(BLOCK, w, v, 0, b, 1, size);
    }
  });

  const BLOCK = net.defineMessage("block", (v, msg, w) => {
    const b = arena.value[msg];
    peerHas(v, w, b);
    stats.blockTransfers++;
    if (st(b, v) >= RECEIVED) {
      stats.duplicateBlocks++;
      return;
    }
    gotData(v, b, w);
  });

  const CMPCTBLOCK = net.defineMessage("cmpctblock", (v, msg, w) => {
    const b = arena.value[msg];
    peerHas(v, w, b);
    stats.compactTransfers++;
    const s = st(b, v);
    if (s >= RECEIVED || (s === REQUESTED && !arena.round[msg])) {
      // Already had it, or it is on its way from another peer (an unsolicited push: round = 0).
      stats.duplicateCompact++;
      return;
    }
    if (st(tree.parent[b], v) === UNKNOWN) {
      // BIP 152: a compact block that does not connect is treated like its header.
      send(GETHEADERS, v, w, 0, b, 0, GETHEADERS_BYTES);
      return;
    }
    if (relay.compactMissShare > 0 && relayRng.nextFloat() < relay.compactMissShare) {
      stats.compactMisses++;
      markRequested(b, v);
      send(GETBLOCKTXN, v, w, 0, b, 1, GETBLOCKTXN_BYTES);
      return;
    }
    gotData(v, b, w);
  });

  const GETBLOCKTXN = net.defineMessage("getblocktxn", (w, msg, v) => {
    const b = arena.value[msg];
    send(BLOCKTXN, w, v, 0, b, 1, MESSAGE_HEADER_BYTES + 32 + relay.compactMissBytes);
  });

  const BLOCKTXN = net.defineMessage("blocktxn", (v, msg, w) => {
    const b = arena.value[msg];
    if (st(b, v) >= RECEIVED) {
      stats.duplicateBlocks++;
      return;
    }
    gotData(v, b, w);
  });

  // ---- node logic ----------------------------------------------------------------------------

  /** v asks w for the blocks below `top` it lacks (contiguous, oldest missing first). */
  function requestMissing(v: number, w: number, top: number): void {
    let b = top;
    // Skip blocks on their way or received; an accepted block means v has everything below it.
    while (b > 0 && st(b, v) !== ACCEPTED && !wantsFrom(b, v)) b = tree.parent[b];
    if (b <= 0 || st(b, v) === ACCEPTED) return;
    const highest = b;
    let count = 0;
    while (b > 0 && wantsFrom(b, v)) {
      markRequested(b, v);
      count++;
      b = tree.parent[b];
    }
    if (count === 0) return;
    if (compact && count === 1) send(GETDATA, v, w, WANT_COMPACT, highest, 1, invBytes(1));
    else send(GETDATA, v, w, WANT_BLOCKS, highest, count, invBytes(count));
  }

  /** v has the data of block b (from w): push it on (high-bandwidth), validate it, or wait for its parent. */
  function gotData(v: number, b: number, w: number): void {
    setSt(b, v, RECEIVED);
    if (protocol === "compact-hb" && tree.work[b] > tree.work[state.tip[v]]) pushCompact(v, b, w);
    const parent = tree.parent[b];
    if (st(parent, v) === ACCEPTED) {
      startValidation(v, b);
      return;
    }
    stats.orphans++;
    const key = parent * n + v;
    const list = waiting.get(key);
    if (list) list.push(b);
    else waiting.set(key, [b]);
    if (protocol === "inv" && wantsFrom(parent, v)) {
      // Legacy orphan handling: ask the peer that sent the block for its parent.
      markRequested(parent, v);
      send(GETDATA, v, w, WANT_BLOCKS, parent, 1, invBytes(1));
    } else if (protocol !== "inv" && st(parent, v) === UNKNOWN) {
      send(GETHEADERS, v, w, 0, b, 0, GETHEADERS_BYTES);
    }
  }

  /** compact-hb: push block b's compact form to the followers of v (not back to w). */
  function pushCompact(v: number, b: number, except: number): void {
    if (status[b * n + v] & PUSHED) return;
    status[b * n + v] |= PUSHED;
    for (let k = graph!.offsets[v]; k < graph!.offsets[v + 1]; k++) {
      const f = graph!.neighbors[k];
      if (follower[k] === 1 && f !== except && !knownToHave(k, b)) send(CMPCTBLOCK, v, f, 0, b, 0, compactSize);
    }
  }

  const VALIDATED = pow.defineKind("validated", (v, b) => accept(v, b));

  function startValidation(v: number, b: number): void {
    if (validateS === 0) {
      accept(v, b);
      return;
    }
    const start = Math.max(sim.now, cpuFreeS[v]);
    cpuFreeS[v] = start + validateS;
    sim.scheduleAt(start + validateS, VALIDATED, v, b);
  }

  function accept(v: number, b: number): void {
    setSt(b, v, ACCEPTED);
    state.receive(v, b, sim.now);
    if (state.tip[v] === b || relay!.relaySideBranches) announce(v, b, -1);
    adopted(v);
    const key = b * n + v;
    const children = waiting.get(key);
    if (children) {
      waiting.delete(key);
      for (const c of children) if (st(c, v) === RECEIVED) startValidation(v, c);
    }
  }

  /** v tells its peers about block b. */
  function announce(v: number, b: number, except: number): void {
    if (protocol === "compact-hb") pushCompact(v, b, except);
    for (let k = graph!.offsets[v]; k < graph!.offsets[v + 1]; k++) {
      const w = graph!.neighbors[k];
      if (w === except || knownToHave(k, b)) continue;
      if (protocol === "inv") send(INV, v, w, 0, b, 1, invBytes(1));
      else if (!(protocol === "compact-hb" && follower[k] === 1)) send(HEADERS, v, w, 0, b, 1, headersBytes(1));
    }
  }

  // ---- mining (as simulate.ts, with the hash-rate schedule) ----------------------------------
  let mined = 0;
  let dMin = childDifficulty[0];
  const meanWaitS = () => (T * dMin) / schedule.factorAt(sim.now);
  const adopted = (v: number) => {
    if (retarget > 0 && childDifficulty[state.tip[v]] < dMin && mined < config.blocks) {
      dMin = childDifficulty[state.tip[v]];
      mining.set(0, exponential(miningRng, meanWaitS()));
    }
  };
  const mining = new Timers(pow, "mine", 1, () => {
    const v = shares.pick(miningRng);
    let found = net.online[v] === 1;
    if (found && retarget > 0) {
      const d = childDifficulty[state.tip[v]];
      if (d > dMin) found = miningRng.nextFloat() < dMin / d;
    }
    if (found) {
      const b = state.mine(v, sim.now, childDifficulty[state.tip[v]]);
      if (timestampRule !== "true") tree.timestampS[b] = chooseTimestamp(tree, b, timestampRule, retarget);
      childDifficulty[b] = nextDifficulty(tree, b, retarget, T);
      setSt(b, v, ACCEPTED);
      mined++;
      announce(v, b, -1);
      if (retarget > 0) dMin = minTipDifficulty(state.tip, childDifficulty);
    }
    if (mined < config.blocks) mining.set(0, exponential(miningRng, meanWaitS()));
    else net.endChurn();
  });
  const rateChange = pow.defineKind("hash-rate", () => {
    if (mined < config.blocks) mining.set(0, exponential(miningRng, meanWaitS()));
  });
  for (const c of schedule.changes) sim.scheduleAt(c.atS, rateChange);

  // Resynchronisation after churn and partitions: each side announces its tip over every link.
  const exchangeTips = (v: number) => {
    for (let i = 0, d = net.degree(v); i < d; i++) {
      const w = net.neighbour(v, i);
      if (net.online[w] === 0) continue;
      announceTo(w, v, state.tip[w]);
      announceTo(v, w, state.tip[v]);
    }
  };
  const announceTo = (from: number, to: number, b: number) => {
    if (b === 0) return;
    if (protocol === "inv") send(INV, from, to, 0, b, 1, invBytes(1));
    else send(HEADERS, from, to, 0, b, 1, headersBytes(1));
  };
  net.onNodeUp(exchangeTips);
  net.onHeal(() => {
    for (let v = 0; v < n; v++) if (net.online[v] === 1) exchangeTips(v);
  });

  mining.set(0, exponential(miningRng, meanWaitS()));
  const report = sim.run({ maxEvents: defaultMaxEvents(config, setup) * 4, maxTimeS: defaultMaxTimeS(config) });
  return {
    state,
    config,
    setup,
    mined,
    miningEvents: mining.fired + mining.stale,
    deliveries: stats.blockTransfers + stats.compactTransfers,
    duplicates: stats.duplicateBlocks + stats.duplicateCompact,
    events: sim.events,
    stop: report.stop,
    endTimeS: sim.now,
    kernel: "relay",
    networkStats: net.stats,
    eventCounts: sim.eventCounts(),
    relayStats: stats,
  };
}

/** compact-hb: each node v picks up to `peers` of its neighbours at random; they push to v (follower bit on their row). */
export function pickHighBandwidthPeers(graph: { n: number; offsets: Int32Array; neighbors: Int32Array }, peers: number, rng: { below(n: number): number }, follower: Uint8Array): void {
  for (let v = 0; v < graph.n; v++) {
    const start = graph.offsets[v];
    const deg = graph.offsets[v + 1] - start;
    const picks = Math.min(peers, deg);
    const order = Array.from({ length: deg }, (_, i) => i);
    for (let i = 0; i < picks; i++) {
      const j = i + rng.below(deg - i);
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
      const w = graph.neighbors[start + order[i]];
      follower[edgeIndex(graph as never, w, v)] = 1;
    }
  }
}

function minTipDifficulty(tip: Int32Array, childDifficulty: Float64Array): number {
  let m = Infinity;
  for (let v = 0; v < tip.length; v++) if (childDifficulty[tip[v]] < m) m = childDifficulty[tip[v]];
  return m;
}

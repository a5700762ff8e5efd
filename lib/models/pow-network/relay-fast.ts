/**
 * The fast kernel of the relay protocols (relay-simulate.ts is the readable
 * one): same model, same random draws, same event order, so the runs are
 * identical (test/models/pow-network/relay-kernels.test.ts). For a graph
 * overlay without loss, churn, crashes, partitions, jitter or CPU costs,
 * with or without upload queueing, without retargeting or a hash-rate
 * schedule: the workload of the `simblock` preset.
 *
 * What changes is the loop: one EventQueue used directly, a switch instead of
 * a handler per message kind, message payloads in the event words (block id
 * and the CSR link it travels on, from which sender and reply link follow)
 * instead of an arena, and the Network's send arithmetic inlined with the
 * link rates precomputed:
 *   plain:     arrival = now + (tx + latency)
 *   queueing:  start = max(now, uplinkFree[from]); uplinkFree[from] = start + tx;
 *              arrival = start + tx + latency
 * The rare multi-block messages (headers and getdata of a branch) keep their
 * count in a small side table.
 */
import { EventQueue } from "../../engine/event-queue";
import type { StopReason } from "../../engine/simulation";
import { edgeIndex } from "../../network/graph";
import { exponential } from "../../network/latency/draw";
import { NodeResources } from "../../network/node-resources";
import type { Rng } from "../../random/seed";
import { ChainState } from "./chain-state";
import { checkNakamotoConfig, defaultMaxEvents, defaultMaxTimeS, setupGraph, type NakamotoConfig, type NakamotoRun, type NakamotoSetup } from "./config";
import { HashShares } from "./hash-shares";
import { checkRelayConfig, compactBlockBytes, GETBLOCKTXN_BYTES, GETHEADERS_BYTES, headersBytes, invBytes, MESSAGE_HEADER_BYTES, validationTimeS } from "./relay-protocol";
import { pickHighBandwidthPeers, type RelayStats } from "./relay-simulate";

// Event kinds.
const MINE = 0;
const VALIDATED = 1;
const INV = 2;
const HEADERS1 = 3; // a = block
const HEADERS_N = 4; // a = side-table entry (top, count)
const GETHEADERS = 5;
const GETDATA1 = 6; // a = block, full block
const GETDATA_N = 7; // a = side-table entry
const GETDATA_CMPCT = 8;
const BLOCK = 9;
const CMPCT_PUSH = 10; // unsolicited (high bandwidth)
const CMPCT_ASKED = 11; // answer to GETDATA_CMPCT
const GETBLOCKTXN = 12;
const BLOCKTXN = 13;

const UNKNOWN = 0;
const REQUESTED = 1;
const RECEIVED = 2;
const ACCEPTED = 3;
const PUSHED = 4;

/** Why a setup/config cannot take the fast relay kernel, or null if it can. */
export function fastRelayObstacle(setup: NakamotoSetup, config: NakamotoConfig): string | null {
  const o = setup.network;
  if (!config.relay || config.relay.protocol === "ideal") return "the ideal relay (simulateNakamotoFast)";
  if (o.overlay.kind !== "graph") return "a complete overlay";
  if (!o.linkLatencyS) return "pair latencies on a graph (no linkLatencyS)";
  if ((o.lossRate ?? 0) > 0) return "message loss";
  if (o.churn) return "churn";
  if (o.crashes && o.crashes.length > 0) return "crashes";
  if (o.partitions && o.partitions.length > 0) return "partitions";
  if (o.jitter) return "jitter";
  if (new NodeResources(o.overlay.graph.n, o.resources).hasCpu) return "CPU costs";
  if ((config.retargetBlocks ?? 0) > 0) return "difficulty retargeting";
  if (config.hashSchedule && config.hashSchedule.length > 0) return "a hash-rate schedule";
  if ((config.timestamps ?? "true") !== "true") return "a timestamp rule";
  return null;
}

export function simulateNakamotoRelayFast(setup: NakamotoSetup, config: NakamotoConfig, rng: Rng): NakamotoRun & { relayStats: RelayStats } {
  const obstacle = fastRelayObstacle(setup, config);
  if (obstacle) throw new Error(`the fast relay kernel does not model ${obstacle}: use simulateNakamotoRelay`);
  const relay = config.relay!;
  checkRelayConfig(relay);
  const graph = setupGraph(setup)!;
  const n = graph.n;
  checkNakamotoConfig(config, n);
  const shares = new HashShares(n, config.hashShares);
  const miningRng = rng.child("mining").fast;
  const relayRng = rng.child("relay").fast;
  rng.child("network"); // the readable kernel's Network stream (no draws without faults)
  const state = new ChainState(n, { blocks: config.blocks, genesisDifficulty: config.initialDifficulty ?? 1, recordArrivals: config.recordArrivals, hashShares: config.hashShares });
  const tree = state.tree;
  const parentOf = tree.parent;
  const work = tree.work;
  const tip = state.tip;
  const difficulty = config.initialDifficulty ?? 1;
  const meanIntervalS = config.blockIntervalS * difficulty;
  const size = config.blockSizeBytes;
  const compactSize = relay.compactBytes ?? compactBlockBytes(size);
  const blocktxnSize = MESSAGE_HEADER_BYTES + 32 + relay.compactMissBytes;
  const validateS = validationTimeS(relay, size);
  const protocol = relay.protocol;
  const isInv = protocol === "inv";
  const isHb = protocol === "compact-hb";
  const compact = isHb || protocol === "compact-lb";
  const sideBranches = relay.relaySideBranches;
  const missShare = relay.compactMissShare;
  const timeoutS = relay.requestTimeoutS;
  const capacity = config.blocks + 1;
  const status = new Uint8Array(capacity * n);
  status.fill(ACCEPTED, 0, n);
  const requestedAtS = new Float64Array(capacity * n);
  const cpuFreeS = new Float64Array(n);
  const waiting = new Map<number, number[]>();
  const stats: RelayStats = { blockTransfers: 0, compactTransfers: 0, compactMisses: 0, duplicateBlocks: 0, duplicateCompact: 0, orphans: 0, rerequests: 0 };
  const follower = new Uint8Array(graph.neighbors.length);
  if (isHb) pickHighBandwidthPeers(graph, relay.highBandwidthPeers, relayRng, follower);

  // Links: source, reverse position, latency, rate.
  const offsets = graph.offsets;
  const neighbors = graph.neighbors;
  const links = neighbors.length;
  const src = new Int32Array(links);
  const rev = new Int32Array(links);
  for (let v = 0; v < n; v++) for (let k = offsets[v]; k < offsets[v + 1]; k++) src[k] = v;
  for (let k = 0; k < links; k++) rev[k] = edgeIndex(graph, neighbors[k], src[k]);
  const lat = setup.network.linkLatencyS!;
  const res = new NodeResources(n, setup.network.resources);
  const rate = res.linkRates(graph);
  const queueing = res.uploadQueueing;
  const uplinkFree = new Float64Array(queueing ? n : 0);
  // Per link v -> w: the best block w is known to have (relay-simulate.ts).
  const bestKnown = new Int32Array(links);
  /** The sender of a message over link k has b: record it on the reverse link. */
  const peerHas = (k: number, b: number) => {
    const r = rev[k];
    if (work[b] > work[bestKnown[r]]) bestKnown[r] = b;
  };
  const knownToHave = (k: number, b: number) => work[bestKnown[k]] >= work[b] && tree.isAncestor(b, bestKnown[k]);
  let sentMessages = 0;
  let sentBytes = 0;

  // Side table of (top, count) for multi-block messages.
  let sideTop = new Int32Array(64);
  let sideCount = new Int32Array(64);
  const sideFree: number[] = [];
  let sideNext = 0;
  const sideAlloc = (top: number, count: number): number => {
    let i: number;
    if (sideFree.length > 0) i = sideFree.pop()!;
    else {
      i = sideNext++;
      if (i >= sideTop.length) {
        const t = new Int32Array(sideTop.length * 2);
        t.set(sideTop);
        sideTop = t;
        const c = new Int32Array(sideCount.length * 2);
        c.set(sideCount);
        sideCount = c;
      }
    }
    sideTop[i] = top;
    sideCount[i] = count;
    return i;
  };

  const q = new EventQueue(4096);
  let now = 0;

  /** Send over link k (src[k] -> neighbors[k]). */
  const send = (kind: number, k: number, a: number, bytes: number): void => {
    sentMessages++;
    sentBytes += bytes;
    const bps = rate[k];
    const tx = bps === Infinity ? 0 : (bytes * 8) / bps;
    let arrival: number;
    if (queueing) {
      const from = src[k];
      const start = uplinkFree[from] > now ? uplinkFree[from] : now;
      uplinkFree[from] = start + tx;
      arrival = start + tx + lat[k];
    } else arrival = now + (tx + lat[k]);
    q.push(arrival, kind, neighbors[k], a, k, 0);
  };

  const st = (b: number, v: number) => status[b * n + v] & 3;
  const setSt = (b: number, v: number, s: number) => {
    status[b * n + v] = (status[b * n + v] & PUSHED) | s;
  };
  const wantsFrom = (b: number, v: number): boolean => {
    const s = status[b * n + v] & 3;
    if (s === UNKNOWN) return true;
    if (s === REQUESTED && now - requestedAtS[b * n + v] > timeoutS) {
      stats.rerequests++;
      return true;
    }
    return false;
  };
  const markRequested = (b: number, v: number) => {
    setSt(b, v, REQUESTED);
    requestedAtS[b * n + v] = now;
  };

  function requestMissing(v: number, back: number, top: number): void {
    let b = top;
    while (b > 0 && st(b, v) !== ACCEPTED && !wantsFrom(b, v)) b = parentOf[b];
    if (b <= 0 || st(b, v) === ACCEPTED) return;
    const highest = b;
    let count = 0;
    while (b > 0 && wantsFrom(b, v)) {
      markRequested(b, v);
      count++;
      b = parentOf[b];
    }
    if (count === 0) return;
    if (compact && count === 1) send(GETDATA_CMPCT, back, highest, invBytes(1));
    else if (count === 1) send(GETDATA1, back, highest, invBytes(1));
    else send(GETDATA_N, back, sideAlloc(highest, count), invBytes(count));
  }

  function gotData(v: number, b: number, back: number): void {
    setSt(b, v, RECEIVED);
    if (isHb && work[b] > work[tip[v]]) pushCompact(v, b, neighbors[back]);
    const parent = parentOf[b];
    if (st(parent, v) === ACCEPTED) {
      startValidation(v, b);
      return;
    }
    stats.orphans++;
    const key = parent * n + v;
    const list = waiting.get(key);
    if (list) list.push(b);
    else waiting.set(key, [b]);
    if (isInv && wantsFrom(parent, v)) {
      markRequested(parent, v);
      send(GETDATA1, back, parent, invBytes(1));
    } else if (!isInv && st(parent, v) === UNKNOWN) {
      send(GETHEADERS, back, b, GETHEADERS_BYTES);
    }
  }

  function pushCompact(v: number, b: number, except: number): void {
    if (status[b * n + v] & PUSHED) return;
    status[b * n + v] |= PUSHED;
    for (let k = offsets[v], end = offsets[v + 1]; k < end; k++) {
      if (follower[k] === 1 && neighbors[k] !== except && !knownToHave(k, b)) send(CMPCT_PUSH, k, b, compactSize);
    }
  }

  function startValidation(v: number, b: number): void {
    if (validateS === 0) {
      accept(v, b);
      return;
    }
    const start = Math.max(now, cpuFreeS[v]);
    cpuFreeS[v] = start + validateS;
    q.push(start + validateS, VALIDATED, v, b, 0, 0);
  }

  function accept(v: number, b: number): void {
    setSt(b, v, ACCEPTED);
    state.receive(v, b, now);
    if (tip[v] === b || sideBranches) announce(v, b, -1);
    const key = b * n + v;
    const children = waiting.get(key);
    if (children) {
      waiting.delete(key);
      for (const c of children) if (st(c, v) === RECEIVED) startValidation(v, c);
    }
  }

  function announce(v: number, b: number, except: number): void {
    if (isHb) pushCompact(v, b, except);
    for (let k = offsets[v], end = offsets[v + 1]; k < end; k++) {
      const w = neighbors[k];
      if (w === except || knownToHave(k, b)) continue;
      if (isInv) send(INV, k, b, invBytes(1));
      else if (!(isHb && follower[k] === 1)) send(HEADERS1, k, b, headersBytes(1));
    }
  }

  function onHeaders(v: number, top: number, count: number, k: number): void {
    if (st(top, v) === ACCEPTED) return;
    const lowest = tree.ancestorAt(top, tree.height[top] - count + 1);
    const parent = parentOf[lowest];
    if (st(parent, v) === UNKNOWN) {
      send(GETHEADERS, rev[k], top, GETHEADERS_BYTES);
      return;
    }
    if (!sideBranches && work[top] <= work[tip[v]]) return;
    requestMissing(v, rev[k], top);
  }

  function onCompact(v: number, b: number, k: number, asked: boolean): void {
    stats.compactTransfers++;
    const s = st(b, v);
    if (s >= RECEIVED || (s === REQUESTED && !asked)) {
      stats.duplicateCompact++;
      return;
    }
    if (st(parentOf[b], v) === UNKNOWN) {
      send(GETHEADERS, rev[k], b, GETHEADERS_BYTES);
      return;
    }
    if (missShare > 0 && relayRng.nextFloat() < missShare) {
      stats.compactMisses++;
      markRequested(b, v);
      send(GETBLOCKTXN, rev[k], b, GETBLOCKTXN_BYTES);
      return;
    }
    gotData(v, b, rev[k]);
  }

  let mined = 0;
  let events = 0;
  let stop: StopReason = "drained";
  const maxEvents = defaultMaxEvents(config, setup) * 4;
  const maxTimeS = defaultMaxTimeS(config);
  const blocks = config.blocks;
  q.push(now + exponential(miningRng, meanIntervalS), MINE, 0, 0, 0, 0);
  for (;;) {
    if (events >= maxEvents) {
      if (q.size > 0) stop = "max-events";
      break;
    }
    if (!q.popUntil(maxTimeS)) {
      if (q.size > 0) {
        stop = "max-time";
        now = maxTimeS;
      }
      break;
    }
    now = q.time;
    events++;
    const v = q.target;
    const a = q.a;
    const k = q.b;
    switch (q.kind) {
      case MINE: {
        const m = shares.pick(miningRng);
        const b = state.mine(m, now, difficulty);
        setSt(b, m, ACCEPTED);
        mined++;
        announce(m, b, -1);
        if (mined < blocks) q.push(now + exponential(miningRng, meanIntervalS), MINE, 0, 0, 0, 0);
        break;
      }
      case VALIDATED:
        accept(v, a);
        break;
      case INV:
        peerHas(k, a);
        if (!wantsFrom(a, v)) break;
        markRequested(a, v);
        send(GETDATA1, rev[k], a, invBytes(1));
        break;
      case HEADERS1:
        peerHas(k, a);
        onHeaders(v, a, 1, k);
        break;
      case HEADERS_N: {
        const top = sideTop[a];
        const count = sideCount[a];
        sideFree.push(a);
        peerHas(k, top);
        onHeaders(v, top, count, k);
        break;
      }
      case GETHEADERS: {
        // v is the sender w of the readable kernel; the requester is src[k].
        const r = src[k];
        let count = 0;
        for (let b = a; b > 0 && st(b, r) === UNKNOWN; b = parentOf[b]) count++;
        if (count === 0) count = 1;
        if (count === 1) send(HEADERS1, rev[k], a, headersBytes(1));
        else send(HEADERS_N, rev[k], sideAlloc(a, count), headersBytes(count));
        break;
      }
      case GETDATA1:
        send(BLOCK, rev[k], a, size);
        break;
      case GETDATA_N: {
        const top = sideTop[a];
        const count = sideCount[a];
        sideFree.push(a);
        for (let i = count - 1; i >= 0; i--) send(BLOCK, rev[k], tree.ancestorAt(top, tree.height[top] - i), size);
        break;
      }
      case GETDATA_CMPCT:
        send(CMPCT_ASKED, rev[k], a, compactSize);
        break;
      case BLOCK:
        peerHas(k, a);
        stats.blockTransfers++;
        if (st(a, v) >= RECEIVED) {
          stats.duplicateBlocks++;
          break;
        }
        gotData(v, a, rev[k]);
        break;
      case CMPCT_PUSH:
        peerHas(k, a);
        onCompact(v, a, k, false);
        break;
      case CMPCT_ASKED:
        peerHas(k, a);
        onCompact(v, a, k, true);
        break;
      case GETBLOCKTXN:
        send(BLOCKTXN, rev[k], a, blocktxnSize);
        break;
      case BLOCKTXN:
        if (st(a, v) >= RECEIVED) {
          stats.duplicateBlocks++;
          break;
        }
        gotData(v, a, rev[k]);
        break;
    }
  }
  return {
    state,
    config,
    setup,
    mined,
    miningEvents: mined,
    deliveries: stats.blockTransfers + stats.compactTransfers,
    duplicates: stats.duplicateBlocks + stats.duplicateCompact,
    events,
    stop,
    endTimeS: now,
    kernel: "fast",
    networkStats: null,
    eventCounts: null,
    relayStats: stats,
  };
}

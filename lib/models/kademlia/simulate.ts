/**
 * A Kademlia run on the shared engine and Network (lib/engine, lib/network):
 * FIND_NODE requests and NODES responses are network messages (latency,
 * bandwidth, loss, churn come from the network configuration), timeouts are
 * engine events, and every node's routing table (RoutingTables) changes as
 * messages arrive (Maymounkov & Mazieres 2002, sections 2.2 and 2.3).
 *
 * Setup: uniform random ids; the tables of a settled static network
 * (build-tables.ts). Then `lookups` measured lookups at warmupS + j *
 * lookupIntervalS, each for a uniform random target from a uniform random
 * online node; optional maintenance lookups (bucket refresh every refreshS at
 * a uniform phase per node, a self-lookup when a node comes back online).
 *
 * Joins (section 2.3): `joiners` random nodes other than the bootstrap nodes
 * lose their tables at time 0 (the others still know them) and at joinAtS
 * start from the bootstrap nodes 0 .. bootstrapNodes - 1 alone, of which the
 * first censoredBootstrap are down (crashed at time 0). A joiner looks up its
 * own id, then one random id in each bucket further than its closest
 * neighbour's; its table then is what it learned from the nodes that
 * answered it.
 *
 * Random streams (children of the run's rng): "ids", "tables", "lookups"
 * (initiators and targets), "refresh" (phases and refresh targets), "join"
 * (who joins, bucket-refresh targets), and
 * "network" (the Network's own streams: loss, jitter, churn).
 *
 * The run stops when the last measured lookup has finished (maintenance
 * traffic and churn would otherwise run for ever), or at the time cap.
 */
import { Simulation } from "../../engine/simulation";
import { Network } from "../../network/network";
import type { NetworkConfig } from "../../network/runtime-config";
import type { Rng } from "../../random/seed";
import type { Xoshiro128 } from "../../random/xoshiro128";
import { buildIdealTables } from "./build-tables";
import type { JoinRecord, KademliaConfig, KademliaRun, LookupRecord } from "./config";
import { compareDistance, idWords, randomIdInBucket, randomIds } from "./ids";
import { ANSWERED, IN_FLIGHT, LookupState } from "./lookup";
import type { RoutingTables } from "./routing-table";

const PENDING = 0;
const DONE = 1;
const FAILED = 2;

export interface KademliaSetup {
  network: NetworkConfig;
  /** Ids to use instead of drawing them (n * idBits / 32 words). */
  ids?: Uint32Array;
}

/** The live state of a run, exposed for tests (routing-table invariants, brute-force checks). */
export interface KademliaWorld {
  sim: Simulation;
  net: Network;
  tables: RoutingTables;
  ids: Uint32Array;
  words: number;
  targets: Uint32Array;
  lookups: LookupState[];
}

/** `joiners` distinct uniform nodes among those that are not bootstrap nodes. */
function chooseJoiners(n: number, config: KademliaConfig, rng: Xoshiro128): number[] {
  const pool: number[] = [];
  for (let v = config.bootstrapNodes; v < n; v++) pool.push(v);
  const count = Math.min(config.joiners, pool.length);
  for (let i = 0; i < count; i++) {
    const r = i + rng.below(pool.length - i);
    const t = pool[i];
    pool[i] = pool[r];
    pool[r] = t;
  }
  return pool.slice(0, count);
}

/** Run the configured lookups; returns the records and the world (for checks). */
export function simulateKademlia(setup: KademliaSetup, config: KademliaConfig, rng: Rng): { run: KademliaRun; world: KademliaWorld } {
  const network = setup.network;
  const n = network.overlay.kind === "graph" ? network.overlay.graph.n : network.overlay.n;
  const words = idWords(config.idBits);
  const ids = setup.ids ?? randomIds(n, words, rng.child("ids").fast);
  if (ids.length !== n * words) throw new RangeError(`ids: ${ids.length} words for ${n} nodes of ${words} words`);
  const tables = buildIdealTables(ids, n, words, config.k, rng.child("tables").fast);
  const joinRng = rng.child("join").fast;
  const joiners = chooseJoiners(n, config, joinRng);
  const settled = joiners.map((v) => tables.contactCount(v));
  for (const v of joiners) tables.clear(v);
  const censored = Array.from({ length: config.censoredBootstrap }, (_, b) => ({ node: b, atS: 0 }));
  const sim = new Simulation(4096);
  const net = new Network(sim, censored.length > 0 ? { ...network, crashes: [...(network.crashes ?? []), ...censored] } : network, rng.child("network"));
  const lookupRng = rng.child("lookups").fast;
  const refreshRng = rng.child("refresh").fast;
  const { k, alpha } = config;
  const alive = (y: number): boolean => net.online[y] === 1;

  // Targets of all lookups (measured and maintenance), W words each; grows.
  let targets = new Uint32Array(64 * words);
  const lookups: LookupState[] = [];
  // Requests: lookup, queried node, state.
  const reqLookup: number[] = [];
  const reqTo: number[] = [];
  const reqState: number[] = [];
  // Response slots: k contacts each, with a free list.
  let slotContacts = new Int32Array(64 * k);
  const slotCount: number[] = [];
  const freeSlots: number[] = [];
  const records: LookupRecord[] = [];
  let measuredDone = 0;
  let maintenance = 0;

  const scope = sim.scope("kad");

  function newTarget(source: Xoshiro128 | null, own: number): number {
    const j = lookups.length;
    if ((j + 1) * words > targets.length) {
      const grown = new Uint32Array(targets.length * 2);
      grown.set(targets);
      targets = grown;
    }
    for (let w = 0; w < words; w++) targets[j * words + w] = source ? source.next() : ids[own * words + w];
    return j * words;
  }

  function takeSlot(): number {
    const s = freeSlots.length > 0 ? (freeSlots.pop() as number) : slotCount.length;
    if (s === slotCount.length) slotCount.push(0);
    if ((s + 1) * k > slotContacts.length) {
      const grown = new Int32Array(slotContacts.length * 2);
      grown.set(slotContacts);
      slotContacts = grown;
    }
    return s;
  }

  const FIND_NODE = net.defineMessage("find-node", (to, msg, from) => {
    const req = net.arena.value[msg];
    tables.touch(to, from, alive);
    const lookup = lookups[reqLookup[req]];
    const slot = takeSlot();
    const count = tables.closest(to, targets, lookup.targetOffset, k, slotContacts.subarray(slot * k, slot * k + k));
    slotCount[slot] = count;
    net.sendTo(NODES, to, from, net.arena.alloc(1, slot, 0, req, to, config.responseBytes + count * config.contactBytes));
  });

  const NODES = net.defineMessage("nodes", (to, msg, from) => {
    const req = net.arena.value[msg];
    const slot = net.arena.height[msg];
    const count = slotCount[slot];
    freeSlots.push(slot);
    if (reqState[req] !== PENDING) return; // timed out already
    reqState[req] = DONE;
    tables.touch(to, from, alive);
    const lookup = lookups[reqLookup[req]];
    if (lookup.done) return;
    lookup.inFlight--;
    const q = lookup.indexOf(from);
    let hop = 1;
    if (q >= 0) {
      lookup.states[q] = ANSWERED;
      hop = lookup.hops[q];
    } else hop = reqHop[req];
    const since = sim.now - lookup.startS;
    for (let c = 0; c < count; c++) lookup.offer(slotContacts[slot * k + c], hop + 1, since, ids, targets, words);
    advance(lookup);
  });

  const reqHop: number[] = [];

  const TIMEOUT = scope.defineKind("timeout", (req) => {
    if (reqState[req] !== PENDING) return;
    reqState[req] = FAILED;
    const lookup = lookups[reqLookup[req]];
    tables.remove(lookup.initiator, reqTo[req]);
    if (lookup.done) return;
    lookup.inFlight--;
    lookup.timeouts++;
    const q = lookup.indexOf(reqTo[req]);
    if (q >= 0) lookup.removeAt(q);
    advance(lookup);
  });

  function query(lookup: LookupState, q: number): void {
    const to = lookup.nodes[q];
    lookup.states[q] = IN_FLIGHT;
    lookup.inFlight++;
    lookup.queries++;
    const req = reqLookup.length;
    reqLookup.push(lookup.id);
    reqTo.push(to);
    reqState.push(PENDING);
    reqHop.push(lookup.hops[q]);
    net.sendTo(FIND_NODE, lookup.initiator, to, net.arena.alloc(0, 0, 0, req, lookup.initiator, config.requestBytes));
    sim.schedule(config.rpcTimeoutS, TIMEOUT, req);
  }

  /** Keep alpha queries in flight; finish when the shortlist is exhausted. */
  function advance(lookup: LookupState): void {
    while (lookup.inFlight < alpha) {
      const q = lookup.nextUnqueried();
      if (q < 0) break;
      query(lookup, q);
    }
    if (lookup.finished()) finish(lookup);
  }

  function finish(lookup: LookupState): void {
    lookup.done = true;
    const j = joinOf.get(lookup.id);
    if (j !== undefined) joinLookupDone(j, lookup);
    if (!lookup.measured) return;
    const found = lookup.length > 0 ? lookup.nodes[0] : -1;
    records.push({
      initiator: lookup.initiator,
      found,
      hops: lookup.length > 0 ? lookup.hops[0] : 0,
      latencyS: sim.now - lookup.startS,
      latencyToFoundS: lookup.length > 0 ? lookup.learnedS[0] : 0,
      queries: lookup.queries,
      timeouts: lookup.timeouts,
      trueClosest: closestOnline(lookup.targetOffset, lookup.initiator),
    });
    if (++measuredDone === config.lookups) sim.stop();
  }

  /** The online node other than `except` closest to the target: a linear scan (the brute force, without sorting). */
  function closestOnline(ot: number, except: number): number {
    let best = -1;
    for (let v = 0; v < n; v++) {
      if (v === except || net.online[v] !== 1) continue;
      if (best < 0 || compareDistance(ids, v * words, best * words, targets, ot, words) < 0) best = v;
    }
    return best;
  }

  function startLookup(initiator: number, targetOffset: number, measured: boolean): void {
    const lookup = new LookupState(lookups.length, initiator, targetOffset, sim.now, measured, k);
    lookups.push(lookup);
    const own = new Int32Array(k);
    const m = tables.closest(initiator, targets, targetOffset, k, own);
    for (let q = 0; q < m; q++) lookup.offer(own[q], 1, 0, ids, targets, words);
    advance(lookup);
  }

  /** A uniform random online node (-1 if none is online). */
  function randomOnline(source: Xoshiro128): number {
    for (let tries = 0; tries < 64; tries++) {
      const v = source.below(n);
      if (net.online[v] === 1) return v;
    }
    const online: number[] = [];
    for (let v = 0; v < n; v++) if (net.online[v] === 1) online.push(v);
    return online.length > 0 ? online[source.below(online.length)] : -1;
  }

  const MEASURED = scope.defineKind("lookup", () => {
    const initiator = randomOnline(lookupRng);
    const offset = newTarget(lookupRng, 0);
    if (initiator < 0) {
      // Nobody online: the lookup fails at once.
      records.push({ initiator: -1, found: -1, hops: 0, latencyS: 0, latencyToFoundS: 0, queries: 0, timeouts: 0, trueClosest: -1 });
      if (++measuredDone === config.lookups) sim.stop();
      return;
    }
    startLookup(initiator, offset, true);
  });
  for (let j = 0; j < config.lookups; j++) sim.scheduleAt(config.warmupS + j * config.lookupIntervalS, MEASURED);

  if (config.refreshS > 0) {
    const REFRESH = scope.defineKind("refresh", (v) => {
      if (net.online[v] === 1) {
        maintenance++;
        startLookup(v, newTarget(refreshRng, 0), false);
      }
      sim.schedule(config.refreshS, REFRESH, v);
    });
    for (let v = 0; v < n; v++) sim.schedule(refreshRng.nextFloat() * config.refreshS, REFRESH, v);
  }
  // Joins: a self-lookup first, then one lookup per bucket further than the closest neighbour's.
  const joinOf = new Map<number, number>();
  const joinPending = joiners.map(() => 0);
  const joins: JoinRecord[] = [];
  function joinLookupDone(j: number, lookup: LookupState): void {
    const v = joiners[j];
    if (lookup.targetOffset === joinSelfOffset[j]) {
      // Self-lookup done: refresh buckets 0 .. c - 1, c = cpl(v, closest neighbour found).
      const c = lookup.length > 0 ? tables.bucketIndex(v, lookup.nodes[0]) : 0;
      for (let b = 0; b < c; b++) {
        const offset = newTarget(null, v);
        randomIdInBucket(ids, v, words, b, joinRng, targets, offset);
        joinPending[j]++;
        joinOf.set(lookups.length, j);
        startLookup(v, offset, false);
      }
    }
    if (--joinPending[j] === 0) joins.push({ node: v, contacts: tables.contactCount(v), settledContacts: settled[j], durationS: sim.now - config.joinAtS });
  }
  const joinSelfOffset = joiners.map(() => -1);
  if (joiners.length > 0) {
    const JOIN = scope.defineKind("join", (j) => {
      const v = joiners[j];
      for (let b = 0; b < config.bootstrapNodes; b++) if (b !== v) tables.touch(v, b, () => true);
      maintenance++;
      joinSelfOffset[j] = newTarget(null, v);
      joinPending[j] = 1;
      joinOf.set(lookups.length, j);
      startLookup(v, joinSelfOffset[j], false);
    });
    joiners.forEach((_, j) => sim.scheduleAt(config.joinAtS, JOIN, j));
  }

  if (config.rejoinLookup) {
    net.onNodeUp((v) => {
      maintenance++;
      startLookup(v, newTarget(null, v), false);
    });
  }

  const report = sim.run({ maxTimeS: config.warmupS + config.lookups * config.lookupIntervalS + 100 * config.rpcTimeoutS + 3600 });
  return {
    run: { nodes: n, joins, records, unfinished: config.lookups - measuredDone, maintenanceLookups: maintenance, events: report.events },
    world: { sim, net, tables, ids, words, targets, lookups },
  };
}

/**
 * One reachable Bitcoin node's inbound slots under a connection flood.
 *
 * Slots (Bitcoin Core src/net.h, via ../eclipse/bitcoin-constants.ts): 8
 * outbound full-relay and 2 block-relay-only, which inbound traffic never
 * touches, and 125 - 8 - 2 - 1 feeler = 114 inbound. Honest peers arrive as a
 * Poisson stream (one fresh IP each, in one of many /16 groups) and stay an
 * exponential time; attacker connection attempts arrive as a second Poisson
 * stream from a few IPs in a few /16 groups and stay until evicted or banned.
 * A full node then runs the eviction rule (./eviction.ts; "none" refuses the
 * newcomer instead), an optional per-IP token bucket (./token-bucket.ts), and
 * misbehavior scoring (./misbehavior.ts): an attacker peer sends invalid
 * messages as a Poisson stream, reaches 100 points and is banned with every
 * connection from its IP (or, as Bitcoin Core 0.20+, discouraged: the peer
 * is dropped, its IP accepted only while 2+ inbound slots are free and then
 * evicted first).
 *
 * Runs on the shared discrete-event engine (lib/engine/simulation.ts), scope
 * "flood", with four event kinds: "arrival" (the superposed honest + attacker
 * Poisson stream, thinned into honest or attacker at each arrival),
 * "departure" (an honest peer leaves), "ban" (an attacker peer reaches 100
 * misbehavior points) and "end" (the run stops at durationS). Departures and
 * bans have priority 0 and run before an arrival at the same instant
 * (priority 1); "end" has the lowest priority, so nothing at durationS runs.
 * A peer removed early (evicted, or banned with its IP) leaves its pending
 * departure/ban event queued; it is ignored when popped. Ban and
 * discouragement expiry are checked lazily at the next arrival from the IP,
 * and a peer's novel-tx/block relay streams are advanced lazily when an
 * eviction needs them (catchUp), so neither is an event.
 */
import type { Xoshiro128 } from "../../random/xoshiro128";
import { Simulation } from "../../engine/simulation";
import { BITCOIN_CORE_SLOTS } from "../eclipse/bitcoin-constants";
import { selectNodeToEvict, type EvictionCandidate } from "./eviction";
import { messagesToBan } from "./misbehavior";
import { TokenBuckets } from "./token-bucket";

export type EvictionMode = "none" | "netgroup" | "core";
export type Punishment = "ban" | "discourage";

export interface FloodScenario {
  durationS: number;
  honestRatePerS: number;
  honestLifetimeS: number;
  honestNetgroups: number;
  honestTxPerS: number;
  honestBlockPerS: number;
  attackerRatePerS: number;
  attackerIps: number;
  attackerNetgroups: number;
  attackerPingMs: number;
  /** Invalid messages per second from each connected attacker peer (0: the attacker behaves). */
  invalidPerS: number;
  invalidPoints: number;
  banS: number;
  /** "ban": refuse the IP for banS; "discourage" (Bitcoin Core 0.20+): accept it only while 2+ inbound slots are free, and evict it first. */
  punishment: Punishment;
  eviction: EvictionMode;
  rateLimit: boolean;
  ratePerIpPerS: number;
  rateBurst: number;
}

export interface FloodHooks {
  /** A connection accepted; `inboundBefore` counts inbound peers before it (and before any eviction it caused). */
  onAccept?(ip: number, attacker: boolean, nowS: number, inboundBefore: number): void;
  /** An IP banned or discouraged until `untilS`. */
  onBan?(ip: number, untilS: number): void;
  onEvict?(id: number, outbound: boolean): void;
  /** After every event: the time, inbound and outbound counts, and the honest part of inbound. */
  onState?(nowS: number, inbound: number, outbound: number, honestInbound: number): void;
}

export interface FloodResult {
  honestInboundAvg: number;
  attackerInboundAvg: number;
  honestInboundEnd: number;
  attackerInboundEnd: number;
  honestAttempts: number;
  honestRefused: number;
  honestRefusedByRate: number;
  attackerAttempts: number;
  attackerAccepted: number;
  attackerRefusedByRate: number;
  attackerRefusedBanned: number;
  attackerRefusedDiscouraged: number;
  bans: number;
  evictedHonest: number;
  evictedAttacker: number;
  maxConnections: number;
}

interface Peer extends EvictionCandidate {
  ip: number;
  attacker: boolean;
  /** Departure (honest) or ban (attacker) time; Infinity if none. */
  endS: number;
  rateTx: number;
  rateBlock: number;
  nextTxS: number;
  nextBlockS: number;
}

function exp(rng: Xoshiro128, rate: number): number {
  return rate > 0 ? -Math.log(1 - rng.nextFloat()) / rate : Infinity;
}

/** A fixed integer hash (Thomas Wang style), keyed by the node's secret: the keyed netgroup. */
function keyedHash(x: number, key: number): number {
  let h = (x ^ key) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Advance a peer's novel-tx and novel-block Poisson streams to `nowS`. */
function catchUp(p: Peer, nowS: number, rng: Xoshiro128): void {
  while (p.nextTxS <= nowS) {
    p.lastTxS = p.nextTxS;
    p.nextTxS += exp(rng, p.rateTx);
  }
  while (p.nextBlockS <= nowS) {
    p.lastBlockS = p.nextBlockS;
    p.nextBlockS += exp(rng, p.rateBlock);
  }
}

export function simulateFlood(s: FloodScenario, rng: Xoshiro128, hooks: FloodHooks = {}): FloodResult {
  const inboundSlots = BITCOIN_CORE_SLOTS.inbound;
  const outbound = BITCOIN_CORE_SLOTS.outboundFullRelay + BITCOIN_CORE_SLOTS.blockRelayOnly;
  const key = rng.next();
  const buckets = s.rateLimit ? new TokenBuckets(s.ratePerIpPerS, s.rateBurst) : null;
  const bannedUntil = new Map<number, number>();
  const discouragedUntil = new Map<number, number>();
  const r: FloodResult = {
    honestInboundAvg: 0, attackerInboundAvg: 0, honestInboundEnd: 0, attackerInboundEnd: 0,
    honestAttempts: 0, honestRefused: 0, honestRefusedByRate: 0,
    attackerAttempts: 0, attackerAccepted: 0, attackerRefusedByRate: 0, attackerRefusedBanned: 0,
    attackerRefusedDiscouraged: 0, bans: 0, evictedHonest: 0, evictedAttacker: 0, maxConnections: 0,
  };
  let peers: Peer[] = [];
  /** Connected peers by id: a departure or ban event whose peer is gone is stale. */
  const live = new Map<number, Peer>();
  let nextId = 0;
  let nextHonestIp = 0x40000000;
  let honestIn = 0;
  let attackerIn = 0;

  const sim = new Simulation();
  const flood = sim.scope("flood");
  /** Time up to which the inbound time averages have been accumulated. */
  let lastS = 0;
  const advance = (t: number): void => {
    r.honestInboundAvg += honestIn * (t - lastS);
    r.attackerInboundAvg += attackerIn * (t - lastS);
    lastS = t;
  };
  const afterEvent = (): void => {
    r.maxConnections = Math.max(r.maxConnections, honestIn + attackerIn + outbound);
    hooks.onState?.(sim.now, honestIn + attackerIn, outbound, honestIn);
  };

  const remove = (p: Peer): void => {
    peers = peers.filter((q) => q !== p);
    live.delete(p.id);
    if (p.attacker) attackerIn--;
    else honestIn--;
  };

  const DEPARTURE = flood.defineKind("departure", (id) => {
    const p = live.get(id);
    if (p === undefined) return; // evicted before it left
    advance(sim.now);
    remove(p);
    afterEvent();
  });

  const BAN = flood.defineKind("ban", (id) => {
    const first = live.get(id);
    if (first === undefined) return; // evicted or banned with its IP before
    advance(sim.now);
    const now = sim.now;
    const until = now + s.banS;
    r.bans++;
    hooks.onBan?.(first.ip, until);
    if (s.punishment === "ban") {
      // A ban disconnects every connection from the address.
      bannedUntil.set(first.ip, until);
      for (const p of peers.filter((q) => q.ip === first.ip)) remove(p);
    } else {
      // Discouragement disconnects the misbehaving peer only.
      discouragedUntil.set(first.ip, until);
      remove(first);
    }
    afterEvent();
  });

  const connect = (attacker: boolean, ip: number, netgroup: number, nowS: number, connectedS: number, preferEvict = false, inboundBefore = honestIn + attackerIn): void => {
    const rateTx = attacker ? 0 : s.honestTxPerS;
    const rateBlock = attacker ? 0 : s.honestBlockPerS;
    const endS = attacker
      ? nowS + (s.invalidPerS > 0 ? sumExp(rng, messagesToBan(s.invalidPoints), s.invalidPerS) : Infinity)
      : nowS + exp(rng, 1 / s.honestLifetimeS);
    const p: Peer = {
      id: nextId++, ip, attacker, netgroup, keyedNetgroup: keyedHash(netgroup, key),
      minPingMs: attacker ? s.attackerPingMs : 20 + 280 * rng.nextFloat(),
      lastTxS: -Infinity, lastBlockS: -Infinity, connectedS, endS, preferEvict,
      rateTx, rateBlock, nextTxS: connectedS + exp(rng, rateTx), nextBlockS: connectedS + exp(rng, rateBlock),
    };
    peers.push(p);
    live.set(p.id, p);
    if (endS < Infinity) sim.scheduleAt(endS, attacker ? BAN : DEPARTURE, p.id, 0, 0, PEER_END_PRIORITY);
    if (attacker) attackerIn++;
    else honestIn++;
    hooks.onAccept?.(ip, attacker, nowS, inboundBefore);
  };

  const totalRate = s.honestRatePerS + s.attackerRatePerS;
  const ARRIVAL = flood.defineKind("arrival", () => {
    advance(sim.now);
    const now = sim.now;
    const nextArrival = now + exp(rng, totalRate);
    if (nextArrival < Infinity) sim.scheduleAt(nextArrival, ARRIVAL, 0, 0, 0, ARRIVAL_PRIORITY);
    const attacker = rng.nextFloat() * totalRate < s.attackerRatePerS;
    const ip = attacker ? rng.below(s.attackerIps) : nextHonestIp++;
    const netgroup = attacker ? s.honestNetgroups + (ip % s.attackerNetgroups) : rng.below(s.honestNetgroups);
    if (attacker) r.attackerAttempts++;
    else r.honestAttempts++;
    const discouraged = (discouragedUntil.get(ip) ?? -Infinity) > now;
    if ((bannedUntil.get(ip) ?? -Infinity) > now) {
      r.attackerRefusedBanned++;
    } else if (discouraged && honestIn + attackerIn + 1 >= inboundSlots) {
      // src/net.cpp: "Only accept connections from discouraged peers if our inbound slots aren't (almost) full."
      r.attackerRefusedDiscouraged++;
    } else if (buckets && !buckets.tryTake(ip, now)) {
      if (attacker) r.attackerRefusedByRate++;
      else { r.honestRefusedByRate++; r.honestRefused++; }
    } else if (honestIn + attackerIn < inboundSlots) {
      connect(attacker, ip, netgroup, now, now, discouraged);
      if (attacker) r.attackerAccepted++;
    } else {
      let victim: number | null = null;
      if (s.eviction !== "none") {
        for (const p of peers) catchUp(p, now, rng);
        victim = selectNodeToEvict(peers, { protections: s.eviction === "core" });
      }
      if (victim === null) {
        if (!attacker) r.honestRefused++;
      } else {
        const v = live.get(victim)!;
        if (v.attacker) r.evictedAttacker++;
        else r.evictedHonest++;
        hooks.onEvict?.(v.id, false);
        const before = honestIn + attackerIn;
        remove(v);
        connect(attacker, ip, netgroup, now, now, discouraged, before);
        if (attacker) r.attackerAccepted++;
      }
    }
    afterEvent();
  });

  const END = flood.defineKind("end", () => {
    advance(sim.now);
    sim.stop();
  });

  // Start in the honest steady state: Poisson(load) peers (capped at the slots) with stationary ages.
  const load = s.honestRatePerS * s.honestLifetimeS;
  const initial = poissonAtMost(rng, load, inboundSlots);
  for (let i = 0; i < initial; i++) connect(false, nextHonestIp++, rng.below(s.honestNetgroups), 0, -exp(rng, 1 / s.honestLifetimeS));

  hooks.onState?.(0, honestIn + attackerIn, outbound, honestIn);
  const firstArrival = exp(rng, totalRate);
  if (firstArrival < Infinity) sim.scheduleAt(firstArrival, ARRIVAL, 0, 0, 0, ARRIVAL_PRIORITY);
  // Nothing at or after durationS runs: "end" comes first among simultaneous events.
  if (s.durationS < Infinity) sim.scheduleAt(s.durationS, END, 0, 0, 0, STOP_PRIORITY);
  sim.run({ maxTimeS: s.durationS });
  if (lastS < s.durationS && s.durationS < Infinity) advance(s.durationS); // only if the queue drained early (not while "end" is queued)

  r.honestInboundAvg /= s.durationS;
  r.attackerInboundAvg /= s.durationS;
  r.honestInboundEnd = honestIn;
  r.attackerInboundEnd = attackerIn;
  return r;
}

/** Departures and bans at the same instant as an arrival run first (as the old loop's `endS <= nextArrival`). */
const PEER_END_PRIORITY = 0;
const ARRIVAL_PRIORITY = 1;
/** The "end" event runs before anything else at durationS, so no event at durationS is processed. */
const STOP_PRIORITY = -(2 ** 31);

function sumExp(rng: Xoshiro128, k: number, rate: number): number {
  let t = 0;
  for (let i = 0; i < k; i++) t += exp(rng, rate);
  return t;
}

/** min(cap, Poisson(mean)) by counting unit-rate arrivals in [0, mean], stopping at cap (at most cap + 1 draws). */
function poissonAtMost(rng: Xoshiro128, mean: number, cap: number): number {
  let n = 0;
  let t = exp(rng, 1);
  while (t <= mean && n < cap) {
    n++;
    t += exp(rng, 1);
  }
  return n;
}

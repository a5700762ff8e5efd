/**
 * One DDoS run on the shared runtime: a Simulation, a Network on a complete
 * overlay with a constant one-way latency, and three kinds of node
 *   0                  the victim (victim.ts)
 *   1 .. H             honest peers, each sending a request every 1 / rate seconds
 *                      from a random phase (a well-behaved peer paces itself)
 *   H+1 .. H+A         attack identities, each a Poisson source of attackRate / A per second,
 *                      identity k behind address k mod attackerIps
 * Requests are Network messages of kind "req" (arena: type 1 honest, 0 attack;
 * signer the sender; sizeBytes on the wire). The Network has no bandwidth limit
 * (its downlinks do not queue); the victim's access link is modelled at the
 * victim. A request's send time is kept by its arena id until it arrives.
 *
 * Streams: rng.child("phase") for the honest phases, rng.child("attack") for
 * the attack gaps, rng.child("network") for the Network.
 *
 * `networkCpu` (tests only): with defence none and no link limit, let the
 * Network's own FIFO CPU (cpuCostS) do the serving instead of the victim's
 * queue, to check the two agree (served requests and their latencies; the
 * Network's queue does not show arrivals, so those are not counted).
 */
import { Simulation } from "../../engine/simulation";
import { Network } from "../../network/network";
import { uniformResources } from "../../network/node-resources";
import { constantPairLatency } from "../../network/pair-latency";
import type { Rng } from "../../random/seed";
import { DdosCounters, HONEST, ATTACK } from "./counters";
import { TokenBuckets } from "./token-bucket";
import { Victim } from "./victim";

export const DDOS_DEFENCES = ["none", "per-peer", "per-ip", "known-peers"] as const;
export type DdosDefence = (typeof DDOS_DEFENCES)[number];

export interface DdosSetup {
  readonly honestPeers: number;
  readonly honestRatePerPeer: number;
  readonly requestBytes: number;
  readonly attackRate: number;
  readonly attackers: number;
  readonly attackerIps: number;
  readonly knownAttackers: number;
  readonly attackBytes: number;
  readonly defence: string;
  readonly bucketRate: number;
  readonly bucketBurst: number;
  readonly cpuPerRequestS: number;
  readonly queueLimit: number;
  /** Access link of the victim, Mbit/s (0: none). */
  readonly linkMbps: number;
  readonly linkBufferKB: number;
  readonly latencyMs: number;
  readonly durationS: number;
  readonly warmupS: number;
}

export interface DdosRun {
  readonly counters: DdosCounters;
  readonly windowS: number;
  readonly events: number;
}

/** The address index of a sender: honest peer p -> p - 1; attack identity k -> H + (k mod ips). */
export function addressOf(setup: DdosSetup, from: number): number {
  const h = setup.honestPeers;
  return from <= h ? from - 1 : h + ((from - h - 1) % setup.attackerIps);
}

export function simulateDdos(setup: DdosSetup, rng: Rng, options: { networkCpu?: boolean } = {}): DdosRun {
  const H = setup.honestPeers;
  const A = setup.attackers;
  const n = 1 + H + A;
  const networkCpu = options.networkCpu === true;
  if (networkCpu && (setup.defence !== "none" || setup.linkMbps > 0)) throw new RangeError("networkCpu needs defence none and no link limit");
  const sim = new Simulation();
  const config = {
    overlay: { kind: "complete" as const, n },
    latency: constantPairLatency(n, setup.latencyMs),
    ...(networkCpu ? { resources: uniformResources(n, Infinity, Infinity, { cpuCostS: { req: { fixedS: setup.cpuPerRequestS } } }) } : {}),
  };
  const net = new Network(sim, config, rng.child("network"));
  const scope = sim.scope("ddos");
  const counters = new DdosCounters(setup.warmupS, setup.durationS);
  const keys = setup.defence === "per-peer" ? n : H + setup.attackerIps;
  const buckets = setup.defence === "per-peer" || setup.defence === "per-ip" ? new TokenBuckets(keys, setup.bucketRate, setup.bucketBurst) : null;
  let known: Uint8Array | null = null;
  if (setup.defence === "known-peers") {
    known = new Uint8Array(n);
    for (let p = 1; p <= H; p++) known[p] = 1;
    for (let k = 0; k < setup.knownAttackers; k++) known[H + 1 + k] = 1;
  }
  const victim = new Victim(scope, {
    cpuPerRequestS: setup.cpuPerRequestS,
    queueLimit: setup.queueLimit,
    linkBps: setup.linkMbps > 0 ? setup.linkMbps * 1e6 : Infinity,
    linkBufferBytes: setup.linkBufferKB * 1000,
    buckets,
    keyOf: setup.defence === "per-ip" ? (from) => addressOf(setup, from) : (from) => from,
    known,
  }, counters);
  const arena = net.arena;
  // The send time of each live message, by its arena id (live ids are unique).
  let sentById = new Float64Array(1024);
  const send = (kind: number, from: number, type: number, size: number): void => {
    const msg = arena.alloc(type, 0, 0, 0, from, size);
    if (msg >= sentById.length) {
      const grown = new Float64Array(2 * Math.max(msg + 1, sentById.length));
      grown.set(sentById);
      sentById = grown;
    }
    sentById[msg] = sim.now;
    net.sendTo(kind, from, 0, msg);
  };
  const REQ = net.defineMessage("req", (_to, msg, from) => {
    if (networkCpu) {
      // The Network's CPU has served it (arrivals are not seen: only served requests are counted).
      counters.served(arena.type[msg] === 1 ? HONEST : ATTACK, sim.now, sim.now - sentById[msg]);
      return;
    }
    victim.arrive(from, arena.sizeBytes[msg], arena.type[msg], sentById[msg]);
  });
  const period = 1 / setup.honestRatePerPeer;
  const HONEST_SEND = scope.defineKind("honest-send", (peer) => {
    send(REQ, peer, 1, setup.requestBytes);
    scope.schedule(period, HONEST_SEND, peer);
  });
  const phase = rng.child("phase").fast;
  for (let p = 1; p <= H; p++) scope.schedule(phase.nextFloat() * period, HONEST_SEND, p);
  if (setup.attackRate > 0) {
    const perIdentity = setup.attackRate / A;
    const gaps = rng.child("attack").fast;
    const gap = () => -Math.log(1 - gaps.nextFloat()) / perIdentity;
    const ATTACK_SEND = scope.defineKind("attack-send", (k) => {
      send(REQ, k, 0, setup.attackBytes);
      scope.schedule(gap(), ATTACK_SEND, k);
    });
    for (let k = H + 1; k <= H + A; k++) scope.schedule(gap(), ATTACK_SEND, k);
  }
  const report = sim.run({ maxTimeS: setup.durationS });
  victim.finish(setup.durationS);
  return { counters, windowS: setup.durationS - setup.warmupS, events: report.events };
}

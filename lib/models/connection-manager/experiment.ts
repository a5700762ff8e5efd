/**
 * Experiments: `connection-manager` (honest inbound slots a Bitcoin node keeps
 * under a connection flood, with Bitcoin Core's eviction protections, a
 * per-IP rate limit and misbehavior bans; ./simulate.ts) and `dns-seeds` (the
 * chance that a new node's first outbound peers all come from malicious DNS
 * seeds; ./dns-seeds.ts).
 */
import { defineExperiment, type Row, type RunOutput } from "../../experiment/experiment";
import { bool, choice, int, num, ParameterError } from "../../experiment/params";
import { DEFAULT_BAN_TIME_S } from "./misbehavior";
import { simulateFlood, type EvictionMode, type Punishment } from "./simulate";
import { bootstrapFromDnsSeeds, DNS_SEED_MAX_IPS, expectedAttackerShare, probabilityAllAttacker } from "./dns-seeds";
import { MAX_OUTBOUND_FULL_RELAY_CONNECTIONS } from "../eclipse/bitcoin-constants";

export const connectionManager = defineExperiment({
  name: "connection-manager",
  title: "Connection management: honest inbound slots kept under a connection flood (eviction, rate limit, bans)",
  reference: "Bitcoin Core src/node/eviction.cpp SelectNodeToEvict (formerly src/net.cpp AttemptToEvictConnection); src/net_processing.cpp Misbehaving (ban score 100)",
  source: __filename,
  params: {
    durationS: num({ default: 7200, unit: "s", min: 1, max: 1e7, fuzzValues: [60, 600], doc: "simulated time" }),
    honestRatePerS: num({ default: 0.05, unit: "1/s", min: 0, max: 100, fuzzMax: 1, doc: "honest inbound connection attempts per second" }),
    honestLifetimeS: num({ default: 3600, unit: "s", min: 1, max: 1e7, fuzzMax: 1e5, doc: "mean time an honest inbound peer stays connected" }),
    honestNetgroups: int({ default: 10000, unit: "groups", min: 1, max: 65536, doc: "/16 groups honest peers come from (uniformly)" }),
    honestTxPerS: num({ default: 0.05, unit: "1/s", min: 0, max: 100, fuzzMax: 1, doc: "novel transactions per second from each honest peer" }),
    honestBlockPerS: num({ default: 1 / 6000, unit: "1/s", min: 0, max: 1, doc: "novel blocks per second first delivered by each honest peer" }),
    attackerRatePerS: num({ default: 1, unit: "1/s", min: 0, max: 1000, fuzzValues: [0, 1, 10], doc: "attacker inbound connection attempts per second" }),
    attackerIps: int({ default: 50, unit: "IPs", min: 1, max: 1e6, doc: "attacker IP addresses" }),
    attackerNetgroups: int({ default: 5, unit: "groups", min: 1, max: 65536, doc: "/16 groups the attacker IPs spread over" }),
    attackerPingMs: num({ default: 10, unit: "ms", min: 0, max: 10000, doc: "attacker peers' minimum ping (low: the attacker sits close)" }),
    invalidPerS: num({ default: 0, unit: "1/s", min: 0, max: 1000, doc: "invalid messages per second from each connected attacker peer (0: it behaves)" }),
    invalidPoints: int({ default: 20, unit: "points", min: 1, max: 100, doc: "misbehavior points per invalid message (ban at 100)" }),
    banS: num({ default: DEFAULT_BAN_TIME_S, unit: "s", min: 0, max: 1e8, doc: "ban duration (Bitcoin Core -bantime default 24 h)" }),
    punishment: choice({ default: "ban", choices: ["ban", "discourage"], doc: "at 100 points: ban the IP for banS (Core before 0.20), or discourage it for banS (0.20+: accepted only with 2+ free inbound slots, evicted first)" }),
    eviction: choice({ default: "core", choices: ["none", "netgroup", "core"], doc: "none: refuse newcomers when full; netgroup: evict the newest of the largest /16 group; core: Bitcoin Core's protections first" }),
    rateLimit: bool({ default: false, doc: "per-IP token bucket on inbound attempts" }),
    ratePerIpPerS: num({ default: 1 / 60, unit: "1/s", min: 1e-9, max: 1000, doc: "token refill rate per IP" }),
    seriesPoints: int({ default: 0, unit: "points", min: 0, max: 100_000, fuzzValues: [50], doc: "if > 0, also return the series `inbound` (tS, honest, attacker) sampled at this many even times" }),
    rateBurst: num({ default: 2, unit: "attempts", min: 1, max: 1e6, doc: "token bucket size per IP" }),
  },
  validate: (p) => {
    if (p.attackerNetgroups > p.attackerIps) throw new ParameterError("attackerNetgroups", p.attackerNetgroups, `at most attackerIps (${p.attackerIps})`);
    if (p.honestRatePerS + p.attackerRatePerS <= 0) throw new ParameterError("attackerRatePerS", p.attackerRatePerS, "honestRatePerS + attackerRatePerS > 0");
  },
  run(p, rng): Row | RunOutput {
    const scenario = { ...p, eviction: p.eviction as EvictionMode, punishment: p.punishment as Punishment };
    if (p.seriesPoints === 0) return { ...simulateFlood(scenario, rng.fast) };
    const sampler = inboundSampler(p.durationS, p.seriesPoints);
    const r = simulateFlood(scenario, rng.fast, { onState: sampler.onState });
    return { row: { ...r }, series: { inbound: sampler.finish() } };
  },
});

/** Samples the (step-function) inbound counts at `points` even times in [0, durationS). */
function inboundSampler(durationS: number, points: number) {
  const tS = new Float64Array(points);
  const honest = new Float64Array(points);
  const attacker = new Float64Array(points);
  let next = 0;
  let lastHonest = 0;
  let lastAttacker = 0;
  const fillUntil = (t: number) => {
    while (next < points && (next * durationS) / points < t) {
      tS[next] = (next * durationS) / points;
      honest[next] = lastHonest;
      attacker[next] = lastAttacker;
      next++;
    }
  };
  return {
    onState(nowS: number, inbound: number, _outbound: number, honestInbound: number) {
      fillUntil(nowS);
      lastHonest = honestInbound;
      lastAttacker = inbound - honestInbound;
    },
    finish() {
      fillUntil(Infinity);
      return { tS, honest, attacker };
    },
  };
}

export const dnsSeeds = defineExperiment({
  name: "dns-seeds",
  title: "DNS seeds: chance a new node's first outbound peers are all attacker addresses",
  reference: "Bitcoin Core src/net.cpp ThreadDNSAddressSeed (nMaxIPs 32), ThreadOpenConnections (fixed seeds after 60 s); hypergeometric closed form",
  source: __filename,
  params: {
    seeds: int({ default: 9, unit: "seeds", min: 1, max: 1000, doc: "hardcoded DNS seeds (chainparams.cpp vSeeds)" }),
    maliciousSeeds: int({ default: 3, unit: "seeds", min: 0, max: 1000, doc: "seeds answering only attacker addresses" }),
    censoredSeeds: int({ default: 0, unit: "seeds", min: 0, max: 1000, doc: "seeds that do not answer (blocked)" }),
    addressesPerSeed: int({ default: 25, unit: "addresses", min: 1, max: DNS_SEED_MAX_IPS, doc: "addresses per answer (Core keeps at most 32)" }),
    outbound: int({ default: MAX_OUTBOUND_FULL_RELAY_CONNECTIONS, unit: "peers", min: 1, max: 100, doc: "first outbound connections" }),
    trials: int({ default: 100_000, unit: "nodes", min: 1, max: 1e9, fuzzValues: [1, 1000], doc: "new nodes bootstrapped per replicate" }),
  },
  validate: (p) => {
    if (p.maliciousSeeds + p.censoredSeeds > p.seeds) throw new ParameterError("maliciousSeeds", p.maliciousSeeds, `maliciousSeeds + censoredSeeds <= seeds (${p.seeds})`);
  },
  run(p, rng) {
    const pool = new Uint8Array(p.seeds * p.addressesPerSeed);
    let all = 0;
    let attackerPeers = 0;
    let peers = 0;
    let fixed = 0;
    for (let i = 0; i < p.trials; i++) {
      const f = bootstrapFromDnsSeeds(p, rng.fast, pool);
      if (f.allAttacker) all++;
      if (f.usedFixedSeeds) fixed++;
      attackerPeers += f.attackerPeers;
      peers += f.attackerPeers + f.honestPeers;
    }
    const pAll = all / p.trials;
    return {
      allAttacker: pAll,
      allAttackerSE: Math.sqrt((pAll * (1 - pAll)) / p.trials),
      allAttackerTheory: probabilityAllAttacker(p),
      attackerShare: peers > 0 ? attackerPeers / peers : 0,
      attackerShareTheory: expectedAttackerShare(p),
      fixedSeedsShare: fixed / p.trials,
    };
  },
});

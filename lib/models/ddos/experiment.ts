/**
 * Experiment `ddos`: honest throughput and latency at a node under a request
 * flood, with and without defences (simulate.ts, victim.ts): none, a token
 * bucket per peer or per address, known peers first. Rows: honest and attack
 * requests served per second in the window [warmupS, durationS), honest
 * latency (send to end of service), where requests were dropped, CPU
 * utilisation, beside the closed forms of theory.ts.
 */
import { defineExperiment } from "../../experiment/experiment";
import { choice, int, num, ParameterError, type ParamsOf } from "../../experiment/params";
import { ARRIVED, ATTACK, HONEST, LATENCY_MAX, LATENCY_SUM, LIMIT_DROP, LINK_DROP, MEMORY_DROP, SERVED } from "./counters";
import { DDOS_DEFENCES, simulateDdos } from "./simulate";
import { admittedAttackBound, fifoHonestThroughput, honestFloor } from "./theory";

export const ddosParams = {
  defence: choice({ default: "none", choices: DDOS_DEFENCES, doc: "none; per-peer (a token bucket per peer id); per-ip (a token bucket per address); known-peers (known peers' requests served first); default none" }),
  attackRate: num({ default: 2000, unit: "req/s", min: 0, max: 1e6, fuzzMax: 5000, doc: "requests per second of the whole flood (Poisson per identity); default 2000" }),
  attackers: int({ default: 50, unit: "identities", min: 1, max: 100_000, fuzzMax: 20, doc: "attack identities (peer ids), each attackRate / attackers; default 50" }),
  attackerIps: int({ default: 5, unit: "addresses", min: 1, max: 100_000, fuzzMax: 3, doc: "addresses behind the attack identities (identity k uses address k mod attackerIps); default 5" }),
  knownAttackers: int({ default: 0, unit: "identities", min: 0, max: 100_000, fuzzMax: 5, doc: "known-peers: attack identities already in the known set (they joined before the attack); default 0" }),
  attackBytes: num({ default: 500, unit: "bytes", min: 1, max: 1e9, fuzzMax: 10_000, doc: "size of an attack request; default 500" }),
  honestPeers: int({ default: 20, unit: "peers", min: 1, max: 100_000, fuzzMax: 20, doc: "honest peers, each with its own address; all known to the victim; default 20" }),
  honestRatePerPeer: num({ default: 5, unit: "req/s", min: 0, max: 1e6, minExclusive: true, fuzzMax: 50, doc: "requests per second per honest peer, evenly spaced from a random phase; default 5" }),
  requestBytes: num({ default: 500, unit: "bytes", min: 1, max: 1e9, fuzzMax: 10_000, doc: "size of an honest request; default 500" }),
  bucketRate: num({ default: 10, unit: "req/s", min: 0, max: 1e9, minExclusive: true, doc: "per-peer/per-ip: token refill rate per key; default 10" }),
  bucketBurst: num({ default: 5, unit: "req", min: 1, max: 1e9, doc: "per-peer/per-ip: bucket capacity (tokens; >= 1); default 5" }),
  cpuPerRequestS: num({ default: 0.002, unit: "s", min: 1e-9, max: 10, doc: "CPU time per request (at least 1 ns) (mu = 1 / cpuPerRequestS per second); default 0.002" }),
  queueLimit: int({ default: 10_000, unit: "requests", min: 1, max: 1e9, fuzzMax: 1000, doc: "requests that may wait for the CPU (memory); a full queue drops; default 10000" }),
  linkMbps: num({ default: 100, unit: "Mbit/s", min: 0, max: 1e6, doc: "victim's access link (0: no link stage); default 100" }),
  linkBufferKB: num({ default: 1000, unit: "kB", min: 1, max: 1e9, doc: "access link buffer (tail drop), at least 1 kB; default 1000" }),
  latencyMs: num({ default: 50, unit: "ms", min: 0, max: 10_000, doc: "one-way latency of every pair; default 50" }),
  durationS: num({ default: 20, unit: "s", min: 0.01, max: 1e6, fuzzMax: 5, doc: "simulated time (at least 10 ms); default 20" }),
  warmupS: num({ default: 5, unit: "s", min: 0, max: 1e6, fuzzMax: 0.005, doc: "start of the measurement window (< durationS); default 5" }),
} as const;

export type DdosParams = ParamsOf<typeof ddosParams>;

export function validateDdos(p: DdosParams): void {
  if (!(p.warmupS < p.durationS)) throw new ParameterError("warmupS", p.warmupS, `a number, 0 <= warmupS < durationS = ${p.durationS}`);
  if (p.attackerIps > p.attackers) throw new ParameterError("attackerIps", p.attackerIps, `an integer, 1 <= attackerIps <= attackers = ${p.attackers}`);
  if (p.knownAttackers > p.attackers) throw new ParameterError("knownAttackers", p.knownAttackers, `an integer, 0 <= knownAttackers <= attackers = ${p.attackers}`);
  if (p.linkMbps > 0 && p.linkBufferKB * 1000 < Math.max(p.requestBytes, p.attackBytes)) throw new ParameterError("linkBufferKB", p.linkBufferKB, "room for at least one request (linkBufferKB * 1000 >= requestBytes and attackBytes)");
}

/** The closed form that applies: FIFO share (none), the bucket floor (per-peer, per-ip), the priority floor (known-peers). */
export function ddosHonestTheory(p: DdosParams): number {
  const mu = 1 / p.cpuPerRequestS;
  const lh = p.honestPeers * p.honestRatePerPeer;
  const windowS = p.durationS - p.warmupS;
  switch (p.defence) {
    case "none":
      return fifoHonestThroughput(lh, p.attackRate, mu);
    case "per-peer":
    case "per-ip": {
      if (p.honestRatePerPeer > p.bucketRate) return 0; // honest peers are limited too: no floor
      const keys = p.defence === "per-peer" ? p.attackers : p.attackerIps;
      return honestFloor(lh, admittedAttackBound(p.attackRate, keys, p.bucketRate, p.bucketBurst, windowS), mu);
    }
    default:
      return honestFloor(lh, (p.attackRate * p.knownAttackers) / p.attackers, mu);
  }
}

/** A finite number, or null. */
function cell(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

export const ddos = defineExperiment({
  name: "ddos",
  title: "DDoS on a node: honest throughput and latency under a request flood, with rate limits or known-peer priority",
  reference: "Token bucket: Heinanen & Guerin, RFC 2697, 1999; FIFO under overload: Kleinrock, Queueing Systems vol. 1, 1975; peer eviction and protection: Heilman et al., USENIX Security 2015, section 6",
  source: __filename,
  params: ddosParams,
  validate: validateDdos,
  run(p, rng) {
    const run = simulateDdos(p, rng);
    const c = run.counters;
    const T = run.windowS;
    const hArr = c.get(HONEST, ARRIVED);
    const aArr = c.get(ATTACK, ARRIVED);
    const hServed = c.get(HONEST, SERVED);
    const aServed = c.get(ATTACK, SERVED);
    const linkLoadBps = 8 * (p.honestPeers * p.honestRatePerPeer * p.requestBytes + p.attackRate * p.attackBytes);
    return {
      honestServedPerS: hServed / T,
      attackServedPerS: aServed / T,
      honestOfferedPerS: p.honestPeers * p.honestRatePerPeer,
      honestServedTheoryPerS: ddosHonestTheory(p),
      serviceRatePerS: 1 / p.cpuPerRequestS,
      honestShare: cell(hServed / (hServed + aServed)),
      honestLatencyMeanS: cell(c.get(HONEST, LATENCY_SUM) / hServed),
      honestLatencyMaxS: c.get(HONEST, LATENCY_MAX),
      honestLinkDropFraction: cell(c.get(HONEST, LINK_DROP) / hArr),
      honestLimitDropFraction: cell(c.get(HONEST, LIMIT_DROP) / hArr),
      honestMemoryDropFraction: cell(c.get(HONEST, MEMORY_DROP) / hArr),
      attackLinkDropFraction: cell(c.get(ATTACK, LINK_DROP) / aArr),
      attackLimitDropFraction: cell(c.get(ATTACK, LIMIT_DROP) / aArr),
      attackMemoryDropFraction: cell(c.get(ATTACK, MEMORY_DROP) / aArr),
      cpuUtilization: c.busyS / T,
      linkSaturated: p.linkMbps > 0 && linkLoadBps >= p.linkMbps * 1e6,
      events: run.events,
    };
  },
});

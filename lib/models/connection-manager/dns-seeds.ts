/**
 * A new Bitcoin node's first peers from DNS seeds, some censored (no answer)
 * and some malicious (answering only attacker addresses).
 *
 * Bitcoin Core src/net.cpp, CConnman::ThreadDNSAddressSeed: with an empty
 * address manager every hardcoded seed (chainparams.cpp vSeeds; about 9 on
 * mainnet, count not checked against a release) is queried at once;
 * otherwise DNSSEEDS_TO_QUERY_AT_ONCE = 3 at a time after
 * DNSSEEDS_DELAY_FEW_PEERS = 11 s (checked in copies of src/net.cpp). Each
 * answer is capped at nMaxIPs = 32 addresses (from a description of the
 * source, not checked in net.cpp itself).
 * CConnman::ThreadOpenConnections adds the fixed seeds (chainparamsseeds.h)
 * when "60 seconds have passed and addrman is empty" (src/net.cpp, verified).
 *
 * Simplifications: every answering seed returns exactly `addressesPerSeed`
 * distinct addresses; the node dials `outbound` of the pooled addresses
 * uniformly without replacement (Core's one-outbound-per-/16 rule is left
 * out); the fixed seeds are honest.
 */
import type { Xoshiro128 } from "../../random/xoshiro128";

/** src/net.cpp ThreadOpenConnections: fixed seeds after one minute with an empty addrman. */
export const FIXED_SEEDS_DELAY_S = 60;
/** src/net.cpp DNSSEEDS_DELAY_FEW_PEERS (delay before querying when addrman is not empty). */
export const DNSSEEDS_DELAY_FEW_PEERS_S = 11;
/** src/net.cpp DNSSEEDS_TO_QUERY_AT_ONCE. */
export const DNSSEEDS_TO_QUERY_AT_ONCE = 3;
/** src/net.cpp ThreadDNSAddressSeed: nMaxIPs, the cap on addresses taken from one seed. */
export const DNS_SEED_MAX_IPS = 32;

export interface DnsSeedScenario {
  seeds: number;
  maliciousSeeds: number;
  censoredSeeds: number;
  addressesPerSeed: number;
  outbound: number;
}

export interface FirstPeers {
  attackerPeers: number;
  honestPeers: number;
  allAttacker: boolean;
  usedFixedSeeds: boolean;
  firstPeersAtS: number;
}

/** Log of the binomial coefficient C(n, k) (exact sum of logs; n is small here). */
function logChoose(n: number, k: number): number {
  if (k < 0 || k > n) return -Infinity;
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/**
 * Pr[every first outbound peer is an attacker address]: hypergeometric,
 * C(A, d) / C(A + H, d) with A = malicious * k, H = honest * k, d = min(outbound, A + H);
 * 0 when every seed is censored (the honest fixed seeds are used).
 */
export function probabilityAllAttacker(s: DnsSeedScenario): number {
  const a = s.maliciousSeeds * s.addressesPerSeed;
  const h = (s.seeds - s.maliciousSeeds - s.censoredSeeds) * s.addressesPerSeed;
  if (a + h === 0) return 0;
  const d = Math.min(s.outbound, a + h);
  return Math.exp(logChoose(a, d) - logChoose(a + h, d));
}

/** Expected attacker share of the first peers (hypergeometric mean): A / (A + H). */
export function expectedAttackerShare(s: DnsSeedScenario): number {
  const a = s.maliciousSeeds * s.addressesPerSeed;
  const h = (s.seeds - s.maliciousSeeds - s.censoredSeeds) * s.addressesPerSeed;
  return a + h === 0 ? 0 : a / (a + h);
}

/**
 * One bootstrap: pool the answers (attacker addresses first, then honest),
 * dial `outbound` of them by a partial Fisher-Yates draw. Which seeds are
 * malicious does not matter to the pool, so the seeds are not shuffled.
 */
export function bootstrapFromDnsSeeds(s: DnsSeedScenario, rng: Xoshiro128, pool: Uint8Array = new Uint8Array(s.seeds * s.addressesPerSeed)): FirstPeers {
  const a = s.maliciousSeeds * s.addressesPerSeed;
  const h = (s.seeds - s.maliciousSeeds - s.censoredSeeds) * s.addressesPerSeed;
  const n = a + h;
  if (n === 0) return { attackerPeers: 0, honestPeers: s.outbound, allAttacker: false, usedFixedSeeds: true, firstPeersAtS: FIXED_SEEDS_DELAY_S };
  for (let i = 0; i < n; i++) pool[i] = i < a ? 1 : 0;
  const d = Math.min(s.outbound, n);
  let attackerPeers = 0;
  for (let i = 0; i < d; i++) {
    const j = i + rng.below(n - i);
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
    attackerPeers += pool[i];
  }
  return { attackerPeers, honestPeers: d - attackerPeers, allAttacker: attackerPeers === d, usedFixedSeeds: false, firstPeersAtS: 0 };
}

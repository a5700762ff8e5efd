/**
 * Inbound eviction when every inbound slot is taken: Bitcoin Core's
 * SelectNodeToEvict (src/node/eviction.cpp; before 2021 inline in src/net.cpp
 * CConnman::AttemptToEvictConnection). In order, it protects from eviction
 * the 4 peers with the highest keyed netgroup (a per-node secret hash of the
 * /16, so an attacker cannot choose to win it), the 8 with the lowest minimum
 * ping, the 4 that most recently sent a novel transaction, the 4 that most
 * recently sent a novel block, then half of the rest by longest uptime; among
 * those left it picks the netgroup with the most connections (ties: the group
 * whose newest member is newest) and evicts that group's newest peer. With no
 * peer left it evicts nobody and the new connection is refused.
 *
 * A discouraged peer (misbehaved, Bitcoin Core 0.20+) is preferred for
 * eviction: if any unprotected peer is, only those are considered.
 *
 * Left out: the block-relay-only, noban and onion/I2P/localhost rules.
 */

export interface EvictionCandidate {
  id: number;
  netgroup: number;
  /** The node's secret-keyed hash of the netgroup (here a random rank). */
  keyedNetgroup: number;
  minPingMs: number;
  /** Last novel transaction from this peer, seconds; -Infinity if never. */
  lastTxS: number;
  /** Last novel block from this peer, seconds; -Infinity if never. */
  lastBlockS: number;
  connectedS: number;
  /** Discouraged peer (Bitcoin Core m_prefer_evict): if any unprotected peer has it, only those are evicted. */
  preferEvict?: boolean;
}

/** Bitcoin Core's protection counts (src/node/eviction.cpp SelectNodeToEvict). */
export const PROTECT_BY_NETGROUP = 4;
export const PROTECT_BY_PING = 8;
export const PROTECT_BY_TX = 4;
export const PROTECT_BY_BLOCK = 4;

export interface EvictionRules {
  /** Apply the four protections and the uptime half before the netgroup rule. */
  protections: boolean;
}

/** Drop the k best by `better` (a before b if a is better); ties by id. */
function protectBest(c: EvictionCandidate[], k: number, better: (a: EvictionCandidate, b: EvictionCandidate) => number): EvictionCandidate[] {
  const sorted = [...c].sort((a, b) => better(a, b) || a.id - b.id);
  return sorted.slice(Math.min(k, sorted.length));
}

/** The id to evict, or null when every candidate is protected. */
export function selectNodeToEvict(candidates: readonly EvictionCandidate[], rules: EvictionRules = { protections: true }): number | null {
  let c = [...candidates];
  if (rules.protections) {
    c = protectBest(c, PROTECT_BY_NETGROUP, (a, b) => b.keyedNetgroup - a.keyedNetgroup);
    c = protectBest(c, PROTECT_BY_PING, (a, b) => a.minPingMs - b.minPingMs);
    c = protectBest(c, PROTECT_BY_TX, (a, b) => cmpDesc(a.lastTxS, b.lastTxS));
    c = protectBest(c, PROTECT_BY_BLOCK, (a, b) => cmpDesc(a.lastBlockS, b.lastBlockS));
    c = protectBest(c, Math.floor(c.length / 2), (a, b) => a.connectedS - b.connectedS);
  }
  if (c.length === 0) return null;
  // "If any remaining peers are preferred for eviction consider only them" (SelectNodeToEvict, Bitcoin Core 0.21+).
  if (c.some((p) => p.preferEvict)) c = c.filter((p) => p.preferEvict);
  return newestOfLargestNetgroup(c);
}

function cmpDesc(a: number, b: number): number {
  return a === b ? 0 : a > b ? -1 : 1;
}

/** The netgroup with most members (ties: newest newest-member), then its newest member. */
export function newestOfLargestNetgroup(c: readonly EvictionCandidate[]): number {
  const groups = new Map<number, { count: number; newest: EvictionCandidate }>();
  for (const p of c) {
    const g = groups.get(p.netgroup);
    if (!g) groups.set(p.netgroup, { count: 1, newest: p });
    else {
      g.count++;
      if (p.connectedS > g.newest.connectedS || (p.connectedS === g.newest.connectedS && p.id > g.newest.id)) g.newest = p;
    }
  }
  let best: { count: number; newest: EvictionCandidate } | null = null;
  for (const g of groups.values()) {
    if (!best || g.count > best.count || (g.count === best.count && (g.newest.connectedS > best.newest.connectedS || (g.newest.connectedS === best.newest.connectedS && g.newest.id > best.newest.id)))) best = g;
  }
  return best!.newest.id;
}

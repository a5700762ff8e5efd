/**
 * Readable references for the lookup: the true k closest nodes by sorting all
 * of them by XOR distance (brute force), and the iterative lookup of
 * Maymounkov & Mazieres 2002 section 2.3 in synchronous rounds on plain
 * arrays: each round queries the alpha closest unqueried nodes among the k
 * closest seen, at once and without a network; the lookup ends when the k
 * closest seen have all been queried. Tests hold the networked lookup
 * (simulate.ts) and this one to the brute-force answer.
 */
import { compareDistance } from "./ids";
import type { RoutingTables } from "./routing-table";

/** The `count` nodes closest to the target (words at offset ot), closest first, among those `include` accepts (default all). */
export function bruteForceClosest(ids: Uint32Array, n: number, words: number, target: Uint32Array, ot: number, count: number, include: (v: number) => boolean = () => true): number[] {
  const all: number[] = [];
  for (let v = 0; v < n; v++) if (include(v)) all.push(v);
  all.sort((a, b) => compareDistance(ids, a * words, b * words, target, ot, words) || a - b);
  return all.slice(0, count);
}

export interface RoundLookupResult {
  /** The k closest nodes found, closest first. */
  closest: number[];
  /** Rounds of alpha parallel queries. */
  rounds: number;
  queries: number;
}

/** The iterative lookup in rounds, every node answering from its table (a static network, no failures). */
export function lookupInRounds(tables: RoutingTables, initiator: number, target: Uint32Array, ot: number, alpha: number): RoundLookupResult {
  const { ids, words, k } = tables;
  const byDistance = (a: number, b: number): number => compareDistance(ids, a * words, b * words, target, ot, words);
  const seen = new Set<number>([initiator]);
  const queried = new Set<number>();
  const out = new Int32Array(k);
  let shortlist: number[] = [];
  const learn = (contacts: ArrayLike<number>, count: number): void => {
    for (let c = 0; c < count; c++) {
      if (!seen.has(contacts[c])) {
        seen.add(contacts[c]);
        shortlist.push(contacts[c]);
      }
    }
    shortlist = shortlist.sort(byDistance).slice(0, k);
  };
  learn(out, tables.closest(initiator, target, ot, k, out));
  let rounds = 0;
  let queries = 0;
  for (;;) {
    const batch = shortlist.filter((v) => !queried.has(v)).slice(0, alpha);
    if (batch.length === 0) break;
    rounds++;
    for (const v of batch) {
      queried.add(v);
      queries++;
      const reply = new Int32Array(k);
      learn(reply, tables.closest(v, target, ot, k, reply));
    }
  }
  return { closest: shortlist, rounds, queries };
}

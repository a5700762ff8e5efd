/**
 * Routing tables of a settled static network: every bucket b of node i holds
 * min(k, m) contacts drawn uniformly from the m nodes that share exactly b
 * leading bits with i (what bucket refreshes converge to once every subtree
 * has been looked up; Maymounkov & Mazieres 2002, sections 2.2 and 2.3).
 *
 * With the nodes sorted by id, the nodes sharing a prefix of length b with i
 * are one contiguous run, and bucket b's candidates (same b bits, bit b
 * different) are the part of that run on the other side of the split at bit
 * b: found by binary search, so a node's table costs O(log^2 N + k^2 log N),
 * not O(N). The k contacts of a run of m are drawn by Floyd's algorithm.
 */
import type { Xoshiro128 } from "../../random/xoshiro128";
import { RoutingTables } from "./routing-table";

/** Bit b (0 = most significant) of node x's id. */
function bitOf(ids: Uint32Array, x: number, words: number, b: number): number {
  return (ids[x * words + (b >>> 5)] >>> (31 - (b & 31))) & 1;
}

/** Node indices sorted by id (lexicographic words, i.e. numeric order). */
export function sortedById(ids: Uint32Array, n: number, words: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => {
    for (let w = 0; w < words; w++) {
      const x = ids[a * words + w];
      const y = ids[b * words + w];
      if (x !== y) return x < y ? -1 : 1;
    }
    return a - b;
  });
  return order;
}

/** First position p in [lo, hi) of `order` whose node has bit b set (the run is sorted and shares bits < b), or hi. */
function splitAt(order: Int32Array, ids: Uint32Array, words: number, b: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bitOf(ids, order[mid], words, b) === 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Fill every node's buckets as a settled static network's (see the header). */
export function buildIdealTables(ids: Uint32Array, n: number, words: number, k: number, rng: Xoshiro128): RoutingTables {
  const tables = new RoutingTables(ids, n, words, k);
  const order = sortedById(ids, n, words);
  const bits = words * 32;
  const chosen = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    let lo = 0;
    let hi = n;
    for (let b = 0; b < bits && hi - lo > 1; b++) {
      const split = splitAt(order, ids, words, b, lo, hi);
      const mine = bitOf(ids, i, words, b);
      // Candidates: the other half of the run [lo, hi); the run continues in our half.
      let cLo: number;
      let cHi: number;
      if (mine === 0) {
        cLo = split;
        cHi = hi;
        hi = split;
      } else {
        cLo = lo;
        cHi = split;
        lo = split;
      }
      const m = cHi - cLo;
      if (m === 0) continue;
      const take = Math.min(k, m);
      // Floyd's algorithm: `take` distinct offsets of [0, m), uniform.
      let c = 0;
      for (let j = m - take; j < m; j++) {
        const t = rng.below(j + 1);
        let dup = false;
        for (let q = 0; q < c; q++) if (chosen[q] === t) dup = true;
        chosen[c++] = dup ? j : t;
      }
      for (let q = 0; q < take; q++) tables.append(i, b, order[cLo + chosen[q]]);
    }
  }
  return tables;
}

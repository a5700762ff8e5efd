/**
 * Random routes of SybilLimit, the readable reference (same draws, same
 * order, same result as random-routes.ts; the test checks they agree
 * exactly). Routing tables are per-node arrays of neighbour indices, routes
 * walk node to node, and a directed edge is named by the pair (from, to)
 * until the end, where it is turned into its CSR position.
 */
import type { Xoshiro128 } from "../../random/xoshiro128";
import { edgeIndex } from "../../network/graph";
import type { RouteTails } from "./random-routes";
import type { SocialGraph } from "./social-graph";

/** Neighbours of v, ascending. */
function neighboursOf(sg: SocialGraph, v: number): number[] {
  const { offsets, neighbors } = sg.graph;
  return Array.from(neighbors.subarray(offsets[v], offsets[v + 1]));
}

/** One routing table per honest node: table[v][a] = b means "arrived from neighbour a, leave to neighbour b" (indices into v's neighbours). */
function drawTables(sg: SocialGraph, rng: Xoshiro128): number[][] {
  const tables: number[][] = [];
  for (let v = 0; v < sg.honest; v++) {
    const deg = neighboursOf(sg, v).length;
    const perm = Array.from({ length: deg }, (_, a) => a);
    for (let k = deg - 1; k > 0; k--) {
      const j = rng.below(k + 1);
      [perm[k], perm[j]] = [perm[j], perm[k]];
    }
    tables.push(perm);
  }
  return tables;
}

/** One step: the route went from -> at; where does it go next? */
function step(sg: SocialGraph, tables: number[][], from: number, at: number): number {
  const nb = neighboursOf(sg, at);
  return nb[tables[at][nb.indexOf(from)]];
}

export function randomRouteTailsReference(sg: SocialGraph, r: number, w: number, rng: Xoshiro128): RouteTails {
  const n = sg.honest;
  const tails = new Int32Array(n * r);
  const escapingInstance: number[] = [];
  const escapingTail: number[] = [];
  for (let i = 0; i < r; i++) {
    const tables = drawTables(sg, rng);
    for (let s = 0; s < n; s++) {
      const nb = neighboursOf(sg, s);
      let from = s;
      let at = nb[rng.below(nb.length)];
      let tainted = at === sg.sybil;
      for (let t = 1; t < w && !tainted; t++) {
        const to = step(sg, tables, from, at);
        from = at;
        at = to;
        tainted = at === sg.sybil;
      }
      tails[s * r + i] = tainted ? -1 : edgeIndex(sg.graph, from, at);
    }
    const registered = new Set<number>();
    for (const h of neighboursOf(sg, sg.sybil)) {
      let from = sg.sybil;
      let at = h;
      for (let j = 1; j < w; j++) {
        const to = step(sg, tables, from, at);
        from = at;
        at = to;
        if (at === sg.sybil) break;
        const tail = edgeIndex(sg.graph, from, at);
        if (registered.has(tail)) continue;
        registered.add(tail);
        escapingInstance.push(i);
        escapingTail.push(tail);
      }
    }
  }
  return { r, w, tails, escapingInstance: Int32Array.from(escapingInstance), escapingTail: Int32Array.from(escapingTail) };
}

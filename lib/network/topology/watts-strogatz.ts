/**
 * Watts-Strogatz small world (Watts & Strogatz, "Collective dynamics of
 * 'small-world' networks", Nature 393, 1998): a ring where each node links to
 * its k nearest neighbours (k / 2 on each side), then each lattice edge
 * (u, u + j) is rewired with probability beta to (u, w), w uniform among the
 * nodes that are neither u nor already linked to u (as in networkx's
 * watts_strogatz_graph). The edge count stays n k / 2.
 */
import { ParameterError } from "../../experiment/params";
import type { Xoshiro128 } from "../../random/xoshiro128";
import { checkNodes, graphFromEdges, type Graph } from "../graph";

export function wattsStrogatz(n: number, k: number, beta: number, rng: Xoshiro128): Graph {
  checkNodes(n, 3);
  if (!Number.isInteger(k) || k < 2 || k % 2 !== 0 || k >= n) throw new ParameterError("degree", k, `an even integer, 2 <= degree < nodes = ${n}`);
  if (!(beta >= 0 && beta <= 1)) throw new ParameterError("rewireProb", beta, "a number, 0 <= rewireProb <= 1");
  const key = (a: number, b: number) => (a < b ? a * n + b : b * n + a);
  const edges = new Set<number>();
  const deg = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    for (let j = 1; j <= k / 2; j++) {
      edges.add(key(u, (u + j) % n));
      deg[u]++;
      deg[(u + j) % n]++;
    }
  }
  for (let j = 1; j <= k / 2; j++) {
    for (let u = 0; u < n; u++) {
      if (rng.nextFloat() >= beta) continue;
      const v = (u + j) % n;
      if (!edges.has(key(u, v)) || deg[u] >= n - 1) continue;
      let w: number;
      do w = rng.below(n);
      while (w === u || edges.has(key(u, w)));
      edges.delete(key(u, v));
      deg[v]--;
      edges.add(key(u, w));
      deg[w]++;
    }
  }
  const from = new Int32Array(edges.size);
  const to = new Int32Array(edges.size);
  let e = 0;
  for (const x of edges) {
    from[e] = Math.floor(x / n);
    to[e++] = x % n;
  }
  return graphFromEdges(n, from, to);
}

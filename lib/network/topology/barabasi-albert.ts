/**
 * Barabasi-Albert preferential attachment (Barabasi & Albert, "Emergence of
 * scaling in random networks", Science 286, 1999), as networkx's
 * barabasi_albert_graph builds it: start from a star on m + 1 nodes, then each
 * new node links to m distinct existing nodes drawn with probability
 * proportional to degree (uniform picks from the list of edge endpoints,
 * Batagelj & Brandes 2005). Edges: m + (n - m - 1) m = m (n - m); degree sum
 * 2 m (n - m).
 */
import { ParameterError } from "../../experiment/params";
import type { Xoshiro128 } from "../../random/xoshiro128";
import { checkNodes, graphFromEdges, type Graph } from "../graph";

export function barabasiAlbert(n: number, m: number, rng: Xoshiro128): Graph {
  checkNodes(n, 2);
  if (!Number.isInteger(m) || m < 1 || m >= n) throw new ParameterError("degree", m, `an integer, 1 <= degree (edges per new node) < nodes = ${n}`);
  const edgeCount = m * (n - m);
  const from = new Int32Array(edgeCount);
  const to = new Int32Array(edgeCount);
  const endpoints = new Int32Array(2 * edgeCount); // every edge's two ends: degree-proportional sampling
  let e = 0;
  let ends = 0;
  for (let v = 1; v <= m; v++) {
    from[e] = 0;
    to[e++] = v;
    endpoints[ends++] = 0;
    endpoints[ends++] = v;
  }
  const stamp = new Int32Array(n).fill(-1);
  const picked = new Int32Array(m);
  for (let source = m + 1; source < n; source++) {
    let count = 0;
    while (count < m) {
      const t = endpoints[rng.below(ends)];
      if (stamp[t] === source) continue;
      stamp[t] = source;
      picked[count++] = t;
    }
    for (let i = 0; i < m; i++) {
      from[e] = source;
      to[e++] = picked[i];
      endpoints[ends++] = picked[i];
      endpoints[ends++] = source;
    }
  }
  return graphFromEdges(n, from, to);
}

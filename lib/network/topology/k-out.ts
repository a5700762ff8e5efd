/**
 * Random k-out graph: every node opens connections to k distinct peers chosen
 * uniformly (not itself), and connections are undirected, with a connection
 * opened from both ends counted once. Bitcoin Core's default is 8 outbound
 * connections per node (net.h, MAX_OUTBOUND_FULL_RELAY_CONNECTIONS = 8), which
 * gives a mean degree just under 2k. This is the topology of the C reference
 * w3_pownet (same construction, same order of draws per node).
 *
 * Every node has degree >= k.
 */
import { ParameterError } from "../../experiment/params";
import type { Xoshiro128 } from "../../random/xoshiro128";
import { checkNodes, graphFromEdges, type Graph } from "../graph";

export function randomKOut(n: number, k: number, rng: Xoshiro128): Graph {
  checkNodes(n, 2);
  if (!Number.isInteger(k) || k < 1 || k >= n) throw new ParameterError("degree", k, `an integer, 1 <= degree < nodes = ${n}`);
  const from = new Int32Array(n * k);
  const to = new Int32Array(n * k);
  const stamp = new Int32Array(n); // stamp[j] === i + 1: j already picked by i
  let e = 0;
  for (let i = 0; i < n; i++) {
    stamp[i] = i + 1;
    for (let d = 0; d < k; d++) {
      let j: number;
      do j = rng.below(n);
      while (stamp[j] === i + 1);
      stamp[j] = i + 1;
      from[e] = i;
      to[e++] = j;
    }
  }
  return graphFromEdges(n, from, to);
}

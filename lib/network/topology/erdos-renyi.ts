/**
 * Erdos-Renyi G(n, p): each of the n (n - 1) / 2 pairs is an edge
 * independently with probability p. Generated in O(n + m) by geometric
 * skipping over the pairs (Batagelj & Brandes, "Efficient generation of large
 * random networks", Phys. Rev. E 71, 036113, 2005, algorithm G(n,p)).
 *
 * Expected edges p n (n - 1) / 2; expected degree p (n - 1).
 */
import { ParameterError } from "../../experiment/params";
import type { Xoshiro128 } from "../../random/xoshiro128";
import { checkNodes, graphFromEdges, type Graph } from "../graph";
import { completeGraph } from "./complete";

export function erdosRenyi(n: number, p: number, rng: Xoshiro128): Graph {
  checkNodes(n, 1);
  if (!(p >= 0 && p <= 1)) throw new ParameterError("p", p, "a number, 0 <= p <= 1");
  if (p === 1) return completeGraph(n);
  const from: number[] = [];
  const to: number[] = [];
  if (p > 0) {
    const logq = Math.log1p(-p);
    let v = 1;
    let w = -1;
    while (v < n) {
      w += 1 + Math.floor(Math.log1p(-rng.nextFloat()) / logq);
      while (w >= v && v < n) {
        w -= v;
        v++;
      }
      if (v < n) {
        from.push(v);
        to.push(w);
      }
    }
  }
  return graphFromEdges(n, from, to);
}

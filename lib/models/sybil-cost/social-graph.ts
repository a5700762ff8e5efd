/**
 * The social graph of a social-network Sybil defence (SybilGuard: Yu,
 * Kaminsky, Gibbons & Flaxman, SIGCOMM 2006, section 3; SybilLimit: Yu,
 * Gibbons, Kaminsky & Xiao, IEEE S&P 2008, section 3): an honest region that
 * mixes fast (here a random d-regular graph on n nodes) and a Sybil region
 * joined to it by g attack edges, each a trust relation the attacker
 * obtained from an honest person.
 *
 * The Sybil region is one node, index n: the adversary routes as it likes
 * inside its region, so its inner structure does not matter; what matters is
 * where routes cross the g attack edges. The g honest ends are distinct
 * honest nodes (degree d + 1).
 *
 * Why this does not carry over to money: the defence prices an identity at
 * one attack edge per O(log n) Sybils, and an attack edge is a human trust
 * link. Where links are not social (a blockchain's peer graph, exchange
 * accounts), an edge is a connection anyone opens, or an account one buys,
 * so g is bought at market price and grows with the money at stake.
 */
import { ParameterError } from "../../experiment/params";
import type { Xoshiro128 } from "../../random/xoshiro128";
import { edgeIndex, graphFromEdges, type Graph } from "../../network/graph";
import { randomRegular } from "../../network/topology/random-regular";

export interface SocialGraph {
  /** Honest nodes 0 .. n-1 and the Sybil region, node `sybil` = n. */
  readonly graph: Graph;
  readonly honest: number;
  readonly sybil: number;
  readonly attackEdges: number;
  /** Reverse CSR position: rev[k] is w -> v for k = v -> w. */
  readonly rev: Int32Array;
  /** Honest undirected edges (attack edges excluded). */
  readonly honestEdges: number;
}

/** A random `degree`-regular honest graph on `n` nodes plus `attackEdges` edges from distinct random honest nodes to the Sybil region. */
export function socialGraph(n: number, degree: number, attackEdges: number, rng: Xoshiro128): SocialGraph {
  if (!(Number.isInteger(attackEdges) && attackEdges >= 1 && attackEdges <= n)) throw new ParameterError("attackEdges", attackEdges, `an integer, 1 <= attackEdges <= honest nodes = ${n}`);
  const honest = randomRegular(n, degree, rng);
  const m = honest.edgeCount;
  const from = new Int32Array(m + attackEdges);
  const to = new Int32Array(m + attackEdges);
  from.set(honest.edgeA);
  to.set(honest.edgeB);
  // g distinct honest ends: a partial Fisher-Yates over 0 .. n-1.
  const pick = new Int32Array(n);
  for (let v = 0; v < n; v++) pick[v] = v;
  for (let i = 0; i < attackEdges; i++) {
    const j = i + rng.below(n - i);
    const t = pick[i];
    pick[i] = pick[j];
    pick[j] = t;
    from[m + i] = pick[i];
    to[m + i] = n;
  }
  const graph = graphFromEdges(n + 1, from, to);
  return { graph, honest: n, sybil: n, attackEdges, rev: reversePositions(graph), honestEdges: m };
}

/** rev[k] = the CSR position of w -> v for each position k of v -> w. */
export function reversePositions(g: Graph): Int32Array {
  const rev = new Int32Array(g.neighbors.length);
  for (let v = 0; v < g.n; v++) {
    for (let k = g.offsets[v]; k < g.offsets[v + 1]; k++) rev[k] = edgeIndex(g, g.neighbors[k], v);
  }
  return rev;
}

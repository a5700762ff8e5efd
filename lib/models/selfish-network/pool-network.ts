/**
 * The selfish pool's place in the peer-to-peer network: nodes 0 .. poolNodes-1
 * are the pool (colluding nodes that share hash power and a private chain),
 * the others are honest. The pool's connectivity is what makes Eyal & Sirer's
 * gamma ("Majority is not Enough", FC 2014, section 3: the share of honest
 * miners that mine on the pool's block in a tie) emerge from propagation:
 *
 * - peers: each pool node is linked to `poolDegree` honest nodes drawn at
 *   random (0: every honest node, the "connected to every node" reasoning of
 *   Eyal & Sirer, section 3, by which gamma approaches 1). The pool hears
 *   honest blocks from its peers and publishes to them only.
 * - latency advantage: a pool link's latency is `poolLatencyFactor` times the
 *   network's latency for that pair (0: instant, 1: an ordinary link).
 *
 * Graph overlay: the base graph's links of the pool nodes are replaced by
 * the links to their peers; honest-to-honest links keep their latencies.
 * Complete overlay: every pair stays linked for the Network, the pair
 * latency of pool pairs is scaled, and the kernel lets only peers exchange
 * blocks with the pool (`isPeer`).
 */
import { ParameterError } from "../../experiment/params";
import { edgeIndex, graphFromEdges, type Graph } from "../../network/graph";
import type { NetworkConfig, PairLatency } from "../../network/runtime-config";
import type { Xoshiro128 } from "../../random/xoshiro128";

export interface PoolConnectivity {
  /** Pool nodes: 0 .. poolNodes-1. */
  poolNodes: number;
  /** Honest peers per pool node (0: all). */
  poolDegree: number;
  /** Pool link latency / the network's latency for the pair (0: instant). */
  poolLatencyFactor: number;
}

export interface PoolNetwork {
  readonly network: NetworkConfig;
  readonly n: number;
  readonly poolNodes: number;
  /** 1 for pool nodes. */
  readonly isPool: Uint8Array;
  /** Honest peers of each pool node, ascending. */
  readonly peers: readonly Int32Array[];
  /** isPeer[i * n + v] = 1 if honest node v is a peer of pool node i. */
  readonly isPeer: Uint8Array;
}

export function checkPoolConnectivity(c: PoolConnectivity, nodes: number): void {
  const honest = nodes - c.poolNodes;
  if (!(Number.isInteger(c.poolNodes) && c.poolNodes >= 1 && honest >= 1)) throw new ParameterError("poolNodes", c.poolNodes, `an integer, 1 <= poolNodes < nodes = ${nodes}`);
  if (!(Number.isInteger(c.poolDegree) && c.poolDegree >= 0 && c.poolDegree <= honest))
    throw new ParameterError("poolDegree", c.poolDegree, `an integer, 0 <= poolDegree <= honest nodes = ${honest} (0: every honest node)`);
  if (!(c.poolLatencyFactor >= 0 && Number.isFinite(c.poolLatencyFactor))) throw new ParameterError("poolLatencyFactor", c.poolLatencyFactor, "a finite number >= 0");
}

/** `k` distinct honest nodes (ids poolNodes .. n-1), ascending: a partial Fisher-Yates shuffle. */
export function drawPeers(n: number, poolNodes: number, k: number, rng: Xoshiro128): Int32Array {
  const honest = n - poolNodes;
  const ids = new Int32Array(honest);
  for (let i = 0; i < honest; i++) ids[i] = poolNodes + i;
  if (k === 0 || k === honest) return ids;
  for (let i = 0; i < k; i++) {
    const j = i + rng.below(honest - i);
    const t = ids[i];
    ids[i] = ids[j];
    ids[j] = t;
  }
  return ids.slice(0, k).sort();
}

/** The pool's network from an honest network config of the same node count (build.ts). */
export function attachPool(base: NetworkConfig, c: PoolConnectivity, rng: Xoshiro128): PoolNetwork {
  const o = base.overlay;
  const n = o.kind === "graph" ? o.graph.n : o.n;
  checkPoolConnectivity(c, n);
  const m = c.poolNodes;
  const isPool = new Uint8Array(n);
  for (let i = 0; i < m; i++) isPool[i] = 1;
  const peers: Int32Array[] = [];
  const isPeer = new Uint8Array(m * n);
  for (let i = 0; i < m; i++) {
    const p = drawPeers(n, m, c.poolDegree, rng);
    peers.push(p);
    for (const v of p) isPeer[i * n + v] = 1;
  }
  const f = c.poolLatencyFactor;
  const pair = base.latency;
  const latency: PairLatency = { name: `${pair.name}, pool links x${f}`, n, latencyS: (a, b) => (a < m || b < m ? f * pair.latencyS(a, b) : pair.latencyS(a, b)) };
  if (o.kind === "complete") return { network: { ...base, latency }, n, poolNodes: m, isPool, peers, isPeer };
  if (!base.linkLatencyS) throw new Error("attachPool: a graph overlay needs linkLatencyS");
  const { graph, linkLatencyS } = rewirePool(o.graph, base.linkLatencyS, peers, (pool, v) => f * pair.latencyS(pool, v));
  return { network: { ...base, overlay: { kind: "graph", graph }, linkLatencyS, latency }, n, poolNodes: m, isPool, peers, isPeer };
}

/** The graph with the pool nodes' links replaced by links to their peers; other links keep their latencies. */
export function rewirePool(g: Graph, links: Float64Array, peers: readonly Int32Array[], poolLinkS: (pool: number, v: number) => number): { graph: Graph; linkLatencyS: Float64Array } {
  const m = peers.length;
  const from: number[] = [];
  const to: number[] = [];
  for (let e = 0; e < g.edgeCount; e++) {
    if (g.edgeA[e] < m || g.edgeB[e] < m) continue;
    from.push(g.edgeA[e]);
    to.push(g.edgeB[e]);
  }
  for (let i = 0; i < m; i++) for (const v of peers[i]) (from.push(i), to.push(v));
  const graph = graphFromEdges(g.n, from, to);
  const linkLatencyS = new Float64Array(graph.neighbors.length);
  for (let v = 0; v < graph.n; v++) {
    for (let k = graph.offsets[v]; k < graph.offsets[v + 1]; k++) {
      const w = graph.neighbors[k];
      linkLatencyS[k] = v < m ? poolLinkS(v, w) : w < m ? poolLinkS(w, v) : links[edgeIndex(g, v, w)];
    }
  }
  return { graph, linkLatencyS };
}

/** True if the honest nodes are connected without the pool (on a graph, removing the pool's links may cut them apart). */
export function honestConnected(pn: PoolNetwork): boolean {
  const o = pn.network.overlay;
  if (o.kind === "complete") return true;
  const g = o.graph;
  const seen = new Uint8Array(g.n);
  const stack = [pn.poolNodes];
  seen[pn.poolNodes] = 1;
  let reached = 1;
  while (stack.length > 0) {
    const v = stack.pop() as number;
    for (let k = g.offsets[v]; k < g.offsets[v + 1]; k++) {
      const w = g.neighbors[k];
      if (pn.isPool[w] === 1 || seen[w] === 1) continue;
      seen[w] = 1;
      reached++;
      stack.push(w);
    }
  }
  return reached === g.n - pn.poolNodes;
}

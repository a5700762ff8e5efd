/**
 * An undirected graph in compressed sparse row (CSR) form: the neighbours of
 * node v are neighbors[offsets[v] .. offsets[v + 1]), sorted ascending. Every
 * undirected edge appears twice (once per endpoint); `edgeIds` maps each CSR
 * position to its undirected edge, so per-edge data (a link's latency) is
 * stored once and read the same in both directions.
 */
import { ParameterError } from "../experiment/params";

export interface Graph {
  /** Number of nodes, 0 .. n-1. */
  readonly n: number;
  /** n + 1 offsets into `neighbors`. */
  readonly offsets: Int32Array;
  /** Neighbour of each CSR position (2 * edgeCount entries). */
  readonly neighbors: Int32Array;
  /** Undirected edge index of each CSR position. */
  readonly edgeIds: Int32Array;
  /** Endpoints of undirected edge e: edgeA[e] < edgeB[e]; edges sorted by (a, b). */
  readonly edgeA: Int32Array;
  readonly edgeB: Int32Array;
  /** Number of undirected edges. */
  readonly edgeCount: number;
}

/** Check a node count: an integer in [min, 2^26] (so n * n stays exact in a double). */
export function checkNodes(n: number, min = 1, name = "nodes"): void {
  if (!Number.isInteger(n) || n < min || n > 2 ** 26) throw new ParameterError(name, n, `an integer, ${min} <= ${name} <= ${2 ** 26}`);
}

/**
 * Build a graph from endpoint lists. Self-loops are dropped and duplicate
 * (undirected) edges merged, so callers may emit an edge from both ends.
 */
export function graphFromEdges(n: number, from: ArrayLike<number>, to: ArrayLike<number>): Graph {
  checkNodes(n, 1);
  if (from.length !== to.length) throw new RangeError(`edge lists differ in length: ${from.length} vs ${to.length}`);
  const keys = new Float64Array(from.length);
  let k = 0;
  for (let i = 0; i < from.length; i++) {
    const a = from[i];
    const b = to[i];
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < 0 || a >= n || b >= n) {
      throw new ParameterError("edge", `${a}-${b}`, `endpoints are integers in 0 .. ${n - 1}`);
    }
    if (a === b) continue;
    keys[k++] = a < b ? a * n + b : b * n + a;
  }
  const sorted = keys.subarray(0, k).sort();
  let m = 0;
  for (let i = 0; i < k; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[m++] = sorted[i];
  const edgeA = new Int32Array(m);
  const edgeB = new Int32Array(m);
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    const a = Math.floor(sorted[e] / n);
    const b = sorted[e] - a * n;
    edgeA[e] = a;
    edgeB[e] = b;
    offsets[a + 1]++;
    offsets[b + 1]++;
  }
  for (let v = 0; v < n; v++) offsets[v + 1] += offsets[v];
  const neighbors = new Int32Array(2 * m);
  const edgeIds = new Int32Array(2 * m);
  const fill = offsets.slice(0, n);
  // Edges in (a, b) order fill each node's row in ascending neighbour order.
  for (let e = 0; e < m; e++) {
    const a = edgeA[e];
    const b = edgeB[e];
    neighbors[fill[a]] = b;
    edgeIds[fill[a]++] = e;
    neighbors[fill[b]] = a;
    edgeIds[fill[b]++] = e;
  }
  return { n, offsets, neighbors, edgeIds, edgeA, edgeB, edgeCount: m };
}

export function degree(g: Graph, v: number): number {
  return g.offsets[v + 1] - g.offsets[v];
}

export function degrees(g: Graph): Int32Array {
  const d = new Int32Array(g.n);
  for (let v = 0; v < g.n; v++) d[v] = g.offsets[v + 1] - g.offsets[v];
  return d;
}

export function meanDegree(g: Graph): number {
  return (2 * g.edgeCount) / g.n;
}

/** CSR position of the edge v -> w, or -1. */
export function edgeIndex(g: Graph, v: number, w: number): number {
  let lo = g.offsets[v];
  let hi = g.offsets[v + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = g.neighbors[mid];
    if (x === w) return mid;
    if (x < w) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Connected-component label of every node (labels 0, 1, ... in order of the smallest node). */
export function components(g: Graph): { count: number; label: Int32Array } {
  const label = new Int32Array(g.n).fill(-1);
  const stack = new Int32Array(g.n);
  let count = 0;
  for (let s = 0; s < g.n; s++) {
    if (label[s] !== -1) continue;
    let top = 0;
    stack[top++] = s;
    label[s] = count;
    while (top > 0) {
      const v = stack[--top];
      for (let k = g.offsets[v]; k < g.offsets[v + 1]; k++) {
        const w = g.neighbors[k];
        if (label[w] === -1) {
          label[w] = count;
          stack[top++] = w;
        }
      }
    }
    count++;
  }
  return { count, label };
}

export function isConnected(g: Graph): boolean {
  return components(g).count === 1;
}

/**
 * The structured broadcast tree: a breadth-first spanning tree of the peer
 * graph from the source (Moore 1959), children stored in CSR form; every node
 * forwards to its children, so each reached node gets the message exactly
 * once and N - 1 messages reach a connected graph, at the node's BFS depth in
 * hops. On a complete overlay (every pair linked, where BFS would give a
 * star of N - 1 sends from the source) the tree is the `arity`-ary heap
 * over the nodes in the order source, then the others ascending.
 */
import type { Graph } from "../../network/graph";

export interface BroadcastTree {
  readonly source: number;
  /** Parent of each node (-1: the source, or not reached). */
  readonly parent: Int32Array;
  /** Depth in hops (-1: not reached). */
  readonly depth: Int32Array;
  /** Children of v: children[childOffsets[v] .. childOffsets[v + 1]). */
  readonly childOffsets: Int32Array;
  readonly children: Int32Array;
}

/** BFS tree of `graph` from `source`; neighbours are scanned in ascending order, so the first to reach a node is its parent. */
export function bfsTree(graph: Graph, source: number): BroadcastTree {
  const n = graph.n;
  const parent = new Int32Array(n).fill(-1);
  const depth = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  queue[tail++] = source;
  depth[source] = 0;
  while (head < tail) {
    const v = queue[head++];
    for (let k = graph.offsets[v]; k < graph.offsets[v + 1]; k++) {
      const w = graph.neighbors[k];
      if (depth[w] >= 0) continue;
      depth[w] = depth[v] + 1;
      parent[w] = v;
      queue[tail++] = w;
    }
  }
  return withChildren(source, parent, depth);
}

/** The `arity`-ary heap tree over n nodes: position 0 is the source, positions 1 .. n-1 the other nodes ascending. */
export function kAryTree(n: number, source: number, arity: number): BroadcastTree {
  const nodeAt = (i: number) => (i === 0 ? source : i <= source ? i - 1 : i);
  const parent = new Int32Array(n).fill(-1);
  const depth = new Int32Array(n).fill(0);
  for (let i = 1; i < n; i++) {
    const v = nodeAt(i);
    const p = Math.floor((i - 1) / arity);
    parent[v] = nodeAt(p);
    depth[v] = depth[nodeAt(p)] + 1; // the parent's position is smaller, so its depth is set
  }
  return withChildren(source, parent, depth);
}

function withChildren(source: number, parent: Int32Array, depth: Int32Array): BroadcastTree {
  const n = parent.length;
  const childOffsets = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) if (parent[v] >= 0) childOffsets[parent[v] + 1]++;
  for (let v = 0; v < n; v++) childOffsets[v + 1] += childOffsets[v];
  const fill = childOffsets.slice(0, n);
  const children = new Int32Array(childOffsets[n]);
  for (let v = 0; v < n; v++) if (parent[v] >= 0) children[fill[parent[v]]++] = v;
  return { source, parent, depth, childOffsets, children };
}

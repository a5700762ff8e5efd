/**
 * Tree broadcast: every node forwards the message to its children in the
 * broadcast tree of the message's source (broadcast-tree.ts: BFS over the
 * peer graph, or the fanout-ary heap on a complete overlay). Without faults
 * each node gets it exactly once (N - 1 data messages) at its tree depth
 * times the hop delay; a crashed or offline node cuts off its whole subtree
 * (no repair: the cost of structure).
 */
import { bfsTree, kAryTree, type BroadcastTree } from "./broadcast-tree";
import type { Dissemination, Protocol } from "./dissemination";

export function treeProtocol(d: Dissemination, arity: number): Protocol {
  const net = d.net;
  const trees = new Map<number, BroadcastTree>();
  const treeOf = (source: number): BroadcastTree => {
    let t = trees.get(source);
    if (t === undefined) {
      t = net.graph !== null ? bfsTree(net.graph, source) : kAryTree(d.n, source, arity);
      trees.set(source, t);
    }
    return t;
  };
  return {
    periodic: false,
    relay(v, j, _from, hops) {
      const t = treeOf(d.sources[j]);
      const begin = t.childOffsets[v];
      const count = t.childOffsets[v + 1] - begin;
      if (count === 0) return;
      const list = d.scratch;
      for (let i = 0; i < count; i++) list[i] = t.children[begin + i];
      net.multicast(d.DATA, v, list, d.dataMessage(j, hops + 1), count);
    },
  };
}

/**
 * Flooding and the broadcast tree on fixed link delays, against distances
 * computed here independently of the library: with a constant delay d (no
 * bandwidth cost, jitter or loss) a flooded message reaches v at exactly
 * d * hops(source, v) (BFS in this file), with heterogeneous fixed delays at
 * the weighted shortest-path distance (Dijkstra 1959, O(n^2) in this file);
 * flooding sends deg(source) + sum over the others of (deg(v) - 1) data
 * messages; the tree delivers to every node exactly once, N - 1 messages, at
 * its depth * d.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { rngFor } from "../../../lib/random/seed";
import { Xoshiro128 } from "../../../lib/random/xoshiro128";
import { randomKOut } from "../../../lib/network/topology";
import { lognormalLatency } from "../../../lib/network/latency";
import { sampleLinkLatencies } from "../../../lib/network/link-latencies";
import { graphNetworkConfig } from "../../../lib/network/graph-network";
import { constantPairLatency } from "../../../lib/network/pair-latency";
import type { Graph } from "../../../lib/network/graph";
import { gossipConfig, type GossipProtocol } from "../../../lib/models/gossip-network/config";
import { simulateGossip } from "../../../lib/models/gossip-network/simulate";
import { summarizeGossip } from "../../../lib/models/gossip-network/metrics";

/** Hop distances by breadth-first search (-1: unreachable). */
function hops(g: Graph, s: number): number[] {
  const dist = new Array<number>(g.n).fill(-1);
  dist[s] = 0;
  const queue = [s];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i];
    for (let k = g.offsets[v]; k < g.offsets[v + 1]; k++) {
      const w = g.neighbors[k];
      if (dist[w] < 0) {
        dist[w] = dist[v] + 1;
        queue.push(w);
      }
    }
  }
  return dist;
}

/** Dijkstra with an O(n) minimum scan per step; dist[w] = dist[v] + delay, the additions a relay performs. */
function dijkstra(g: Graph, delay: Float64Array, s: number): number[] {
  const dist = new Array<number>(g.n).fill(Infinity);
  const done = new Array<boolean>(g.n).fill(false);
  dist[s] = 0;
  for (;;) {
    let v = -1;
    for (let u = 0; u < g.n; u++) if (!done[u] && dist[u] < Infinity && (v < 0 || dist[u] < dist[v])) v = u;
    if (v < 0) return dist;
    done[v] = true;
    for (let k = g.offsets[v]; k < g.offsets[v + 1]; k++) {
      const w = g.neighbors[k];
      if (dist[v] + delay[k] < dist[w]) dist[w] = dist[v] + delay[k];
    }
  }
}

function run(graph: Graph, linkS: Float64Array, protocol: GossipProtocol, source: number, seed = 1) {
  return simulateGossip({ network: graphNetworkConfig(graph, linkS) }, gossipConfig({ protocol, sources: [source], messageBytes: 1000 }), rngFor(["propagation", seed]));
}

test("flooding with constant link delay d reaches every node at exactly d * (hop distance), sending deg(s) + sum (deg(v) - 1) messages", () => {
  for (const [n, k, seed] of [
    [300, 2, 1],
    [500, 4, 2],
    [200, 1, 3], // sparse: long paths
  ] as const) {
    const graph = randomKOut(n, k, new Xoshiro128([seed, 11, 12, 13]));
    const d = 0.125; // exact in binary: d * h is exact
    const source = seed * 7;
    const r = run(graph, new Float64Array(graph.neighbors.length).fill(d), "flood", source);
    const h = hops(graph, source);
    let expectedSent = 0;
    for (let v = 0; v < n; v++) {
      const deg = graph.offsets[v + 1] - graph.offsets[v];
      if (h[v] < 0) assert.ok(Number.isNaN(r.receivedS[v]), `node ${v} is unreachable`);
      else {
        assert.equal(r.receivedS[v], d * h[v], `node ${v} at ${h[v]} hops`);
        expectedSent += v === source ? deg : deg - 1;
      }
    }
    const data = r.statsByKind.data;
    assert.equal(data.sent, expectedSent, "each reached node forwards once to all neighbours but its sender");
    const reached = h.filter((x) => x >= 0).length;
    assert.equal(r.duplicates, data.sent - (reached - 1), "every delivery but the first at each node is a duplicate");
  }
});

test("flooding with heterogeneous fixed link latencies reaches each node at its weighted shortest-path distance (Dijkstra)", () => {
  for (const seed of [4, 5]) {
    const graph = randomKOut(400, 3, new Xoshiro128([seed, 1, 2, 3]));
    const linkS = sampleLinkLatencies(graph, lognormalLatency(100, 0.8), new Xoshiro128([seed, 4, 5, 6]));
    const source = 17 * seed;
    const r = run(graph, linkS, "flood", source);
    const dist = dijkstra(graph, linkS, source);
    for (let v = 0; v < graph.n; v++) {
      if (dist[v] === Infinity) assert.ok(Number.isNaN(r.receivedS[v]));
      else assert.equal(r.receivedS[v], dist[v], `node ${v}`);
    }
  }
});

test("flooding on a complete overlay sends (N - 1)^2 messages and reaches everyone one latency after publication", () => {
  const n = 60;
  const r = simulateGossip({ network: { overlay: { kind: "complete", n }, latency: constantPairLatency(n, 40) } }, gossipConfig({ protocol: "flood", sources: [3] }), rngFor(["complete"]));
  assert.equal(r.statsByKind.data.sent, (n - 1) ** 2);
  for (let v = 0; v < n; v++) assert.equal(r.receivedS[v], v === 3 ? 0 : 0.04);
});

test("the BFS tree delivers to every node exactly once (N - 1 messages, no duplicates) at depth * d", () => {
  const graph = randomKOut(500, 3, new Xoshiro128([8, 8, 8, 8]));
  const d = 0.25;
  for (const source of [0, 123, 499]) {
    const r = run(graph, new Float64Array(graph.neighbors.length).fill(d), "tree", source);
    const h = hops(graph, source); // a BFS tree's depth is the hop distance
    for (let v = 0; v < graph.n; v++) assert.equal(r.receivedS[v], d * h[v], `node ${v}`);
    assert.equal(r.statsByKind.data.sent, graph.n - 1);
    assert.equal(r.statsByKind.data.delivered, graph.n - 1);
    assert.equal(r.duplicates, 0);
    const s = summarizeGossip(r);
    assert.equal(s.redundancy, 1);
    assert.equal(s.reliability, 1);
    assert.equal(s.tAllS, d * Math.max(...h));
  }
});

test("on a complete overlay the tree is the fanout-ary heap rooted at the source: node at heap position i arrives at depth(i) * d", () => {
  const n = 100;
  const source = 42;
  const arity = 3;
  const r = simulateGossip(
    { network: { overlay: { kind: "complete", n }, latency: constantPairLatency(n, 250) } },
    gossipConfig({ protocol: "tree", sources: [source], fanout: arity }),
    rngFor(["heap"]),
  );
  // Position 0 is the source, then the other nodes ascending; the parent of position i is floor((i - 1) / arity).
  const order = [source, ...Array.from({ length: n }, (_, v) => v).filter((v) => v !== source)];
  order.forEach((v, i) => {
    let depth = 0;
    for (let p = i; p > 0; p = Math.floor((p - 1) / arity)) depth++;
    assert.equal(r.receivedS[v], 0.25 * depth, `node ${v} at position ${i}`);
  });
  assert.equal(r.statsByKind.data.sent, n - 1);
});

test("a crashed node cuts its BFS subtree off the tree, while flooding reaches everything the rest of the graph connects", () => {
  const graph = randomKOut(300, 2, new Xoshiro128([2, 4, 6, 8]));
  const linkS = new Float64Array(graph.neighbors.length).fill(0.1);
  const source = 0;
  const victim = graph.neighbors[graph.offsets[source]];
  // BFS parents, neighbours scanned in ascending order (the tree's definition); the victim's descendants.
  const parent = new Array<number>(graph.n).fill(-1);
  const order = [source];
  const seen = new Set([source]);
  for (let i = 0; i < order.length; i++) {
    const v = order[i];
    for (let k = graph.offsets[v]; k < graph.offsets[v + 1]; k++) {
      const w = graph.neighbors[k];
      if (!seen.has(w)) {
        seen.add(w);
        parent[w] = v;
        order.push(w);
      }
    }
  }
  const cutOff = (v: number): boolean => {
    for (let u = v; u !== -1; u = parent[u]) if (u === victim) return true;
    return false;
  };
  // Reachable from the source without passing the victim.
  const around = new Set([source]);
  const stack = [source];
  while (stack.length) {
    const v = stack.pop() as number;
    for (let k = graph.offsets[v]; k < graph.offsets[v + 1]; k++) {
      const w = graph.neighbors[k];
      if (w !== victim && !around.has(w)) {
        around.add(w);
        stack.push(w);
      }
    }
  }
  const crashes = [{ node: victim, atS: 0 }];
  const cfg = (protocol: GossipProtocol) => gossipConfig({ protocol, sources: [source] });
  const tree = simulateGossip({ network: graphNetworkConfig(graph, linkS, { crashes }) }, cfg("tree"), rngFor(["cut"]));
  const flood = simulateGossip({ network: graphNetworkConfig(graph, linkS, { crashes }) }, cfg("flood"), rngFor(["cut"]));
  let lost = 0;
  for (let v = 0; v < graph.n; v++) {
    assert.equal(!Number.isNaN(tree.receivedS[v]), !cutOff(v), `tree, node ${v}`);
    assert.equal(!Number.isNaN(flood.receivedS[v]), around.has(v), `flood, node ${v}`);
    if (cutOff(v) && v !== victim) lost++;
  }
  assert.ok(lost > 0, "the victim has descendants");
  assert.equal(summarizeGossip(tree).liveNodes, graph.n - 1);
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { ParameterError } from "../../lib/experiment/params";
import { components, degrees, graphFromEdges, isConnected, type Graph } from "../../lib/network/graph";
import { barabasiAlbert, buildTopology, completeGraph, erdosRenyi, parseEdgeList, randomKOut, randomRegular, wattsStrogatz } from "../../lib/network/topology";
import { Xoshiro128 } from "../../lib/random/xoshiro128";

const rng = (seed: number) => new Xoshiro128([seed, 0x9e3779b9, seed * 7 + 1, 12345]);

/** CSR invariants: sorted rows without self-loops or repeats, symmetric, edge ids consistent. */
function checkCsr(g: Graph): void {
  assert.equal(g.offsets[g.n], 2 * g.edgeCount);
  for (let v = 0; v < g.n; v++) {
    for (let k = g.offsets[v]; k < g.offsets[v + 1]; k++) {
      const w = g.neighbors[k];
      assert.notEqual(w, v, "self-loop");
      if (k > g.offsets[v]) assert.ok(g.neighbors[k - 1] < w, "row not strictly increasing");
      const e = g.edgeIds[k];
      assert.deepEqual([g.edgeA[e], g.edgeB[e]], [Math.min(v, w), Math.max(v, w)]);
    }
  }
}

test("graphFromEdges merges duplicate and reversed edges, drops self-loops; components and connectivity", () => {
  const g = graphFromEdges(6, [0, 1, 1, 2, 3, 4, 5, 2], [1, 0, 2, 0, 4, 5, 3, 2]);
  checkCsr(g);
  assert.equal(g.edgeCount, 6); // 0-1, 1-2, 0-2, 3-4, 4-5, 3-5
  assert.deepEqual([...degrees(g)], [2, 2, 2, 2, 2, 2]);
  const c = components(g);
  assert.equal(c.count, 2);
  assert.deepEqual([...c.label], [0, 0, 0, 1, 1, 1]);
  assert.equal(isConnected(g), false);
  assert.equal(isConnected(graphFromEdges(3, [0, 1], [1, 2])), true);
});

test("k-out (Bitcoin: 8 outbound): every degree >= k, mean degree just under 2k, deterministic under a seed", () => {
  const g = randomKOut(1000, 8, rng(1));
  checkCsr(g);
  const d = degrees(g);
  assert.ok(Math.min(...d) >= 8);
  // Expected merged pairs: each of the n k picks coincides with a reverse pick with probability ~ k / (n - 1).
  const expectedEdges = 1000 * 8 * (1 - 8 / 999 / 2);
  assert.ok(Math.abs(g.edgeCount - expectedEdges) < 4 * Math.sqrt(1000 * 8 * (8 / 999)), `edges ${g.edgeCount}`);
  const again = randomKOut(1000, 8, rng(1));
  assert.deepEqual(again.neighbors, g.neighbors);
  assert.notDeepEqual(randomKOut(1000, 8, rng(2)).neighbors, g.neighbors);
  assert.ok(isConnected(g));
});

test("random regular: every node has degree d, no multi-edges; n d odd is rejected", () => {
  for (const [n, d] of [[1000, 8], [101, 4], [10, 9], [50, 3]]) {
    const g = randomRegular(n, d, rng(n + d));
    checkCsr(g);
    assert.ok(degrees(g).every((x) => x === d), `n=${n} d=${d}`);
    assert.equal(g.edgeCount, (n * d) / 2);
  }
  assert.throws(() => randomRegular(11, 3, rng(1)), (e: unknown) => e instanceof ParameterError && /nodes \* degree even/.test(e.message));
});

test("Erdos-Renyi G(n, p): edge count within 4 SE of p n (n - 1) / 2 over seeds; p = 0 and p = 1 are exact", () => {
  const n = 2000;
  const p = 0.005;
  const pairs = (n * (n - 1)) / 2;
  const mean = p * pairs;
  const se = Math.sqrt(pairs * p * (1 - p));
  let total = 0;
  for (let s = 0; s < 8; s++) {
    const g = erdosRenyi(n, p, rng(100 + s));
    if (s === 0) checkCsr(g);
    assert.ok(Math.abs(g.edgeCount - mean) < 4 * se, `seed ${s}: ${g.edgeCount} vs ${mean} +- ${se}`);
    total += g.edgeCount;
  }
  assert.ok(Math.abs(total / 8 - mean) < 4 * (se / Math.sqrt(8)), `mean of 8: ${total / 8}`);
  assert.equal(erdosRenyi(50, 0, rng(1)).edgeCount, 0);
  assert.equal(erdosRenyi(50, 1, rng(1)).edgeCount, 1225);
  // Every pair equally likely: node degrees average p (n - 1).
  const g = erdosRenyi(n, p, rng(7));
  const meanDeg = (2 * g.edgeCount) / n;
  assert.ok(Math.abs(meanDeg - p * (n - 1)) < 4 * (2 * se) / n);
});

test("Watts-Strogatz keeps n k / 2 edges; beta = 0 is the ring lattice", () => {
  const ring = wattsStrogatz(20, 4, 0, rng(1));
  checkCsr(ring);
  assert.ok(degrees(ring).every((x) => x === 4));
  assert.deepEqual([...ring.neighbors.subarray(ring.offsets[0], ring.offsets[1])], [1, 2, 18, 19]);
  for (const beta of [0.1, 0.5, 1]) {
    const g = wattsStrogatz(500, 6, beta, rng(3));
    checkCsr(g);
    assert.equal(g.edgeCount, 1500);
  }
  assert.throws(() => wattsStrogatz(20, 3, 0.1, rng(1)), (e: unknown) => e instanceof ParameterError && e.parameter === "degree");
});

test("Barabasi-Albert: m (n - m) edges, degree sum 2 m (n - m), min degree m, a heavy tail", () => {
  const n = 3000;
  const m = 3;
  const g = barabasiAlbert(n, m, rng(5));
  checkCsr(g);
  const d = degrees(g);
  assert.equal(g.edgeCount, m * (n - m));
  assert.equal(d.reduce((a, b) => a + b, 0), 2 * m * (n - m));
  assert.ok(Math.min(...d) >= m);
  assert.ok(Math.max(...d) > 10 * 2 * m, `max degree ${Math.max(...d)}: preferential attachment makes hubs`);
});

test("complete graph and edge lists (space, comma, tab, comments, header)", () => {
  const k5 = completeGraph(5);
  checkCsr(k5);
  assert.equal(k5.edgeCount, 10);
  const g = parseEdgeList("from,to\n# a comment\n0,1\n1 2\n\n2\t3\t0.5\n3 0\n");
  assert.equal(g.n, 4);
  assert.equal(g.edgeCount, 4);
  assert.equal(parseEdgeList("0 1\n", 10).n, 10);
  assert.throws(() => parseEdgeList("0 1\n1 x\n"), /line 2/);
  assert.throws(() => parseEdgeList("0 5\n", 3), (e: unknown) => e instanceof ParameterError && e.parameter === "nodes");
});

test("bad parameters name the parameter, the value and the allowed range", () => {
  const cases: Array<[() => unknown, string, RegExp]> = [
    [() => randomKOut(8, 8, rng(1)), "degree", /invalid degree: 8 \(allowed: an integer, 1 <= degree < nodes = 8\)/],
    [() => randomKOut(100, 0, rng(1)), "degree", /invalid degree: 0/],
    [() => randomRegular(10, 10, rng(1)), "degree", /degree < nodes = 10/],
    [() => barabasiAlbert(5, 5, rng(1)), "degree", /degree \(edges per new node\) < nodes = 5/],
    [() => erdosRenyi(10, 1.5, rng(1)), "p", /0 <= p <= 1/],
    [() => wattsStrogatz(10, 4, -0.1, rng(1)), "rewireProb", /0 <= rewireProb <= 1/],
    [() => randomKOut(1.5, 1, rng(1)), "nodes", /invalid nodes: 1.5/],
    [() => graphFromEdges(3, [0], [3]), "edge", /endpoints are integers in 0 .. 2/],
  ];
  for (const [make, name, message] of cases) {
    assert.throws(make, (e: unknown) => e instanceof ParameterError && e.parameter === name && message.test(e.message), name);
  }
  assert.equal(buildTopology({ kind: "erdos-renyi", nodes: 100, degree: 4 }, rng(1)).n, 100);
});

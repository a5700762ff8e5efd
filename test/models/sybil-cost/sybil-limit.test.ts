/**
 * SybilLimit on a random regular social graph: the fast route kernel against
 * the readable reference, route invariants, escaping registrations, accepted
 * Sybils per attack edge against the O(log n) analysis (Yu, Gibbons,
 * Kaminsky & Xiao, IEEE S&P 2008, sections 4.3-4.5) and honest acceptance
 * against the birthday paradox.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { ParameterError } from "../../../lib/experiment/params";
import { rngFor, replicateRng } from "../../../lib/random/seed";
import { randomRouteTails } from "../../../lib/models/sybil-cost/random-routes";
import { randomRouteTailsReference } from "../../../lib/models/sybil-cost/random-routes-reference";
import { socialGraph } from "../../../lib/models/sybil-cost/social-graph";
import { sybilLimit } from "../../../lib/models/sybil-cost/sybil-limit-experiment";
import { keyMatchProbability } from "../../../lib/models/sybil-cost/sybil-limit-theory";

type Row = ReturnType<typeof sybilLimit.run>;
function replicates(given: Record<string, unknown>, k: number): Row[] {
  const p = sybilLimit.resolve(given);
  return Array.from({ length: k }, (_, i) => sybilLimit.run(p, replicateRng(1, "sybil-limit", p, i)));
}
function meanSe(x: number[]): { mean: number; se: number } {
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  const sd = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / (x.length - 1));
  return { mean, se: sd / Math.sqrt(x.length) };
}

test("the fast route kernel equals the readable reference exactly (same seed, same tails and escaping registrations)", () => {
  for (const [n, d, g] of [[60, 4, 3], [101, 6, 7]]) {
    const sg = socialGraph(n, d, g, rngFor(["graph", n]).fast);
    const fast = randomRouteTails(sg, 12, 7, rngFor(["routes", n]).fast);
    const ref = randomRouteTailsReference(sg, 12, 7, rngFor(["routes", n]).fast);
    assert.deepEqual(Array.from(fast.tails), Array.from(ref.tails));
    assert.deepEqual(Array.from(fast.escapingInstance), Array.from(ref.escapingInstance));
    assert.deepEqual(Array.from(fast.escapingTail), Array.from(ref.escapingTail));
    assert.ok(fast.escapingTail.length > 0 && fast.tails.some((t) => t < 0), "both kinds of Sybil access occur");
  }
});

test("invariants: untainted tails are honest directed edges; at most w - 1 escaping keys per attack edge and instance, each (instance, tail) once", () => {
  const n = 300, g = 6, r = 40, w = 9;
  const sg = socialGraph(n, 8, g, rngFor(["inv"]).fast);
  assert.equal(sg.graph.offsets[n + 1] - sg.graph.offsets[n], g, "the Sybil region has g attack edges");
  const routes = randomRouteTails(sg, r, w, rngFor(["inv-routes"]).fast);
  const source = new Int32Array(sg.graph.neighbors.length);
  for (let v = 0; v <= n; v++) for (let k = sg.graph.offsets[v]; k < sg.graph.offsets[v + 1]; k++) source[k] = v;
  for (const t of routes.tails) if (t >= 0) assert.ok(sg.graph.neighbors[t] < n && source[t] < n, `tail ${t} touches the Sybil region`);
  const perInstance = new Map<number, Set<number>>();
  for (let k = 0; k < routes.escapingTail.length; k++) {
    const i = routes.escapingInstance[k];
    const set = perInstance.get(i) ?? new Set<number>();
    assert.ok(!set.has(routes.escapingTail[k]), "one key per (instance, tail)");
    set.add(routes.escapingTail[k]);
    perInstance.set(i, set);
  }
  for (const set of perInstance.values()) assert.ok(set.size <= g * (w - 1));
});

test("escaping keys land on V's tails with probability 1 - (1 - 1/M)^r (uniform tails on a fast-mixing graph), within 4 SE", () => {
  const rows = replicates({ nodes: 1000, attackEdges: 10, verifiers: 8 }, 6);
  // Conditional on the keys each run registered, the expected matches are keys * p.
  const ratio = rows.map((r) => r.escapingMatchesPerEdge / r.escapingKeysPerEdge);
  const p = keyMatchProbability(rows[0].instances, 2 * 4000 + 2 * 10);
  const { mean, se } = meanSe(ratio);
  assert.ok(Math.abs(mean - p) <= 4 * se, `${mean} +- ${se} vs ${p}`);
  // Keys per attack edge: r d/(d+1) sum (1 - g/M)^j, within 3 % (later returns to the Sybil region are neglected).
  const keys = meanSe(rows.map((r) => r.escapingKeysPerEdge));
  assert.ok(Math.abs(keys.mean / rows[0].escapingKeysPerEdgeTheory - 1) < 0.03, `${keys.mean} vs ${rows[0].escapingKeysPerEdgeTheory}`);
});

test("accepted Sybils per attack edge stay within the analysis' O(w) = O(log n) and their ratio to w does not grow with n, while honest acceptance stays high", () => {
  const perW: number[] = [];
  for (const [nodes, k] of [[250, 6], [1000, 4], [4000, 2]] as const) {
    const rows = replicates({ nodes, attackEdges: 10 }, k);
    const s = meanSe(rows.map((r) => r.sybilsPerAttackEdge));
    const theory = rows[0].sybilsPerAttackEdgeTheory;
    // The theory is an upper approximation (union bound over a route's crossings); the escaping term dominates.
    assert.ok(s.mean <= theory + 4 * s.se, `n ${nodes}: ${s.mean} +- ${s.se} above ${theory}`);
    assert.ok(s.mean >= 0.7 * theory, `n ${nodes}: ${s.mean} far below ${theory}`);
    perW.push(s.mean / rows[0].walkLength);
    for (const r of rows) {
      assert.ok(r.honestAcceptance >= 0.99, `n ${nodes}: honest acceptance ${r.honestAcceptance}`);
      assert.equal(r.capped, false);
    }
  }
  // sqrt(n) grows 4x from 250 to 4000 (SybilGuard's per-edge bound grows like sqrt(n) log n); per w SybilLimit's stays flat.
  assert.ok(perW[2] / perW[0] < 1.3 && perW[2] / perW[0] > 0.77, `Sybils per edge per step: ${perW.join(", ")}`);
});

test("honest intersection is at least the birthday bound 1 - exp(-r^2 / M) (r0 = 3: about 1.1 % of honest suspects missed), within 4 SE", () => {
  const rows = replicates({ nodes: 1000, attackEdges: 1, r0: 3, verifiers: 10 }, 4);
  const x = rows.map((r) => r.honestIntersection);
  const { mean, se } = meanSe(x);
  const theory = rows[0].honestIntersectionTheory;
  assert.ok(theory > 0.985 && theory < 0.992, String(theory));
  // Per run: 10 verifiers x 999 suspects; binomial SE of the pooled mean as a floor on the replicate SE.
  const seBinomial = Math.sqrt((theory * (1 - theory)) / (rows.length * 10 * 999));
  assert.ok(mean >= theory - 4 * Math.max(se, seBinomial), `${mean} +- ${se} vs ${theory}`);
  assert.ok(mean < 0.999, `r0 = 3 must miss some honest suspects: ${mean}`);
});

test("bad parameters name the parameter, the value and the allowed range", () => {
  const cases: Array<[Record<string, unknown>, string, RegExp]> = [
    [{ nodes: 11, degree: 3 }, "degree", /nodes \* degree even/],
    [{ nodes: 20, degree: 20 }, "degree", /degree < nodes = 20/],
    [{ nodes: 20, attackEdges: 21 }, "attackEdges", /attackEdges <= nodes = 20/],
    [{ r0: 0 }, "r0", /invalid r0: 0/],
    [{ nodes: 1e6, r0: 90 }, "r0", /nodes \* ceil\(r0 sqrt/],
    [{ nodes: 10, verifiers: 11 }, "verifiers", /verifiers <= nodes = 10/],
  ];
  for (const [given, name, message] of cases) {
    assert.throws(() => sybilLimit.resolve(given), (e: unknown) => e instanceof ParameterError && e.parameter === name && message.test(e.message), JSON.stringify(given));
  }
});

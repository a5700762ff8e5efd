/**
 * Experiment `sybil-limit`: how many Sybil identities a social-graph defence
 * lets in per attack edge (SybilLimit: Yu, Gibbons, Kaminsky & Xiao, IEEE S&P
 * 2008; after SybilGuard: Yu, Kaminsky, Gibbons & Flaxman, SIGCOMM 2006).
 * A random d-regular honest region, g attack edges to a Sybil region, r
 * instances of random routes of length w, and `verifiers` random honest
 * verifiers that each check every honest node and then the adversary's
 * Sybils (sybil-limit.ts). Rows: the per-verifier means, beside the theory
 * of sybil-limit-theory.ts.
 */
import { defineExperiment } from "../../experiment/experiment";
import { int, num, ParameterError, type ParamsOf } from "../../experiment/params";
import { randomRouteTails } from "./random-routes";
import { socialGraph } from "./social-graph";
import { verifyAt } from "./sybil-limit";
import {
  escapingKeysPerEdgeTheory,
  escapingMatchesPerEdgeTheory,
  honestIntersectionTheory,
  sybilLimitInstances,
  sybilLimitWalkLength,
  sybilsPerEdgeTheory,
  taintedTailsPerEdgeTheory,
} from "./sybil-limit-theory";

/** Most route tails kept (nodes * instances), about 200 MB of Int32. */
export const MAX_ROUTE_TAILS = 5e7;

export const sybilLimitParams = {
  nodes: int({ default: 2000, unit: "nodes", min: 10, max: 1e6, fuzzMax: 200, doc: "n, honest nodes (a random d-regular graph); default 2000" }),
  degree: int({ default: 8, unit: "edges", min: 3, max: 200, fuzzMax: 8, doc: "d, degree of the honest graph; default 8" }),
  attackEdges: int({ default: 10, unit: "edges", min: 1, max: 1e6, fuzzMax: 5, doc: "g, edges between the honest region and the Sybil region; default 10" }),
  r0: num({ default: 4, unit: "", min: 0, max: 100, minExclusive: true, doc: "r = ceil(r0 sqrt(m)) route instances (SybilLimit section 4.3); default 4" }),
  walkFactor: num({ default: 2, unit: "", min: 0, max: 100, minExclusive: true, doc: "w = ceil(walkFactor ln n) steps per route (w = O(log n), the mixing time); default 2" }),
  h: num({ default: 4, unit: "", min: 1, max: 1000, doc: "balance condition: b = h max(ln r, a) (SybilLimit section 4.4); default 4" }),
  verifiers: int({ default: 4, unit: "nodes", min: 1, max: 1000, fuzzMax: 2, doc: "random honest verifiers per run (results are their means); default 4" }),
} as const;

export type SybilLimitParams = ParamsOf<typeof sybilLimitParams>;

export function validateSybilLimit(p: SybilLimitParams): void {
  if (p.degree >= p.nodes) throw new ParameterError("degree", p.degree, `an integer, 3 <= degree < nodes = ${p.nodes}`);
  if ((p.nodes * p.degree) % 2 !== 0) throw new ParameterError("degree", p.degree, `nodes * degree even (nodes = ${p.nodes})`);
  if (p.attackEdges > p.nodes) throw new ParameterError("attackEdges", p.attackEdges, `an integer, 1 <= attackEdges <= nodes = ${p.nodes}`);
  if (p.verifiers > p.nodes) throw new ParameterError("verifiers", p.verifiers, `an integer, 1 <= verifiers <= nodes = ${p.nodes}`);
  const r = sybilLimitInstances(p.r0, (p.nodes * p.degree) / 2);
  if (p.nodes * r > MAX_ROUTE_TAILS) throw new ParameterError("r0", p.r0, `nodes * ceil(r0 sqrt(nodes * degree / 2)) <= ${MAX_ROUTE_TAILS} (here ${p.nodes} * ${r})`);
}

export const sybilLimit = defineExperiment({
  name: "sybil-limit",
  title: "SybilLimit: accepted Sybils per attack edge and honest acceptance on a random regular social graph",
  reference: "Yu, Gibbons, Kaminsky & Xiao, SybilLimit, IEEE S&P 2008, sections 4.2-4.5; Yu, Kaminsky, Gibbons & Flaxman, SybilGuard, SIGCOMM 2006",
  source: __filename,
  params: sybilLimitParams,
  validate: validateSybilLimit,
  run(p, rng) {
    const sg = socialGraph(p.nodes, p.degree, p.attackEdges, rng.child("graph").fast);
    const r = sybilLimitInstances(p.r0, sg.honestEdges);
    const w = sybilLimitWalkLength(p.walkFactor, p.nodes);
    const routes = randomRouteTails(sg, r, w, rng.child("routes").fast);
    const positions = sg.graph.neighbors.length;
    const pickRng = rng.child("verifiers").fast;
    const chosen = new Set<number>();
    const sums = { intersect: 0, accept: 0, tainted: 0, matches: 0, esc: 0, flood: 0, b: 0 };
    let capped = false;
    for (let k = 0; k < p.verifiers; k++) {
      let v = pickRng.below(p.nodes);
      while (chosen.has(v)) v = pickRng.below(p.nodes);
      chosen.add(v);
      const o = verifyAt(routes, p.nodes, positions, v, p.h, rng.child("order").child(k).fast, 100 * p.nodes);
      sums.intersect += o.honestIntersecting / o.honestSuspects;
      sums.accept += o.honestAccepted / o.honestSuspects;
      sums.tainted += o.taintedTails;
      sums.matches += o.escapingMatches;
      sums.esc += o.sybilsEscaping;
      sums.flood += o.sybilsTainted;
      sums.b += o.balanceBound;
      capped ||= o.capped;
    }
    const V = p.verifiers;
    const g = p.attackEdges;
    const M = positions;
    return {
      instances: r,
      walkLength: w,
      honestAcceptance: sums.accept / V,
      honestIntersection: sums.intersect / V,
      honestIntersectionTheory: honestIntersectionTheory(r, M),
      sybilsPerAttackEdge: (sums.esc + sums.flood) / V / g,
      sybilsPerAttackEdgeTheory: sybilsPerEdgeTheory(r, w, p.degree, g, M, p.h, p.nodes),
      sybilsEscapingPerEdge: sums.esc / V / g,
      sybilsTaintedPerEdge: sums.flood / V / g,
      escapingMatchesPerEdge: sums.matches / V / g,
      escapingMatchesPerEdgeTheory: escapingMatchesPerEdgeTheory(r, w, p.degree, g, M),
      taintedTailsPerEdge: sums.tainted / V / g,
      taintedTailsPerEdgeTheory: taintedTailsPerEdgeTheory(r, w, M),
      escapingKeysPerEdge: routes.escapingTail.length / g,
      escapingKeysPerEdgeTheory: escapingKeysPerEdgeTheory(r, w, p.degree, g, M),
      balanceBound: sums.b / V,
      capped,
    };
  },
});

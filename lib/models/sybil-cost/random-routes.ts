/**
 * Random routes of SybilLimit (Yu, Gibbons, Kaminsky & Xiao, IEEE S&P 2008,
 * section 4.2), the fast kernel. In each of r independent instances every
 * honest node holds a random permutation of its edges, its routing table: a
 * route that enters over edge a leaves over edge perm(a). A node's route
 * starts on a random edge of its own and takes w steps; its tail is the last
 * directed edge. Routes are back-traceable (a tail and an instance determine
 * the route) and a route that crosses an attack edge is in the adversary's
 * hands from there on (tainted).
 *
 * Per instance, on the xoshiro stream, in this order:
 *   1. routing tables: for v = 0 .. n-1, a Fisher-Yates shuffle of v's edge slots
 *      (for k = deg-1 .. 1: swap k with below(k + 1));
 *   2. routes: for S = 0 .. n-1, start slot below(deg(S)), then w - 1 table steps;
 *   3. escaping tails (no draws): from each attack edge (Sybil -> honest, in CSR
 *      order) follow the tables for j = 1 .. w-1 steps; each position reached is
 *      the tail of a length-w route that entered the honest region at step w - j,
 *      so one Sybil key may be registered there in this instance (back-traceability:
 *      exactly one route per tail and instance). Each (instance, tail) once.
 * random-routes-reference.ts does the same with plain arrays, draw for draw.
 *
 * Tail ids are CSR positions (directed edges) of the social graph; -1 marks
 * a tainted route.
 */
import type { Xoshiro128 } from "../../random/xoshiro128";
import type { SocialGraph } from "./social-graph";

export interface RouteTails {
  /** Instances r. */
  readonly r: number;
  /** Route length w (edges). */
  readonly w: number;
  /** Tail of node S's route in instance i at S * r + i (-1: tainted). */
  readonly tails: Int32Array;
  /** Escaping registrations: the instance and the tail position of each, in order of discovery. */
  readonly escapingInstance: Int32Array;
  readonly escapingTail: Int32Array;
}

/** Fill `next` with one instance's routing: next[k] = the position a route takes after arriving over k (honest targets only). */
export function drawRouting(sg: SocialGraph, rng: Xoshiro128, next: Int32Array, perm: Int32Array): void {
  const { offsets } = sg.graph;
  const rev = sg.rev;
  for (let v = 0; v < sg.honest; v++) {
    const off = offsets[v];
    const deg = offsets[v + 1] - off;
    for (let a = 0; a < deg; a++) perm[a] = a;
    for (let k = deg - 1; k > 0; k--) {
      const j = rng.below(k + 1);
      const t = perm[k];
      perm[k] = perm[j];
      perm[j] = t;
    }
    // Arriving over slot a (the edge from neighbour a, position rev[off + a]) leaves over slot perm[a].
    for (let a = 0; a < deg; a++) next[rev[off + a]] = off + perm[a];
  }
}

/** All routes of all honest nodes in r instances of length w, and the escaping registrations. */
export function randomRouteTails(sg: SocialGraph, r: number, w: number, rng: Xoshiro128): RouteTails {
  const { offsets, neighbors } = sg.graph;
  const n = sg.honest;
  const sybil = sg.sybil;
  const positions = neighbors.length;
  const next = new Int32Array(positions);
  let maxDeg = 0;
  for (let v = 0; v <= n; v++) maxDeg = Math.max(maxDeg, offsets[v + 1] - offsets[v]);
  const perm = new Int32Array(maxDeg);
  const tails = new Int32Array(n * r);
  const stamp = new Int32Array(positions).fill(-1);
  let escCap = Math.max(16, r * sg.attackEdges * (w - 1));
  let escInst = new Int32Array(escCap);
  let escTail = new Int32Array(escCap);
  let escCount = 0;
  const sybilBegin = offsets[sybil];
  const sybilEnd = offsets[sybil + 1];
  for (let i = 0; i < r; i++) {
    drawRouting(sg, rng, next, perm);
    for (let s = 0; s < n; s++) {
      const off = offsets[s];
      let pos = off + rng.below(offsets[s + 1] - off);
      let tainted = neighbors[pos] === sybil;
      for (let step = 1; step < w && !tainted; step++) {
        pos = next[pos];
        if (neighbors[pos] === sybil) tainted = true;
      }
      tails[s * r + i] = tainted ? -1 : pos;
    }
    for (let k0 = sybilBegin; k0 < sybilEnd; k0++) {
      let pos = k0;
      for (let j = 1; j < w; j++) {
        pos = next[pos];
        if (neighbors[pos] === sybil) break;
        if (stamp[pos] === i) continue;
        stamp[pos] = i;
        if (escCount === escCap) {
          escCap *= 2;
          const a = new Int32Array(escCap);
          a.set(escInst);
          escInst = a;
          const b = new Int32Array(escCap);
          b.set(escTail);
          escTail = b;
        }
        escInst[escCount] = i;
        escTail[escCount++] = pos;
      }
    }
  }
  return { r, w, tails, escapingInstance: escInst.slice(0, escCount), escapingTail: escTail.slice(0, escCount) };
}

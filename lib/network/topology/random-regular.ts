/**
 * Random d-regular graph: every node has exactly d neighbours, no self-loops,
 * no multi-edges. Built by pairing the n d "stubs" at random and rejecting a
 * pair that would make a loop or a double edge, restarting only when no
 * suitable pair is left (Steger & Wormald, "Generating random regular graphs
 * quickly", Combinatorics, Probability and Computing 8, 1999). The plain
 * configuration model would restart with probability ~1 - exp((1 - d^2) / 4),
 * hopeless for d = 8.
 *
 * Requires n d even and d < n.
 */
import { ParameterError } from "../../experiment/params";
import type { Xoshiro128 } from "../../random/xoshiro128";
import { checkNodes, graphFromEdges, type Graph } from "../graph";

const MAX_RESTARTS = 1000;

export function randomRegular(n: number, d: number, rng: Xoshiro128): Graph {
  checkNodes(n, 2);
  if (!Number.isInteger(d) || d < 1 || d >= n) throw new ParameterError("degree", d, `an integer, 1 <= degree < nodes = ${n}`);
  if ((n * d) % 2 !== 0) throw new ParameterError("degree", d, `nodes * degree even (nodes = ${n})`);
  for (let attempt = 0; attempt < MAX_RESTARTS; attempt++) {
    const edges = tryPairing(n, d, rng);
    if (edges) return graphFromEdges(n, edges.from, edges.to);
  }
  throw new Error(`random regular graph n=${n} d=${d}: no simple pairing after ${MAX_RESTARTS} restarts`);
}

function tryPairing(n: number, d: number, rng: Xoshiro128): { from: Int32Array; to: Int32Array } | null {
  const stubs = new Int32Array(n * d);
  for (let i = 0; i < stubs.length; i++) stubs[i] = Math.floor(i / d);
  const m = stubs.length / 2;
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const adjacent = new Set<number>();
  let left = stubs.length;
  let e = 0;
  let failures = 0;
  while (left > 0) {
    const i = rng.below(left);
    let j = rng.below(left - 1);
    if (j >= i) j++;
    const u = stubs[i];
    const w = stubs[j];
    const key = u < w ? u * n + w : w * n + u;
    if (u === w || adjacent.has(key)) {
      if (++failures > 20 * left && !anySuitablePair(stubs, left, n, adjacent)) return null;
      continue;
    }
    failures = 0;
    adjacent.add(key);
    from[e] = u;
    to[e++] = w;
    // Remove stubs i and j (larger index first so the smaller stays valid).
    const hi = i > j ? i : j;
    const lo = i > j ? j : i;
    stubs[hi] = stubs[--left];
    stubs[lo] = stubs[--left];
  }
  return { from, to };
}

function anySuitablePair(stubs: Int32Array, left: number, n: number, adjacent: Set<number>): boolean {
  for (let i = 0; i < left; i++) {
    for (let j = i + 1; j < left; j++) {
      const u = stubs[i];
      const w = stubs[j];
      if (u !== w && !adjacent.has(u < w ? u * n + w : w * n + u)) return true;
    }
  }
  return false;
}

/**
 * Fix the latency of every link once, at graph construction: one draw per
 * undirected edge (in edge order, so a seed gives the same network), stored
 * per CSR position in seconds so both directions of a link read the same value.
 */
import type { Xoshiro128 } from "../random/xoshiro128";
import type { Graph } from "./graph";
import { isLinkLatency, type LatencyModel, type LinkLatency } from "./latency/model";

export function sampleLinkLatencies(graph: Graph, latency: LatencyModel | LinkLatency, rng: Xoshiro128): Float64Array {
  const perEdgeS = new Float64Array(graph.edgeCount);
  for (let e = 0; e < graph.edgeCount; e++) {
    const ms = isLinkLatency(latency) ? latency.linkMs(graph.edgeA[e], graph.edgeB[e], rng) : latency.sampleMs(rng);
    if (!(ms >= 0 && Number.isFinite(ms))) throw new RangeError(`latency model ${latency.name} drew ${ms} ms for edge ${graph.edgeA[e]}-${graph.edgeB[e]}`);
    perEdgeS[e] = ms / 1000;
  }
  const out = new Float64Array(graph.neighbors.length);
  for (let k = 0; k < out.length; k++) out[k] = perEdgeS[graph.edgeIds[k]];
  return out;
}

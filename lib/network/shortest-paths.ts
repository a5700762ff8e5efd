/**
 * Single-source shortest paths (Dijkstra 1959) over per-link delays stored
 * per CSR position. With fixed link delays and relay on first sight, a
 * message flooded from `source` at time t0 reaches v exactly at
 * t0 + dist(source, v): the arrival times the network simulation must
 * reproduce. Distances start from `startS` so the float additions are the
 * same ones the simulation performs (exact equality, not just 1e-9).
 */
import { EventQueue } from "../engine/event-queue";
import type { Graph } from "./graph";

export function shortestPathTimes(graph: Graph, delayS: Float64Array, source: number, startS = 0): Float64Array {
  const dist = new Float64Array(graph.n).fill(Infinity);
  const q = new EventQueue(Math.max(16, graph.n));
  dist[source] = startS;
  q.push(startS, 0, source, 0, 0);
  while (q.pop()) {
    const t = q.time;
    const v = q.target;
    if (t > dist[v]) continue; // stale entry
    for (let k = graph.offsets[v]; k < graph.offsets[v + 1]; k++) {
      const d = t + delayS[k];
      const w = graph.neighbors[k];
      if (d < dist[w]) {
        dist[w] = d;
        q.push(d, 0, w, 0, 0);
      }
    }
  }
  return dist;
}

/** Per-hop delay of a message of `sizeBytes` on links of `bandwidthBps` (latency + transmission), per CSR position. */
export function hopDelays(linkLatencyS: Float64Array, sizeBytes: number, bandwidthBps: number): Float64Array {
  const tx = transmissionS(sizeBytes, bandwidthBps);
  const out = new Float64Array(linkLatencyS.length);
  for (let k = 0; k < out.length; k++) out[k] = linkLatencyS[k] + tx;
  return out;
}

/** Time to push `sizeBytes` through a link of `bandwidthBps` (0 on an infinitely fast link). */
export function transmissionS(sizeBytes: number, bandwidthBps: number): number {
  return bandwidthBps === Infinity ? 0 : (sizeBytes * 8) / bandwidthBps;
}

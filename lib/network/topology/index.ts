/**
 * Topologies by name, for experiments that take the topology as a parameter.
 * Each builder is also exported on its own.
 */
import type { Xoshiro128 } from "../../random/xoshiro128";
import type { Graph } from "../graph";
import { barabasiAlbert } from "./barabasi-albert";
import { completeGraph } from "./complete";
import { readEdgeList } from "./edge-list";
import { erdosRenyi } from "./erdos-renyi";
import { randomKOut } from "./k-out";
import { randomRegular } from "./random-regular";
import { wattsStrogatz } from "./watts-strogatz";

export * from "./barabasi-albert";
export * from "./complete";
export * from "./edge-list";
export * from "./erdos-renyi";
export * from "./k-out";
export * from "./random-regular";
export * from "./watts-strogatz";

export type TopologySpec =
  | { kind: "complete"; nodes: number }
  /** Each node picks `degree` peers (Bitcoin: 8). */
  | { kind: "k-out"; nodes: number; degree: number }
  | { kind: "random-regular"; nodes: number; degree: number }
  /** G(n, p) with p = degree / (nodes - 1): `degree` is the expected degree. */
  | { kind: "erdos-renyi"; nodes: number; degree: number }
  /** Ring of `degree` nearest neighbours (even), each edge rewired with probability `rewireProb`. */
  | { kind: "watts-strogatz"; nodes: number; degree: number; rewireProb: number }
  /** Each new node attaches `degree` edges (m); mean degree ~ 2m. */
  | { kind: "barabasi-albert"; nodes: number; degree: number }
  | { kind: "edge-list"; path: string; nodes?: number };

export const TOPOLOGIES = ["k-out", "random-regular", "erdos-renyi", "watts-strogatz", "barabasi-albert", "complete", "edge-list"] as const;

export function buildTopology(spec: TopologySpec, rng: Xoshiro128): Graph {
  switch (spec.kind) {
    case "complete":
      return completeGraph(spec.nodes);
    case "k-out":
      return randomKOut(spec.nodes, spec.degree, rng);
    case "random-regular":
      return randomRegular(spec.nodes, spec.degree, rng);
    case "erdos-renyi":
      return erdosRenyi(spec.nodes, spec.nodes > 1 ? spec.degree / (spec.nodes - 1) : 0, rng);
    case "watts-strogatz":
      return wattsStrogatz(spec.nodes, spec.degree, spec.rewireProb, rng);
    case "barabasi-albert":
      return barabasiAlbert(spec.nodes, spec.degree, rng);
    case "edge-list":
      return readEdgeList(spec.path, spec.nodes);
  }
}

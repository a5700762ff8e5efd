/**
 * How fast the network learns a new node's address by addr relay, message
 * by message on the shared Network (lib/network). Bitcoin Core relays a
 * fresh address it hears of for the first time to 2 peers
 * (src/net_processing.cpp RelayAddress: nRelayNodes = 2 for a reachable
 * address) and never again; a node of a graph overlay relays to random
 * neighbours, of a complete overlay to random nodes.
 *
 * Theory (complete overlay, N large): every node relays once to f random
 * nodes, so a node is missed by all f x N relays with probability e^(-f x):
 * the informed fraction x solves x = 1 - e^(-f x) (the giant-component
 * equation of a random graph with mean degree f; Erdos & Renyi 1960), 0.797
 * for f = 2. That is why addr relay alone reaches most, never all, nodes, and
 * why nodes also ask peers with GETADDR: an answer carries up to 23% of the
 * peer's table (src/net_processing.cpp MAX_PCT_ADDR_TO_SEND), so a node
 * asking g peers learns an address all of them know with probability
 * 1 - 0.77^g (getAddrCoverage).
 */
import { Simulation } from "../../engine/simulation";
import { Network } from "../../network/network";
import type { NetworkConfig } from "../../network/runtime-config";
import type { Rng } from "../../random/seed";

export interface AddrRelayRun {
  nodes: number;
  /** Nodes that heard of the address (the source included). */
  informed: number;
  /** Times at which nodes first heard of it, sorted (seconds after the announcement). */
  times: Float64Array;
  messages: number;
}

/** The informed fraction x = 1 - e^(-f x) (largest root, by fixed-point iteration). */
export function addrRelayReachTheory(fanout: number): number {
  if (!(fanout >= 0)) throw new RangeError(`invalid fanout: ${fanout} (allowed: a number >= 0)`);
  let x = 1;
  for (let i = 0; i < 10_000; i++) {
    const next = 1 - Math.exp(-fanout * x);
    if (Math.abs(next - x) < 1e-15) return next;
    x = next;
  }
  return x;
}

/** Share of addresses known to all g peers that a GETADDR to each of them brings, each answer a random `pct` of the table. */
export function getAddrCoverage(peers: number, pct = 0.23): number {
  return 1 - Math.pow(1 - pct, peers);
}

/** One announcement from `source`: every node relays the address once, to `fanout` random peers, on first hearing of it. */
export function simulateAddrRelay(network: NetworkConfig, source: number, fanout: number, addrBytes: number, rng: Rng): AddrRelayRun {
  const sim = new Simulation(4096);
  const net = new Network(sim, network, rng.child("network"));
  const pick = rng.child("relay").fast;
  const n = net.n;
  const heard = new Float64Array(n).fill(-1);
  const graph = network.overlay.kind === "graph" ? network.overlay.graph : null;
  let informed = 0;
  let messages = 0;
  const relay = (v: number): void => {
    for (let j = 0; j < fanout; j++) {
      let to: number;
      if (graph) {
        const deg = graph.offsets[v + 1] - graph.offsets[v];
        if (deg === 0) return;
        to = graph.neighbors[graph.offsets[v] + pick.below(deg)];
      } else {
        to = pick.below(n - 1);
        if (to >= v) to++;
      }
      messages++;
      net.sendTo(ADDR, v, to, net.arena.alloc(0, 0, 0, 0, v, addrBytes));
    }
  };
  const ADDR = net.defineMessage("addr", (to) => {
    if (heard[to] >= 0) return;
    heard[to] = sim.now;
    informed++;
    relay(to);
  });
  heard[source] = 0;
  informed = 1;
  relay(source);
  sim.run();
  const times = new Float64Array(informed);
  let c = 0;
  for (let v = 0; v < n; v++) if (heard[v] >= 0) times[c++] = heard[v];
  times.sort();
  return { nodes: n, informed, times, messages };
}

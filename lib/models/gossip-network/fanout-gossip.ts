/**
 * Fanout gossip, "infect and die" (Demers et al., "Epidemic algorithms for
 * replicated database maintenance", PODC 1987, rumor mongering;
 * Eugster et al., "Epidemic information dissemination in distributed
 * systems", IEEE Computer 2004): on first receipt a node forwards the message
 * to `fanout` distinct random peers other than the sender (its neighbours on
 * a graph overlay, anyone on a complete one), as long as the message has
 * travelled fewer than `ttl` hops (ttl 0: no limit).
 *
 * On a complete overlay of N nodes each informed node makes f uniform pushes,
 * so a node escapes all f * pi * N of them with probability ~ e^{-f pi}: the
 * informed fraction pi solves pi = 1 - e^{-f pi} (Kermarrec, Massoulie &
 * Ganesh, "Probabilistic reliable dissemination in large-scale systems", IEEE
 * TPDS 2003, the analysis of flat gossip; the epidemic final-size equation), and with delivery
 * loss l the fanout that counts is f (1 - l).
 */
import type { Dissemination, Protocol } from "./dissemination";

export function fanoutGossipProtocol(d: Dissemination, fanout: number, ttl: number): Protocol {
  const net = d.net;
  const targets = new Int32Array(Math.min(fanout, d.n));
  return {
    periodic: false,
    relay(v, j, from, hops) {
      if (ttl > 0 && hops >= ttl) return;
      const k = d.peers.sample(v, fanout, from, targets);
      if (k > 0) net.multicast(d.DATA, v, targets, d.dataMessage(j, hops + 1), k);
    },
  };
}

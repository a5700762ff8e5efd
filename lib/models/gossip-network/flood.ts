/**
 * Flooding (libp2p floodsub; gossipsub-v1.0.md "In the beginning was
 * floodsub"): on first receipt a node forwards the message to every
 * neighbour except the one it came from; the source sends to all its
 * neighbours. With fixed link delays and no faults the message reaches every
 * node along a shortest path (arrival = weighted shortest-path distance), and
 * the data messages sent per message are
 *   deg(source) + sum over the other reached nodes v of (deg(v) - 1),
 * i.e. 2|E| - (N - 1) on a connected graph ((N - 1)^2 on a complete overlay).
 */
import type { Dissemination, Protocol } from "./dissemination";

export function floodProtocol(d: Dissemination): Protocol {
  const net = d.net;
  let excluded = -1;
  const notExcluded = (w: number) => w !== excluded; // one closure, no allocation per relay
  return {
    periodic: false,
    relay(v, j, from, hops) {
      excluded = from;
      net.broadcast(d.DATA, v, d.dataMessage(j, hops + 1), from >= 0 ? notExcluded : undefined);
    },
  };
}

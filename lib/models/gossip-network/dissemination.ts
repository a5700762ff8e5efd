/**
 * What every protocol shares: the simulation and the Network, the data
 * message kind ("net:data"), who holds which message (receive times, the
 * seen filter), the publication of messages and the stop rule. A protocol
 * (flood.ts, fanout-gossip.ts, push-pull.ts, broadcast-tree.ts's tree
 * protocol, gossipsub.ts) supplies `relay`: what a node does with a message
 * it has just published or accepted; periodic protocols add their timers.
 *
 * A data message is an arena message of type DATA_MESSAGE: value = the
 * message's index j, signer = its source, height = hops travelled. On
 * arrival the receiver asks its seen filter; a message it believes it has
 * (a duplicate, or a Bloom false positive) is dropped, otherwise it accepts
 * the message (receive time recorded, id added to the filter) and relays it.
 */
import type { Simulation } from "../../engine/simulation";
import type { SimScope } from "../../engine/scope";
import type { Network } from "../../network/network";
import type { Xoshiro128 } from "../../random/xoshiro128";
import type { SeenFilter } from "./seen-filter";
import { PeerSampler } from "./peers";

export const DATA_MESSAGE = 1;

export interface Protocol {
  /** Node v has just published (from = -1, hops = 0) or accepted message j from `from`, which carried it `hops` hops. */
  relay(v: number, j: number, from: number, hops: number): void;
  /** Called once before the run starts (timers). */
  start?(): void;
  /** True if the protocol keeps working after the messages are out (push-pull, gossipsub): the run stops when all are informed. */
  readonly periodic: boolean;
}

export class Dissemination {
  readonly n: number;
  readonly messages: number;
  readonly DATA: number;
  readonly scope: SimScope;
  readonly peers: PeerSampler;
  /** Messages published so far (indices 0 .. published-1). */
  published = 0;
  duplicates = 0;
  protocol: Protocol | null = null;
  /** Scratch list of peers for samplers (n entries). */
  readonly scratch: Int32Array;

  constructor(
    readonly sim: Simulation,
    readonly net: Network,
    readonly seen: SeenFilter,
    readonly receivedS: Float64Array,
    readonly sources: Int32Array,
    readonly publishS: Float64Array,
    readonly messageBytes: number,
    peersRng: Xoshiro128,
  ) {
    this.n = net.n;
    this.messages = sources.length;
    this.scope = sim.scope("gossip");
    this.peers = new PeerSampler(net, peersRng);
    this.scratch = new Int32Array(net.n);
    const arena = net.arena;
    this.DATA = net.defineMessage("data", (v, msg, from) => {
      const j = arena.value[msg];
      if (this.seen.hasSeen(v, j)) {
        if (this.seen.holds(v, j)) this.duplicates++;
        return;
      }
      this.seen.accept(v, j, sim.now);
      (this.protocol as Protocol).relay(v, j, from, arena.height[msg]);
    });
  }

  /** A data message of j that has travelled `hops` hops (hand it to one send call). */
  dataMessage(j: number, hops: number): number {
    return this.net.arena.alloc(DATA_MESSAGE, hops, 0, j, this.sources[j], this.messageBytes);
  }

  /** Send message j from v to w (one delivery). */
  sendData(v: number, w: number, j: number, hops: number): void {
    this.net.sendTo(this.DATA, v, w, this.dataMessage(j, hops));
  }

  /** Message j's source publishes it now: it holds it (receive time = now) and relays it. */
  publish(j: number): void {
    const v = this.sources[j];
    this.published = j + 1;
    this.seen.accept(v, j, this.sim.now);
    (this.protocol as Protocol).relay(v, j, -1, 0);
  }

  /** Every published message is held by every node that has not crashed. */
  allInformed(): boolean {
    if (this.published < this.messages) return false;
    const crashed = this.net.crashed;
    const r = this.receivedS;
    const M = this.messages;
    for (let v = 0; v < this.n; v++) {
      if (crashed[v] === 1) continue;
      for (let p = v * M, end = p + M; p < end; p++) if (r[p] !== r[p]) return false;
    }
    return true;
  }
}

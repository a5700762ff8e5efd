/**
 * Iterative node lookup (Maymounkov & Mazieres 2002, section 2.3), one
 * message at a time on the shared Network: the initiator keeps a shortlist of
 * the k closest nodes it has heard of, sends FIND_NODE(target) to the alpha
 * closest it has not queried yet, and on each NODES response (the
 * responder's k closest contacts to the target) or timeout sends the next
 * query, keeping alpha in flight. The lookup ends when every node of the
 * shortlist has answered or failed (the paper's "k closest have been queried
 * and responded"). Failed contacts leave the shortlist and the initiator's
 * table; every message teaches its receiver the sender (RoutingTables.touch).
 *
 * State of one lookup: the shortlist (node, hop, state) sorted by XOR distance
 * to the target, the set of nodes seen, queries in flight. A contact's hop is
 * 1 if it came from the initiator's table, h + 1 if a node at hop h named it.
 */
import { compareDistance } from "./ids";

export const UNQUERIED = 0;
export const IN_FLIGHT = 1;
export const ANSWERED = 2;

export class LookupState {
  readonly id: number;
  readonly initiator: number;
  /** The target id: words [targetOffset, targetOffset + W) of the run's target array. */
  readonly targetOffset: number;
  readonly startS: number;
  readonly measured: boolean;
  readonly k: number;
  readonly nodes: Int32Array;
  readonly hops: Int32Array;
  readonly states: Uint8Array;
  /** When each shortlist entry was first heard of (seconds since start). */
  readonly learnedS: Float64Array;
  length = 0;
  inFlight = 0;
  queries = 0;
  timeouts = 0;
  done = false;
  readonly seen = new Set<number>();

  constructor(id: number, initiator: number, targetOffset: number, startS: number, measured: boolean, k: number) {
    this.id = id;
    this.initiator = initiator;
    this.targetOffset = targetOffset;
    this.startS = startS;
    this.measured = measured;
    this.k = k;
    this.nodes = new Int32Array(k);
    this.hops = new Int32Array(k);
    this.states = new Uint8Array(k);
    this.learnedS = new Float64Array(k);
    this.seen.add(initiator);
  }

  /** Offer contact x (heard at hop `hop`, `sinceS` after the start) to the shortlist; ignored if seen before or not among the k closest. */
  offer(x: number, hop: number, sinceS: number, ids: Uint32Array, targets: Uint32Array, words: number): void {
    if (this.seen.has(x)) return;
    this.seen.add(x);
    let pos = this.length;
    while (pos > 0 && compareDistance(ids, x * words, this.nodes[pos - 1] * words, targets, this.targetOffset, words) < 0) pos--;
    if (pos >= this.k) return;
    const end = Math.min(this.length, this.k - 1);
    for (let q = end; q > pos; q--) {
      this.nodes[q] = this.nodes[q - 1];
      this.hops[q] = this.hops[q - 1];
      this.states[q] = this.states[q - 1];
      this.learnedS[q] = this.learnedS[q - 1];
    }
    this.nodes[pos] = x;
    this.hops[pos] = hop;
    this.states[pos] = UNQUERIED;
    this.learnedS[pos] = sinceS;
    if (this.length < this.k) this.length++;
  }

  /** Position of x in the shortlist, or -1. */
  indexOf(x: number): number {
    for (let q = 0; q < this.length; q++) if (this.nodes[q] === x) return q;
    return -1;
  }

  /** Drop the entry at position q (a failed contact). */
  removeAt(q: number): void {
    for (let m = q; m < this.length - 1; m++) {
      this.nodes[m] = this.nodes[m + 1];
      this.hops[m] = this.hops[m + 1];
      this.states[m] = this.states[m + 1];
      this.learnedS[m] = this.learnedS[m + 1];
    }
    this.length--;
  }

  /** Position of the closest unqueried entry, or -1. */
  nextUnqueried(): number {
    for (let q = 0; q < this.length; q++) if (this.states[q] === UNQUERIED) return q;
    return -1;
  }

  /** True once nothing is in flight and every shortlist entry has answered. */
  finished(): boolean {
    return this.inFlight === 0 && this.nextUnqueried() < 0;
  }
}

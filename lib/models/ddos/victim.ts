/**
 * The attacked node's side, in the model's handler layer: every request the
 * Network delivers passes, in order,
 *
 *   access link  FIFO at linkBps with a buffer of linkBufferBytes, tail drop
 *                (a volumetric flood fills it before any per-peer rule can look);
 *   admission    the defence: none; a token bucket per peer or per address
 *                (token-bucket.ts); or known peers first (two CPU queues);
 *   CPU          one processor, cpuPerRequestS per request, FIFO (or known
 *                peers first, non-preemptive), with room for queueLimit waiting
 *                requests (memory); when full an arrival is dropped, except that
 *                a known peer's request pushes out the newest unknown one.
 *
 * Why not the Network's own CPU queue (node-resources.ts, cpuCostS): it is FIFO
 * and unbounded, and it has no hook to refuse or reorder a message before it
 * queues; rate limits and priorities must act there. So this layer keeps its
 * own queues and accounting; with defence none, no link limit and a large
 * queueLimit it is the Network's FIFO exactly (test/models/ddos checks that).
 */
import type { SimScope } from "../../engine/scope";
import { ARRIVED, ATTACK, HONEST, LIMIT_DROP, LINK_DROP, MEMORY_DROP, type DdosCounters } from "./counters";
import { RequestRing } from "./request-ring";
import type { TokenBuckets } from "./token-bucket";

export interface VictimConfig {
  readonly cpuPerRequestS: number;
  /** Requests that may wait for the CPU (not counting the one in service). */
  readonly queueLimit: number;
  /** Access link rate, bit/s (Infinity: no link stage). */
  readonly linkBps: number;
  readonly linkBufferBytes: number;
  /** Rate limiter (null: none) and the key of a sender (its peer id or its address). */
  readonly buckets: TokenBuckets | null;
  readonly keyOf: (from: number) => number;
  /** Known peers served first (null: one FIFO). known[from] = 1 for a known peer. */
  readonly known: Uint8Array | null;
}

export class Victim {
  private readonly link = new RequestRing();
  private linkBacklogBytes = 0;
  private readonly high = new RequestRing();
  private readonly low = new RequestRing();
  private busy = false;
  private busySinceS = 0;
  private svcHonest = 0;
  private svcSentS = 0;
  private readonly linkDone: number;
  private readonly cpuDone: number;

  constructor(
    private readonly scope: SimScope,
    private readonly cfg: VictimConfig,
    private readonly counters: DdosCounters,
  ) {
    this.linkDone = scope.defineKind("link-done", () => this.onLinkDone());
    this.cpuDone = scope.defineKind("cpu-done", () => this.onCpuDone());
  }

  private get now(): number {
    return this.scope.sim.now;
  }

  /** A request reaches the victim's network interface. */
  arrive(from: number, sizeBytes: number, honest: number, sentS: number): void {
    const now = this.now;
    this.counters.count(honest ? HONEST : ATTACK, ARRIVED, now);
    if (this.cfg.linkBps === Infinity) {
      this.admit(from, sizeBytes, honest, sentS);
      return;
    }
    if (this.linkBacklogBytes + sizeBytes > this.cfg.linkBufferBytes) {
      this.counters.count(honest ? HONEST : ATTACK, LINK_DROP, now);
      return;
    }
    this.link.push(from, sizeBytes, honest, sentS);
    this.linkBacklogBytes += sizeBytes;
    if (this.link.length === 1) this.scope.schedule((sizeBytes * 8) / this.cfg.linkBps, this.linkDone);
  }

  private onLinkDone(): void {
    const l = this.link;
    const i = l.first;
    const from = l.from[i];
    const size = l.sizeBytes[i];
    const honest = l.honest[i];
    const sent = l.sentS[i];
    l.shift();
    this.linkBacklogBytes -= size;
    if (l.length > 0) this.scope.schedule((l.sizeBytes[l.first] * 8) / this.cfg.linkBps, this.linkDone);
    this.admit(from, size, honest, sent);
  }

  /** The defence decides; then the CPU queue. */
  private admit(from: number, sizeBytes: number, honest: number, sentS: number): void {
    const now = this.now;
    const cls = honest ? HONEST : ATTACK;
    const b = this.cfg.buckets;
    if (b !== null && !b.take(this.cfg.keyOf(from), now)) {
      this.counters.count(cls, LIMIT_DROP, now);
      return;
    }
    const first = this.cfg.known !== null && this.cfg.known[from] === 1;
    if (!this.busy) {
      this.start(honest, sentS);
      return;
    }
    if (this.high.length + this.low.length >= this.cfg.queueLimit) {
      if (first && this.low.length > 0) {
        // Push out the newest request of an unknown peer.
        this.counters.count(this.low.honest[this.low.last] ? HONEST : ATTACK, MEMORY_DROP, now);
        this.low.pop();
      } else {
        this.counters.count(cls, MEMORY_DROP, now);
        return;
      }
    }
    (first || this.cfg.known === null ? this.high : this.low).push(from, sizeBytes, honest, sentS);
  }

  private start(honest: number, sentS: number): void {
    this.busy = true;
    this.busySinceS = this.now;
    this.svcHonest = honest;
    this.svcSentS = sentS;
    this.scope.schedule(this.cfg.cpuPerRequestS, this.cpuDone);
  }

  private onCpuDone(): void {
    const now = this.now;
    this.counters.served(this.svcHonest ? HONEST : ATTACK, now, now - this.svcSentS);
    this.busy = false;
    const q = this.high.length > 0 ? this.high : this.low.length > 0 ? this.low : null;
    if (q === null) {
      this.counters.busy(this.busySinceS, now);
      return;
    }
    const i = q.first;
    const honest = q.honest[i];
    const sent = q.sentS[i];
    q.shift();
    // Back to back: the busy period continues.
    this.busy = true;
    this.svcHonest = honest;
    this.svcSentS = sent;
    this.scope.schedule(this.cfg.cpuPerRequestS, this.cpuDone);
  }

  /** Close the busy period still open at the end of the run. */
  finish(endS: number): void {
    if (this.busy) this.counters.busy(this.busySinceS, endS);
  }
}

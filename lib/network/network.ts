/**
 * The network every model sends its messages through: a graph with fixed
 * per-link latencies, link bandwidth, message loss, node churn and a
 * partition schedule, all applied here so a model on top gets them by
 * sending with `send` and receiving in the handler it gave `defineMessage`.
 *
 * Delay of one hop (from -> to over CSR position k), for a message of S bytes:
 *   arrival = start + (S * 8 / bandwidth + latency[k]) + jitter
 * - store-and-forward: a node relays a message only once it has received it
 *   whole, so every hop pays the full transmission time;
 * - uploads do not queue by default (start = now: concurrent transfers do
 *   not slow each other, as in the C reference w3_pownet). With
 *   `uploadQueueing` a node's uplink sends one message at a time at the link
 *   bandwidth: start = max(now, the time its previous upload finished);
 * - jitter (optional) is drawn per message, so messages can overtake.
 * Message loss is drawn per delivery at send time (a lost message is not
 * scheduled). A message is dropped if sender and receiver are in different
 * partition groups at send time or at arrival, if the sender is offline when
 * sending, or if the receiver is offline when it arrives.
 *
 * Network events (churn toggles, partition start/heal) are events of the
 * shared simulation; models can subscribe to them (e.g. to resynchronise a
 * node that comes back online).
 */
import { ParameterError } from "../experiment/params";
import type { Simulation } from "../engine/simulation";
import type { Xoshiro128 } from "../random/xoshiro128";
import { exponential } from "./latency/draw";
import type { LatencyModel } from "./latency/model";
import type { Graph } from "./graph";
import { validateChurn, type Churn } from "./churn";
import { partitionGroups, validatePartitions, type PartitionWindow } from "./partition";

export interface NetworkOptions {
  /** Bandwidth of every link, Mbit/s (Infinity: no transmission delay). Default Infinity. */
  readonly bandwidthMbps?: number;
  /** Serialise each node's uploads (default false: uploads do not queue). */
  readonly uploadQueueing?: boolean;
  /** Extra delay drawn per message, ms (default none). */
  readonly jitter?: LatencyModel | null;
  /** Probability that a delivery is lost (default 0). */
  readonly lossRate?: number;
  readonly churn?: Churn | null;
  readonly partitions?: readonly PartitionWindow[];
}

/** (receiver, payload, sender): the model's side of a message. */
export type MessageHandler = (to: number, payload: number, from: number) => void;
export type NodeListener = (node: number) => void;
export type PartitionListener = (window: number) => void;

export interface NetworkStats {
  sent: number;
  delivered: number;
  lost: number;
  droppedPartition: number;
  droppedOffline: number;
}

export class Network {
  readonly n: number;
  readonly bandwidthBps: number;
  readonly lossRate: number;
  readonly uploadQueueing: boolean;
  readonly jitter: LatencyModel | null;
  /** 1 while a node is online. */
  readonly online: Uint8Array;
  readonly stats: NetworkStats = { sent: 0, delivered: 0, lost: 0, droppedPartition: 0, droppedOffline: 0 };
  /** Index of the active partition window, or -1. */
  activePartition = -1;

  private readonly uplinkFreeS: Float64Array;
  private group: Int32Array;
  private readonly churn: Churn | null;
  private churnEnded = false;
  private readonly windows: readonly PartitionWindow[];
  private readonly upListeners: NodeListener[] = [];
  private readonly downListeners: NodeListener[] = [];
  private readonly splitListeners: PartitionListener[] = [];
  private readonly healListeners: PartitionListener[] = [];
  private readonly kindDown: number;
  private readonly kindUp: number;

  constructor(
    readonly sim: Simulation,
    readonly graph: Graph,
    /** Latency of every link, seconds, per CSR position (see sampleLinkLatencies). */
    readonly linkLatencyS: Float64Array,
    options: NetworkOptions,
    /** Stream for loss, jitter and churn draws. */
    readonly rng: Xoshiro128,
  ) {
    const n = graph.n;
    this.n = n;
    if (linkLatencyS.length !== graph.neighbors.length) throw new RangeError(`linkLatencyS has ${linkLatencyS.length} entries, the graph ${graph.neighbors.length} link ends`);
    const bw = options.bandwidthMbps ?? Infinity;
    if (!(bw > 0)) throw new ParameterError("bandwidthMbps", bw, "a number > 0 (Infinity: no transmission delay)");
    this.bandwidthBps = bw * 1e6;
    const loss = options.lossRate ?? 0;
    if (!(loss >= 0 && loss <= 1)) throw new ParameterError("lossRate", loss, "a number, 0 <= lossRate <= 1");
    this.lossRate = loss;
    this.uploadQueueing = options.uploadQueueing ?? false;
    this.jitter = options.jitter ?? null;
    this.online = new Uint8Array(n).fill(1);
    this.uplinkFreeS = new Float64Array(this.uploadQueueing ? n : 0);
    this.group = new Int32Array(n);
    this.churn = options.churn ?? null;
    if (this.churn) validateChurn(this.churn, n);
    this.windows = [...(options.partitions ?? [])].sort((a, b) => a.startS - b.startS);
    validatePartitions(this.windows, n);

    this.kindDown = sim.defineKind("net:down", (v) => this.goOffline(v));
    this.kindUp = sim.defineKind("net:up", (v) => this.goOnline(v));
    const kindSplit = sim.defineKind("net:partition", (w) => this.split(w));
    const kindHeal = sim.defineKind("net:heal", (w) => this.heal(w));
    this.windows.forEach((w, i) => {
      sim.scheduleAt(w.startS, kindSplit, i);
      if (w.durationS !== Infinity) sim.scheduleAt(w.startS + w.durationS, kindHeal, i);
    });
    if (this.churn) this.startChurn(this.churn);
  }

  /** No loss, churn, partitions, jitter or upload queueing: the case fast kernels may take. */
  get isIdeal(): boolean {
    return this.lossRate === 0 && this.churn === null && this.windows.length === 0 && this.jitter === null && !this.uploadQueueing;
  }

  /** Transmission time of a message on one link, seconds. */
  transmissionS(sizeBytes: number): number {
    return this.bandwidthBps === Infinity ? 0 : (sizeBytes * 8) / this.bandwidthBps;
  }

  /** Register a message type; the handler runs when a message survives to its receiver. */
  defineMessage(name: string, handler: MessageHandler): number {
    return this.sim.defineKind(name, (to, payload, from) => {
      if (this.online[to] === 0) {
        this.stats.droppedOffline++;
        return;
      }
      if (this.activePartition >= 0 && this.group[to] !== this.group[from]) {
        this.stats.droppedPartition++;
        return;
      }
      this.stats.delivered++;
      handler(to, payload, from);
    });
  }

  /**
   * Send a message from `from` over its link at CSR position k (to
   * graph.neighbors[k]). Returns false if it was dropped at once.
   */
  send(kind: number, from: number, k: number, payload: number, sizeBytes: number): boolean {
    const to = this.graph.neighbors[k];
    this.stats.sent++;
    if (this.online[from] === 0) {
      this.stats.droppedOffline++;
      return false;
    }
    if (this.activePartition >= 0 && this.group[to] !== this.group[from]) {
      this.stats.droppedPartition++;
      return false;
    }
    if (this.lossRate > 0 && this.rng.nextFloat() < this.lossRate) {
      this.stats.lost++;
      return false;
    }
    const sim = this.sim;
    const tx = this.bandwidthBps === Infinity ? 0 : (sizeBytes * 8) / this.bandwidthBps;
    let arrival: number;
    if (this.uploadQueueing) {
      const start = Math.max(sim.now, this.uplinkFreeS[from]);
      this.uplinkFreeS[from] = start + tx;
      arrival = start + tx + this.linkLatencyS[k];
    } else {
      arrival = sim.now + (tx + this.linkLatencyS[k]);
    }
    if (this.jitter !== null) arrival += this.jitter.sampleMs(this.rng) / 1000;
    sim.scheduleAt(arrival, kind, to, payload, from);
    return true;
  }

  /** Send to every neighbour of `from`. Returns the number of messages scheduled. */
  broadcast(kind: number, from: number, payload: number, sizeBytes: number): number {
    let sent = 0;
    for (let k = this.graph.offsets[from]; k < this.graph.offsets[from + 1]; k++) if (this.send(kind, from, k, payload, sizeBytes)) sent++;
    return sent;
  }

  /** True if a message between a and b would be dropped by the active partition. */
  isCut(a: number, b: number): boolean {
    return this.activePartition >= 0 && this.group[a] !== this.group[b];
  }

  onNodeUp(listener: NodeListener): void {
    this.upListeners.push(listener);
  }
  onNodeDown(listener: NodeListener): void {
    this.downListeners.push(listener);
  }
  onPartition(listener: PartitionListener): void {
    this.splitListeners.push(listener);
  }
  onHeal(listener: PartitionListener): void {
    this.healListeners.push(listener);
  }

  /**
   * Stop generating churn: nodes already offline come back at their
   * scheduled time, nobody leaves again (so a run can drain).
   */
  endChurn(): void {
    this.churnEnded = true;
  }

  private startChurn(churn: Churn): void {
    const sim = this.sim;
    if (churn.kind === "schedule") {
      for (const iv of churn.intervals) {
        sim.scheduleAt(iv.fromS, this.kindDown, iv.node);
        sim.scheduleAt(iv.toS, this.kindUp, iv.node);
      }
      return;
    }
    const nodes = churn.nodes ? Array.from(churn.nodes) : Array.from({ length: this.n }, (_, v) => v);
    const pOffline = churn.stationaryStart === false ? 0 : churn.meanOfflineS / (churn.meanSessionS + churn.meanOfflineS);
    for (const v of nodes) {
      // Memoryless periods: the residual time of the starting state is a full exponential.
      if (pOffline > 0 && this.rng.nextFloat() < pOffline) {
        this.online[v] = 0;
        sim.schedule(exponential(this.rng, churn.meanOfflineS), this.kindUp, v);
      } else {
        sim.schedule(exponential(this.rng, churn.meanSessionS), this.kindDown, v);
      }
    }
  }

  private goOffline(v: number): void {
    if (this.churnEnded) return;
    if (this.online[v] === 0) return;
    this.online[v] = 0;
    for (const l of this.downListeners) l(v);
    const churn = this.churn;
    if (churn && churn.kind === "rates") this.sim.schedule(exponential(this.rng, churn.meanOfflineS), this.kindUp, v);
  }

  private goOnline(v: number): void {
    if (this.online[v] === 1) return;
    this.online[v] = 1;
    for (const l of this.upListeners) l(v);
    const churn = this.churn;
    if (!this.churnEnded && churn && churn.kind === "rates") this.sim.schedule(exponential(this.rng, churn.meanSessionS), this.kindDown, v);
  }

  private split(w: number): void {
    this.group = partitionGroups(this.windows[w], this.n);
    this.activePartition = w;
    for (const l of this.splitListeners) l(w);
  }

  private heal(w: number): void {
    if (this.activePartition !== w) return;
    this.activePartition = -1;
    for (const l of this.healListeners) l(w);
  }
}

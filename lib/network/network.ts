/**
 * The network every protocol sends its messages through. It owns addressing
 * (any pair, a recipient list, neighbours), message payloads (an arena of
 * typed columns), link and CPU costs, loss, jitter, churn, crashes and
 * partition schedules, so a model only sends and handles messages.
 *
 *   const net = new Network(sim, config, rng.child("network"));
 *   const VOTE = net.defineMessage("vote", (to, msg, from) => { ... net.arena.height[msg] ... });
 *   net.multicast(VOTE, me, committee, net.arena.alloc(VOTE_TYPE, h, r, value, me, 200));
 *
 * Overlays (runtime-config.ts). `graph`: broadcast reaches the neighbours,
 * over links with fixed per-CSR-position latencies (linkLatencyS); sendTo and
 * multicast reach any node, a neighbour over its link, any other pair with
 * the pair latency. `complete`: every pair is a link, latencies come from the
 * PairLatency model (pair-latency.ts, O(N) memory); broadcast reaches every
 * other node.
 *
 * Delay of one message of S bytes from i to j (node-resources.ts):
 *   tx      = S * 8 / min(uplink[i], downlink[j])
 *   arrival = start + (tx + latency(i, j) + partition extra delay) + jitter
 * start = now, or with upload queueing max(now, uplinkFree[i]) (FIFO uplink,
 * uplinkFree[i] = start + tx). Store-and-forward: a relay sends a message
 * only once it has it whole. Jitter is drawn per message (messages may
 * overtake). At arrival the receiver's CPU queue adds its FIFO wait and the
 * kind's cost before the handler runs.
 *
 * Send order. A multicast or broadcast with upload queueing sends in a fresh
 * uniformly random order (Fisher-Yates on the kind's "order" stream): the
 * first recipient of a queued uplink gets the message one transmission time
 * before the second, so a fixed order (ascending ids, as before) favoured
 * low ids. Without upload queueing the order is kept as given: every
 * recipient's arrival time is start + its own delay, the same whatever its
 * place, so the order only decides how exactly simultaneous arrivals at
 * different nodes are interleaved (the engine serves them in insertion
 * order), never when anybody receives anything; keeping it also makes the
 * readable PoW kernel equal to the fast one event for event.
 *
 * Faults, each on its own child stream of the Network's rng so that traffic
 * of one kind never shifts another's draws: per message kind "loss"/<kind>,
 * "jitter"/<kind> and "order"/<kind>; "churn" for session lengths;
 * "partition" to resolve the partition schedule's random splits. Crashes are
 * a fixed schedule (no draws).
 * - loss: drawn per delivery at send time (a lost message is not scheduled);
 * - offline or crashed sender: dropped at send; receiver offline or crashed
 *   at arrival (or when its CPU would handle it): dropped;
 * - partition (PartitionState, partition-schedule.ts): a message across the
 *   active cut is dropped at send and at arrival in `drop` mode; in `hold`
 *   mode one sent during the window arrives at max(its arrival, heal + its
 *   delay), one already in flight when the cut starts arrives at heal + the
 *   pair latency; a window that never heals drops. Pairs not cut get the
 *   window's extra group-to-group delay.
 * Statistics per kind: sent (one per recipient), delivered, bytes (sent),
 * lost, droppedPartition, droppedOffline, droppedCrashed, held.
 *
 * Messages are arena ids (message-arena.ts): each send call takes over the
 * message it is given, counts one reference per scheduled delivery and
 * releases it after the handler returns or the delivery is dropped.
 *
 * Network events (churn, crashes, partition start and heal) are events of
 * the shared simulation in the Network's scope (default "net"); models
 * subscribe with onNodeUp/onNodeDown/onCrash/onPartition/onHeal.
 */
import { ParameterError } from "../experiment/params";
import type { EventHandler, Simulation } from "../engine/simulation";
import { simOf, type SimOrScope, type SimScope } from "../engine/scope";
import { RUN_MIN, type EventQueue } from "../engine/event-queue";
import type { Rng } from "../random/seed";
import type { Xoshiro128 } from "../random/xoshiro128";
import { exponential } from "./latency/draw";
import type { LatencyModel } from "./latency/model";
import { edgeIndex, type Graph } from "./graph";
import { validateChurn, type Churn } from "./churn";
import { MessageArena } from "./message-arena";
import { NodeResources } from "./node-resources";
import { PartitionState, resolvePartitionSchedule, type ResolvedPartitionWindow } from "./partition-schedule";
import type { CrashEvent, NetworkConfig, PairLatency } from "./runtime-config";

/** (receiver, message id, sender): the model's side of a message. */
export type MessageHandler = (to: number, msg: number, from: number) => void;
export type NodeListener = (node: number) => void;
export type PartitionListener = (window: number) => void;

/** Counts of one message kind, or totals. */
export interface MessageStats {
  /** Deliveries attempted (one per recipient). */
  sent: number;
  delivered: number;
  /** Bytes sent (size times recipients). */
  bytes: number;
  lost: number;
  droppedPartition: number;
  droppedOffline: number;
  droppedCrashed: number;
  /** Deliveries held by a `hold` partition until its heal (they are delivered or dropped later). */
  held: number;
}
export type NetworkStats = MessageStats;

const SENT = 0;
const DELIVERED = 1;
const BYTES = 2;
const LOST = 3;
const DROP_PARTITION = 4;
const DROP_OFFLINE = 5;
const DROP_CRASHED = 6;
const HELD = 7;
const NSTAT = 8;
const STAT_NAMES = ["sent", "delivered", "bytes", "lost", "droppedPartition", "droppedOffline", "droppedCrashed", "held"] as const;

/** Per message kind: what the send and delivery paths need. */
interface KindInfo {
  readonly name: string;
  readonly kind: number;
  readonly handleKind: number;
  readonly handler: MessageHandler;
  readonly lossRng: Xoshiro128;
  readonly jitterRng: Xoshiro128;
  readonly orderRng: Xoshiro128;
  readonly cpuFixedS: number;
  readonly cpuPerByteS: number;
  /** Counts, indexed by SENT .. HELD. */
  readonly stats: Float64Array;
}

export class Network {
  readonly n: number;
  readonly sim: Simulation;
  readonly scope: SimScope;
  readonly arena: MessageArena;
  readonly graph: Graph | null;
  readonly latency: PairLatency;
  /** Link latencies per CSR position, seconds (graph overlays; null on a complete overlay). */
  readonly linkLatencyS: Float64Array | null;
  /** Link rates per CSR position, min(uplink[v], downlink[w]) bit/s (graph overlays; null on a complete overlay). */
  readonly linkBps: Float64Array | null;
  readonly resources: NodeResources;
  readonly lossRate: number;
  readonly jitter: LatencyModel | null;
  /** 1 while a node is online (0 while churned out or after a crash). */
  readonly online: Uint8Array;
  /** 1 once a node has crashed (for good). */
  readonly crashed: Uint8Array;
  readonly partition: PartitionState;
  readonly partitionWindows: readonly ResolvedPartitionWindow[];

  private readonly queue: EventQueue;
  private readonly uploadQueueing: boolean;
  private readonly hasCpu: boolean;
  /** True once no send can need more than latency + transmission: no loss, jitter, upload queueing or partition windows. */
  private readonly plainSends: boolean;
  /** True if no arrival can be dropped, held or queued: no churn, crashes, partition windows or CPU costs. */
  private readonly plainArrivals: boolean;
  private readonly kinds: KindInfo[] = [];
  /** Engine kind -> index into `kinds` (-1: not a message kind of this network). */
  private readonly kindIndex: number[] = [];
  private readonly scratch: Int32Array;
  /** The deliveries of one multicast or broadcast, handed to the queue as one run (EventQueue.pushRun). */
  private batchTimes: Float64Array;
  private batchTargets: Int32Array;
  private readonly churn: Churn | null;
  private readonly churnRng: Xoshiro128;
  private readonly crashes: readonly CrashEvent[];
  private churnEnded = false;
  private readonly upListeners: NodeListener[] = [];
  private readonly downListeners: NodeListener[] = [];
  private readonly crashListeners: NodeListener[] = [];
  private readonly splitListeners: PartitionListener[] = [];
  private readonly healListeners: PartitionListener[] = [];
  private readonly kindDown: number;
  private readonly kindUp: number;
  private readonly rng: Rng;

  constructor(simOrScope: SimOrScope, config: NetworkConfig, rng: Rng) {
    const n = overlayNodes(config);
    this.n = n;
    this.rng = rng;
    validateNetworkConfig(config, n);
    this.sim = simOf(simOrScope);
    this.queue = this.sim.queue;
    this.graph = config.overlay.kind === "graph" ? config.overlay.graph : null;
    this.latency = config.latency;
    this.linkLatencyS = this.graph ? (config.linkLatencyS ?? null) : null;
    this.resources = new NodeResources(n, config.resources);
    this.linkBps = this.graph && this.linkLatencyS ? this.resources.linkRates(this.graph) : null;
    this.uploadQueueing = this.resources.uploadQueueing;
    this.hasCpu = this.resources.hasCpu;
    this.lossRate = config.lossRate ?? 0;
    this.jitter = config.jitter ?? null;
    this.arena = new MessageArena(1024);
    this.online = new Uint8Array(n).fill(1);
    this.crashed = new Uint8Array(n);
    this.scratch = new Int32Array(n);
    this.batchTimes = new Float64Array(n);
    this.batchTargets = new Int32Array(n);
    this.churn = config.churn ?? null;
    this.crashes = config.crashes ?? [];
    this.partitionWindows = resolveWindows(config, n, rng);
    this.partition = new PartitionState(this.partitionWindows);
    this.churnRng = rng.child("churn").fast;
    this.plainSends = this.lossRate === 0 && this.jitter === null && !this.uploadQueueing && this.partitionWindows.length === 0;
    this.plainArrivals = this.churn === null && this.crashes.length === 0 && this.partitionWindows.length === 0 && !this.hasCpu;

    // Every check is done: from here on, kinds are defined and events scheduled.
    this.scope = simOrScope.scope(config.name ?? "net");
    const scope = this.scope;
    this.kindDown = scope.defineKind("down", (v) => this.goOffline(v));
    this.kindUp = scope.defineKind("up", (v) => this.goOnline(v));
    const kindCrash = scope.defineKind("crash", (v) => this.crash(v));
    const kindSplit = scope.defineKind("partition", (w) => this.split(w));
    const kindHeal = scope.defineKind("heal", (w) => this.heal(w));
    this.partitionWindows.forEach((w, i) => {
      this.sim.scheduleAt(w.startS, kindSplit, i);
      if (w.endS !== Infinity) this.sim.scheduleAt(w.endS, kindHeal, i);
    });
    for (const c of this.crashes) this.sim.scheduleAt(c.atS, kindCrash, c.node);
    if (this.churn) this.startChurn(this.churn);
  }

  /** No loss, churn, crashes, partitions, jitter, upload queueing or CPU costs: the case fast kernels may take. */
  get isIdeal(): boolean {
    return this.lossRate === 0 && this.churn === null && this.crashes.length === 0 && this.partitionWindows.length === 0 && this.jitter === null && !this.uploadQueueing && !this.hasCpu;
  }

  /** Neighbours of v: its graph neighbours, or every other node on a complete overlay. */
  degree(v: number): number {
    const g = this.graph;
    return g ? g.offsets[v + 1] - g.offsets[v] : this.n - 1;
  }

  /** The i-th neighbour of v (0 <= i < degree(v)), ascending. */
  neighbour(v: number, i: number): number {
    const g = this.graph;
    return g ? g.neighbors[g.offsets[v] + i] : i < v ? i : i + 1;
  }

  /** One-way latency from `from` to `to`, seconds: the link's on a graph link, else the pair model's. */
  pairLatencyS(from: number, to: number): number {
    const links = this.linkLatencyS;
    if (links !== null) {
      const k = edgeIndex(this.graph as Graph, from, to);
      if (k >= 0) return links[k];
    }
    return this.latency.latencyS(from, to);
  }

  /**
   * Register a message kind (event kind "<scope>:<name>"); the handler runs
   * when a message has survived to its receiver and its CPU. Returns the
   * kind for sendTo / multicast / broadcast.
   */
  defineMessage(name: string, handler: MessageHandler): number {
    const m = this.kinds.length;
    const { fixedS, perByteS } = this.resources.cpuCost(name);
    const stats = new Float64Array(NSTAT);
    let info: KindInfo | null = null;
    const arena = this.arena;
    // Nothing can drop, hold or queue an arrival: the handler runs at once (the hot path of ideal runs).
    const plainArrive: EventHandler = (to, msg, from) => {
      stats[DELIVERED]++;
      handler(to, msg, from);
      arena.release(msg);
    };
    const kind = this.scope.defineKind(name, this.plainArrivals ? plainArrive : (to, msg, from) => this.arrive(info as KindInfo, stats, to, msg, from));
    const handleKind = this.hasCpu ? this.scope.defineKind(`${name}.handled`, (to, msg, from) => this.handled(info as KindInfo, stats, to, msg, from)) : -1;
    info = {
      name,
      kind,
      handleKind,
      handler,
      lossRng: this.rng.child("loss").child(name).fast,
      jitterRng: this.rng.child("jitter").child(name).fast,
      orderRng: this.rng.child("order").child(name).fast,
      cpuFixedS: fixedS,
      cpuPerByteS: perByteS,
      stats,
    };
    this.kinds.push(info);
    this.kindIndex[kind] = m;
    return kind;
  }

  /** Send `msg` from `from` to `to` (any pair). Returns true if a delivery was scheduled. */
  sendTo(kind: number, from: number, to: number, msg: number): boolean {
    const info = this.messageKind(kind);
    if (to === from || !(to >= 0 && to < this.n)) throw new RangeError(`invalid recipient for ${info.name}: ${to} (allowed: a node 0 <= to < ${this.n}, not the sender ${from})`);
    const arrival = this.sendOne(info, from, to, msg, this.pairLatencyS(from, to));
    if (arrival >= 0) {
      this.arena.refs[msg]++;
      this.queue.push(arrival, info.kind, to, msg, from, 0);
    }
    this.arena.releaseIfUnreferenced(msg);
    return arrival >= 0;
  }

  /**
   * Send one message to each of recipients[0 .. count) (the sender itself is
   * skipped): one arena id shared by all. Returns the deliveries scheduled.
   */
  multicast(kind: number, from: number, recipients: ArrayLike<number>, msg: number, count = recipients.length): number {
    const info = this.messageKind(kind);
    let list: ArrayLike<number> = recipients;
    if (this.uploadQueueing && count > 1) {
      const s = this.scratch.length >= count ? this.scratch : new Int32Array(count);
      for (let i = 0; i < count; i++) s[i] = recipients[i];
      shuffle(s, count, info.orderRng);
      list = s;
    }
    if (this.batchTimes.length < count) this.growBatch(count);
    const times = this.batchTimes;
    const targets = this.batchTargets;
    let sent = 0;
    const pairs = this.linkLatencyS === null ? this.latency : null; // complete overlay: the pair model directly
    for (let i = 0; i < count; i++) {
      const to = list[i];
      if (to === from) continue;
      if (!(to >= 0 && to < this.n)) throw new RangeError(`invalid recipient for ${info.name}: ${to} (allowed: a node 0 <= to < ${this.n})`);
      const arrival = this.sendOne(info, from, to, msg, pairs !== null ? pairs.latencyS(from, to) : this.pairLatencyS(from, to));
      if (arrival >= 0) {
        times[sent] = arrival;
        targets[sent++] = to;
      }
    }
    return this.schedule(info, from, msg, sent);
  }

  /**
   * Send to every neighbour of `from` (every other node on a complete
   * overlay) for which `filter` (if given) is true, at the time of the call
   * (once per neighbour; the filter must not send itself).
   */
  broadcast(kind: number, from: number, msg: number, filter?: (to: number) => boolean): number {
    const info = this.messageKind(kind);
    const g = this.graph;
    const degree = this.degree(from);
    if (this.batchTimes.length < degree) this.growBatch(degree);
    const times = this.batchTimes;
    const targets = this.batchTargets;
    let sent = 0;
    if (g !== null && this.linkLatencyS !== null) {
      const lat = this.linkLatencyS;
      const nb = g.neighbors;
      const begin = g.offsets[from];
      const end = g.offsets[from + 1];
      if (this.plainSends && this.online[from] === 1 && this.arena.sizeBytes[msg] >= 0 && this.arena.sizeBytes[msg] < Infinity) {
        // The ideal path, inlined: arrival = now + (size * 8 / linkBps[k] + lat[k]), the fast kernels' arithmetic.
        const rate = this.linkBps as Float64Array;
        const bits = this.arena.sizeBytes[msg] * 8;
        const now = this.sim.now;
        if (end - begin < RUN_MIN) {
          // Few recipients (pushRun would push them one by one anyway): straight into the queue,
          // without the pass through the batch arrays (~5 % of the readable w3 kernel, A/B measured).
          const q = this.queue;
          const kind = info.kind;
          for (let k = begin; k < end; k++) {
            const to = nb[k];
            if (filter !== undefined && !filter(to)) continue;
            q.push(now + (bits / rate[k] + lat[k]), kind, to, msg, from, 0);
            sent++;
          }
          info.stats[SENT] += sent;
          info.stats[BYTES] += sent * this.arena.sizeBytes[msg];
          this.arena.refs[msg] += sent;
          this.arena.releaseIfUnreferenced(msg);
          return sent;
        }
        for (let k = begin; k < end; k++) {
          const to = nb[k];
          if (filter !== undefined && !filter(to)) continue;
          times[sent] = now + (bits / rate[k] + lat[k]);
          targets[sent++] = to;
        }
        info.stats[SENT] += sent;
        info.stats[BYTES] += sent * this.arena.sizeBytes[msg];
      } else if (!this.uploadQueueing) {
        for (let k = begin; k < end; k++) {
          const to = nb[k];
          if (filter !== undefined && !filter(to)) continue;
          const arrival = this.sendOne(info, from, to, msg, lat[k]);
          if (arrival >= 0) {
            times[sent] = arrival;
            targets[sent++] = to;
          }
        }
      } else {
        const s = this.scratch;
        let c = 0;
        for (let k = begin; k < end; k++) if (filter === undefined || filter(nb[k])) s[c++] = k;
        shuffle(s, c, info.orderRng);
        for (let i = 0; i < c; i++) {
          const arrival = this.sendOne(info, from, nb[s[i]], msg, lat[s[i]]);
          if (arrival >= 0) {
            times[sent] = arrival;
            targets[sent++] = nb[s[i]];
          }
        }
      }
    } else {
      const s = this.scratch;
      let c = 0;
      const d = this.degree(from);
      for (let i = 0; i < d; i++) {
        const to = this.neighbour(from, i);
        if (filter === undefined || filter(to)) s[c++] = to;
      }
      if (this.uploadQueueing) shuffle(s, c, info.orderRng);
      for (let i = 0; i < c; i++) {
        const arrival = this.sendOne(info, from, s[i], msg, this.pairLatencyS(from, s[i]));
        if (arrival >= 0) {
          times[sent] = arrival;
          targets[sent++] = s[i];
        }
      }
    }
    return this.schedule(info, from, msg, sent);
  }

  /** True if a message between a and b would cross the active partition's cut. */
  isCut(a: number, b: number): boolean {
    return this.partition.isCut(a, b);
  }

  /** Index of the active partition window, or -1. */
  get activePartition(): number {
    return this.partition.active;
  }

  /** Totals over all message kinds. */
  get stats(): NetworkStats {
    const total = new Float64Array(NSTAT);
    for (const k of this.kinds) for (let i = 0; i < NSTAT; i++) total[i] += k.stats[i];
    return statsObject(total);
  }

  /** Statistics per message kind name. */
  statsByKind(): Record<string, MessageStats> {
    const out: Record<string, MessageStats> = {};
    for (const k of this.kinds) out[k.name] = statsObject(k.stats);
    return out;
  }

  onNodeUp(listener: NodeListener): void {
    this.upListeners.push(listener);
  }
  /** A node went offline (churn) or crashed. */
  onNodeDown(listener: NodeListener): void {
    this.downListeners.push(listener);
  }
  onCrash(listener: NodeListener): void {
    this.crashListeners.push(listener);
  }
  onPartition(listener: PartitionListener): void {
    this.splitListeners.push(listener);
  }
  onHeal(listener: PartitionListener): void {
    this.healListeners.push(listener);
  }

  /** Stop generating churn: nodes already offline come back at their scheduled time, nobody leaves again (so a run can drain). */
  endChurn(): void {
    this.churnEnded = true;
  }

  // ------------------------------------------------------------ send path

  private messageKind(kind: number): KindInfo {
    const m = this.kindIndex[kind];
    if (m === undefined) throw new RangeError(`invalid message kind: ${kind} (allowed: a kind returned by this network's defineMessage)`);
    return this.kinds[m];
  }

  /** The batch's `count` deliveries of msg from `from`, one reference each, as one run of the queue; returns count. */
  private schedule(info: KindInfo, from: number, msg: number, count: number): number {
    this.arena.refs[msg] += count;
    this.queue.pushRun(this.batchTimes, this.batchTargets, count, info.kind, msg, from, 0);
    this.arena.releaseIfUnreferenced(msg);
    return count;
  }

  private growBatch(count: number): void {
    this.batchTimes = new Float64Array(count);
    this.batchTargets = new Int32Array(count);
  }

  /**
   * One delivery from -> to with the given latency: its arrival time, or -1
   * if it is dropped at send (counted). The caller schedules it and counts
   * its reference.
   */
  private sendOne(info: KindInfo, from: number, to: number, msg: number, latencyS: number): number {
    const st = info.stats;
    const arena = this.arena;
    const size = arena.sizeBytes[msg];
    st[SENT]++;
    st[BYTES] += size;
    if (this.online[from] === 0) {
      st[this.crashed[from] === 1 ? DROP_CRASHED : DROP_OFFLINE]++;
      return -1;
    }
    if (this.plainSends) {
      // The ideal path (the PoW fast kernel's arithmetic): arrival = now + (tx + latency).
      const now = this.sim.now;
      const arrival = now + (this.resources.transmissionS(from, to, size) + latencyS);
      if (!(arrival >= now)) throw new RangeError(`invalid delay for ${info.name} ${from} -> ${to}: ${arrival - now} s (allowed: a number >= 0; check the latency model)`);
      return arrival;
    }
    return this.sendFaulty(info, st, from, to, latencyS, size);
  }

  /** sendOne with loss, jitter, upload queueing or partitions. */
  private sendFaulty(info: KindInfo, st: Float64Array, from: number, to: number, latencyS: number, size: number): number {
    const part = this.partition;
    let holdUntil = -1;
    if (part.active >= 0) {
      if (part.isCut(from, to)) {
        const w = part.activeWindow as ResolvedPartitionWindow;
        if (w.mode === "drop" || w.endS === Infinity) {
          st[DROP_PARTITION]++;
          return -1;
        }
        holdUntil = w.endS;
      } else latencyS += part.extraDelayS(from, to);
    }
    if (this.lossRate > 0 && info.lossRng.nextFloat() < this.lossRate) {
      st[LOST]++;
      return -1;
    }
    const now = this.sim.now;
    const tx = this.resources.transmissionS(from, to, size);
    let arrival: number;
    if (this.uploadQueueing) {
      const free = this.resources.uplinkFreeS;
      const start = free[from] > now ? free[from] : now;
      free[from] = start + tx;
      arrival = start + tx + latencyS;
    } else {
      arrival = now + (tx + latencyS);
    }
    if (this.jitter !== null) arrival += this.jitter.sampleMs(info.jitterRng) / 1000;
    if (holdUntil >= 0) {
      const held = holdUntil + (arrival - now);
      if (held > arrival) arrival = held;
      st[HELD]++;
    }
    if (!(arrival >= now)) throw new RangeError(`invalid delay for ${info.name} ${from} -> ${to}: ${arrival - now} s (allowed: a number >= 0; check the latency model)`);
    return arrival;
  }

  // ------------------------------------------------------------ delivery path

  /** A message reaches its receiver: checks, then the CPU queue or the handler. */
  private arrive(info: KindInfo, st: Float64Array, to: number, msg: number, from: number): void {
    if (this.plainArrivals) {
      st[DELIVERED]++;
      info.handler(to, msg, from);
      this.arena.release(msg);
      return;
    }
    if (this.online[to] === 0) {
      st[this.crashed[to] === 1 ? DROP_CRASHED : DROP_OFFLINE]++;
      this.arena.release(msg);
      return;
    }
    const part = this.partition;
    if (part.active >= 0 && part.isCut(from, to)) {
      const w = part.activeWindow as ResolvedPartitionWindow;
      if (w.mode === "hold" && w.endS !== Infinity) {
        st[HELD]++;
        this.queue.push(w.endS + this.pairLatencyS(from, to), info.kind, to, msg, from, 0);
        return;
      }
      st[DROP_PARTITION]++;
      this.arena.release(msg);
      return;
    }
    if (this.hasCpu) {
      const cost = info.cpuFixedS + info.cpuPerByteS * this.arena.sizeBytes[msg];
      const now = this.sim.now;
      const cpu = this.resources.cpuFreeS;
      if (cost > 0 || cpu[to] > now) {
        const t = (cpu[to] > now ? cpu[to] : now) + cost;
        cpu[to] = t;
        this.queue.push(t, info.handleKind, to, msg, from, 0);
        return;
      }
    }
    st[DELIVERED]++;
    info.handler(to, msg, from);
    this.arena.release(msg);
  }

  /** The receiver's CPU is done with the message. */
  private handled(info: KindInfo, st: Float64Array, to: number, msg: number, from: number): void {
    if (this.online[to] === 0) {
      st[this.crashed[to] === 1 ? DROP_CRASHED : DROP_OFFLINE]++;
      this.arena.release(msg);
      return;
    }
    st[DELIVERED]++;
    info.handler(to, msg, from);
    this.arena.release(msg);
  }

  // ------------------------------------------------------------ churn, crashes, partitions

  private startChurn(churn: Churn): void {
    const sim = this.sim;
    if (churn.kind === "schedule") {
      for (const iv of churn.intervals) {
        sim.scheduleAt(iv.fromS, this.kindDown, iv.node);
        sim.scheduleAt(iv.toS, this.kindUp, iv.node);
      }
      return;
    }
    const rng = this.churnRng;
    const nodes = churn.nodes ? Array.from(churn.nodes) : Array.from({ length: this.n }, (_, v) => v);
    const pOffline = churn.stationaryStart === false ? 0 : churn.meanOfflineS / (churn.meanSessionS + churn.meanOfflineS);
    for (const v of nodes) {
      // Memoryless periods: the residual time of the starting state is a full exponential.
      if (pOffline > 0 && rng.nextFloat() < pOffline) {
        this.online[v] = 0;
        sim.schedule(exponential(rng, churn.meanOfflineS), this.kindUp, v);
      } else {
        sim.schedule(exponential(rng, churn.meanSessionS), this.kindDown, v);
      }
    }
  }

  private goOffline(v: number): void {
    if (this.churnEnded || this.online[v] === 0) return;
    this.online[v] = 0;
    for (const l of this.downListeners) l(v);
    const churn = this.churn;
    if (churn && churn.kind === "rates") this.sim.schedule(exponential(this.churnRng, churn.meanOfflineS), this.kindUp, v);
  }

  private goOnline(v: number): void {
    if (this.online[v] === 1 || this.crashed[v] === 1) return;
    this.online[v] = 1;
    for (const l of this.upListeners) l(v);
    const churn = this.churn;
    if (!this.churnEnded && churn && churn.kind === "rates") this.sim.schedule(exponential(this.churnRng, churn.meanSessionS), this.kindDown, v);
  }

  private crash(v: number): void {
    if (this.crashed[v] === 1) return;
    const wasOnline = this.online[v] === 1;
    this.crashed[v] = 1;
    this.online[v] = 0;
    if (wasOnline) for (const l of this.downListeners) l(v);
    for (const l of this.crashListeners) l(v);
  }

  private split(w: number): void {
    this.partition.activate(w);
    for (const l of this.splitListeners) l(w);
  }

  private heal(w: number): void {
    if (this.partition.active !== w) return;
    this.partition.heal();
    for (const l of this.healListeners) l(w);
  }
}

/** Fisher-Yates shuffle of a[0 .. count) (Durstenfeld 1964). */
function shuffle(a: Int32Array, count: number, rng: Xoshiro128): void {
  for (let i = count - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

function statsObject(c: Float64Array): MessageStats {
  const out = {} as Record<(typeof STAT_NAMES)[number], number>;
  STAT_NAMES.forEach((name, i) => (out[name] = c[i]));
  return out;
}

function overlayNodes(config: NetworkConfig): number {
  const o = config?.overlay as { kind?: unknown; graph?: Graph; n?: number } | undefined;
  if (!o || (o.kind !== "graph" && o.kind !== "complete")) throw new ParameterError("overlay.kind", o?.kind, "graph or complete");
  const n = o.kind === "graph" ? o.graph?.n : o.n;
  if (!(typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= 2 ** 26)) throw new ParameterError(o.kind === "graph" ? "overlay.graph.n" : "overlay.n", n, `an integer, 1 <= nodes <= ${2 ** 26}`);
  return n;
}

/** Windows resolved already (objects with endS and group) are used as they are; a spec is resolved on the "partition" stream. */
function resolveWindows(config: NetworkConfig, n: number, rng: Rng): readonly ResolvedPartitionWindow[] {
  const p = config.partitions;
  if (!p || p.length === 0) return [];
  const first = p[0] as Partial<ResolvedPartitionWindow>;
  if (first.group instanceof Int32Array && typeof first.endS === "number") {
    const windows = p as readonly ResolvedPartitionWindow[];
    windows.forEach((w, i) => {
      if (!(w.group instanceof Int32Array) || w.group.length !== n) throw new ParameterError(`partitions[${i}].group`, w.group?.length, `a resolved group array of ${n} entries`);
      if (i > 0 && !(w.startS >= windows[i - 1].endS)) throw new ParameterError(`partitions[${i}].startS`, w.startS, `>= the previous window's heal time ${windows[i - 1].endS}`);
    });
    return windows;
  }
  return resolvePartitionSchedule(p, n, { weights: config.weights, rng: rng.child("partition").fast });
}

/** Every check of a NetworkConfig that does not need a simulation; throws ParameterError naming the field. */
export function validateNetworkConfig(config: NetworkConfig, n = overlayNodes(config)): void {
  const lat = config.latency as PairLatency | undefined;
  if (!lat || typeof lat.latencyS !== "function") throw new ParameterError("latency", lat, "a PairLatency (pair-latency.ts)");
  if (lat.n !== n) throw new ParameterError("latency.n", lat.n, `the overlay's node count ${n}`);
  if (config.linkLatencyS !== undefined) {
    if (config.overlay.kind !== "graph") throw new ParameterError("linkLatencyS", `${config.linkLatencyS.length} entries`, "only on a graph overlay (a complete overlay takes its latencies from `latency`)");
    const links = config.overlay.graph.neighbors.length;
    if (config.linkLatencyS.length !== links) throw new ParameterError("linkLatencyS", `${config.linkLatencyS.length} entries`, `one per CSR position of the graph (${links})`);
    for (let k = 0; k < links; k++) if (!(config.linkLatencyS[k] >= 0 && Number.isFinite(config.linkLatencyS[k]))) throw new ParameterError("linkLatencyS", `position ${k}: ${config.linkLatencyS[k]}`, "a finite number >= 0, seconds");
  }
  const loss = config.lossRate ?? 0;
  if (!(loss >= 0 && loss <= 1)) throw new ParameterError("lossRate", loss, "a number, 0 <= lossRate <= 1");
  if (config.jitter && typeof config.jitter.sampleMs !== "function") throw new ParameterError("jitter", config.jitter, "a LatencyModel or null");
  if (config.churn) validateChurn(config.churn, n);
  (config.crashes ?? []).forEach((c, i) => {
    if (!(Number.isInteger(c.node) && c.node >= 0 && c.node < n)) throw new ParameterError(`crashes[${i}].node`, c.node, `an integer, 0 <= node < ${n}`);
    if (!(c.atS >= 0 && Number.isFinite(c.atS))) throw new ParameterError(`crashes[${i}].atS`, c.atS, "a finite number >= 0, seconds");
  });
  if (config.weights !== undefined && config.weights.length !== n) throw new ParameterError("weights", `${config.weights.length} entries`, `one weight per node (${n})`);
  if (config.resources) new NodeResources(n, config.resources);
}

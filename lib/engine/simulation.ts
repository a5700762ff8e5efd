/**
 * The discrete-event loop: one clock, one event queue, handlers dispatched by
 * event kind. Models register their kinds once, then schedule events carrying
 * a target (usually a node) and two integer payload words.
 *
 *   const sim = new Simulation();
 *   const PING = sim.defineKind("ping", (node, a, b) => { ...; sim.schedule(0.5, PING, other, a, 0); });
 *   sim.schedule(0, PING, 0, 0, 0);
 *   const report = sim.run({ maxEvents: 1e6, maxTimeS: 3600 });
 *
 * Ordering is (time, priority, insertion sequence), SimPy's rule (Scherfke &
 * Lünsdorf, SimPy 3, `Environment.schedule`): simultaneous events run by
 * priority, smaller first (default 0, any int32), and equal priorities in the
 * order they were scheduled, so a run is a pure function of its seed.
 *
 * Scopes. `sim.scope("pbft")` returns a SimScope whose kinds are named
 * "pbft:<kind>"; `scope.scope("r1")` nests as "pbft/r1:<kind>". A scope name
 * is taken once per Simulation (a second `scope("pbft")` throws), so two
 * networks or two protocol instances in one run never collide (see scope.ts).
 *
 * Counts. The loop counts processed events per kind in a Float64Array
 * indexed by kind (one increment per event); `eventCounts()` names them.
 *
 * Every run is bounded: by a maximum number of events and a maximum simulated
 * time. A run that stops on a cap says so in its report (`stop`), it never
 * stops silently and never hangs.
 *
 * The loop is readable rather than the fastest possible: one indirect call per
 * event. Kernels that need every nanosecond (see models/pow-network/fast.ts) use
 * EventQueue directly with a switch on the kind.
 */
import { EventQueue } from "./event-queue";
import { SimScope, validateScopeName } from "./scope";

/** What a handler receives: the event's target and payload words; `sim.now` is the event time. */
export type EventHandler = (target: number, a: number, b: number) => void;

/** Why `run` returned. */
export type StopReason = "drained" | "max-events" | "max-time" | "stopped";

export interface RunLimits {
  /** Stop after this many events (default 1e9). */
  maxEvents?: number;
  /** Do not process events later than this simulated time, seconds (default Infinity). */
  maxTimeS?: number;
}

export interface RunReport {
  /** Events processed by this call. */
  events: number;
  /** Simulated time at return, seconds. */
  timeS: number;
  /** `drained` (queue empty), a cap that was hit, or `stopped` (a handler called stop()). */
  stop: StopReason;
  /** Events still queued. */
  pending: number;
}

export const DEFAULT_MAX_EVENTS = 1e9;

export class Simulation {
  /** Current simulated time, seconds. */
  now = 0;
  /** Events processed since construction. */
  events = 0;
  readonly queue: EventQueue;
  private readonly handlers: EventHandler[] = [];
  private readonly names: string[] = [];
  private readonly nameSet = new Set<string>();
  private readonly scopeNames = new Set<string>();
  /** Processed events per kind (indexed by kind; capacity doubles as kinds are defined). */
  private counts = new Float64Array(16);
  private stopRequested = false;

  constructor(initialCapacity = 1024) {
    this.queue = new EventQueue(initialCapacity);
  }

  /** Register an event kind; returns its number (for schedule()). */
  defineKind(name: string, handler: EventHandler): number {
    if (this.nameSet.has(name)) throw new Error(`event kind ${JSON.stringify(name)} is already defined`);
    this.nameSet.add(name);
    this.names.push(name);
    this.handlers.push(handler);
    const kind = this.handlers.length - 1;
    if (kind >= this.counts.length) {
      const grown = new Float64Array(2 * this.counts.length);
      grown.set(this.counts);
      this.counts = grown;
    }
    return kind;
  }

  /**
   * A named scope for the kinds of one network or protocol instance: its
   * kinds are "<name>:<kind>". Each name once per Simulation (nested scopes
   * included, by their full "<a>/<b>" name).
   */
  scope(name: string): SimScope {
    validateScopeName(name);
    this.claimScope(name);
    return new SimScope(this, name);
  }

  /** Reserve a full scope name (used by SimScope.scope for nested names). */
  claimScope(fullName: string): void {
    if (this.scopeNames.has(fullName)) {
      throw new Error(`scope ${JSON.stringify(fullName)} is already used in this Simulation; give the second network or protocol instance a distinct name (e.g. ${JSON.stringify(`${fullName}2`)})`);
    }
    this.scopeNames.add(fullName);
  }

  /** Processed events per kind name since construction (every defined kind, zeros included). */
  eventCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (let k = 0; k < this.names.length; k++) out[this.names[k]] = this.counts[k];
    return out;
  }

  /** Name of an event kind (for traces and errors). */
  kindName(kind: number): string {
    return this.names[kind] ?? `#${kind}`;
  }

  /**
   * Schedule an event `delayS` seconds from now. `priority` orders it among
   * events at the same time: smaller first (default 0, an int32).
   */
  schedule(delayS: number, kind: number, target = 0, a = 0, b = 0, priority = 0): void {
    if (!(delayS >= 0)) throw new RangeError(`invalid delay for ${this.kindName(kind)}: ${delayS} (allowed: a number >= 0)`);
    if ((priority | 0) !== priority) throw badPriority(this.kindName(kind), priority);
    this.queue.push(this.now + delayS, kind, target, a, b, priority);
  }

  /** Schedule an event at absolute time `timeS` (not before now); `priority` as in schedule(). */
  scheduleAt(timeS: number, kind: number, target = 0, a = 0, b = 0, priority = 0): void {
    if (!(timeS >= this.now)) throw new RangeError(`invalid time for ${this.kindName(kind)}: ${timeS} (allowed: a number >= now = ${this.now})`);
    if ((priority | 0) !== priority) throw badPriority(this.kindName(kind), priority);
    this.queue.push(timeS, kind, target, a, b, priority);
  }

  /** Ask the running loop to return after the current event. */
  stop(): void {
    this.stopRequested = true;
  }

  /** Process events in order until the queue drains, a cap is hit or a handler calls stop(). */
  run(limits: RunLimits = {}): RunReport {
    const maxEvents = limits.maxEvents ?? DEFAULT_MAX_EVENTS;
    const maxTimeS = limits.maxTimeS ?? Infinity;
    if (!(maxEvents >= 0)) throw new RangeError(`invalid maxEvents: ${maxEvents} (allowed: a number >= 0)`);
    if (Number.isNaN(maxTimeS)) throw new RangeError(`invalid maxTimeS: NaN`);
    const q = this.queue;
    const handlers = this.handlers;
    this.stopRequested = false;
    let processed = 0;
    let stop: StopReason = "drained";
    for (;;) {
      if (processed >= maxEvents) {
        if (q.size > 0) stop = "max-events";
        break;
      }
      if (!q.popUntil(maxTimeS)) {
        if (q.size > 0) {
          stop = "max-time";
          this.now = maxTimeS;
        }
        break;
      }
      this.now = q.time;
      processed++;
      const kind = q.kind;
      const handler = handlers[kind];
      if (handler === undefined) throw new Error(`no handler for event kind ${kind}`);
      this.counts[kind]++; // not hoisted: a handler may define kinds (the array then grows)
      handler(q.target, q.a, q.b);
      if (this.stopRequested) {
        stop = "stopped";
        break;
      }
    }
    this.events += processed;
    return { events: processed, timeS: this.now, stop, pending: q.size };
  }
}

function badPriority(kind: string, priority: number): RangeError {
  return new RangeError(`invalid priority for ${kind}: ${priority} (allowed: an integer, -2^31 <= priority < 2^31)`);
}

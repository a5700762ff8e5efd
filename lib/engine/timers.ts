/**
 * Timers: one pending timer per target (node), for view changes, round
 * timeouts and slot ticks, set, cancelled and moved without touching the
 * event queue's internals.
 *
 *   const viewTimer = new Timers(pbft, "view-timeout", n, (node, view) => startViewChange(node, view));
 *   viewTimer.set(node, 2.0, view);   // fires in 2 s with a = view
 *   viewTimer.reset(node, 2.0);       // progress: move the deadline, keep a
 *   viewTimer.cancel(node);           // decided: it never fires
 *
 * Generation tokens (the lazy-deletion idiom of discrete-event simulators:
 * cancelled events stay queued and are discarded when popped, as SimPy's
 * interrupted timeouts and the PoW model's mining generation did):
 * every set/setAt/reset/cancel bumps the target's generation in an Int32Array
 * and a new event carries the generation in its payload word `b`. When an
 * event pops with a generation that is no longer current, the timer it
 * belonged to was cancelled or superseded: it is ignored and counted in
 * `stale` (it still counts as a processed event of this kind in
 * `sim.eventCounts()`). Deadlines live in a Float64Array (Infinity: not set),
 * payloads in an Int32Array; nothing is allocated per set.
 *
 * `set` on a target whose timer is pending replaces it (one timer per
 * target). The handler runs with the timer already cleared, so it may set
 * it again. `priority` orders the timer's events among simultaneous events
 * (see Simulation.schedule), e.g. 1 to let messages arriving at the same
 * instant run first.
 */
import type { Simulation } from "./simulation";
import { simOf, type SimOrScope } from "./scope";

/** What a timer calls when it fires: its target and the payload given to set(). */
export type TimerHandler = (target: number, a: number) => void;

export class Timers {
  /** Events popped for cancelled or superseded timers (ignored). */
  stale = 0;
  /** Timers that fired (the handler ran). */
  fired = 0;
  /** Event kind of these timers ("<scope>:<name>" when built on a scope). */
  readonly kind: number;
  private readonly sim: Simulation;
  private readonly generation: Int32Array;
  private readonly deadlines: Float64Array;
  private readonly payload: Int32Array;

  constructor(
    on: SimOrScope,
    readonly name: string,
    /** Number of targets (0 .. count-1). */
    readonly count: number,
    handler: TimerHandler,
    readonly priority = 0,
  ) {
    if (!(Number.isInteger(count) && count >= 0)) throw new RangeError(`invalid timer count for ${name}: ${count} (allowed: an integer >= 0)`);
    if ((priority | 0) !== priority) throw new RangeError(`invalid priority for timer ${name}: ${priority} (allowed: an integer, -2^31 <= priority < 2^31)`);
    this.sim = simOf(on);
    this.generation = new Int32Array(count);
    this.deadlines = new Float64Array(count).fill(Infinity);
    this.payload = new Int32Array(count);
    const generation = this.generation;
    const deadlines = this.deadlines;
    this.kind = on.defineKind(name, (target, a, gen) => {
      if (gen !== generation[target]) {
        this.stale++;
        return;
      }
      deadlines[target] = Infinity;
      generation[target] = (generation[target] + 1) | 0; // the fired timer's token is spent
      this.fired++;
      handler(target, a);
    });
  }

  /** Start (or replace) `target`'s timer: it fires `delayS` seconds from now with payload `a`. */
  set(target: number, delayS: number, a = 0): void {
    if (!(delayS >= 0 && delayS < Infinity)) throw new RangeError(`invalid delay for timer ${this.name}: ${delayS} (allowed: a finite number >= 0)`);
    this.arm(target, this.sim.now + delayS, a);
  }

  /** Start (or replace) `target`'s timer at absolute time `timeS` (not before now). */
  setAt(target: number, timeS: number, a = 0): void {
    if (!(timeS >= this.sim.now && timeS < Infinity)) throw new RangeError(`invalid time for timer ${this.name}: ${timeS} (allowed: a finite number >= now = ${this.sim.now})`);
    this.arm(target, timeS, a);
  }

  /**
   * Move `target`'s deadline to `delayS` from now, keeping its payload. A
   * timer that is not pending is started with the payload it last had (0 if
   * it was never set).
   */
  reset(target: number, delayS: number): void {
    this.set(target, delayS, this.payload[this.checkTarget(target)]);
  }

  /** Cancel `target`'s timer (no-op when none is pending): its event will be ignored. */
  cancel(target: number): void {
    this.checkTarget(target);
    if (this.deadlines[target] === Infinity) return;
    this.generation[target] = (this.generation[target] + 1) | 0;
    this.deadlines[target] = Infinity;
  }

  /** Whether `target` has a pending timer. */
  isSet(target: number): boolean {
    return this.deadlines[this.checkTarget(target)] !== Infinity;
  }

  /** Absolute time at which `target`'s timer fires; Infinity when none is pending. */
  deadline(target: number): number {
    return this.deadlines[this.checkTarget(target)];
  }

  private arm(target: number, timeS: number, a: number): void {
    this.checkTarget(target);
    const gen = (this.generation[target] + 1) | 0;
    this.generation[target] = gen;
    this.deadlines[target] = timeS;
    this.payload[target] = a;
    this.sim.scheduleAt(timeS, this.kind, target, a, gen, this.priority);
  }

  private checkTarget(target: number): number {
    if (!(target >= 0 && target < this.count && Number.isInteger(target))) {
      throw new RangeError(`invalid target for timer ${this.name}: ${target} (allowed: an integer, 0 <= target < ${this.count})`);
    }
    return target;
  }
}

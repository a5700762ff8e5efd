/**
 * Scoped event kinds: a SimScope is a name prefix on one Simulation, so
 * several networks or protocol instances (two PBFT committees, a gossip layer
 * beside a consensus layer) share one clock and one queue without their kind
 * names colliding.
 *
 *   const pbft = sim.scope("pbft");           // kinds "pbft:<kind>"
 *   const TIMEOUT = pbft.defineKind("timeout", (node, view) => ...);
 *   pbft.schedule(1.5, TIMEOUT, node, view);  // same as sim.schedule
 *   const r1 = pbft.scope("r1");              // kinds "pbft/r1:<kind>"
 *
 * A scope name (full, nested ones included) is taken once per Simulation: a
 * second `sim.scope("pbft")` throws, naming it and asking for a distinct
 * name, instead of silently sharing kinds. Names may not contain ':' or '/'
 * (the separators). Scheduling through a scope is a plain passthrough to the
 * Simulation: kinds are global numbers, only their names are scoped.
 */
import type { EventHandler, Simulation } from "./simulation";

export class SimScope {
  constructor(
    readonly sim: Simulation,
    /** Full name: "pbft", or "pbft/r1" when nested. */
    readonly name: string,
  ) {}

  /** Current simulated time, seconds (the Simulation's clock). */
  get now(): number {
    return this.sim.now;
  }

  /** Register the kind "<scope>:<name>"; returns its number. */
  defineKind(name: string, handler: EventHandler): number {
    return this.sim.defineKind(`${this.name}:${name}`, handler);
  }

  /** Sim.schedule: `delayS` from now, ordered by (time, priority, insertion). */
  schedule(delayS: number, kind: number, target = 0, a = 0, b = 0, priority = 0): void {
    this.sim.schedule(delayS, kind, target, a, b, priority);
  }

  /** Sim.scheduleAt: at absolute time `timeS`. */
  scheduleAt(timeS: number, kind: number, target = 0, a = 0, b = 0, priority = 0): void {
    this.sim.scheduleAt(timeS, kind, target, a, b, priority);
  }

  /** A nested scope "<this>/<sub>" (unique in the Simulation like any scope). */
  scope(sub: string): SimScope {
    validateScopeName(sub);
    const full = `${this.name}/${sub}`;
    this.sim.claimScope(full);
    return new SimScope(this.sim, full);
  }
}

/** Either a Simulation or one of its scopes: what networks, timers and protocols are built on. */
export type SimOrScope = Simulation | SimScope;

/** The Simulation behind a Simulation or a scope. */
export function simOf(s: SimOrScope): Simulation {
  return s instanceof SimScope ? s.sim : s;
}

/** Throws unless `name` is a non-empty string without ':' or '/'. */
export function validateScopeName(name: string): void {
  if (typeof name !== "string" || name.length === 0 || /[:/]/.test(name)) {
    throw new RangeError(`invalid scope name: ${JSON.stringify(name)} (allowed: a non-empty string without ':' or '/')`);
  }
}

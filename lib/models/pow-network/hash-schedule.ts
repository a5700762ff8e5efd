/**
 * A hash-rate schedule: miners join and leave, so the network's total hash
 * rate is multiplied by a piecewise-constant factor (1 before the first
 * change). With difficulty retargeting (difficulty.ts; Nakamoto 2008,
 * section 4) the block interval returns to blockIntervalS after the rate
 * changes; without it the interval scales by 1 / factor.
 *
 *   [{ "atS": 86400, "factor": 1.5 }, { "atS": 172800, "factor": 0.5 }]
 */
import { jsonError } from "../../experiment/params";

export interface HashRateChange {
  /** When the change happens, s. */
  atS: number;
  /** Total hash rate from then on, relative to the start (> 0). */
  factor: number;
}

/** Parse and check a schedule (the json parameter's validator). */
export function checkHashSchedule(value: unknown, name = "hashSchedule"): HashRateChange[] {
  if (!Array.isArray(value)) throw jsonError(name, "", value, 'an array of {"atS": seconds, "factor": > 0} in time order (may be empty)');
  let last = -Infinity;
  return value.map((c, i) => {
    if (c === null || typeof c !== "object" || Array.isArray(c)) throw jsonError(name, `[${i}]`, c, 'an object {"atS": seconds, "factor": > 0}');
    const { atS, factor } = c as { atS: unknown; factor: unknown };
    if (typeof atS !== "number" || !Number.isFinite(atS) || atS < 0) throw jsonError(name, `[${i}].atS`, atS, "a finite number >= 0 (seconds)");
    if (atS <= last) throw jsonError(name, `[${i}].atS`, atS, `increasing times (previous ${last})`);
    if (typeof factor !== "number" || !Number.isFinite(factor) || factor <= 0) throw jsonError(name, `[${i}].factor`, factor, "a finite number > 0 (total hash rate relative to the start)");
    last = atS;
    return { atS, factor };
  });
}

export class HashSchedule {
  readonly changes: readonly HashRateChange[];
  constructor(changes: readonly HashRateChange[]) {
    this.changes = checkHashSchedule(changes);
  }

  /** Total hash-rate factor at time t (the last change at or before t). */
  factorAt(t: number): number {
    let f = 1;
    for (const c of this.changes) {
      if (c.atS > t) break;
      f = c.factor;
    }
    return f;
  }
}

/**
 * Parameter grids. A grid is a list of points (partial parameter objects).
 *   cartesian({ alpha: [0.1, 0.2], gamma: [0, 1] })  -> 4 points
 *   zip({ n: [4, 7, 10], f: [1, 2, 3] })             -> 3 points, aligned
 *   product(zip(...), cartesian(...))                -> every combination
 *   range(0, 0.5, 0.025)                             -> 0, 0.025, ..., 0.475 (stop excluded, like numpy.arange)
 * The CLI syntax `0:0.5:0.025` and `0,0.5,1` parses through parseAxis.
 */
import { ParameterError, parseValue, type ParamSpec, type ParamValue, type Schema } from "../experiment/params";

export type Point = Record<string, ParamValue>;
export type AxisValues = readonly ParamValue[];

/** Round away binary noise from stepped values (0.1 + 0.2 -> 0.3) so grid points and their seeds are stable. */
function clean(x: number): number {
  return Number.parseFloat(x.toPrecision(12));
}

/** start, start + step, ... below stop (stop excluded). */
export function range(start: number, stop: number, step: number): number[] {
  if (!Number.isFinite(start) || !Number.isFinite(stop)) throw new RangeError(`invalid range: ${start}:${stop}:${step} (start and stop must be finite)`);
  if (!Number.isFinite(step) || step === 0) throw new RangeError(`invalid range step: ${step} (allowed: a finite non-zero number)`);
  const count = Math.ceil(clean((stop - start) / step));
  if (count <= 0) throw new RangeError(`invalid range: ${start}:${stop}:${step} is empty`);
  if (count > 1e7) throw new RangeError(`invalid range: ${start}:${stop}:${step} has ${count} values (allowed: at most 1e7)`);
  return Array.from({ length: count }, (_, i) => clean(start + i * step));
}

/** `count` evenly spaced values from start to stop, both included. */
export function linspace(start: number, stop: number, count: number): number[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`invalid linspace count: ${count} (allowed: an integer >= 1)`);
  if (count === 1) return [start];
  return Array.from({ length: count }, (_, i) => clean(start + ((stop - start) * i) / (count - 1)));
}

function checkAxes(axes: Record<string, AxisValues>): void {
  for (const [name, values] of Object.entries(axes)) {
    if (!Array.isArray(values) || values.length === 0) throw new RangeError(`invalid grid axis ${name}: ${JSON.stringify(values)} (allowed: a non-empty list of values)`);
  }
}

/** Every combination of the axes' values; the first axis varies slowest. */
export function cartesian(axes: Record<string, AxisValues>): Point[] {
  checkAxes(axes);
  const names = Object.keys(axes);
  const lists = names.map((name) => axes[name]);
  const total = lists.reduce((n, values) => n * values.length, 1);
  const index = new Array<number>(lists.length).fill(0);
  const points = new Array<Point>(total);
  for (let i = 0; i < total; i++) {
    let rest = i;
    for (let a = lists.length - 1; a >= 0; a--) {
      index[a] = rest % lists[a].length;
      rest = Math.floor(rest / lists[a].length);
    }
    const point: Point = {};
    for (let a = 0; a < lists.length; a++) point[names[a]] = lists[a][index[a]];
    points[i] = point;
  }
  return points;
}

/** Axes of equal length taken together: point i has the i-th value of every axis. */
export function zip(axes: Record<string, AxisValues>): Point[] {
  checkAxes(axes);
  const entries = Object.entries(axes);
  const length = entries[0]?.[1].length ?? 0;
  for (const [name, values] of entries) {
    if (values.length !== length) throw new RangeError(`invalid zipped axis ${name}: ${values.length} values, but ${entries[0][0]} has ${length} (zipped axes need equal lengths)`);
  }
  return Array.from({ length }, (_, i) => Object.fromEntries(entries.map(([name, values]) => [name, values[i]])));
}

/** Every combination of points from each list (merged objects). */
export function product(...lists: Point[][]): Point[] {
  return lists.reduce<Point[]>((acc, list) => acc.flatMap((a) => list.map((b) => ({ ...a, ...b }))), [{}]);
}

/**
 * Parse one CLI axis against the parameter's spec:
 *   "0.3"            one value
 *   "0,0.5,1"        a list
 *   "0:0.5:0.025"    a range, stop excluded
 */
export function parseAxis(name: string, spec: ParamSpec, text: string): ParamValue[] {
  const raw = text.trim();
  if (raw === "") throw new ParameterError(name, text, "a value, a list a,b,c or a range start:stop:step");
  if (spec.kind === "number" && raw.includes(":")) {
    const parts = raw.split(":");
    const nums = parts.map(Number);
    if (parts.length !== 3 || nums.some((x) => !Number.isFinite(x)))
      throw new ParameterError(name, text, "a range start:stop:step with three numbers (stop excluded)");
    let values: number[];
    try {
      values = range(nums[0], nums[1], nums[2]);
    } catch (err) {
      throw new ParameterError(name, text, `a non-empty range start:stop:step (${(err as Error).message})`);
    }
    return values.map((v) => parseValue(name, spec, String(v)));
  }
  return raw.split(",").map((part) => parseValue(name, spec, part));
}

/** Check every point of a grid against a schema before any work: unknown names and out-of-range values. */
export function checkGrid(schema: Schema, points: readonly Point[]): void {
  if (points.length === 0) throw new RangeError("invalid grid: it has no points");
  for (const point of points) {
    for (const key of Object.keys(point)) {
      if (!(key in schema)) throw ParameterError.unknown(key, point[key], Object.keys(schema));
    }
  }
}

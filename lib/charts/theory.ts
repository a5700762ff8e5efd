/**
 * Theory overlays: a closed-form curve drawn under simulation points and
 * confidence bands. Give either a function, sampled on a fine grid over the x
 * domain (once per color group, so y = f(x, group)), or precomputed rows.
 */
import { ChartOptionError, checkField, checkNonEmpty, describe, distinctOf, toRows, type Datum, type TableLike } from "./data";
import type { SpecObject } from "./spec";

export interface TheoryOptions {
  /** Closed form y = fn(x, group); `group` is the color value when the chart has a color column. */
  fn?: (x: number, group?: unknown) => number;
  /** Or precomputed curve rows (arquero table or row objects). */
  data?: TableLike;
  /** Column of `data` holding x. Default: the chart's x column. */
  x?: string;
  /** Column of `data` holding y. Default: the chart's y column. */
  y?: string;
  /** Column of `data` holding the color group. Default: the chart's color column, if `data` has it. */
  color?: string;
  /** Grid points for `fn`. Default 201. */
  samples?: number;
  /** x range for `fn`. Default: the chart's x domain, else the data's x extent. */
  domain?: readonly [number, number];
  /** Dash pattern [on, off] in pixels; [] for a solid line. Default [6, 3]. */
  strokeDash?: readonly number[];
  /** Line width in pixels. Default 1.5. */
  strokeWidth?: number;
  /** Line opacity. Default 0.9. */
  opacity?: number;
  /** Line color when the chart has no color column. Default "#333". */
  stroke?: string;
}

/** `samples` evenly spaced points of y = fn(x) on [lo, hi], both ends included. */
export function sampleCurve(fn: (x: number) => number, domain: readonly [number, number], samples = 201): Array<{ x: number; y: number }> {
  if (!Number.isInteger(samples) || samples < 2 || samples > 1e6) throw new ChartOptionError(`invalid theory samples: ${samples} (allowed: an integer, 2 <= samples <= 1000000)`);
  const [lo, hi] = domain;
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) throw new ChartOptionError(`invalid theory domain: ${describe(domain)} (allowed: [min, max] with finite min < max)`);
  return Array.from({ length: samples }, (_, i) => {
    const x = i === samples - 1 ? hi : lo + ((hi - lo) * i) / (samples - 1);
    return { x, y: fn(x) };
  });
}

export interface TheoryContext {
  chart: string;
  x: string;
  y: string;
  color?: string;
  /** Color values of the simulated data, one curve each when `fn` is given. */
  groups: unknown[];
  /** x domain of the chart (axis domain or data extent). */
  domain?: readonly [number, number];
  xChannel: SpecObject;
  yChannel: SpecObject;
  colorChannel?: SpecObject;
  clip: boolean;
}

/** Curve rows renamed to the chart's columns (so axes merge), and the line layer drawing them. */
export function theoryLayer(theory: TheoryOptions, ctx: TheoryContext): SpecObject {
  const where = `${ctx.chart} option theory`;
  if (typeof theory !== "object" || theory === null) throw new ChartOptionError(`invalid ${where}: ${describe(theory)} (allowed: { fn } or { data, x?, y? })`);
  if ((theory.fn === undefined) === (theory.data === undefined))
    throw new ChartOptionError(`invalid ${where}: give exactly one of fn (a function of x) or data (curve rows)`);
  let rows: Datum[];
  let colored = false;
  if (theory.fn !== undefined) {
    if (typeof theory.fn !== "function") throw new ChartOptionError(`invalid ${where}.fn: ${describe(theory.fn)} (allowed: a function (x, group) => y)`);
    const domain = theory.domain ?? ctx.domain;
    if (!domain) throw new ChartOptionError(`invalid ${where}: no x domain to sample fn on (give theory.domain or xAxis.domain)`);
    const fn = theory.fn;
    const groups = ctx.color && ctx.groups.length > 0 ? ctx.groups : [undefined];
    colored = ctx.color !== undefined && ctx.groups.length > 0;
    rows = groups.flatMap((g) =>
      sampleCurve((x) => fn(x, g), domain, theory.samples ?? 201).map(({ x, y }) => {
        const row: Datum = { [ctx.x]: x, [ctx.y]: Number.isFinite(y) ? y : null };
        if (colored) row[ctx.color as string] = g;
        return row;
      }),
    );
  } else {
    const given = toRows(theory.data as TableLike, `${ctx.chart} theory`);
    checkNonEmpty(given, `${ctx.chart} theory`);
    const tx = checkField(given, theory.x ?? ctx.x, "theory.x", ctx.chart);
    const ty = checkField(given, theory.y ?? ctx.y, "theory.y", ctx.chart);
    let tc: string | undefined;
    if (theory.color !== undefined) tc = checkField(given, theory.color, "theory.color", ctx.chart);
    else if (ctx.color && given.some((r) => ctx.color as string in r)) tc = ctx.color;
    if (tc !== undefined && !ctx.color) throw new ChartOptionError(`invalid ${where}.color: ${JSON.stringify(tc)} (the chart has no color column to match)`);
    colored = tc !== undefined;
    rows = given.map((r) => {
      const row: Datum = { [ctx.x]: r[tx], [ctx.y]: r[ty] };
      if (colored) row[ctx.color as string] = r[tc as string];
      return row;
    });
    if (colored && distinctOf(rows, ctx.color as string).length === 0) colored = false;
  }
  const dash = theory.strokeDash ?? [6, 3];
  if (!Array.isArray(dash) || dash.some((d) => typeof d !== "number" || !(d >= 0)))
    throw new ChartOptionError(`invalid ${where}.strokeDash: ${describe(dash)} (allowed: [] or [on, off] lengths >= 0)`);
  const mark: SpecObject = { type: "line", strokeWidth: theory.strokeWidth ?? 1.5, opacity: theory.opacity ?? 0.9 };
  if (dash.length > 0) mark.strokeDash = [...dash];
  if (ctx.clip) mark.clip = true;
  const encoding: SpecObject = { x: ctx.xChannel, y: ctx.yChannel };
  if (colored && ctx.colorChannel) encoding.color = ctx.colorChannel;
  else mark.color = theory.stroke ?? "#333";
  return { name: "theory", data: { values: rows }, mark, encoding };
}

/**
 * Position and color channels: axis titles with units, scale domains and types.
 * Every layer of a chart gets the same channel definition (same title, same
 * scale), so Vega-Lite merges them into one axis without a combined title.
 */
import { ChartOptionError, describe, fieldRef } from "./data";
import type { SpecObject } from "./spec";

export interface AxisOptions {
  /** Axis title. Default: the column name. */
  label?: string;
  /** Unit appended to the title as "label (unit)". Default: none. */
  unit?: string;
  /** Scale domain [min, max]. Default: the data's extent (with zero included for linear y). */
  domain?: readonly [number, number];
  /** Scale type. Default "linear". */
  type?: "linear" | "log" | "sqrt" | "pow" | "symlog";
  /** Include zero in the domain when no domain is given. Default: Vega-Lite's (true for linear quantitative). */
  zero?: boolean;
  /** d3-format string for tick labels, e.g. ".2f" or "~s". Default: Vega-Lite's. */
  format?: string;
  /** Grid lines. Default true. */
  grid?: boolean;
  /**
   * Log axes: ticks at the powers of ten inside `domain`, labelled 10⁻⁵, 10⁻⁴, ..., 1
   * (instead of 0.00001). Needs `type: "log"` and a `domain`. Default false.
   */
  powerLabels?: boolean;
  /** Tick positions, e.g. the grid values of a sweep. Default: Vega's. */
  values?: readonly number[];
}

const SUPERSCRIPT: Record<string, string> = { "-": "\u207b", "0": "\u2070", "1": "\u00b9", "2": "\u00b2", "3": "\u00b3", "4": "\u2074", "5": "\u2075", "6": "\u2076", "7": "\u2077", "8": "\u2078", "9": "\u2079" };

/** "10⁻⁵" for -5, "10" for 1, "1" for 0. */
export function powerOfTenLabel(exponent: number): string {
  if (exponent === 0) return "1";
  if (exponent === 1) return "10";
  return "10" + String(exponent).split("").map((c) => SUPERSCRIPT[c]).join("");
}

/** Tick values and a Vega label expression for the powers of ten in [lo, hi]. */
export function powerOfTenTicks(domain: readonly [number, number]): { values: number[]; labelExpr: string } {
  const first = Math.ceil(Math.log10(domain[0]) - 1e-9);
  const last = Math.floor(Math.log10(domain[1]) + 1e-9);
  const exponents = Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
  const values = exponents.map((e) => Number(`1e${e}`));
  // Nested ternary on the tick's exponent round(log10(value)); other values keep Vega's label.
  const labelExpr = exponents.reduceRight((rest, e) => `round(log(datum.value) / LN10) === ${e} ? ${JSON.stringify(powerOfTenLabel(e))} : ${rest}`, "datum.label");
  return { values, labelExpr };
}

export interface ColorOptions {
  /** Legend title. Default: the column name. */
  label?: string;
  /** Unit appended to the legend title. Default: none. */
  unit?: string;
  /** Measurement type. Default: nominal for text or at most 8 distinct numbers, quantitative otherwise. */
  type?: "nominal" | "ordinal" | "quantitative";
  /** Vega color scheme, e.g. "tableau10", "viridis". Default: Vega-Lite's for the type. */
  scheme?: string;
  /** Scale domain (quantitative [min, max] or the list of categories). Default: the data's. */
  domain?: readonly unknown[];
}

export function axisTitle(label: string, unit?: string): string {
  return unit ? `${label} (${unit})` : label;
}

export function checkAxis(axis: AxisOptions | undefined, option: string, chart: string): AxisOptions {
  if (axis === undefined) return {};
  if (typeof axis !== "object" || axis === null) throw new ChartOptionError(`invalid ${chart} option ${option}: ${describe(axis)} (allowed: an object such as { label, unit, domain })`);
  const d = axis.domain;
  if (d !== undefined && !(Array.isArray(d) && d.length === 2 && d.every((v) => typeof v === "number" && Number.isFinite(v)) && d[0] < d[1]))
    throw new ChartOptionError(`invalid ${chart} option ${option}.domain: ${describe(d)} (allowed: [min, max] with finite min < max)`);
  if (axis.values !== undefined && !(Array.isArray(axis.values) && axis.values.every((v) => typeof v === "number" && Number.isFinite(v))))
    throw new ChartOptionError(`invalid ${chart} option ${option}.values: ${describe(axis.values)} (allowed: a list of finite numbers)`);
  if (axis.powerLabels && (axis.type !== "log" || d === undefined))
    throw new ChartOptionError(`invalid ${chart} option ${option}.powerLabels: true (allowed with type: "log" and a domain)`);
  if (axis.type === "log" && d !== undefined && d[0] <= 0)
    throw new ChartOptionError(`invalid ${chart} option ${option}.domain: ${describe(d)} (allowed: min > 0 on a log scale)`);
  return axis;
}

/** A quantitative position channel (x or y) for `field`. */
export function positionChannel(field: string, axis: AxisOptions): SpecObject {
  const scale: SpecObject = {};
  if (axis.domain) scale.domain = [...axis.domain];
  if (axis.type && axis.type !== "linear") scale.type = axis.type;
  if (axis.zero !== undefined) scale.zero = axis.zero;
  const axisProps: SpecObject = {};
  if (axis.format) axisProps.format = axis.format;
  if (axis.powerLabels && axis.type === "log" && axis.domain) Object.assign(axisProps, powerOfTenTicks(axis.domain));
  if (axis.values) axisProps.values = [...axis.values];
  if (axis.grid === false) axisProps.grid = false;
  const channel: SpecObject = { field: fieldRef(field), type: "quantitative", title: axisTitle(axis.label ?? field, axis.unit) };
  if (Object.keys(scale).length) channel.scale = scale;
  if (Object.keys(axisProps).length) channel.axis = axisProps;
  return channel;
}

/** A color channel for `field` with a resolved type. */
export function colorChannel(field: string, type: "nominal" | "ordinal" | "quantitative", color: ColorOptions): SpecObject {
  const channel: SpecObject = { field: fieldRef(field), type, title: axisTitle(color.label ?? field, color.unit) };
  const scale: SpecObject = {};
  if (color.scheme) scale.scheme = color.scheme;
  if (color.domain) scale.domain = [...color.domain];
  if (Object.keys(scale).length) channel.scale = scale;
  return channel;
}

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

/**
 * heatmap: one colored cell per (x, y) grid point, e.g. a sweep's mean output
 * over two parameters. x and y are treated as ordered categories (grid
 * values), with numbers sorted ascending left to right and bottom to top.
 *
 *   heatmap(summary, { x: "alpha", y: "gamma", color: "revenue_mean", text: ".2f" })
 */
import { axisTitle, type ColorOptions } from "./axis";
import { ChartOptionError, checkField, checkNonEmpty, describe, fieldRef, toRows, type TableLike } from "./data";
import { checkSize, DEFAULT_HEIGHT, DEFAULT_WIDTH, finish, titleBlock, type SpecObject, type VegaLiteSpec } from "./spec";

export interface HeatmapAxisOptions {
  /** Axis title. Default: the column name. */
  label?: string;
  /** Unit appended as "label (unit)". Default: none. */
  unit?: string;
  /** d3-format for numeric tick labels. Default: the value as written. */
  format?: string;
}

export interface HeatmapOptions {
  /** Column of the horizontal grid values. */
  x: string;
  /** Column of the vertical grid values. */
  y: string;
  /** Numeric column mapped to the cell color. */
  color: string;
  xAxis?: HeatmapAxisOptions;
  yAxis?: HeatmapAxisOptions;
  /** Legend title, unit, scheme and domain. Default scheme "viridis". */
  colorLegend?: Omit<ColorOptions, "type">;
  /** Print each cell's value: true, or a d3-format string such as ".2f". Default false. */
  text?: boolean | string;
  title?: string;
  subtitle?: string | readonly string[];
  /** Plot width in pixels. Default 480. */
  width?: number;
  /** Plot height in pixels. Default 300. */
  height?: number;
}

const CHART = "heatmap";

function ordinalChannel(field: string, axis: HeatmapAxisOptions, numeric: boolean, descending: boolean, horizontal: boolean): SpecObject {
  const channel: SpecObject = { field: fieldRef(field), type: "ordinal", title: axisTitle(axis.label ?? field, axis.unit) };
  if (numeric) channel.sort = descending ? "descending" : "ascending";
  const axisProps: SpecObject = horizontal ? { labelAngle: 0 } : {};
  if (axis.format) Object.assign(axisProps, { format: axis.format, formatType: "number" });
  if (Object.keys(axisProps).length) channel.axis = axisProps;
  return channel;
}

export function heatmap(data: TableLike, options: HeatmapOptions): VegaLiteSpec {
  if (typeof options !== "object" || options === null) throw new ChartOptionError(`invalid ${CHART} options: ${describe(options)} (allowed: { x, y, color, ... })`);
  const rows = toRows(data, CHART);
  checkNonEmpty(rows, CHART);
  const x = checkField(rows, options.x, "x", CHART);
  const y = checkField(rows, options.y, "y", CHART);
  const color = checkField(rows, options.color, "color", CHART);
  if (!rows.some((r) => typeof r[color] === "number"))
    throw new ChartOptionError(`invalid ${CHART} option color: ${JSON.stringify(color)} (the column has no numbers; a heatmap colors numeric values)`);
  const xAxis = options.xAxis ?? {};
  const yAxis = options.yAxis ?? {};
  const legend = options.colorLegend ?? {};
  const text = options.text ?? false;
  if (typeof text !== "boolean" && typeof text !== "string") throw new ChartOptionError(`invalid ${CHART} option text: ${describe(text)} (allowed: true, false or a d3-format string)`);
  const width = checkSize(options.width, "width", CHART, DEFAULT_WIDTH);
  const height = checkSize(options.height, "height", CHART, DEFAULT_HEIGHT);
  const numeric = (f: string) => rows.every((r) => typeof r[f] === "number");

  const xChannel = ordinalChannel(x, xAxis, numeric(x), false, true);
  const yChannel = ordinalChannel(y, yAxis, numeric(y), true, false);
  const scale: SpecObject = { scheme: legend.scheme ?? "viridis" };
  if (legend.domain) scale.domain = [...legend.domain];
  const colorCh: SpecObject = { field: fieldRef(color), type: "quantitative", title: axisTitle(legend.label ?? color, legend.unit), scale };
  const layers: SpecObject[] = [{ name: "cells", mark: { type: "rect" }, encoding: { x: xChannel, y: yChannel, color: colorCh } }];
  if (text !== false) {
    const textCh: SpecObject = { field: fieldRef(color), type: "quantitative" };
    if (typeof text === "string") textCh.format = text;
    layers.push({
      name: "values",
      mark: { type: "text", fontSize: 9 },
      encoding: {
        x: xChannel,
        y: yChannel,
        text: textCh,
        color: textColor(JSON.stringify(color), scale.scheme as string, colorExtent(rows.map((r) => r[color]), legend.domain)),
      },
    });
  }
  return finish({ title: titleBlock(options.title, options.subtitle), width, height, data: { values: rows }, layer: layers });
}

/** [min, max] of the color scale: the given domain, else the data's. */
function colorExtent(values: unknown[], domain?: readonly unknown[]): [number, number] {
  if (domain && domain.length === 2 && typeof domain[0] === "number" && typeof domain[1] === "number") return [domain[0], domain[1]];
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) if (typeof v === "number" && Number.isFinite(v)) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  return lo <= hi ? [lo, hi] : [0, 1];
}

// Where Vega's schemes are dark (https://vega.github.io/vega/docs/schemes/): perceptual ones
// (viridis, magma, ...) at the low end, diverging ones at both ends, single-hue and
// multi-hue sequential ones at the high end.
const DARK_LOW = /^(viridis|magma|inferno|plasma|cividis|turbo|darkblue|darkgold|darkgreen|darkmulti|darkred)$/;
const DIVERGING = /^(blueorange|brownbluegreen|purplegreen|pinkyellowgreen|purpleorange|redblue|redgrey|redyellowblue|redyellowgreen|spectral)$/;

/** Black text on light cells, white on dark ones, from where the scheme is dark. */
function textColor(field: string, scheme: string, [lo, hi]: [number, number]): SpecObject {
  const v = `datum[${field}]`;
  const at = (f: number) => lo + f * (hi - lo);
  let light: string;
  if (DARK_LOW.test(scheme)) light = `${v} > ${at(0.5)}`;
  else if (DIVERGING.test(scheme)) light = `${v} > ${at(0.2)} && ${v} < ${at(0.8)}`;
  else light = `${v} < ${at(0.6)}`;
  return { condition: { test: light, value: "black" }, value: "white" };
}

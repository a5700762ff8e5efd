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

function ordinalChannel(field: string, axis: HeatmapAxisOptions, numeric: boolean, descending: boolean): SpecObject {
  const channel: SpecObject = { field: fieldRef(field), type: "ordinal", title: axisTitle(axis.label ?? field, axis.unit) };
  if (numeric) channel.sort = descending ? "descending" : "ascending";
  if (axis.format) channel.axis = { format: axis.format, formatType: "number" };
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

  const xChannel = ordinalChannel(x, xAxis, numeric(x), false);
  const yChannel = ordinalChannel(y, yAxis, numeric(y), true);
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
        // dark text on light cells, light text on dark cells (viridis is light at the top of its range)
        color: { condition: { test: `datum[${JSON.stringify(color)}] > ${midpoint(rows.map((r) => r[color]), legend.domain)}`, value: "black" }, value: "white" },
      },
    });
  }
  return finish({ title: titleBlock(options.title, options.subtitle), width, height, data: { values: rows }, layer: layers });
}

function midpoint(values: unknown[], domain?: readonly unknown[]): number {
  if (domain && domain.length === 2 && typeof domain[0] === "number" && typeof domain[1] === "number") return (domain[0] + domain[1]) / 2;
  const nums = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  if (nums.length === 0) return 0;
  return (Math.min(...nums) + Math.max(...nums)) / 2;
}

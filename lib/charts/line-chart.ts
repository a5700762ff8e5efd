/**
 * lineChart: y against x, optionally by color, with a confidence band
 * (lo/hi columns), a theory overlay and reference lines.
 *
 *   lineChart(summary, {
 *     x: "alpha", y: "revenue_mean", lo: "revenue_lo", hi: "revenue_hi", color: "gamma",
 *     theory: { fn: (a, g) => selfishRevenue(a, g as number) },
 *     rules: [{ diagonal: true, label: "honest" }],
 *   })
 *
 * Layers, bottom to top: rules, theory, band, line, points, rule labels.
 */
import { checkAxis, colorChannel, positionChannel, type AxisOptions, type ColorOptions } from "./axis";
import { ChartOptionError, checkField, checkNonEmpty, describe, distinctOf, extentOf, inferColorType, toRows, type TableLike } from "./data";
import { ruleLayers, type RuleOptions } from "./rules";
import { checkSize, DEFAULT_HEIGHT, DEFAULT_WIDTH, finish, titleBlock, type SpecObject, type VegaLiteSpec } from "./spec";
import { theoryLayer, type TheoryOptions } from "./theory";

export interface LineChartOptions {
  /** Column on the x axis (quantitative). */
  x: string;
  /** Column on the y axis (quantitative), e.g. a mean. */
  y: string;
  /** Lower end of the confidence interval. Give with `hi`. Default: no band. */
  lo?: string;
  /** Upper end of the confidence interval. Give with `lo`. Default: no band. */
  hi?: string;
  /** Column splitting the data into colored series. Default: one series. */
  color?: string;
  /** Draw the interval as a shaded "area" or as vertical "bars". Default "area". */
  band?: "area" | "bars";
  /** Connect the points with a line. Default true. */
  line?: boolean;
  /** Draw a dot at each data point. Default false. */
  points?: boolean;
  /** Closed-form curve drawn under the data. Default: none. */
  theory?: TheoryOptions;
  /** Reference lines. Default: none. */
  rules?: readonly RuleOptions[];
  xAxis?: AxisOptions;
  yAxis?: AxisOptions;
  colorLegend?: ColorOptions;
  title?: string;
  /** One line or several. */
  subtitle?: string | readonly string[];
  /** Plot width in pixels. Default 480. */
  width?: number;
  /** Plot height in pixels. Default 300. */
  height?: number;
}

const CHART = "lineChart";

export function lineChart(data: TableLike, options: LineChartOptions): VegaLiteSpec {
  if (typeof options !== "object" || options === null) throw new ChartOptionError(`invalid ${CHART} options: ${describe(options)} (allowed: { x, y, ... })`);
  const rows = toRows(data, CHART);
  checkNonEmpty(rows, CHART);
  const x = checkField(rows, options.x, "x", CHART);
  const y = checkField(rows, options.y, "y", CHART);
  if ((options.lo === undefined) !== (options.hi === undefined))
    throw new ChartOptionError(`invalid ${CHART} options lo/hi: ${describe(options.lo)}/${describe(options.hi)} (give both lo and hi, or neither)`);
  const lo = options.lo === undefined ? undefined : checkField(rows, options.lo, "lo", CHART);
  const hi = options.hi === undefined ? undefined : checkField(rows, options.hi, "hi", CHART);
  const color = options.color === undefined ? undefined : checkField(rows, options.color, "color", CHART);
  const band = options.band ?? "area";
  if (band !== "area" && band !== "bars") throw new ChartOptionError(`invalid ${CHART} option band: ${describe(band)} (allowed: "area", "bars")`);
  const drawLine = options.line ?? true;
  const drawPoints = options.points ?? false;
  if (!drawLine && !drawPoints && lo === undefined) throw new ChartOptionError(`invalid ${CHART} options: line and points are both false and there is no band, so nothing would be drawn`);
  const xAxis = checkAxis(options.xAxis, "xAxis", CHART);
  const yAxis = checkAxis(options.yAxis, "yAxis", CHART);
  const width = checkSize(options.width, "width", CHART, DEFAULT_WIDTH);
  const height = checkSize(options.height, "height", CHART, DEFAULT_HEIGHT);

  const xChannel = positionChannel(x, xAxis);
  const yChannel = positionChannel(y, yAxis);
  const legend = options.colorLegend ?? {};
  const colorType = legend.type ?? (color ? inferColorType(rows, color) : "nominal");
  const cChannel = color ? colorChannel(color, colorType, legend) : undefined;
  // Legend swatches drawn like the data: a full-opacity dot for points, a line for lines (not the pale band fill).
  if (cChannel && colorType !== "quantitative" && (drawPoints || drawLine))
    cChannel.legend = drawPoints ? { symbolType: "circle", symbolOpacity: 1 } : { symbolType: "stroke", symbolOpacity: 1, symbolStrokeWidth: 2 };
  const clip = xAxis.domain !== undefined || yAxis.domain !== undefined;
  const xDomain = xAxis.domain ?? extentOf(rows, x);

  const layers: SpecObject[] = [];
  const ruleCtx = { chart: CHART, x, y, color, xChannel, yChannel, colorChannel: cChannel, xDomain, yDomain: yAxis.domain };
  const rules = options.rules ? ruleLayers(options.rules, ruleCtx) : [];
  layers.push(...rules.filter((l) => !String(l.name).endsWith("-label")));
  if (options.theory !== undefined) {
    const groups = color ? distinctOf(rows, color) : [];
    layers.push(theoryLayer(options.theory, { chart: CHART, x, y, color, groups, domain: xDomain, xChannel, yChannel, colorChannel: cChannel, clip }));
  }
  const withColor = (encoding: SpecObject): SpecObject => (cChannel ? { ...encoding, color: cChannel } : encoding);
  if (lo !== undefined && hi !== undefined) {
    const loChannel = { ...yChannel, field: positionChannel(lo, yAxis).field };
    const hiChannel = { field: positionChannel(hi, yAxis).field };
    const mark: SpecObject = band === "area" ? { type: "area", opacity: 0.2 } : { type: "rule", strokeWidth: 1.5, opacity: 0.8 };
    if (clip) mark.clip = true;
    layers.push({ name: "band", mark, encoding: withColor({ x: xChannel, y: loChannel, y2: hiChannel }) });
  }
  if (drawLine) layers.push({ name: "line", mark: { type: "line", strokeWidth: 2, ...(clip ? { clip: true } : {}) }, encoding: withColor({ x: xChannel, y: yChannel }) });
  if (drawPoints) layers.push({ name: "points", mark: { type: "point", filled: true, size: 28, opacity: 1, ...(clip ? { clip: true } : {}) }, encoding: withColor({ x: xChannel, y: yChannel }) });
  layers.push(...rules.filter((l) => String(l.name).endsWith("-label")));

  return finish({
    title: titleBlock(options.title, options.subtitle),
    width,
    height,
    data: { values: rows },
    layer: layers,
  });
}

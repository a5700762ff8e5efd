/** Chart builders: table + options -> Vega-Lite v5 spec. Display is in ../display, rendering in ../render. */
export { type VegaLiteSpec, VEGA_LITE_SCHEMA, DEFAULT_WIDTH, DEFAULT_HEIGHT, DEFAULT_FONT, chartConfig } from "./spec";
export { ChartOptionError, type Datum, type TableLike } from "./data";
export type { AxisOptions, ColorOptions } from "./axis";
export { lineChart, type LineChartOptions } from "./line-chart";
export { sampleCurve, type TheoryOptions } from "./theory";
export type { RuleOptions } from "./rules";
export { heatmap, type HeatmapOptions, type HeatmapAxisOptions } from "./heatmap";
export { layer, hconcat, vconcat, concat, type ComposeOptions, type LayerOptions, type ConcatOptions } from "./compose";

/**
 * Vega-Lite v5 specs: the type every chart builder returns, and the house
 * defaults (size, DejaVu Sans fonts, axis and title styles).
 *
 * Fonts: every chart names "DejaVu Sans", the family the figure renderers
 * embed (npm package dejavu-fonts-ttf), so notebook, SVG, PNG and PDF show the
 * same letters and Vega's layout matches the rendered text.
 */
import type { TopLevelSpec } from "vega-lite";
import { ChartOptionError, describe } from "./data";

/** A complete Vega-Lite v5 specification (what `vl.compile` takes). */
export type VegaLiteSpec = TopLevelSpec;

export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

/** Default plot area in CSS pixels (Vega units; the figure exporters treat 1 unit as 1 pt). */
export const DEFAULT_WIDTH = 480;
export const DEFAULT_HEIGHT = 300;
export const DEFAULT_FONT = "DejaVu Sans";

/** The `config` block every builder puts on its top-level spec. */
export function chartConfig(): Record<string, unknown> {
  return {
    font: DEFAULT_FONT,
    background: "white",
    padding: 8,
    axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal", gridColor: "#e8e8e8", domainColor: "#666", tickColor: "#666" },
    legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal" },
    title: { fontSize: 14, subtitleFontSize: 11, subtitleColor: "#444", anchor: "start", offset: 10 },
    view: { stroke: "#ccc" },
  };
}

/** Loose object form used while a spec is being built; `finish` turns it into a VegaLiteSpec. */
export type SpecObject = Record<string, unknown>;

/** Title block from a title and optional subtitle (one string or several lines). */
export function titleBlock(title?: string, subtitle?: string | readonly string[]): SpecObject | undefined {
  if (title === undefined && subtitle === undefined) return undefined;
  const block: SpecObject = { text: title ?? "" };
  if (subtitle !== undefined) block.subtitle = Array.isArray(subtitle) ? [...subtitle] : subtitle;
  return block;
}

/** Add `$schema` and the house config in front of a built spec, dropping undefined entries. */
export function finish(body: SpecObject, config: SpecObject = chartConfig()): VegaLiteSpec {
  const spec: SpecObject = { $schema: VEGA_LITE_SCHEMA };
  for (const [k, v] of Object.entries(body)) if (v !== undefined) spec[k] = v;
  spec.config = config;
  return spec as unknown as VegaLiteSpec;
}

/** A plot width or height in pixels, or the default. */
export function checkSize(value: number | undefined, option: string, chart: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 10 || value > 10000)
    throw new ChartOptionError(`invalid ${chart} option ${option}: ${describe(value)} (allowed: a number of pixels, 10 <= ${option} <= 10000)`);
  return value;
}


/**
 * Composition: draw charts on top of each other (`layer`) or side by side
 * (`hconcat`, `vconcat`, `concat` with a column count). Children keep their own
 * inline data; `$schema` and `config` move to the top (Vega-Lite allows them
 * only there), with the first child's config winning.
 *
 *   layer([lineChart(sim, {...}), lineChart(theory, {...})], { title: "..." })
 *   hconcat([chartA, chartB])
 */
import { ChartOptionError, describe } from "./data";
import { chartConfig, checkSize, finish, titleBlock, type SpecObject, type VegaLiteSpec } from "./spec";

export interface ComposeOptions {
  title?: string;
  subtitle?: string | readonly string[];
  /** Shared or independent scales, e.g. { scale: { y: "independent" } }. Default: Vega-Lite's (shared for layers, per chart for concat). */
  resolve?: Record<string, unknown>;
}

export interface LayerOptions extends ComposeOptions {
  /** Plot width in pixels. Default: the first child's width. */
  width?: number;
  /** Plot height in pixels. Default: the first child's height. */
  height?: number;
}

export interface ConcatOptions extends ComposeOptions {
  /** Charts per row for `concat`. Default: all in one row. */
  columns?: number;
}

const CONCAT_KEYS = ["hconcat", "vconcat", "concat", "facet", "repeat"];

function children(specs: readonly VegaLiteSpec[], op: string): SpecObject[] {
  if (!Array.isArray(specs) || specs.length === 0) throw new ChartOptionError(`invalid ${op} charts: ${describe(specs)} (allowed: a non-empty array of Vega-Lite specs)`);
  return specs.map((s, i) => {
    if (typeof s !== "object" || s === null || Array.isArray(s)) throw new ChartOptionError(`invalid ${op} charts[${i}]: ${describe(s)} (allowed: a Vega-Lite spec object)`);
    return s as unknown as SpecObject;
  });
}

function strip(spec: SpecObject, keys: readonly string[]): SpecObject {
  const out: SpecObject = {};
  for (const [k, v] of Object.entries(spec)) if (!keys.includes(k)) out[k] = v;
  return out;
}

/**
 * The child's layer names (lineChart's "band", "line", "points", "theory", ...)
 * prefixed per child: Vega-Lite derives its facet and mark names from them, and
 * two concatenated charts with the same layer names end up drawing one child's
 * data in every panel.
 */
function prefixLayerNames(spec: SpecObject, prefix: string): SpecObject {
  if (!Array.isArray(spec.layer)) return spec;
  const layer = (spec.layer as SpecObject[]).map((l) => prefixLayerNames(typeof l.name === "string" ? { ...l, name: prefix + l.name } : l, prefix));
  return { ...spec, layer };
}

function firstConfig(specs: readonly SpecObject[]): SpecObject {
  const found = specs.find((s) => typeof s.config === "object" && s.config !== null);
  return found ? (found.config as SpecObject) : chartConfig();
}

/** Charts drawn on one plot area with shared scales; titles and sizes of the children give way to the layer's. */
export function layer(specs: readonly VegaLiteSpec[], options: LayerOptions = {}): VegaLiteSpec {
  const kids = children(specs, "layer");
  kids.forEach((s, i) => {
    const bad = CONCAT_KEYS.find((k) => k in s);
    if (bad) throw new ChartOptionError(`invalid layer charts[${i}]: it has "${bad}" (only single and layered charts can be layered; concatenate instead)`);
  });
  const width = checkSize(options.width ?? (kids.find((s) => typeof s.width === "number")?.width as number | undefined), "width", "layer", 480);
  const height = checkSize(options.height ?? (kids.find((s) => typeof s.height === "number")?.height as number | undefined), "height", "layer", 300);
  const title = options.title !== undefined || options.subtitle !== undefined ? titleBlock(options.title, options.subtitle) : kids.find((s) => s.title !== undefined)?.title;
  return finish(
    { title, width, height, layer: kids.map((s) => strip(s, ["$schema", "config", "title", "width", "height"])), resolve: options.resolve },
    firstConfig(kids),
  );
}

function concatWith(key: "hconcat" | "vconcat" | "concat", specs: readonly VegaLiteSpec[], options: ConcatOptions): VegaLiteSpec {
  const kids = children(specs, key);
  const body: SpecObject = { title: titleBlock(options.title, options.subtitle) };
  if (options.columns !== undefined) {
    if (key !== "concat") throw new ChartOptionError(`invalid ${key} option columns: ${describe(options.columns)} (columns applies to concat only)`);
    if (!Number.isInteger(options.columns) || options.columns < 1) throw new ChartOptionError(`invalid concat option columns: ${describe(options.columns)} (allowed: an integer >= 1)`);
    body.columns = options.columns;
  }
  body[key] = kids.map((s, i) => prefixLayerNames(strip(s, ["$schema", "config"]), `c${i}_`));
  body.resolve = options.resolve;
  return finish(body, firstConfig(kids));
}

/** Charts side by side in one row. */
export function hconcat(specs: readonly VegaLiteSpec[], options: ConcatOptions = {}): VegaLiteSpec {
  return concatWith("hconcat", specs, options);
}

/** Charts stacked in one column. */
export function vconcat(specs: readonly VegaLiteSpec[], options: ConcatOptions = {}): VegaLiteSpec {
  return concatWith("vconcat", specs, options);
}

/** Charts wrapped into rows of `columns` charts. */
export function concat(specs: readonly VegaLiteSpec[], options: ConcatOptions = {}): VegaLiteSpec {
  return concatWith("concat", specs, options);
}

/**
 * show(spec): a chart in a notebook cell, as ONE output carrying
 *   application/vnd.vegalite.v5+json  the spec (JupyterLab draws it with vega-embed)
 *   image/svg+xml                     for Classic Notebook (trusted) and static viewers
 *   image/png                         base64, 2x resolution, shown at the chart's size
 *   text/markdown                     the same PNG as an <img> (only with the PNG), for exporters
 *   text/plain                        a one-line description (consoles, logs)
 * Frontends pick the richest type they can render.
 *
 * Why text/markdown: nbconvert 6.5 (Debian 12) prefers image/svg+xml to image/png and strips
 * the SVG's content (lxml's clean_html keeps only HTML tags), so `jupyter nbconvert --to html`
 * showed every chart blank. Its default priority puts text/markdown before SVG, so the PNG in
 * markdown is what an exporter without our config shows (checked with nbconvert 6.5.3;
 * test/notebook/export.test.ts). The repo's Jupyter config (jupyter/config/
 * jupyter_nbconvert_config.json) also puts PNG before SVG. JupyterLab ranks its Vega-Lite
 * renderer above markdown, and VS Code prefers application/vnd.* types, so both still draw the
 * spec; the classic Notebook shows the PNG (trusted or not).
 *
 * In a tslab cell write `await show(spec)`: rendering the SVG is asynchronous,
 * and the output must be sent before the cell ends. Outside a kernel the
 * text/plain line is printed.
 */
import { renderSvg, specTitle, svgSize, svgToPng } from "../render/render";
import { inspect } from "node:util";
import { displaySender, type DisplayData } from "./jupyter-output";
import type { VegaLiteSpec } from "../charts/spec";

export const VEGALITE_MIME = "application/vnd.vegalite.v5+json";

export interface ShowOptions {
  /** Resolution of the PNG fallback. Default 144 (2x for high-density screens). */
  dpi?: number;
  /** Include the PNG fallback. Default true. */
  png?: boolean;
}

/** The MIME bundle of a chart (what `show` sends). */
export async function chartBundle(spec: VegaLiteSpec, options: ShowOptions = {}): Promise<DisplayData> {
  const { svg, warnings } = await renderSvg(spec);
  const { width, height } = svgSize(svg);
  const title = specTitle(spec);
  const note = warnings.length ? `; ${warnings.length} Vega-Lite warning(s): ${warnings.join(" | ")}` : "";
  const data: Record<string, unknown> = {
    [VEGALITE_MIME]: JSON.parse(JSON.stringify(spec)),
    "image/svg+xml": svg,
    "text/plain": `<Vega-Lite chart${title ? ` "${title}"` : ""}, ${width}x${height}${note}>`,
  };
  const metadata: Record<string, unknown> = {};
  if (options.png ?? true) {
    const png = svgToPng(svg, { dpi: options.dpi ?? 144 }).toString("base64");
    data["image/png"] = png;
    metadata["image/png"] = { width, height };
    data["text/markdown"] = markdownImage(png, width, height, title);
  }
  return { data, metadata, transient: {} };
}

/** The PNG as markdown (an HTML <img>, so its size is kept). */
function markdownImage(pngBase64: string, width: number, height: number, title: string | undefined): string {
  const alt = (title ?? "chart").replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  return `<img src="data:image/png;base64,${pngBase64}" width="${width}" height="${height}" alt="${alt}">`;
}

/**
 * Display a chart in the current notebook cell (see above). Resolves to
 * nothing, so tslab prints no value after the chart; chartBundle gives the
 * MIME bundle itself. Forgetting `await` in a cell's last line prints a hint.
 */
export function show(spec: VegaLiteSpec, options: ShowOptions = {}): Promise<void> {
  const send = displaySender(); // bound to this cell before any await
  const done = chartBundle(spec, options).then((bundle) => {
    if (send) send(bundle);
    else process.stdout.write(`${bundle.data["text/plain"]}\n`);
  });
  return Object.assign(done, { [inspect.custom]: () => "(chart still rendering: write `await show(spec)` so it reaches this cell before the cell ends)" });
}

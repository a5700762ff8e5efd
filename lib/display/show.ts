/**
 * show(spec): a chart in a notebook cell, as ONE output carrying
 *   application/vnd.vegalite.v5+json  the spec (JupyterLab draws it with vega-embed)
 *   image/svg+xml                     for Classic Notebook (trusted) and static viewers
 *   image/png                         base64, 2x resolution, shown at the chart's size
 *   text/plain                        a one-line description (consoles, nbconvert --to markdown)
 * Frontends pick the richest type they can render.
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
    data["image/png"] = svgToPng(svg, { dpi: options.dpi ?? 144 }).toString("base64");
    metadata["image/png"] = { width, height };
  }
  return { data, metadata, transient: {} };
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

/**
 * The one place that talks to the Jupyter kernel: publish a display_data
 * message carrying several MIME types at once.
 *
 * tslab's public `display.*` helpers send one MIME type per output, so a chart
 * (Vega-Lite JSON + SVG + PNG + text in ONE output) goes through the kernel's
 * internal writer, `require("tslab/dist/jupyter").lastWriteDisplayData`, which
 * tslab sets for the cell being executed (tslab 1.0.22). Outside a tslab
 * kernel that module is not loaded and nothing is published.
 */
import { createRequire } from "node:module";

export interface DisplayData {
  /** MIME type -> payload. JSON types as objects, binary types as base64 strings. */
  data: Record<string, unknown>;
  /** MIME type -> metadata, e.g. { "image/png": { width: 480 } }. */
  metadata: Record<string, unknown>;
  /** { display_id } to update the output later. */
  transient: { display_id?: string };
}

type Writer = (content: DisplayData, update: boolean) => void;

const TSLAB_JUPYTER = "tslab/dist/jupyter";

/** tslab's writer for the running cell, or undefined when not inside a tslab kernel. */
export function kernelWriter(): Writer | undefined {
  // Resolve from the kernel's main module first (the copy tslab actually runs), then from here.
  // Only a module already in the cache counts: loading it ourselves would mean we are not in a kernel.
  const requires = [require.main?.filename ? createRequire(require.main.filename) : undefined, require];
  for (const req of requires) {
    if (!req) continue;
    let resolved: string;
    try {
      resolved = req.resolve(TSLAB_JUPYTER);
    } catch {
      continue;
    }
    const loaded = require.cache[resolved]?.exports as { lastWriteDisplayData?: unknown } | undefined;
    if (typeof loaded?.lastWriteDisplayData === "function") return loaded.lastWriteDisplayData as Writer;
  }
  return undefined;
}

/** True when running inside a tslab kernel that can take display data. */
export function inKernel(): boolean {
  return kernelWriter() !== undefined;
}

/**
 * A sender for one display_data output, bound NOW to the running cell (tslab
 * swaps its writer per cell, so an asynchronous caller must take it before
 * awaiting); undefined outside a kernel.
 */
export function displaySender(): ((content: DisplayData) => void) | undefined {
  const write = kernelWriter();
  return write ? (content) => write(content, false) : undefined;
}

/** Send one display_data output to the running cell; false (and nothing sent) outside a kernel. */
export function publishDisplayData(content: DisplayData): boolean {
  const send = displaySender();
  send?.(content);
  return send !== undefined;
}

/**
 * Text widths for Vega's layout, measured with the DejaVu fonts the figures
 * are drawn with. Without a browser canvas, Vega estimates a string's width as
 * 0.8 x font size x length, which overestimates most text (a long subtitle
 * widened a figure by 40% of empty margin) and misjudges axis-label overlap.
 * Vega lets a host supply `textMetrics.width` (vl-convert does the same);
 * we measure with pdfkit's font engine (fontkit) on the DejaVu TTFs.
 */
import type * as VegaModule from "vega";
import type PDFKit from "pdfkit";
import { faceFor, fontFile, type FontFace } from "./fonts";

interface TextItem {
  font?: string;
  fontSize?: number | string;
  fontWeight?: string | number;
  fontStyle?: string;
  limit?: number;
}

function isBold(weight: string | number | undefined): boolean {
  if (weight === undefined) return false;
  if (typeof weight === "number") return weight >= 600;
  return weight === "bold" || weight === "bolder" || Number(weight) >= 600;
}

/** A width function (item, text) -> pixels for Vega, measuring with DejaVu. */
export function dejavuTextWidth(): (item: TextItem, text: unknown) => number {
  const PDFDocument = require("pdfkit") as typeof PDFKit;
  const doc = new PDFDocument({ autoFirstPage: false });
  const registered = new Set<FontFace>();
  const cache = new Map<string, number>();
  return (item, text) => {
    // Vega's defaults: font size 11 when unset; text trimmed (vega-scenegraph textValue)
    const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
    const s = text == null ? "" : String(text).trim();
    if (size <= 0 || s === "") return 0;
    const face = faceFor(item.font, isBold(item.fontWeight), item.fontStyle === "italic" || item.fontStyle === "oblique");
    const key = `${face}|${size}|${s}`;
    let width = cache.get(key);
    if (width === undefined) {
      if (!registered.has(face)) {
        doc.registerFont(face, fontFile(face));
        registered.add(face);
      }
      width = doc.font(face).fontSize(size).widthOfString(s);
      if (cache.size > 50_000) cache.clear();
      cache.set(key, width);
    }
    // a label truncated to `limit` pixels is at most that wide
    return item.limit !== undefined && item.limit > 0 ? Math.min(width, item.limit) : width;
  };
}

/** Make `vega` lay out text with DejaVu widths (process-wide for this vega instance). */
export function installTextMetrics(vega: typeof VegaModule): void {
  const metrics = (vega as unknown as { textMetrics: { width: unknown } }).textMetrics;
  metrics.width = dejavuTextWidth();
}

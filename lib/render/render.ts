/**
 * Figure rendering, headless and without OS fonts:
 *
 *   Vega-Lite spec --vl.compile--> Vega spec --vega.View(renderer "none").toSVG()--> SVG
 *   SVG --resvg (DejaVu TTFs)--> PNG at 300 dpi
 *   SVG --pdfkit + svg-to-pdfkit (DejaVu TTFs, subset-embedded)--> vector PDF
 *
 * Units: one Vega/SVG unit is taken as one point (1/72 inch), as vl-convert
 * does. A 480 x 300 chart is a 6.67 x 4.17 in figure: the PDF page is 480 x 300
 * pt, and the PNG at 300 dpi is 2000 x 1250 pixels (with a pHYs chunk saying
 * 300 dpi). Scale in LaTeX with \includegraphics[width=...].
 *
 * Determinism: the same spec gives byte-identical SVG, PNG and PDF. pdfkit
 * stamps the current time into the PDF's CreationDate, its XMP metadata and
 * (hashed) its file ID; we give it a fixed date instead: $SOURCE_DATE_EPOCH
 * when set (the reproducible-builds convention), else 1970-01-01T00:00:00Z.
 *
 * Layout: Vega measures text with the DejaVu fonts (./text-metrics.ts), so
 * legends, titles and label-overlap checks fit the letters actually drawn.
 *
 * vega, vega-lite, resvg and pdfkit load on first use, so importing the
 * library stays fast.
 */
import type * as VegaModule from "vega";
import type * as VegaLiteModule from "vega-lite";
import type * as ResvgModule from "@resvg/resvg-js";
import type PDFKit from "pdfkit";
import type { TopLevelSpec as VegaLiteSpec } from "vega-lite";
import { allFontFiles, faceFor, fontFile, type FontFace } from "./fonts";
import { withDpi } from "./png-dpi";
import { installTextMetrics } from "./text-metrics";

export const POINTS_PER_INCH = 72;
export const DEFAULT_DPI = 300;

let modules: { vega: typeof VegaModule; vl: typeof VegaLiteModule } | undefined;
function vegaModules() {
  if (!modules) {
    modules = { vega: require("vega") as typeof VegaModule, vl: require("vega-lite") as typeof VegaLiteModule };
    installTextMetrics(modules.vega);
  }
  return modules;
}

export interface Compiled {
  /** The Vega spec. */
  vega: VegaModule.Spec;
  /** Vega-Lite's warnings (an empty list for a clean spec). */
  warnings: string[];
}

function collectingLogger(warnings: string[]) {
  const { vega } = vegaModules();
  return vega.logger(vega.Warn, undefined, (_method, level, input) => {
    if (level === "WARN" || level === "ERROR") warnings.push(Array.from(input as ArrayLike<unknown>, (x) => (x instanceof Error ? x.message : String(x))).join(" "));
  });
}

/** Compile Vega-Lite to Vega, collecting warnings instead of printing them. */
export function compileSpec(spec: VegaLiteSpec): Compiled {
  const { vl } = vegaModules();
  const warnings: string[] = [];
  const out = vl.compile(spec, { logger: collectingLogger(warnings) });
  return { vega: out.spec, warnings };
}

export interface SvgResult {
  svg: string;
  /** Warnings from Vega-Lite's compiler and Vega's runtime. */
  warnings: string[];
}

/** Render a Vega-Lite spec to an SVG string (tens of milliseconds, no browser). */
export async function renderSvg(spec: VegaLiteSpec): Promise<SvgResult> {
  const { vega } = vegaModules();
  const { vega: vgSpec, warnings } = compileSpec(spec);
  const view = new vega.View(vega.parse(vgSpec), { renderer: "none", logger: collectingLogger(warnings) });
  try {
    const svg = await view.toSVG();
    return { svg, warnings };
  } finally {
    view.finalize();
  }
}

/** Width and height of an SVG's root element, in its own units (points, see above). */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0];
  const width = Number(root && /\swidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(root && /\sheight="([\d.]+)"/.exec(root)?.[1]);
  if (!(width > 0 && height > 0)) throw new Error("invalid SVG: the root <svg> element needs numeric width and height attributes");
  return { width, height };
}

/** Pixel size of a figure of `svg`'s size at `dpi`. */
export function pixelSize(svg: string, dpi = DEFAULT_DPI): { width: number; height: number } {
  const { width, height } = svgSize(svg);
  return { width: Math.round((width * dpi) / POINTS_PER_INCH), height: Math.round((height * dpi) / POINTS_PER_INCH) };
}

export interface PngOptions {
  /** Resolution in dots per inch. Default 300. */
  dpi?: number;
}

/** Rasterize an SVG with the DejaVu fonts (no system fonts) at `dpi`: RGBA pixels and their size. */
export function rasterize(svg: string, options: PngOptions = {}): ResvgModule.RenderedImage {
  const dpi = options.dpi ?? DEFAULT_DPI;
  if (!(typeof dpi === "number" && dpi >= 10 && dpi <= 2400)) throw new RangeError(`invalid dpi: ${dpi} (allowed: 10 <= dpi <= 2400)`);
  const { Resvg } = require("@resvg/resvg-js") as typeof ResvgModule;
  const resvg = new Resvg(svg, {
    fitTo: { mode: "width", value: pixelSize(svg, dpi).width },
    font: {
      loadSystemFonts: false,
      fontFiles: allFontFiles(),
      defaultFontFamily: "DejaVu Sans",
      sansSerifFamily: "DejaVu Sans",
      serifFamily: "DejaVu Serif",
      monospaceFamily: "DejaVu Sans Mono",
    },
    logLevel: "off",
  });
  return resvg.render();
}

/** A PNG of an SVG at `dpi` (default 300), with the resolution recorded in a pHYs chunk. */
export function svgToPng(svg: string, options: PngOptions = {}): Buffer {
  return withDpi(rasterize(svg, options).asPng(), options.dpi ?? DEFAULT_DPI);
}

export interface PdfOptions {
  /** Document title (PDF Info /Title). Default: none. */
  title?: string;
  /** Collects svg-to-pdfkit's warnings (unsupported SVG features). Default: they are ignored. */
  warnings?: string[];
  /** Date recorded as the PDF's creation date. Default: $SOURCE_DATE_EPOCH (seconds) if set, else the Unix epoch, so reruns are byte-identical. */
  creationDate?: Date;
}

/** The fixed creation date of figure PDFs (see the note at the top). */
export function reproducibleDate(): Date {
  const raw = process.env.SOURCE_DATE_EPOCH;
  const seconds = raw !== undefined && /^\d+$/.test(raw.trim()) ? Number(raw) : 0;
  return new Date(seconds * 1000);
}

/** A vector PDF of an SVG, one page of the SVG's size in points, with the DejaVu faces it uses embedded as subsets. */
export function svgToPdf(svg: string, options: PdfOptions = {}): Promise<Buffer> {
  const PDFDocument = require("pdfkit") as typeof PDFKit;
  const SVGtoPDF = require("svg-to-pdfkit") as (doc: PDFKit.PDFDocument, svg: string, x: number, y: number, options: Record<string, unknown>) => void;
  const { width, height } = svgSize(svg);
  const info: PDFKit.DocumentInfo = { Producer: "consensus-lab (pdfkit, svg-to-pdfkit)", Creator: "consensus-lab", CreationDate: options.creationDate ?? reproducibleDate() };
  if (options.title) info.Title = options.title;
  // pdfkit hashes `info` into the file ID, so a fixed info gives a fixed ID.
  const doc = new PDFDocument({ size: [width, height], margin: 0, info, autoFirstPage: true, compress: true });
  const registered = new Set<FontFace>();
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    try {
      SVGtoPDF(doc, svg, 0, 0, {
        width,
        height,
        assumePt: true,
        fontCallback: (family: string, bold: boolean, italic: boolean) => {
          const face = faceFor(family, bold, italic);
          if (!registered.has(face)) {
            doc.registerFont(face, fontFile(face));
            registered.add(face);
          }
          return face;
        },
        warningCallback: (message: string) => options.warnings?.push(`svg-to-pdfkit: ${message}`),
      });
      doc.end();
    } catch (err) {
      reject(err);
    }
  });
}

export interface Rendered {
  svg: string;
  png: Buffer;
  pdf: Buffer;
  warnings: string[];
}

/** SVG, PNG (300 dpi unless told) and PDF of a Vega-Lite spec. */
export async function renderFigure(spec: VegaLiteSpec, options: PngOptions & PdfOptions = {}): Promise<Rendered> {
  const { svg, warnings } = await renderSvg(spec);
  const png = svgToPng(svg, options);
  const pdf = await svgToPdf(svg, { ...options, title: options.title ?? specTitle(spec), warnings });
  return { svg, png, pdf, warnings };
}

/** The spec's title text, if any. */
export function specTitle(spec: VegaLiteSpec): string | undefined {
  const t = (spec as { title?: unknown }).title;
  if (typeof t === "string") return t || undefined;
  if (t && typeof t === "object") {
    const text = (t as { text?: unknown }).text;
    if (typeof text === "string") return text || undefined;
    if (Array.isArray(text)) return text.join(" ") || undefined;
  }
  return undefined;
}

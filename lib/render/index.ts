/**
 * Rendering, the leaf under charts, display and figures: Vega-Lite spec to SVG,
 * PNG (resvg, DPI stamped) and vector PDF (pdfkit), with the bundled DejaVu
 * fonts and their text metrics. Imports nothing else of the library.
 */
export { renderSvg, renderFigure, compileSpec, svgToPng, svgToPdf, svgSize, pixelSize, specTitle, POINTS_PER_INCH, DEFAULT_DPI, type Rendered, type PngOptions, type PdfOptions } from "./render";

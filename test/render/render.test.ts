import { test } from "node:test";
import assert from "node:assert/strict";
import { inflateSync } from "node:zlib";
import { lineChart } from "../../lib/charts/line-chart";
import { pngDpi, pngSize, withDpi } from "../../lib/render/png-dpi";
import { compileSpec, pixelSize, rasterize, renderFigure, renderSvg, svgSize, svgToPdf } from "../../lib/render/render";
import { dejavuTextWidth } from "../../lib/render/text-metrics";

const spec = lineChart(
  [0, 0.1, 0.2, 0.3, 0.4].map((x) => ({ x, y: x * x })),
  { x: "x", y: "y", points: true, title: "Render check", xAxis: { label: "share α" }, yAxis: { label: "revenue" } },
);

test("compileSpec collects Vega-Lite warnings instead of printing them", () => {
  const noisy = { data: { values: [{ a: 1 }] }, mark: "point", encoding: { x: { field: "a", type: "quantitative" }, shape: { field: "a", type: "quantitative" } } } as any;
  const { warnings } = compileSpec(noisy);
  assert.ok(warnings.length >= 1);
  assert.match(warnings[0], /shape encoding should be discrete/);
});

test("SVG: text in DejaVu Sans, size = plot + axes (in points)", async () => {
  const { svg, warnings } = await renderSvg(spec);
  assert.deepEqual(warnings, []);
  assert.match(svg, /^<svg /);
  assert.match(svg, /<text[^>]*font-family="DejaVu Sans"[^>]*>Render check<\/text>/);
  assert.match(svg, />share α<\/text>/);
  const { width, height } = svgSize(svg);
  assert.ok(width > 480 && width < 600, `width ${width}`);
  assert.ok(height > 300 && height < 420, `height ${height}`);
});

test("PNG: 300 dpi of the SVG's size at 72 pt/in, pHYs says 300 dpi, text is drawn", async () => {
  const { svg, png } = await renderFigure(spec);
  const { width, height } = svgSize(svg);
  assert.deepEqual(pngSize(png), { width: Math.round((width * 300) / 72), height: Math.round((height * 300) / 72) });
  assert.deepEqual(pngSize(png), pixelSize(svg, 300));
  assert.equal(pngDpi(png), 300);
  // Without fonts resvg drops text silently: a text-only SVG must leave dark pixels.
  const textOnly = `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="30"><rect width="100" height="30" fill="white"/><text x="5" y="20" font-family="sans-serif" font-size="14">Hello</text></svg>`;
  const image = rasterize(textOnly, { dpi: 72 });
  let dark = 0;
  for (let i = 0; i < image.pixels.length; i += 4) if (image.pixels[i] < 128) dark++;
  assert.ok(dark > 30, `only ${dark} dark pixels: text was not drawn`);
});

test("withDpi writes a valid pHYs chunk (CRC checked by zlib-free reparse) and keeps the image", () => {
  const image = rasterize(`<svg xmlns="http://www.w3.org/2000/svg" width="4" height="2"><rect width="4" height="2" fill="red"/></svg>`, { dpi: 72 });
  const png = withDpi(image.asPng(), 150);
  assert.equal(pngDpi(png), 150);
  assert.equal(pngDpi(withDpi(png, 300)), 300, "an existing pHYs is replaced");
  assert.deepEqual(pngSize(png), { width: 4, height: 2 });
  // the IDAT stream still inflates
  const idat = png.indexOf("IDAT");
  const length = png.readUInt32BE(idat - 4);
  assert.ok(inflateSync(png.subarray(idat + 4, idat + 4 + length)).length > 0);
});

test("PDF: vector, one page of the SVG's size, DejaVu embedded (FontFile2), byte-identical reruns", async () => {
  const { svg, pdf } = await renderFigure(spec);
  assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-");
  const text = pdf.toString("latin1");
  assert.match(text, /\/FontFile2/);
  assert.match(text, /\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
  const { width, height } = svgSize(svg);
  assert.match(text, new RegExp(`/MediaBox \\[0 0 ${width} ${height}\\]`));
  assert.match(text, /\(D:19700101000000Z\)/, "fixed creation date");
  const again = await renderFigure(spec);
  assert.ok(again.pdf.equals(pdf), "PDF differs between runs");
  assert.ok(again.png.equals((await renderFigure(spec)).png), "PNG differs between runs");
  assert.equal(again.svg, svg);
});

test("PDF creation date follows SOURCE_DATE_EPOCH", async (t) => {
  const saved = process.env.SOURCE_DATE_EPOCH;
  t.after(() => (saved === undefined ? delete process.env.SOURCE_DATE_EPOCH : (process.env.SOURCE_DATE_EPOCH = saved)));
  process.env.SOURCE_DATE_EPOCH = "1700000000";
  const pdf = await svgToPdf(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>`);
  assert.match(pdf.toString("latin1"), /\(D:20231114221320Z\)/);
});

test("text widths come from the DejaVu metrics, not Vega's 0.8 x size x length estimate", () => {
  const width = dejavuTextWidth();
  const w = width({ fontSize: 10 }, "WWW");
  const i = width({ fontSize: 10 }, "iii");
  assert.ok(w > 2.5 * i, `W ${w} vs i ${i}`);
  // DejaVu Sans: advance of "i" is 569/2048 em (from the font's hmtx table), so 3 i at 10 px = 8.33
  assert.ok(Math.abs(i - (3 * 569 * 10) / 2048) < 0.01, `iii = ${i}`);
  assert.ok(width({ fontSize: 10, fontWeight: "bold" }, "abc") > width({ fontSize: 10 }, "abc"));
  assert.equal(width({ fontSize: 10, limit: 5 }, "a long label"), 5);
  assert.equal(width({ fontSize: 10 }, "  "), 0);
});

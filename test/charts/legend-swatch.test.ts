/**
 * Legend swatches look like what is drawn (issue 9 item 6): a lineChart with
 * a confidence band shows line swatches at full opacity in its legend, not
 * the band's pale fill; with points, full-opacity dots.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { lineChart } from "../../lib/charts/line-chart";
import { marksOf, sceneOf } from "../figures/scene";

const rows = [0, 1, 2, 3].flatMap((x) => ["a", "b"].map((g) => ({ x, g, y: x + (g === "a" ? 0 : 1), lo: x - 0.5, hi: x + 1.5 })));

async function swatches(points: boolean) {
  const spec = lineChart(rows, { x: "x", y: "y", lo: "lo", hi: "hi", color: "g", points });
  const scene = await sceneOf(spec);
  const symbols = marksOf(scene).filter(({ mark }) => mark.role === "legend-symbol").flatMap(({ mark }) => mark.items) as Array<Record<string, unknown>>;
  assert.equal(symbols.length, 2, "one swatch per series");
  return symbols;
}

test("with a band and lines, the legend swatches are opaque strokes", async () => {
  for (const s of await swatches(false)) {
    assert.equal(s.shape, "stroke");
    assert.ok((s.opacity ?? 1) === 1 && (s.strokeOpacity ?? 1) === 1, JSON.stringify({ opacity: s.opacity, strokeOpacity: s.strokeOpacity }));
    assert.ok(typeof s.stroke === "string" && s.stroke !== "transparent");
  }
});

test("with points, the swatches are opaque dots", async () => {
  for (const s of await swatches(true)) {
    assert.equal(s.shape, "circle");
    assert.ok((s.opacity ?? 1) === 1 && (s.fillOpacity ?? 1) === 1, JSON.stringify({ opacity: s.opacity, fillOpacity: s.fillOpacity }));
  }
});

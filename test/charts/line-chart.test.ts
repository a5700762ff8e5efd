import { test } from "node:test";
import assert from "node:assert/strict";
import * as aq from "arquero";
import { lineChart } from "../../lib/charts/line-chart";
import { VEGA_LITE_SCHEMA } from "../../lib/charts/spec";
import { selfishRevenue, selfishThreshold } from "../../lib/models/selfish-mining/closed-form";
import { assertCompilesClean, layerNamed, layerNames } from "./compile-clean";

const rows = [0, 0.5, 1].flatMap((gamma) =>
  [0.1, 0.2, 0.3, 0.4].map((alpha) => {
    const r = selfishRevenue(alpha, gamma);
    return { alpha, gamma, revenue_mean: r, revenue_lo: r - 0.01, revenue_hi: r + 0.01 };
  }),
);

test("a plain line chart: one line layer, inline data, v5 schema, house defaults", () => {
  const spec = lineChart(rows, { x: "alpha", y: "revenue_mean" }) as any;
  assertCompilesClean(spec);
  assert.equal(spec.$schema, VEGA_LITE_SCHEMA);
  assert.match(spec.$schema, /vega-lite\/v5\.json$/);
  assert.deepEqual(layerNames(spec), ["line"]);
  assert.equal(spec.data.values.length, rows.length);
  assert.equal(spec.width, 480);
  assert.equal(spec.height, 300);
  assert.equal(spec.config.font, "DejaVu Sans");
  assert.deepEqual(spec.layer[0].encoding.x, { field: "alpha", type: "quantitative", title: "alpha" });
});

test("CI band, points, theory and rules: layer order and encodings", () => {
  const spec = lineChart(rows, {
    x: "alpha",
    y: "revenue_mean",
    lo: "revenue_lo",
    hi: "revenue_hi",
    color: "gamma",
    line: false,
    points: true,
    theory: { fn: (a, g) => selfishRevenue(a, g as number), samples: 51 },
    rules: [{ diagonal: true, label: "honest" }, ...[0, 0.5, 1].map((g) => ({ x: selfishThreshold(g), color: g, label: `γ=${g}` })), { y: 0.5 }],
    xAxis: { label: "pool share α", domain: [0, 0.5] },
    yAxis: { label: "revenue", unit: "share", domain: [0, 1] },
    colorLegend: { label: "γ" },
    title: "Selfish mining",
    subtitle: ["line 1", "line 2"],
  }) as any;
  assertCompilesClean(spec);
  assert.deepEqual(layerNames(spec), ["rule-line", "rule-x", "rule-y", "theory", "band", "points", "rule-line-label", "rule-x-label"]);
  const band = layerNamed(spec, "band");
  assert.equal(band.mark.type, "area");
  assert.equal(band.encoding.y.field, "revenue_lo");
  assert.equal(band.encoding.y2.field, "revenue_hi");
  assert.equal(band.encoding.y.title, "revenue (share)");
  // The legend draws swatches like the points (opaque dots), not like the pale band (see legend-swatch.test.ts).
  assert.deepEqual(band.encoding.color, { field: "gamma", type: "nominal", title: "γ", legend: { symbolType: "circle", symbolOpacity: 1 } });
  // theory: 51 samples per gamma on the x domain, values from the closed form
  const theory = layerNamed(spec, "theory");
  assert.equal(theory.data.values.length, 3 * 51);
  const last = theory.data.values[50];
  assert.deepEqual(last, { alpha: 0.5, revenue_mean: selfishRevenue(0.5, 0), gamma: 0 });
  assert.deepEqual(theory.mark.strokeDash, [6, 3]);
  // colored threshold rules carry gamma; the diagonal spans the x domain (y = x stays inside [0, 1])
  assert.deepEqual(layerNamed(spec, "rule-x").data.values.map((r: any) => r.gamma), [0, 0.5, 1]);
  assert.deepEqual(layerNamed(spec, "rule-line").data.values[0], { label: "honest", alpha: 0, revenue_mean: 0, x2: 0.5, y2: 0.5 });
  assert.equal(layerNamed(spec, "rule-y").mark.color, "#777");
  assert.deepEqual(spec.title, { text: "Selfish mining", subtitle: ["line 1", "line 2"] });
});

test("an arquero table gives the same spec as its rows; NaN becomes null", () => {
  const withNaN = [...rows, { alpha: 0.45, gamma: 0, revenue_mean: NaN, revenue_lo: NaN, revenue_hi: NaN }];
  const a = lineChart(withNaN, { x: "alpha", y: "revenue_mean", color: "gamma" });
  const b = lineChart(aq.from(withNaN), { x: "alpha", y: "revenue_mean", color: "gamma" });
  assert.deepEqual(b, a);
  assert.equal((a as any).data.values.at(-1).revenue_mean, null);
  assertCompilesClean(a);
});

test("a sloped rule is cut to the y domain", () => {
  const spec = lineChart(rows, { x: "alpha", y: "revenue_mean", rules: [{ slope: 4, intercept: 0 }], xAxis: { domain: [0, 0.5] }, yAxis: { domain: [0, 1] } });
  assertCompilesClean(spec);
  assert.deepEqual(layerNamed(spec, "rule-line").data.values[0], { label: "", alpha: 0, revenue_mean: 0, x2: 0.25, y2: 1 });
});

test("theory from rows, renamed to the chart's columns; bars instead of a band; many colors become quantitative", () => {
  const curve = [0, 0.25, 0.5].map((a) => ({ a, r: a * a }));
  const spec = lineChart(rows, { x: "alpha", y: "revenue_mean", lo: "revenue_lo", hi: "revenue_hi", band: "bars", theory: { data: curve, x: "a", y: "r", strokeDash: [] } });
  assertCompilesClean(spec);
  const theory = layerNamed(spec, "theory");
  assert.deepEqual(theory.data.values[1], { alpha: 0.25, revenue_mean: 0.0625 });
  assert.equal(theory.mark.strokeDash, undefined);
  assert.equal(layerNamed(spec, "band").mark.type, "rule");
  const many = Array.from({ length: 20 }, (_, i) => ({ x: i, y: i * i, k: i }));
  const colored = lineChart(many, { x: "x", y: "y", color: "k" });
  assert.equal(layerNamed(colored, "line").encoding.color.type, "quantitative");
  assertCompilesClean(colored);
});

test("column names with dots are escaped for Vega-Lite", () => {
  const spec = lineChart([{ "a.b": 1, y: 2 }, { "a.b": 2, y: 3 }], { x: "a.b", y: "y" });
  assert.equal(layerNamed(spec, "line").encoding.x.field, "a\\.b");
  assertCompilesClean(spec);
});

test("bad options fail early with the option, the value and what is allowed", () => {
  assert.throws(() => lineChart(rows, { x: "alpha", y: "revnue" }), /^ChartOptionError: invalid lineChart option y: "revnue" \(not a column; columns: alpha, gamma, revenue_mean, revenue_lo, revenue_hi\)$/);
  assert.throws(() => lineChart(rows, { x: "alpha", y: "revenue_mean", lo: "revenue_lo" }), /give both lo and hi/);
  assert.throws(() => lineChart([], { x: "alpha", y: "revenue_mean" }), /invalid lineChart data: the table has no rows/);
  assert.throws(() => lineChart({} as any, { x: "a", y: "b" }), /invalid lineChart data: \{\} \(allowed: an arquero table or an array of row objects\)/);
  assert.throws(() => lineChart(rows, { x: "alpha", y: "revenue_mean", xAxis: { domain: [1, 0] } }), /invalid lineChart option xAxis.domain: \[1,0\] \(allowed: \[min, max\] with finite min < max\)/);
  assert.throws(() => lineChart(rows, { x: "alpha", y: "revenue_mean", width: 5 }), /invalid lineChart option width: 5 \(allowed: a number of pixels, 10 <= width <= 10000\)/);
  assert.throws(() => lineChart(rows, { x: "alpha", y: "revenue_mean", rules: [{ x: 1, y: 2 } as any] }), /rules\[0\].*exactly one of x, y, slope or diagonal/);
  assert.throws(() => lineChart(rows, { x: "alpha", y: "revenue_mean", rules: [{ x: 0.2, color: 0 }] }), /rules\[0\]\.color: 0 \(the chart has no color column/);
  assert.throws(() => lineChart(rows, { x: "alpha", y: "revenue_mean", theory: { fn: (x) => x, data: rows } }), /give exactly one of fn .* or data/);
  assert.throws(() => lineChart(rows, { x: "alpha", y: "revenue_mean", theory: { fn: (x) => x, samples: 1 } }), /invalid theory samples: 1/);
  assert.throws(() => lineChart(rows, { x: "alpha", y: "revenue_mean", line: false }), /nothing would be drawn/);
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { heatmap } from "../../lib/charts/heatmap";
import { selfishRevenue } from "../../lib/models/selfish-mining/closed-form";
import { assertCompilesClean, layerNamed, layerNames } from "./compile-clean";

const grid = [0, 0.25, 0.5, 0.75, 1].flatMap((gamma) => [0.1, 0.2, 0.3, 0.4].map((alpha) => ({ alpha, gamma, gain: selfishRevenue(alpha, gamma) - alpha })));

test("heatmap: ordinal grid axes (y ascending upward), viridis color, optional values", () => {
  const spec = heatmap(grid, { x: "alpha", y: "gamma", color: "gain", colorLegend: { label: "R − α" }, title: "Gain" });
  assertCompilesClean(spec);
  assert.deepEqual(layerNames(spec), ["cells"]);
  const cells = layerNamed(spec, "cells");
  assert.equal(cells.mark.type, "rect");
  assert.deepEqual(cells.encoding.x, { field: "alpha", type: "ordinal", title: "alpha", sort: "ascending", axis: { labelAngle: 0 } });
  assert.equal(cells.encoding.y.sort, "descending");
  assert.deepEqual(cells.encoding.color, { field: "gain", type: "quantitative", title: "R − α", scale: { scheme: "viridis" } });

  const withText = heatmap(grid, { x: "alpha", y: "gamma", color: "gain", text: ".2f", xAxis: { label: "α", format: ".1f" } });
  assertCompilesClean(withText);
  assert.deepEqual(layerNames(withText), ["cells", "values"]);
  assert.equal(layerNamed(withText, "values").encoding.text.format, ".2f");
});

test("heatmap rejects a non-numeric color column and unknown columns", () => {
  assert.throws(() => heatmap([{ a: 1, b: 2, c: "x" }], { x: "a", y: "b", color: "c" }), /invalid heatmap option color: "c" \(the column has no numbers/);
  assert.throws(() => heatmap(grid, { x: "alpha", y: "gama", color: "gain" }), /invalid heatmap option y: "gama" \(not a column; columns: alpha, gamma, gain\)/);
});

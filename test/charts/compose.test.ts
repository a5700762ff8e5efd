import { test } from "node:test";
import assert from "node:assert/strict";
import { concat, hconcat, layer, vconcat } from "../../lib/charts/compose";
import { heatmap } from "../../lib/charts/heatmap";
import { lineChart } from "../../lib/charts/line-chart";
import { assertCompilesClean } from "./compile-clean";
import * as vl from "vega-lite";

const sim = [0.1, 0.2, 0.3].map((x) => ({ x, y: x * x + 0.01 }));
const theory = [0, 0.1, 0.2, 0.3].map((x) => ({ x, y: x * x }));
const a = lineChart(sim, { x: "x", y: "y", points: true, line: false, width: 300, height: 200, title: "sim" });
const b = lineChart(theory, { x: "x", y: "y", width: 300, height: 200 });

test("layer: one $schema and config at the top, children keep their data, size and title lifted", () => {
  const spec = layer([a, b], { title: "both" }) as any;
  assertCompilesClean(spec);
  assert.equal(spec.layer.length, 2);
  assert.equal(spec.width, 300);
  assert.equal(spec.height, 200);
  assert.deepEqual(spec.title, { text: "both" });
  for (const child of spec.layer) {
    assert.equal(child.$schema, undefined);
    assert.equal(child.config, undefined);
    assert.equal(child.width, undefined);
    assert.ok(Array.isArray(child.data.values));
  }
  assert.deepEqual((layer([a, b]) as any).title, { text: "sim" });
});

test("hconcat, vconcat and concat compile; children keep their sizes", () => {
  const h = heatmap([{ p: 1, q: 1, v: 0.5 }, { p: 2, q: 1, v: 0.7 }], { x: "p", y: "q", color: "v", width: 200, height: 100 });
  for (const spec of [hconcat([a, h]), vconcat([a, b], { title: "stacked" }), concat([a, b, h], { columns: 2 })]) assertCompilesClean(spec);
  const c = concat([a, b, h], { columns: 2 }) as any;
  assert.equal(c.columns, 2);
  assert.equal(c.concat[0].width, 300);
  assert.equal(c.concat[0].config, undefined);
});

test("compose rejects what Vega-Lite cannot draw", () => {
  assert.throws(() => layer([]), /invalid layer charts: \[\] \(allowed: a non-empty array of Vega-Lite specs\)/);
  assert.throws(() => layer([hconcat([a, b])]), /invalid layer charts\[0\]: it has "hconcat"/);
  assert.throws(() => hconcat([a, b], { columns: 2 }), /columns applies to concat only/);
});

test("concatenated line charts each draw their own data (layer names prefixed per child; Vega-Lite merged same-named layers onto the last child's data)", () => {
  const panel = (k: number) => lineChart([{ x: 0, y: k, s: "a" }, { x: 1, y: k + 1, s: "a" }, { x: 0, y: k, s: "b" }, { x: 1, y: k + 2, s: "b" }], { x: "x", y: "y", color: "s" });
  const compiled = vl.compile(hconcat([panel(0), panel(10), panel(20)]) as never).spec as unknown as { data: Array<{ name: string; values?: Array<{ y: number }>; source?: string }>; marks: Array<{ marks?: Array<{ from?: { facet?: { data: string } } }> }> };
  // Each panel's path group reads a dataset derived from a different source, holding that panel's values.
  const sourceOf = new Map(compiled.data.map((d) => [d.name, d.source ?? d.name]));
  const firstY = new Map(compiled.data.filter((d) => d.values).map((d) => [d.name, d.values![0].y]));
  const read = compiled.marks.map((group) => {
    const facet = (group.marks ?? []).find((m) => m.from?.facet)?.from?.facet?.data as string;
    return firstY.get(sourceOf.get(facet) as string);
  });
  assert.deepEqual(read, [0, 10, 20]);
});

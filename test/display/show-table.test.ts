/** showTable: a readable default view of a sweep summary, the rest on request, wide tables scroll. */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as aq from "arquero";
import { showTable, tableBundle, tableHtml, tableText } from "../../lib/display/show-table";
import { selectColumns, summaryMeasures } from "../../lib/display/table-columns";
import { type DisplayData } from "../../lib/display/jupyter-output";
import { sweep } from "../../lib/sweep/sweep";
import { selfishMining } from "../../lib/models/selfish-mining/experiment";

const { summary } = sweep(selfishMining, { alpha: [0.1, 0.3], gamma: [0, 1], blocks: [2000] }, { replicates: 4, seed: 3 });
const names = summary.columnNames();

test("the default view of a summary: parameters and count, then each measure as mean [lo, hi]; found by suffix", () => {
  const measures = summaryMeasures(names);
  assert.ok(measures.includes("revenue"), `measures: ${measures.join(", ")}`);
  const { shown, hidden } = selectColumns(names);
  const labels = shown.map((c) => c.name);
  assert.deepEqual(labels.slice(0, 3), ["alpha", "gamma", "blocks"], "parameters first, in grid order");
  assert.deepEqual(labels.slice(-measures.length), measures, "then one column per measure");
  for (const m of measures) for (const suffix of ["_mean", "_sd", "_se", "_lo", "_hi"]) assert.ok(!labels.includes(m + suffix), `${m}${suffix} hidden`);
  // Each measure column stands for three (mean, lo, hi); the rest (n, sd, se, ...) are counted as hidden.
  assert.equal(shown.length - measures.length + 3 * measures.length + hidden, names.length, "every column is shown or counted as hidden");
  assert.ok(shown.length <= names.length / 2, `${shown.length} of ${names.length} columns`);

  const text = tableText(summary);
  const lines = text.split("\n");
  const header = lines[0].trim().split(/\s+/);
  assert.deepEqual(header, labels);
  const row = summary.objects()[0] as Record<string, number>;
  const round = (x: number) => String(Number(x.toPrecision(4)));
  assert.ok(lines[1].includes(`${round(row.revenue_mean)} [${round(row.revenue_lo)}, ${round(row.revenue_hi)}]`), lines[1]);
  assert.match(text, new RegExp(`\\(${hidden} more columns: showTable\\(t, \\{ columns: "all" \\}\\)`));
});

test("columns: \"all\" shows every column; a list shows those, in that order; an unknown name is refused with the known ones", () => {
  assert.deepEqual(tableText(summary, { columns: "all" }).split("\n")[0].trim().split(/\s+/), names);
  assert.deepEqual(tableText(summary, { columns: ["revenue_se", "alpha"] }).split("\n")[0].trim().split(/\s+/), ["revenue_se", "alpha"]);
  assert.throws(() => tableText(summary, { columns: ["revenue_sem"] }), /invalid showTable columns: "revenue_sem" \(allowed: "auto", "all", or names among alpha, /);
});

test("tables that are not full summaries are shown whole: rows, and summaries narrowed with select", () => {
  const rows = aq.from([{ x: 1, y_mean: 2, y_se: 0.1 }]);
  assert.deepEqual(tableText(rows).split("\n")[0].trim().split(/\s+/), ["x", "y_mean", "y_se"]);
  assert.deepEqual(selectColumns(["a", "b"]).shown.map((c) => c.name), ["a", "b"]);
});

test("the HTML scrolls sideways inside its own box; one display_data with HTML and text", (t) => {
  const html = tableHtml(summary, { columns: "all" });
  assert.match(html, /^<div style="overflow-x: auto; max-width: 100%;">\n<table>[\s\S]*<\/table>\n<\/div>$/);
  const bundle = tableBundle(summary);
  assert.deepEqual(Object.keys(bundle.data).sort(), ["text/html", "text/plain"]);
  assert.equal(bundle.data["text/plain"], tableText(summary));

  const key = require.resolve("tslab/dist/jupyter");
  const previous = require.cache[key];
  const sent: DisplayData[] = [];
  require.cache[key] = { id: key, filename: key, loaded: true, exports: { lastWriteDisplayData: (d: DisplayData) => sent.push(d) } } as unknown as NodeModule;
  t.after(() => {
    if (previous) require.cache[key] = previous;
    else delete require.cache[key];
  });
  assert.equal(showTable(summary), undefined);
  assert.deepEqual(sent, [bundle]);
});

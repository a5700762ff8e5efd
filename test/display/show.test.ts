import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { chartBundle, show, VEGALITE_MIME } from "../../lib/display/show";
import { inKernel, type DisplayData } from "../../lib/display/jupyter-output";
import { lineChart } from "../../lib/charts/line-chart";
import { pngSize } from "../../lib/render/png-dpi";

const spec = lineChart([{ x: 0, y: 1 }, { x: 1, y: 2 }], { x: "x", y: "y", title: "Tiny" });

test("the bundle carries Vega-Lite JSON (an object), SVG, a 2x PNG and text", async () => {
  const bundle = await chartBundle(spec);
  assert.deepEqual(Object.keys(bundle.data).sort(), [VEGALITE_MIME, "image/png", "image/svg+xml", "text/plain", "text/markdown"].sort());
  assert.deepEqual(bundle.data[VEGALITE_MIME], JSON.parse(JSON.stringify(spec)));
  assert.equal(typeof bundle.data[VEGALITE_MIME], "object");
  assert.match(bundle.data["image/svg+xml"] as string, /^<svg[\s\S]*Tiny[\s\S]*<\/svg>$/);
  assert.match(bundle.data["text/plain"] as string, /^<Vega-Lite chart "Tiny", \d+x\d+>$/);
  const png = Buffer.from(bundle.data["image/png"] as string, "base64");
  const shown = bundle.metadata["image/png"] as { width: number; height: number };
  assert.deepEqual(pngSize(png), { width: shown.width * 2, height: shown.height * 2 });
});

test("show sends exactly one display_data through tslab's writer when inside a kernel", async (t) => {
  const key = require.resolve("tslab/dist/jupyter");
  const previous = require.cache[key];
  const calls: Array<[DisplayData, boolean]> = [];
  // What the tslab kernel has loaded while a cell runs (tslab 1.0.22 sets lastWriteDisplayData per cell).
  require.cache[key] = { id: key, filename: key, loaded: true, exports: { lastWriteDisplayData: (d: DisplayData, u: boolean) => calls.push([d, u]) } } as unknown as NodeModule;
  t.after(() => {
    if (previous) require.cache[key] = previous;
    else delete require.cache[key];
  });
  assert.equal(inKernel(), true);
  assert.equal(await show(spec), undefined, "nothing for tslab to print after the chart");
  assert.equal(calls.length, 1);
  assert.equal(calls[0][1], false, "a new output, not an update");
  assert.deepEqual(calls[0][0], await chartBundle(spec));
  assert.equal(Object.keys(calls[0][0].data).length, 5);
});

test("a show() left un-awaited as a cell's last value prints a hint, not Promise { <pending> }", async () => {
  const pending = show(spec, { png: false });
  assert.match(inspect(pending), /write `await show\(spec\)`/);
  await pending;
});

test("outside a kernel show prints the text/plain line", async (t) => {
  assert.equal(inKernel(), false);
  const written: string[] = [];
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => (written.push(String(chunk)), true)) as typeof process.stdout.write;
  t.after(() => (process.stdout.write = original));
  await show(spec, { png: false });
  process.stdout.write = original;
  const bundle = await chartBundle(spec, { png: false });
  assert.equal(bundle.data["image/png"], undefined);
  assert.deepEqual(written, [`${bundle.data["text/plain"]}\n`]);
});

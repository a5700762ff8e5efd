import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as aq from "arquero";
import { layer } from "../../lib/charts/compose";
import { lineChart } from "../../lib/charts/line-chart";
import { pngDpi } from "../../lib/render/png-dpi";
import { inlineData, saveFigure } from "../../lib/figures/save-figure";

const rows = [0.1, 0.2, 0.3].map((alpha) => ({ alpha, revenue: alpha * 1.1 }));
const spec = lineChart(rows, { x: "alpha", y: "revenue", title: "Saved" });

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(path.join(tmpdir(), "consensus-lab-figure-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test("saveFigure writes six files and a manifest listing them with sizes and SHA-256", async (t) => {
  const dir = tempDir(t);
  const saved = await saveFigure(spec, { dir, name: "revenue", params: { alpha: [0.1, 0.3] }, seeds: { seed: 7 } });
  const expected = ["revenue.csv", "revenue.manifest.json", "revenue.pdf", "revenue.png", "revenue.svg", "revenue.vl.json"];
  assert.deepEqual(readdirSync(dir).sort(), expected);
  assert.deepEqual(saved.paths.map((p) => path.basename(p)).sort(), expected);
  const manifest = JSON.parse(readFileSync(path.join(dir, "revenue.manifest.json"), "utf8"));
  assert.deepEqual(manifest, saved.manifest);
  assert.equal(manifest.name, "revenue");
  assert.equal(manifest.title, "Saved");
  assert.deepEqual(manifest.parameters, { alpha: [0.1, 0.3] });
  assert.deepEqual(manifest.seeds, { seed: 7 });
  assert.equal(manifest.library.name, "consensus-lab");
  assert.equal(manifest.library.version, JSON.parse(readFileSync(path.join(__dirname, "../../../package.json"), "utf8")).version);
  assert.equal(manifest.node, process.version);
  assert.equal(manifest.createdAt, undefined, "no timestamp unless asked");
  assert.ok(manifest.git === null || /^[0-9a-f]{40}$/.test(manifest.git.commit), "git commit or null");
  assert.deepEqual(manifest.files.map((f: { file: string }) => f.file), ["revenue.svg", "revenue.pdf", "revenue.png", "revenue.vl.json", "revenue.csv"]);
  for (const f of manifest.files) {
    const bytes = readFileSync(path.join(dir, f.file));
    assert.equal(f.bytes, bytes.length, f.file);
    assert.equal(f.sha256, createHash("sha256").update(bytes).digest("hex"), f.file);
  }
  assert.deepEqual(JSON.parse(readFileSync(path.join(dir, "revenue.vl.json"), "utf8")), JSON.parse(JSON.stringify(spec)));
  assert.equal(readFileSync(path.join(dir, "revenue.csv"), "utf8"), ["alpha,revenue", ...rows.map((r) => `${r.alpha},${r.revenue}`)].join("\n") + "\n");
  assert.equal(pngDpi(readFileSync(path.join(dir, "revenue.png"))), 300);
  assert.equal(readFileSync(path.join(dir, "revenue.pdf")).subarray(0, 5).toString(), "%PDF-");
});

test("two saves of the same spec are byte-identical", async (t) => {
  const a = tempDir(t);
  const b = tempDir(t);
  await saveFigure(spec, { dir: a, name: "same", params: { x: 1 }, git: false });
  await saveFigure(spec, { dir: b, name: "same", params: { x: 1 }, git: false });
  for (const file of readdirSync(a)) assert.ok(readFileSync(path.join(a, file)).equals(readFileSync(path.join(b, file))), `${file} differs`);
});

test("the CSV is the table given, else the spec's inline data (layers stacked with a dataset column)", async (t) => {
  const dir = tempDir(t);
  await saveFigure(spec, { dir, name: "given", data: aq.table({ k: [1, 2], v: ["a", "b"] }), git: false });
  assert.equal(readFileSync(path.join(dir, "given.csv"), "utf8"), "k,v\n1,a\n2,b\n");
  const layered = layer([lineChart([{ x: 1, y: 2 }], { x: "x", y: "y" }), lineChart([{ x: 3, y: 4 }], { x: "x", y: "y" })]);
  assert.deepEqual(inlineData(layered), [
    { dataset: "layer[0]", x: 1, y: 2 },
    { dataset: "layer[1]", x: 3, y: 4 },
  ]);
});

test("timestamp is opt-in; bad names are refused", async (t) => {
  const dir = tempDir(t);
  const saved = await saveFigure(spec, { dir, name: "stamped", timestamp: true, git: false });
  assert.match(saved.manifest.createdAt ?? "", /^\d{4}-\d\d-\d\dT/);
  await assert.rejects(saveFigure(spec, { dir, name: "../escape" }), /invalid saveFigure name: "..\/escape"/);
  await assert.rejects(saveFigure(spec, { dir, name: "" }), /invalid saveFigure name/);
});

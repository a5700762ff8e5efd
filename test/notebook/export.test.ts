// nbconvert 6.5 (Debian 12) exports chart outputs with a picture: without any config it picks
// text/markdown (the PNG as <img>) over the SVG whose content its clean_html strips; with the
// repo's config (jupyter/config/jupyter_nbconvert_config.json) it picks the PNG. A notebook is
// built from a real chart bundle (lib/display/show.ts), no kernel needed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { lineChart } from "../../lib/charts";
import { chartBundle } from "../../lib/display/show";
import { jupyterEnv } from "../../lib/notebook/jupyter-env";
import { serializeNotebook, type Notebook } from "../../lib/notebook/nbformat";
import { JUPYTER, needs, tools } from "./tools";

const root = resolve(__dirname, "..", "..", "..");

function exportHtml(dir: string, notebook: string, withRepoConfig: boolean): string {
  const state = mkdtempSync(join(dir, "state-"));
  const env: NodeJS.ProcessEnv = { ...process.env, JUPYTER_CONFIG_DIR: join(state, "config"), JUPYTER_DATA_DIR: join(state, "data"), JUPYTER_RUNTIME_DIR: join(state, "runtime") };
  delete env.JUPYTER_CONFIG_PATH;
  delete env.JUPYTER_PATH;
  if (withRepoConfig) Object.assign(env, jupyterEnv(root), { JUPYTER_CONFIG_DIR: env.JUPYTER_CONFIG_DIR });
  const out = join(dir, withRepoConfig ? "repo" : "plain");
  mkdirSync(out);
  const run = spawnSync(JUPYTER, ["nbconvert", "--to", "html", "--output-dir", out, notebook], { env, encoding: "utf8", timeout: 120_000 });
  assert.equal(run.status, 0, run.stderr);
  return readFileSync(join(out, "chart.html"), "utf8");
}

test("nbconvert --to html shows a chart output as its PNG, with the repo's config and without any", { timeout: 240_000 }, async (t) => {
  if (!needs(t, tools.nbconvert)) return;
  mkdirSync(join(root, "test-artifacts"), { recursive: true });
  const dir = mkdtempSync(join(root, "test-artifacts", "export-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const spec = lineChart([{ x: 0, y: 1 }, { x: 1, y: 3 }, { x: 2, y: 2 }], { x: "x", y: "y", title: "Export check" });
  const bundle = await chartBundle(spec);
  const png = bundle.data["image/png"] as string;
  const nb: Notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [{ id: "chart", cell_type: "code", metadata: {}, source: "await show(spec);", execution_count: 1, outputs: [{ output_type: "display_data", data: bundle.data, metadata: bundle.metadata }] }],
  };
  const path = join(dir, "chart.ipynb");
  writeFileSync(path, serializeNotebook(nb));
  for (const withRepoConfig of [false, true]) {
    const html = exportHtml(dir, path, withRepoConfig);
    const shown = withRepoConfig ? "image/png" : "text/markdown";
    assert.ok(html.includes(`<img src="data:image/png;base64,${png}"`), `${withRepoConfig ? "repo config" : "no config"}: the PNG is in the HTML`);
    assert.match(html, new RegExp(`data-mime-type="${shown.replace("/", "\\/")}"|jp-RenderedImage`), `chosen: ${shown}`);
    assert.doesNotMatch(html, /data-mime-type="image\/svg\+xml"/, "the SVG (stripped by nbconvert) is not what is shown");
  }
});

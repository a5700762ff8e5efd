// The notebooks as a researcher meets them: the project's Jupyter (Debian's classic Notebook 6.4)
// on 127.0.0.1 with a token, driven in headless Chromium (Debian's, via playwright-core; no
// browser download). For every notebook git tracks: Cell > Run All, no error or stderr output,
// every chart present as a non-empty image. Kernel > Interrupt of a long sweep returns the kernel
// to idle with its worker threads gone and no CPU used. The nbconvert HTML of each executed
// notebook, with the repo's config and without any, shows every chart as a non-blank image (and
// prints to PDF from the browser: Debian 12's nbconvert has neither webpdf nor XeLaTeX).
// Screenshots go to test-artifacts/browser/ (git-ignored; CI keeps them as artifacts).
// Needs jupyter-notebook, jupyter-nbconvert, jupyter-client and chromium (apt) and playwright-core
// (npm): skipped without them on a developer machine, failed under CI=true (test/notebook/tools.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { jupyterEnv } from "../../lib/notebook/jupyter-env";
import { serializeNotebook, type Notebook } from "../../lib/notebook/nbformat";
import { CHROMIUM, JUPYTER, needs, tools } from "../notebook/tools";
import { cpuSeconds, kernelPids, startJupyter, threadCount, type JupyterServer } from "./jupyter-server";

// These names are evaluated in the page (page.evaluate), not in Node; the project compiles without the DOM lib.
declare const window: any;
declare const document: any;
type Element = any;
type HTMLElement = any;
type HTMLImageElement = any;

const root = resolve(__dirname, "..", "..", "..");
const artifacts = join(root, "test-artifacts", "browser");
const VEGALITE = "application/vnd.vegalite.v5+json";
/** The flags that make Debian's Chromium behave headless in a container (toolchain notes). */
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

function trackedNotebooks(): string[] {
  return execFileSync("git", ["ls-files", "--", "*.ipynb"], { cwd: join(root, "notebooks"), encoding: "utf8" })
    .split("\n")
    .filter((f) => f.endsWith(".ipynb") && !f.includes("/"));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Session {
  server: JupyterServer;
  browser: Browser;
  work: string;
}

let session: Session | undefined;

async function open(t: import("node:test").TestContext): Promise<Session | undefined> {
  if (!needs(t, tools.notebook, tools.nbconvert, tools.kernelspec, tools.chromium, tools.playwright)) return undefined;
  if (session) return session;
  mkdirSync(artifacts, { recursive: true });
  // Copies, so Jupyter's autosave never touches the committed notebooks; "../figures" of the
  // notebooks then lands in the copy's folder too.
  const work = mkdtempSync(join(root, "test-artifacts", "browser-run-"));
  mkdirSync(join(work, "notebooks"));
  for (const name of trackedNotebooks()) copyFileSync(join(root, "notebooks", name), join(work, "notebooks", name));
  const server = await startJupyter({ jupyter: JUPYTER, root, notebookDir: join(work, "notebooks"), stateDir: join(work, "jupyter-state") });
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  session = { server, browser, work };
  return session;
}

test.after(async () => {
  if (!session) return;
  await session.browser.close();
  await session.server.stop();
  const discarded = /discarding \d+ buffered messages/i.exec(session.server.log());
  rmSync(session.work, { recursive: true, force: true });
  assert.equal(discarded, null, "the server discarded buffered output at shutdown (a cell kept producing after it ended)");
});

/** Opens a notebook in the classic UI and waits for its kernel. */
async function openNotebook(s: Session, name: string): Promise<Page> {
  const page = await s.browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("pageerror", (err) => console.log(`# page error in ${name}: ${err.message}`));
  await page.goto(`${s.server.url}/notebooks/${encodeURIComponent(name)}?token=${s.server.token}`);
  await page.waitForFunction(() => {
    const nb = (window as any).Jupyter?.notebook;
    const idle = document.querySelector("#kernel_indicator_icon")?.classList.contains("kernel_idle_icon");
    return nb?.kernel?.is_connected?.() && nb.kernel.info_reply?.language_info && idle;
  }, null, { timeout: 90_000 });
  return page;
}

/** Clicks a menu item (Cell > Run All: "#celllink", "#run_all_cells"). */
async function menu(page: Page, menuId: string, itemId: string): Promise<void> {
  await page.click(`#${menuId}`);
  await page.click(`#${itemId}`);
}

/** Waits until no cell is queued or running ("*") and the kernel is idle, for a quiet half second. */
async function untilIdle(page: Page, timeoutMs: number): Promise<void> {
  await page.waitForFunction(
    () => {
      const w = window as any;
      const busy = w.Jupyter.notebook.get_cells().some((c: any) => c.cell_type === "code" && c.input_prompt_number === "*");
      const idle = document.querySelector("#kernel_indicator_icon")?.classList.contains("kernel_idle_icon");
      const now = Date.now();
      if (busy || !idle) w.__busySince = now;
      return now - (w.__busySince ?? 0) > 500;
    },
    null,
    { timeout: timeoutMs, polling: 100 },
  );
}

/** The page as shown, plus each image output on its own (<path>-output-<i>.png): the classic UI scrolls inside #site. */
async function notebookScreenshot(page: Page, path: string): Promise<void> {
  await page.screenshot({ path });
  const images = page.locator(".output_subarea img");
  const count = await images.count();
  for (let i = 0; i < count; i++) await images.nth(i).screenshot({ path: path.replace(/\.png$/, `-output-${i + 1}.png`) });
}

/** Ends the notebook's session and kernel (as File > Close and Halt), so nothing outlives the page. */
async function shutdownKernel(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => (window as any).Jupyter.notebook.session.delete(() => resolve(), () => resolve()))).catch(() => {});
}

interface PageReport {
  errors: string[];
  stderr: string[];
  charts: number;
  /** Images (img with pixels, or svg) inside outputs, at least 50 px wide. */
  images: number;
  unexecuted: number;
}

async function report(page: Page): Promise<PageReport> {
  return page.evaluate((vegalite) => {
    const w = window as any;
    const cells = w.Jupyter.notebook.get_cells().filter((c: any) => c.cell_type === "code" && c.get_text().trim() !== "");
    const outputs = cells.flatMap((c: any) => c.output_area.outputs);
    const visible = (el: Element) => el.getBoundingClientRect().width >= 50;
    const images = [...document.querySelectorAll(".output_subarea img, .output_subarea svg")].filter(
      (el) => visible(el) && (el.tagName.toLowerCase() !== "img" || (el as HTMLImageElement).naturalWidth > 0),
    );
    return {
      errors: [...document.querySelectorAll(".output_error")].map((e) => (e as HTMLElement).innerText),
      stderr: [...document.querySelectorAll(".output_stderr")].map((e) => (e as HTMLElement).innerText),
      charts: outputs.filter((o: any) => o.data && o.data[vegalite]).length,
      images: images.length,
      unexecuted: cells.filter((c: any) => typeof c.input_prompt_number !== "number").length,
    };
  }, VEGALITE);
}

const executedNotebooks: string[] = [];

for (const name of trackedNotebooks()) {
  test(`browser: ${name} runs all cells in the classic Notebook with no error output and every chart as an image`, { timeout: 600_000 }, async (t) => {
    const s = await open(t);
    if (!s) return;
    const page = await openNotebook(s, name);
    try {
      await menu(page, "celllink", "run_all_cells");
      await sleep(1000);
      await untilIdle(page, 540_000);
      const r = await report(page);
      await notebookScreenshot(page, join(artifacts, `${name}.png`));
      assert.deepEqual(r.errors, [], `${name}: error outputs`);
      assert.deepEqual(r.stderr, [], `${name}: stderr outputs (errors, or info that belongs on stdout)`);
      assert.equal(r.unexecuted, 0, `${name}: code cells without an execution count`);
      assert.ok(r.images >= r.charts, `${name}: ${r.charts} charts but ${r.images} images in the page`);
      await page.evaluate(() => (window as any).Jupyter.notebook.save_notebook());
      await sleep(500);
      executedNotebooks.push(join(s.work, "notebooks", name));
    } finally {
      await shutdownKernel(page);
      await page.close();
    }
  });
}

test("browser: Kernel > Interrupt of a long sweep returns the kernel to idle within seconds, workers gone, no CPU used; the rerun resumes", { timeout: 300_000 }, async (t) => {
  const s = await open(t);
  if (!s) return;
  const dataDir = join(s.work, "interrupt-data");
  const cell = (id: string, source: string) => ({ id, cell_type: "code" as const, metadata: {}, source, execution_count: null, outputs: [] });
  // 24 units of ~0.1-0.3 s on 2 workers: the interrupt comes after the second unit is stored.
  const nb: Notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { display_name: "TypeScript (consensus-lab)", language: "typescript", name: "tslab" } },
    cells: [
      cell("import", `import { runSweep, selfishMining, range } from "consensus-lab";`),
      cell("sweep", `const result = await runSweep(selfishMining, { alpha: range(0.05, 0.45, 0.05), blocks: [1e7] }, { replicates: 3, seed: 5, workers: 2, dataDir: ${JSON.stringify(dataDir)} });\nconsole.log("rows", result.rows.numRows());`),
    ],
  };
  writeFileSync(join(s.work, "notebooks", "interrupt.ipynb"), serializeNotebook(nb));
  const before = new Set(kernelPids(s.server.process.pid!));
  const page = await openNotebook(s, "interrupt.ipynb");
  try {
    const [pid, ...others] = kernelPids(s.server.process.pid!).filter((p) => !before.has(p));
    assert.ok(pid !== undefined && others.length === 0, "exactly one new tslab kernel process for this notebook");
    const idleThreads = threadCount(pid);
    await menu(page, "celllink", "run_all_cells");
    const journal = () => {
      const base = join(dataDir, "sweeps", "selfish-mining");
      const [id] = existsSync(base) ? readdirSync(base) : [];
      const path = id && join(base, id, "journal.jsonl");
      return path && existsSync(path) ? readFileSync(path, "utf8").split("\n").filter(Boolean).length - 1 : 0;
    };
    const deadline = Date.now() + 120_000;
    while (journal() < 2 && Date.now() < deadline) await sleep(50);
    assert.equal(threadCount(pid), idleThreads + 2, "two worker threads while the sweep runs");
    const t0 = Date.now();
    await menu(page, "kernellink", "int_kernel");
    await untilIdle(page, 10_000);
    const idleAfterMs = Date.now() - t0;
    const text = await page.evaluate(() => (document.querySelectorAll(".cell")[1] as HTMLElement).innerText);
    await notebookScreenshot(page, join(artifacts, "interrupt.png"));
    assert.ok(idleAfterMs < 3000, `kernel idle ${idleAfterMs} ms after Kernel > Interrupt (allowed: < 3000, including the UI's polling)`);
    assert.match(text, /SweepInterruptedError: interrupted: \d+ of 24 units are stored in .*; run the cell again to resume/);
    assert.doesNotMatch(text, /Interrupted asynchronously/);
    await sleep(200);
    assert.equal(threadCount(pid), idleThreads, "worker threads terminated");
    const cpu0 = cpuSeconds(pid);
    await sleep(1000);
    const busy = cpuSeconds(pid) - cpu0;
    assert.ok(busy < 0.3, `the kernel used ${busy.toFixed(2)} CPU s in the second after the interrupt (a worker left running uses ~1)`);

    await page.evaluate(() => {
      const nb = (window as any).Jupyter.notebook;
      nb.select(1);
      nb.execute_selected_cells();
    });
    await sleep(500);
    await untilIdle(page, 120_000);
    const rerun = await page.evaluate(() => (document.querySelectorAll(".cell")[1] as HTMLElement).innerText);
    assert.match(rerun, /resuming selfish-mining \w+: \d+ of 24 units already stored/);
    assert.match(rerun, /rows 24/);
  } finally {
    await shutdownKernel(page);
    await page.close();
  }
});

/** nbconvert --to html with the repo's Jupyter config, or with none (what a user's plain Jupyter does). */
function nbconvertHtml(notebook: string, outDir: string, withRepoConfig: boolean): string {
  const state = mkdtempSync(join(outDir, "state-"));
  const base: NodeJS.ProcessEnv = { ...process.env, JUPYTER_CONFIG_DIR: join(state, "config"), JUPYTER_DATA_DIR: join(state, "data"), JUPYTER_RUNTIME_DIR: join(state, "runtime"), PYDEVD_DISABLE_FILE_VALIDATION: "1" };
  delete base.JUPYTER_CONFIG_PATH;
  delete base.JUPYTER_PATH;
  const env = withRepoConfig ? { ...base, ...jupyterEnv(root), JUPYTER_CONFIG_DIR: base.JUPYTER_CONFIG_DIR } : base;
  const run = spawnSync(JUPYTER, ["nbconvert", "--to", "html", "--output-dir", outDir, notebook], { env, encoding: "utf8", timeout: 120_000 });
  assert.equal(run.status, 0, run.stderr);
  const html = join(outDir, notebook.replace(/^.*[\\/]/, "").replace(/\.ipynb$/, ".html"));
  assert.ok(existsSync(html), run.stderr);
  return html;
}

test("browser: the nbconvert HTML of each executed notebook shows every chart as a non-blank image, with the repo's config and without", { timeout: 300_000 }, async (t) => {
  const s = await open(t);
  if (!s) return;
  assert.ok(executedNotebooks.length > 0, "the notebooks ran in the browser first");
  for (const notebook of executedNotebooks) {
    const charts = (JSON.parse(readFileSync(notebook, "utf8")) as Notebook).cells.flatMap((c) => (c.cell_type === "code" ? c.outputs : [])).filter((o) => "data" in o && VEGALITE in o.data).length;
    for (const withRepoConfig of [true, false]) {
      const outDir = join(s.work, withRepoConfig ? "html-repo-config" : "html-no-config");
      mkdirSync(outDir, { recursive: true });
      const html = nbconvertHtml(notebook, outDir, withRepoConfig);
      const page = await s.browser.newPage({ viewport: { width: 1280, height: 900 } });
      try {
        await page.goto(`file://${html}`);
        await page.waitForLoadState("load");
        // Each image: decoded, and not blank (at least 1% of its pixels differ from white).
        const images = await page.evaluate(() =>
          [...document.querySelectorAll(".jp-OutputArea-output img, .jp-OutputArea-output svg")].map((el) => {
            if (el.tagName.toLowerCase() === "svg") return { kind: "svg", ok: el.querySelectorAll("path, rect, line, text").length > 0 };
            const img = el as HTMLImageElement;
            if (!img.complete || img.naturalWidth === 0) return { kind: "img", ok: false };
            const canvas = document.createElement("canvas");
            canvas.width = img.naturalWidth;
            canvas.height = img.naturalHeight;
            const ctx = canvas.getContext("2d")!;
            ctx.drawImage(img, 0, 0);
            const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
            let ink = 0;
            for (let i = 0; i < px.length; i += 4) if (px[i] < 240 || px[i + 1] < 240 || px[i + 2] < 240) ink++;
            return { kind: "img", ok: ink / (px.length / 4) > 0.01 };
          }),
        );
        const label = `${notebook.replace(/^.*[\\/]/, "")} (${withRepoConfig ? "repo config" : "no config"})`;
        await page.screenshot({ path: join(artifacts, `${label.replace(/[^\w.-]+/g, "_")}.html.png`), fullPage: true });
        const good = images.filter((i) => i.ok).length;
        assert.ok(charts > 0 ? good >= charts : true, `${label}: ${charts} charts, ${good} non-blank images (${JSON.stringify(images)})`);
        assert.equal(images.filter((i) => !i.ok).length, 0, `${label}: blank or broken images`);
        if (withRepoConfig) {
          // Debian 12's nbconvert has no webpdf (pyppeteer) and pdf needs XeLaTeX; the browser prints the HTML export.
          const pdf = await page.pdf({ path: join(artifacts, `${label.replace(/[^\w.-]+/g, "_")}.pdf`), format: "A4" });
          assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-");
          assert.ok(pdf.length > 20_000, `${label}: printed PDF of ${pdf.length} bytes`);
        }
      } finally {
        await page.close();
      }
    }
  }
});

/**
 * Every notebook in notebooks/ runs top to bottom headless against the real
 * tslab kernel. Its committed outputs must be what the code produces now: the
 * text of every output (streams, text/plain) is compared with a fresh run, so
 * a notebook whose results were pasted or went stale fails here. Refresh with
 * `npx consensus-lab notebooks`. Only the notebooks git tracks are run.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runNotebook } from "../../lib/notebook/run-notebook";

const NOTEBOOKS = resolve(__dirname, "..", "..", "..", "notebooks");

interface Output {
  output_type: string;
  text?: string | string[];
  data?: Record<string, unknown>;
}
interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: Output[];
}

const join_ = (t: string | string[] | undefined) => (Array.isArray(t) ? t.join("") : (t ?? ""));

/** The text a reader sees, per code cell. */
function outputText(path: string): string[] {
  const nb = JSON.parse(readFileSync(path, "utf8")) as { cells: Cell[] };
  return nb.cells
    .filter((c) => c.cell_type === "code")
    .map((c) => (c.outputs ?? []).map((o) => (o.output_type === "stream" ? join_(o.text) : o.output_type + ":" + join_(o.data?.["text/plain"] as string[]))).join(""));
}

/**
 * The notebooks git tracks in notebooks/ (not scratch notebooks: notebooks/scratch/ is git-ignored
 * and an untracked Untitled.ipynb saved next to them is not run). Outside a git checkout (a
 * tarball), the *.ipynb files directly in notebooks/.
 */
function trackedNotebooks(): string[] {
  const git = spawnSync("git", ["ls-files", "--", "*.ipynb"], { cwd: NOTEBOOKS, encoding: "utf8" });
  if (git.status === 0) return git.stdout.split("\n").filter((f) => f.endsWith(".ipynb") && !f.includes("/")).sort();
  return readdirSync(NOTEBOOKS).filter((f) => f.endsWith(".ipynb")).sort();
}

const notebooks = trackedNotebooks();

test("there are notebooks to run", () => {
  assert.ok(notebooks.length >= 1);
});

for (const name of notebooks) {
  test(`notebook ${name} runs headless and reproduces its committed outputs`, { timeout: 600_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "cl-nb-"));
    try {
      const input = join(NOTEBOOKS, name);
      const out = join(dir, name);
      const result = await runNotebook(input, { outPath: out });
      assert.deepEqual(result.warnings, []);
      const nb = JSON.parse(readFileSync(out, "utf8")) as { cells: Cell[] };
      const errors = nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === "error");
      assert.equal(errors.length, 0);
      assert.ok(nb.cells.some((c) => c.cell_type === "markdown"), "a notebook tells its story in markdown");
      const fresh = outputText(out);
      const committed = outputText(input);
      fresh.forEach((text, i) => assert.equal(committed[i], text, `${name}: code cell ${i + 1} output differs from a fresh run (refresh with npx consensus-lab notebooks)`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

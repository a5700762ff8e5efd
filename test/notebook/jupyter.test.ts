// `consensus-lab jupyter`: the environment and command it would run (no server is started).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { findJupyter, jupyterCandidates, jupyterEnv } from "../../lib/notebook/jupyter-env";

const root = resolve(__dirname, "..", "..", "..");
const cli = join(root, "bin", "consensus-lab.js");

test("the repo's kernelspec runs tslab with the connection file", () => {
  const spec = JSON.parse(readFileSync(join(root, "jupyter", "kernels", "tslab", "kernel.json"), "utf8"));
  assert.deepEqual(spec, {
    argv: ["tslab", "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript (consensus-lab)",
    language: "typescript",
  });
});

test("jupyter --dry-run prints JUPYTER_PATH, PATH with node_modules/.bin, state under .jupyter/, and the notebooks folder", () => {
  const run = spawnSync(process.execPath, [cli, "jupyter", "--dry-run"], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  const out = run.stdout;
  assert.match(out, new RegExp(`^export JUPYTER_PATH="${escape(join(root, "jupyter"))}`, "m"));
  assert.match(out, new RegExp(`^export PATH="${escape(join(root, "jupyter", "bin"))}:${escape(join(root, "node_modules", ".bin"))}`, "m"));
  for (const name of ["config", "data", "runtime"])
    assert.match(out, new RegExp(`^export JUPYTER_${name.toUpperCase()}_DIR=${escape(join(root, ".jupyter", name))}$`, "m"));
  assert.match(out, new RegExp(`^# notebooks: ${escape(join(root, "notebooks"))}$`, "m"));
  // Either the Jupyter command with --notebook-dir, or how to install one.
  assert.match(out, new RegExp(`--notebook-dir=${escape(join(root, "notebooks"))}|no Jupyter found[\\s\\S]*pip install jupyterlab`));
});

test("jupyter --print-env output, evaluated by a shell, lets Jupyter's variables extend the current ones", () => {
  const run = spawnSync(process.execPath, [cli, "jupyter", "--print-env"], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  const shell = spawnSync("sh", ["-c", `${run.stdout}\nprintf '%s\\n' "$JUPYTER_PATH" "$PATH"`], {
    encoding: "utf8",
    env: { PATH: "/usr/bin:/bin", JUPYTER_PATH: "/elsewhere" },
  });
  assert.deepEqual(shell.stdout.trim().split("\n"), [
    `${join(root, "jupyter")}:/elsewhere`,
    `${join(root, "jupyter", "bin")}:${join(root, "node_modules", ".bin")}:/usr/bin:/bin`,
  ]);
});

test("findJupyter prefers jupyter-lab, and skips a candidate that does not run (e.g. a pyenv shim without it)", (t) => {
  const bin = mkdtempSync(join(tmpdir(), "consensus-lab-fake-jupyter-"));
  t.after(() => rmSync(bin, { recursive: true, force: true }));
  const fake = (name: string, status: number) => {
    writeFileSync(join(bin, name), `#!/bin/sh\nexit ${status}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  fake("jupyter-lab", 0);
  fake("jupyter-notebook", 0);
  const env = { PATH: bin };
  assert.deepEqual(jupyterCandidates(bin).slice(0, 2).map((a) => [a.kind, a.command]), [
    ["lab", join(bin, "jupyter-lab")],
    ["notebook", join(bin, "jupyter-notebook")],
  ]);
  assert.equal(findJupyter(env)?.command, join(bin, "jupyter-lab"));
  assert.equal(findJupyter(env, "notebook")?.command, join(bin, "jupyter-notebook"));
  fake("jupyter-lab", 127); // a shim whose Python lacks JupyterLab
  assert.equal(findJupyter(env)?.command, join(bin, "jupyter-notebook"));
});

test("jupyterEnv keeps an existing JUPYTER_PATH after the repo's", () => {
  const env = jupyterEnv("/repo", { PATH: "/usr/bin", JUPYTER_PATH: "/other" });
  assert.equal(env.JUPYTER_PATH, "/repo/jupyter:/other");
  assert.equal(env.JUPYTER_CONFIG_PATH, "/repo/jupyter/config");
  assert.equal(env.PATH, "/repo/jupyter/bin:/repo/node_modules/.bin:/usr/bin");
  assert.equal(env.JUPYTER_RUNTIME_DIR, "/repo/.jupyter/runtime");
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

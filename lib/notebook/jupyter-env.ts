/**
 * The environment that points Jupyter at the repo's own tslab kernelspec, without any install
 * step and without touching the home folder:
 *
 *   JUPYTER_PATH         <root>/jupyter               (jupyter/kernels/tslab/kernel.json)
 *   JUPYTER_CONFIG_PATH  <root>/jupyter/config       (server settings: tslab sends one iopub message per
 *                                                     console write, so the 1000 msgs/s rate limit is raised)
 *   PATH                 <root>/jupyter/bin:<root>/node_modules/.bin:...  (the kernelspec runs `tslab`:
 *                        jupyter/bin/tslab is the repo's tslab with kernel-preload.js, so bursts of
 *                        output are not dropped; node_modules/.bin/tslab is the fallback)
 *   JUPYTER_CONFIG_DIR   <root>/.jupyter/config       (git-ignored)
 *   JUPYTER_DATA_DIR     <root>/.jupyter/data
 *   JUPYTER_RUNTIME_DIR  <root>/.jupyter/runtime
 *
 * And where Jupyter is: `jupyter-lab`, else classic `jupyter-notebook`, on PATH or Debian's
 * /usr/bin (Debian's Jupyter runs on /usr/bin/python3, which may not be the python3 on PATH; a
 * pyenv shim may exist for a version that lacks the program, so candidates are probed).
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";

/** The checkout's root (this file is dist/lib/notebook/jupyter-env.js). */
export function projectRoot(): string {
  return resolve(__dirname, "..", "..", "..");
}

export const KERNEL_DISPLAY_NAME = "TypeScript (consensus-lab)";

/** The variables to add to the environment for Jupyter and its kernels. */
export function jupyterEnv(root = projectRoot(), base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const state = join(root, ".jupyter");
  return {
    JUPYTER_PATH: [join(root, "jupyter"), base.JUPYTER_PATH].filter(Boolean).join(delimiter),
    JUPYTER_CONFIG_PATH: [join(root, "jupyter", "config"), base.JUPYTER_CONFIG_PATH].filter(Boolean).join(delimiter),
    PATH: [join(root, "jupyter", "bin"), join(root, "node_modules", ".bin"), base.PATH].filter(Boolean).join(delimiter),
    JUPYTER_CONFIG_DIR: join(state, "config"),
    JUPYTER_DATA_DIR: join(state, "data"),
    JUPYTER_RUNTIME_DIR: join(state, "runtime"),
  };
}

export interface JupyterApp {
  /** "lab" (JupyterLab) or "notebook" (classic Notebook). */
  kind: "lab" | "notebook";
  command: string;
  /** Arguments before ours (e.g. ["notebook"] for `/usr/bin/jupyter notebook`). */
  args: string[];
}

/** Candidates in order of preference; each is probed with `--version`. */
export function jupyterCandidates(path = process.env.PATH ?? ""): JupyterApp[] {
  const onPath = (name: string) =>
    path
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, name))
      .filter(isExecutable);
  const unique = new Set<string>();
  const out: JupyterApp[] = [];
  const add = (app: JupyterApp) => {
    const key = [app.command, ...app.args].join(" ");
    if (!unique.has(key)) out.push(app), unique.add(key);
  };
  for (const command of onPath("jupyter-lab")) add({ kind: "lab", command, args: [] });
  for (const command of onPath("jupyter-notebook")) add({ kind: "notebook", command, args: [] });
  if (isExecutable("/usr/bin/jupyter-notebook")) add({ kind: "notebook", command: "/usr/bin/jupyter-notebook", args: [] });
  if (isExecutable("/usr/bin/jupyter")) add({ kind: "notebook", command: "/usr/bin/jupyter", args: ["notebook"] });
  return out;
}

/** The first candidate that runs (`--version` exits 0), or undefined when none does. */
export function findJupyter(env: NodeJS.ProcessEnv = process.env, prefer: JupyterApp["kind"] = "lab"): JupyterApp | undefined {
  const candidates = jupyterCandidates(env.PATH);
  const ordered = [...candidates.filter((a) => a.kind === prefer), ...candidates.filter((a) => a.kind !== prefer)];
  for (const app of ordered) {
    const probe = spawnSync(app.command, [...app.args, "--version"], { env, stdio: "ignore", timeout: 20_000 });
    if (probe.status === 0) return app;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return existsSync(file);
  } catch {
    return false;
  }
}

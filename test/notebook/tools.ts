// Optional tools for tests (Debian's Jupyter, Chromium, ...): a test names everything it needs;
// when something is missing it says what and how to install it, and SKIPS on a developer machine
// but FAILS under CI=true (CI installs them: .ci/run), so a broken CI setup cannot pass by skipping.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import type { TestContext } from "node:test";

export interface Tool {
  /** What it is, e.g. "jupyter nbconvert". */
  name: string;
  /** How to get it, e.g. "apt-get install jupyter-nbconvert". */
  install: string;
  /** True when it is there and runs. */
  present(): boolean;
}

/** Debian's Jupyter runs on /usr/bin/python3; JUPYTER=/path/to/jupyter overrides. */
export const JUPYTER = process.env.JUPYTER ?? "/usr/bin/jupyter";
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

const cache = new Map<string, boolean>();
function runs(command: string, args: string[]): boolean {
  const key = [command, ...args].join(" ");
  if (!cache.has(key)) {
    const ok = existsSync(command) && spawnSync(command, args, { stdio: "ignore", timeout: 60_000, env: { ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: "1" } }).status === 0;
    cache.set(key, ok);
  }
  return cache.get(key)!;
}

export const tools = {
  nbconvert: { name: `${JUPYTER} nbconvert`, install: "apt-get install jupyter-nbconvert", present: () => runs(JUPYTER, ["nbconvert", "--version"]) },
  kernelspec: { name: `${JUPYTER} kernelspec (jupyter-client)`, install: "apt-get install jupyter-client", present: () => runs(JUPYTER, ["kernelspec", "--version"]) },
  notebook: { name: `${JUPYTER} notebook (classic Notebook 6)`, install: "apt-get install jupyter-notebook", present: () => runs(JUPYTER, ["notebook", "--version"]) },
  nbformat: { name: "nbformat for /usr/bin/python3", install: "apt-get install python3-nbformat (comes with jupyter-nbconvert)", present: () => runs("/usr/bin/python3", ["-c", "import nbformat"]) },
  chromium: { name: CHROMIUM, install: "apt-get install chromium", present: () => runs(CHROMIUM, ["--version"]) },
  playwright: {
    name: "playwright-core (npm)",
    install: "npm install (it is a devDependency)",
    present: () => {
      try {
        require.resolve("playwright-core");
        return true;
      } catch {
        return false;
      }
    },
  },
} satisfies Record<string, Tool>;

export function inCI(): boolean {
  return process.env.CI === "true" || process.env.CI === "1";
}

/**
 * True when every tool is present. Otherwise: under CI fails the test naming what is missing;
 * elsewhere skips it with the same message and returns false (the caller returns).
 */
export function needs(t: TestContext, ...required: Tool[]): boolean {
  const missing = required.filter((tool) => !tool.present());
  if (missing.length === 0) return true;
  const message = `missing ${missing.map((m) => `${m.name} (${m.install})`).join(", ")}`;
  if (inCI()) assert.fail(`${message}; CI=true, so this fails instead of skipping (.ci/run installs them)`);
  console.log(`# skipped: ${message}`);
  t.skip(message);
  return false;
}

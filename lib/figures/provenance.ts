/**
 * Where a figure came from: the library's version (package.json), the git
 * commit of the project checkout (with a dirty flag), Node's version and the
 * versions of the renderers whose output bytes the figure depends on.
 * Nothing time-dependent, so reruns give identical manifests.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

let root: string | undefined;

/** The folder holding consensus-lab's package.json (found upward from this file). */
export function projectRoot(): string {
  if (root === undefined) {
    let dir = __dirname;
    for (;;) {
      const pkg = path.join(dir, "package.json");
      if (existsSync(pkg) && JSON.parse(readFileSync(pkg, "utf8")).name === "consensus-lab") break;
      const up = path.dirname(dir);
      if (up === dir) throw new Error(`cannot find consensus-lab's package.json above ${__dirname}`);
      dir = up;
    }
    root = dir;
  }
  return root;
}

export function libraryVersion(): { name: string; version: string } {
  const pkg = JSON.parse(readFileSync(path.join(projectRoot(), "package.json"), "utf8"));
  return { name: pkg.name, version: pkg.version };
}

export interface GitState {
  commit: string;
  /** Tracked files differ from the commit (untracked files and `exclude` are ignored). */
  dirty: boolean;
}

function git(args: string[], cwd: string): string | undefined {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 10_000 }).trim();
  } catch {
    return undefined;
  }
}

/**
 * Commit and dirty flag of the checkout at `dir` (default: the project root),
 * or null when it is not a git checkout or git is missing. `exclude` (e.g. the
 * figure output folder) does not count as a change, so a rerun that rewrites
 * tracked figures records the same state.
 */
export function gitState(dir = projectRoot(), exclude?: string): GitState | null {
  const top = git(["rev-parse", "--show-toplevel"], dir);
  const commit = git(["rev-parse", "HEAD"], dir);
  if (!top || !commit) return null;
  const args = ["status", "--porcelain", "--untracked-files=no", "--", "."];
  if (exclude) {
    const rel = path.relative(top, path.resolve(exclude));
    if (rel && !rel.startsWith("..") && !path.isAbsolute(rel)) args.push(`:(exclude)${rel}`);
  }
  const status = git(args, top);
  return { commit, dirty: status === undefined ? true : status !== "" };
}

/** Versions of the packages whose output bytes a figure depends on. */
export function rendererVersions(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ["vega", "vega-lite", "@resvg/resvg-js", "pdfkit", "svg-to-pdfkit", "dejavu-fonts-ttf"]) {
    try {
      out[name] = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")).version;
    } catch {
      out[name] = "unknown";
    }
  }
  return out;
}

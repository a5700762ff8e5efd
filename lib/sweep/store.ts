/**
 * Where sweeps live: `<data>/sweeps/<experiment>/<sweep id>/`, shards in
 * `shard-<i>-of-<n>/` below it. <data> is, in order: the `dataDir` option,
 * $CONSENSUS_LAB_DATA, or the project's `data/` folder (`./data` when the
 * library is installed as a dependency inside node_modules).
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { PROJECT_ROOT } from "./code-hash";
import { MANIFEST } from "./manifest";

export const DATA_ENV = "CONSENSUS_LAB_DATA";

export function dataRoot(dataDir?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (dataDir) return resolve(dataDir);
  if (env[DATA_ENV]) return resolve(env[DATA_ENV] as string);
  return PROJECT_ROOT.split(sep).includes("node_modules") ? resolve("data") : join(PROJECT_ROOT, "data");
}

export function sweepsRoot(dataDir?: string): string {
  return join(dataRoot(dataDir), "sweeps");
}

/**
 * The folder of a sweep named by a path (folder or its manifest), an id
 * (or a unique prefix of at least 6 hex digits), or "<experiment>/<id>".
 */
export function findSweepDir(ref: string, dataDir?: string): string {
  const asPath = resolve(ref);
  if (existsSync(asPath)) {
    if (statSync(asPath).isDirectory()) return asPath;
    if (asPath.endsWith(MANIFEST)) return resolve(asPath, "..");
  }
  const m = /^(?:([a-z][a-z0-9-]*)\/)?([0-9a-f]{6,16})$/.exec(ref);
  if (!m) throw new RangeError(`no sweep at ${JSON.stringify(ref)} (allowed: a sweep folder, a sweep id, or <experiment>/<id>)`);
  const root = sweepsRoot(dataDir);
  const experiments = m[1] ? [m[1]] : existsSync(root) ? readdirSync(root) : [];
  const found: string[] = [];
  for (const e of experiments) {
    const dir = join(root, e);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
    for (const id of readdirSync(dir)) if (id.startsWith(m[2]) && existsSync(join(dir, id, MANIFEST))) found.push(join(dir, id));
  }
  if (found.length === 0) throw new RangeError(`no finished sweep with id ${m[2]} under ${root}`);
  if (found.length > 1) throw new RangeError(`sweep id ${m[2]} is ambiguous under ${root}: ${found.join(", ")}`);
  return found[0];
}

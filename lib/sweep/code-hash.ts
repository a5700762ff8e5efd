/**
 * The code hash of an experiment: SHA-256 over the compiled module named by
 * `experiment.source` and every module it requires transitively (outside
 * node_modules), plus the sweep's own unit runner (run-point and the seed
 * derivation). Any change to a model's code changes the hash, hence the sweep
 * id, so cached results of the old code are never reused.
 *
 * Paths enter the hash relative to the project root, so the same build hashes
 * the same on every machine (shards of one sweep on a cluster agree).
 */
import { existsSync, readFileSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import { sha256 } from "@noble/hashes/sha256";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";
import type { Experiment } from "../experiment/experiment";
import { canonicalJson } from "../random/seed";

/** The project root: the folder holding dist/ (compiled) or lib/ (sources run directly). */
export const PROJECT_ROOT = resolve(__dirname, __dirname.split(sep).includes("dist") ? "../../.." : "../..");

export interface CodeFile {
  /** Path relative to the project root, with forward slashes. */
  file: string;
  sha256: string;
}

/** Every module file `entry` loads, transitively, outside node_modules (sorted). */
export function moduleClosure(entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const stack = entries.map((e) => resolve(e));
  while (stack.length) {
    const file = stack.pop() as string;
    if (seen.has(file) || file.split(sep).includes("node_modules")) continue;
    seen.add(file);
    for (const child of require.cache[file]?.children ?? []) stack.push(child.filename);
  }
  return [...seen].sort();
}

export interface CodeHash {
  hash: string;
  files: CodeFile[];
}

/** The hash of the code that produces an experiment's rows. */
export function codeHash(experiment: Experiment): CodeHash {
  const runner = [require.resolve("./run-point"), require.resolve("../random/seed")];
  const files: CodeFile[] = [];
  for (const file of moduleClosure([...(experiment.source ? [experiment.source] : []), ...runner])) {
    if (!existsSync(file)) continue;
    files.push({ file: relative(PROJECT_ROOT, file).split(sep).join("/"), sha256: bytesToHex(sha256(readFileSync(file))) });
  }
  // The kernel's text and schema too: they cover experiments defined outside a module file (e.g. in a notebook cell).
  const extra = canonicalJson({ run: experiment.run.toString(), validate: experiment.validate?.toString() ?? null, params: experiment.params as never });
  const hash = bytesToHex(sha256(utf8ToBytes(canonicalJson({ files: files as never, extra }))));
  return { hash, files };
}

/**
 * The C reference kernels in ../shared/reference (beside the project root):
 * built on demand with make, run in the same benchmark run, their printed
 * throughput parsed so each JS kernel can report a ratio.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

export const REFERENCE_DIR = resolve(__dirname, "..", "..", "..", "shared", "reference");

export interface ReferenceRun {
  /** Full stdout of the program. */
  output: string;
  /** key=value pairs found in the output (e.g. events_per_s). */
  values: Record<string, number>;
  /** Peak RSS of the C process in MiB (from /usr/bin/time when available). */
  peakRssMB?: number;
}

/** Path of a built reference binary, building it first; undefined (with the reason) when the folder is absent. */
export function referenceBinary(program: string): { path?: string; reason?: string } {
  if (!existsSync(REFERENCE_DIR)) return { reason: `no C reference folder at ${REFERENCE_DIR}` };
  const path = join(REFERENCE_DIR, "bin", "generic", program);
  if (!existsSync(path)) {
    const made = spawnSync("make", ["-C", REFERENCE_DIR, `bin/generic/${program}`], { encoding: "utf8" });
    if (made.status !== 0) return { reason: `make failed: ${made.stderr.trim().split("\n").pop()}` };
  }
  return { path };
}

/** Run a reference program and parse its key=value output. */
export function runReference(program: string, args: string[]): ReferenceRun | { reason: string } {
  const bin = referenceBinary(program);
  if (!bin.path) return { reason: bin.reason ?? "unavailable" };
  const output = execFileSync(bin.path, args, { encoding: "utf8", maxBuffer: 64 << 20 });
  const values: Record<string, number> = {};
  for (const m of output.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=([-+0-9.eE]+)/g)) values[m[1]] = Number(m[2]);
  let peakRssMB: number | undefined;
  if (existsSync("/usr/bin/time")) {
    const timed = spawnSync("/usr/bin/time", ["-f", "%M", bin.path, ...args], { encoding: "utf8" });
    const kb = Number(timed.stderr.trim().split("\n").pop());
    if (Number.isFinite(kb)) peakRssMB = kb / 1024;
  }
  return { output, values, peakRssMB };
}

/** Median of a few timings (benchmarks repeat to tame a noisy 2-core VM). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Peak RSS of this process so far, MiB. */
export function peakRssMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

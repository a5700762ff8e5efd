/** Shared helpers for the sweep tests (not a test file itself). */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PROJECT_ROOT } from "../../lib/sweep/code-hash";

export const CLI = join(PROJECT_ROOT, "bin", "consensus-lab.js");
export const FIXTURES = resolve(__dirname, "fixtures", "experiments.js");

/** A fresh temporary folder, removed when the process exits. */
export function tempDir(prefix = "cl-sweep-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function bytes(path: string): Buffer {
  return readFileSync(path);
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the CLI to completion with extra environment variables. */
export function cli(args: readonly string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env: { ...process.env, ...env }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Start the CLI without waiting. */
export function startCli(args: readonly string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
}

/** Resolves with the exit code (or signal name) of a child. */
export function exited(child: ChildProcess): Promise<number | string> {
  return new Promise((done) => {
    if (child.exitCode !== null) return done(child.exitCode);
    if (child.signalCode !== null) return done(child.signalCode);
    child.once("exit", (code, signal) => done(code ?? (signal as string)));
  });
}

export const quiet = { progress: "none" as const, log: () => {} };

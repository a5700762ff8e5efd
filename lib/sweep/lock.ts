/**
 * One process at a time per sweep folder: a lock file created exclusively,
 * holding the owner's host and pid. A lock left by a killed process on this
 * host (its pid is gone) is taken over; a live owner is an error.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Take the lock of `dir` (which must exist); returns the release function. */
export function acquireLock(dir: string): () => void {
  const path = join(dir, "lock");
  const me = { host: hostname(), pid: process.pid };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, JSON.stringify({ ...me, startedAt: new Date().toISOString() }));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    let owner: { host?: string; pid?: number } = {};
    try {
      owner = JSON.parse(readFileSync(path, "utf8")) as typeof owner;
    } catch {
      // torn or empty: the owner died while writing it
    }
    const stale = owner.pid === undefined || (owner.host === me.host && !alive(owner.pid));
    if (!stale)
      throw new Error(`sweep folder ${dir} is in use by process ${owner.pid} on ${owner.host} (if that process is gone, delete ${path})`);
    rmSync(path, { force: true });
  }
  throw new Error(`could not take the lock ${path}`);
}

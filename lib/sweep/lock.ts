/**
 * One process at a time per sweep folder: a lock file created exclusively,
 * holding the owner's host and pid, its mtime refreshed every 10 s while the
 * owner lives. A lock is stale, and taken over, when its owner is a dead
 * process on this host, or when it has not been refreshed for 2 minutes (an
 * owner on another machine that died, e.g. a preempted cluster job whose
 * shard is requeued on another node).
 */
import { closeSync, openSync, readFileSync, rmSync, statSync, utimesSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

export const LOCK = "lock";
const HEARTBEAT_MS = 10_000;
const STALE_MS = 120_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function isStale(path: string, me: string): { stale: boolean; owner: string } {
  let owner: { host?: string; pid?: number } = {};
  let ageMs = 0;
  try {
    ageMs = Date.now() - statSync(path).mtimeMs;
    owner = JSON.parse(readFileSync(path, "utf8")) as typeof owner;
  } catch {
    // gone, torn or empty (its owner died while writing it)
  }
  const who = `process ${owner.pid ?? "?"} on ${owner.host ?? "?"}`;
  if (owner.pid === undefined || ageMs > STALE_MS) return { stale: true, owner: who };
  return { stale: owner.host === me && !alive(owner.pid), owner: who };
}

/** Take the lock of `dir` (which must exist); returns the release function. */
export function acquireLock(dir: string): () => void {
  const path = join(dir, LOCK);
  const me = hostname();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, JSON.stringify({ host: me, pid: process.pid, startedAt: new Date().toISOString() }));
      closeSync(fd);
      const heartbeat = setInterval(() => {
        try {
          const now = new Date();
          utimesSync(path, now, now);
        } catch {
          // the folder was removed under us; nothing to keep alive
        }
      }, HEARTBEAT_MS);
      heartbeat.unref();
      return () => {
        clearInterval(heartbeat);
        rmSync(path, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const { stale, owner } = isStale(path, me);
    if (!stale) throw new Error(`sweep folder ${dir} is in use by ${owner} (if that process is gone, delete ${path})`);
    rmSync(path, { force: true });
  }
  throw new Error(`could not take the lock ${path}`);
}

/**
 * Crash-safe file writes: a file either has its old content or its complete
 * new content, never a mix, whatever moment the process is killed
 * (write a temporary file, fsync it, rename it over the target, fsync the folder).
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** Replace `path` with `data` atomically (POSIX rename), durably (fsync). */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  replaceFileAtomic(path, (fd) => {
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
  });
}

/** Replace `path` with what `write` writes to the open file descriptor, atomically and durably. */
export function replaceFileAtomic(path: string, write: (fd: number) => void): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(tmp, "w");
  try {
    write(fd);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, path);
  fsyncDir(dir);
}

/** Make a rename or unlink inside `dir` durable. Some filesystems refuse; that is not an error. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // fsync on a directory is not supported everywhere (e.g. some network filesystems)
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The journal: an append-only file of finished units, one checksummed record a
 * line, so a sweep killed at any moment (SIGINT, SIGKILL, power loss after the
 * last fsync) resumes exactly where it stopped.
 *
 *   <crc32 of the JSON, 8 hex digits> <JSON>\n
 *
 * The first record names the sweep ({"journal":1,"id":...}); then one record per
 * finished unit: {"u":unit,"row":{...}} (plus "series":{...} if the kernel returned any)
 * or {"u":unit,"error":{name,message}}.
 * A record whose checksum or syntax fails (a write torn by a kill) is ignored,
 * and its unit runs again; `compactJournal` rewrites the file without it.
 * Numbers JSON cannot hold (NaN, +-Infinity, -0) are written as {"$n":"NaN"}.
 */
import { closeSync, existsSync, fsyncSync, openSync, readSync, writeSync } from "node:fs";
import * as zlib from "node:zlib";
import type { Row } from "../experiment/experiment";
import { dirname } from "node:path";
import { fsyncDir, replaceFileAtomic } from "./atomic-file";

export const JOURNAL_VERSION = 1;

export interface UnitFailure {
  name: string;
  message: string;
}

/** `series` (optional): the unit's series as plain arrays (see series.ts). */
export type JournalRecord = { u: number; row: Row; series?: Record<string, Record<string, number[]>> } | { u: number; error: UnitFailure };

const crc32: (text: string) => number =
  typeof (zlib as { crc32?: unknown }).crc32 === "function" ? (text) => zlib.crc32(text) : crc32Fallback;

/** CRC-32 (IEEE), for Node versions before zlib.crc32 (20.15). */
function crc32Fallback(text: string): number {
  const bytes = Buffer.from(text, "utf8");
  let c = ~0;
  for (let i = 0; i < bytes.length; i++) {
    c ^= bytes[i];
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === "number" && (!Number.isFinite(value) || Object.is(value, -0))) return { $n: Object.is(value, -0) ? "-0" : String(value) };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === "object" && "$n" in value) return Number((value as { $n: string }).$n);
  return value;
}

/** One journal line for a record (checksum, space, JSON, newline). */
export function encodeRecord(record: JournalRecord | { journal: number; id: string; command?: string }): string {
  const json = JSON.stringify(record, replacer);
  return `${crc32(json).toString(16).padStart(8, "0")} ${json}\n`;
}

/** The record on one line, or undefined when the line is torn or corrupt. */
export function decodeRecord(line: string): Record<string, unknown> | undefined {
  if (line.length < 10 || line[8] !== " ") return undefined;
  const json = line.slice(9);
  const sum = line.slice(0, 8);
  if (!/^[0-9a-f]{8}$/.test(sum) || Number.parseInt(sum, 16) !== crc32(json)) return undefined;
  try {
    const value = JSON.parse(json, reviver) as unknown;
    return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function isUnitRecord(r: Record<string, unknown>): r is JournalRecord {
  return Number.isSafeInteger(r.u) && (r.u as number) >= 0 && (typeof r.row === "object" || typeof r.error === "object") && (r.row ?? r.error) !== null;
}

export interface JournalScan {
  /** The sweep id in the header, if the header is intact. */
  id?: string;
  /** The command that started the sweep, if the header records it (for "resume it with ..."). */
  command?: string;
  /** Intact unit records. */
  records: number;
  /** Lines that failed their checksum or syntax (a torn tail after a kill). */
  damaged: number;
}

/**
 * Visit every intact unit record in file order. Reads in chunks, so journals
 * larger than memory-friendly strings are fine.
 */
export function readJournal(path: string, visit: (record: JournalRecord, line: Buffer) => void): JournalScan {
  const scan: JournalScan = { records: 0, damaged: 0 };
  if (!existsSync(path)) return scan;
  const fd = openSync(path, "r");
  try {
    const chunk = Buffer.allocUnsafe(1 << 22);
    let carry: Buffer = Buffer.alloc(0);
    let first = true;
    const onLine = (line: Buffer) => {
      const record = decodeRecord(line.toString("utf8"));
      if (first) {
        first = false;
        if (record && record.journal === JOURNAL_VERSION && typeof record.id === "string") {
          scan.id = record.id;
          if (typeof record.command === "string") scan.command = record.command;
          return;
        }
      }
      if (record && isUnitRecord(record)) {
        scan.records++;
        visit(record, line);
      } else scan.damaged++;
    };
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      const data = carry.length ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n);
      let start = 0;
      for (let nl = data.indexOf(10, start); nl >= 0; nl = data.indexOf(10, start)) {
        onLine(data.subarray(start, nl));
        start = nl + 1;
      }
      carry = Buffer.from(data.subarray(start));
    }
    if (carry.length) scan.damaged++; // a last line without its newline was torn
  } finally {
    closeSync(fd);
  }
  return scan;
}

/** An open journal, appended to by one process (the sweep's lock holder). */
export class Journal {
  private fd: number;
  private lastSync = Date.now();

  private constructor(
    readonly path: string,
    fd: number,
    /** Milliseconds between fsyncs; a killed process loses nothing either way (the kernel has the data), only power loss does. */
    private readonly syncIntervalMs: number,
  ) {
    this.fd = fd;
  }

  /** Open for appending; a missing file starts with the header naming `id`. */
  static open(path: string, id: string, syncIntervalMs = 1000, command?: string | null): Journal {
    const fresh = !existsSync(path);
    const fd = openSync(path, "a");
    const journal = new Journal(path, fd, syncIntervalMs);
    if (fresh) {
      journal.append(encodeRecord({ journal: JOURNAL_VERSION, id, ...(command ? { command } : {}) }));
      journal.sync();
      fsyncDir(dirname(path));
    }
    return journal;
  }

  /** Append encoded records (whole lines) in one write. */
  append(lines: string): void {
    const bytes = Buffer.from(lines, "utf8");
    let off = 0;
    while (off < bytes.length) off += writeSync(this.fd, bytes, off, bytes.length - off);
    if (Date.now() - this.lastSync >= this.syncIntervalMs) this.sync();
  }

  sync(): void {
    fsyncSync(this.fd);
    this.lastSync = Date.now();
  }

  close(): void {
    if (this.fd < 0) return;
    this.sync();
    closeSync(this.fd);
    this.fd = -1;
  }
}

/**
 * Rewrite the journal keeping the header and the records `keep` accepts (first
 * record of each unit only), atomically. Used on resume to drop torn lines and
 * failed units (which run again).
 */
export function compactJournal(path: string, id: string, keep: (record: JournalRecord) => boolean, command?: string | null): void {
  replaceFileAtomic(path, (fd) => {
    writeSync(fd, Buffer.from(encodeRecord({ journal: JOURNAL_VERSION, id, ...(command ? { command } : {}) }), "utf8"));
    const seen = new Set<number>();
    readJournal(path, (record, line) => {
      if (seen.has(record.u) || !keep(record)) return;
      seen.add(record.u);
      writeSync(fd, line);
      writeSync(fd, "\n");
    });
  });
}


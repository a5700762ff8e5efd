import { test } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { compactJournal, decodeRecord, encodeRecord, Journal, readJournal, type JournalRecord } from "../../lib/sweep/journal";
import { acquireLock } from "../../lib/sweep/lock";
import { runSweep, SweepInterruptedError } from "../../lib/sweep/run-sweep";
import type { ProgressReporter } from "../../lib/sweep/progress";
import { busy } from "./fixtures/experiments";
import { bytes, quiet, tempDir } from "./helpers";

test("records round-trip every cell value, including NaN, infinities and -0", () => {
  const row = { a: NaN, b: Infinity, c: -Infinity, d: -0, e: 0.1 + 0.2, f: "x\ny \"q\" é", g: true, h: null, i: 2 ** 53 - 1 };
  const line = encodeRecord({ u: 7, row });
  assert.match(line, /^[0-9a-f]{8} \{"u":7,"row":\{.*\}\}\n$/);
  assert.equal(line.split("\n").length, 2, "one line per record");
  const back = decodeRecord(line.slice(0, -1)) as { u: number; row: Record<string, unknown> };
  assert.equal(back.u, 7);
  assert.ok(Number.isNaN(back.row.a));
  assert.equal(back.row.b, Infinity);
  assert.equal(back.row.c, -Infinity);
  assert.ok(Object.is(back.row.d, -0));
  assert.equal(back.row.e, 0.30000000000000004);
  assert.deepEqual({ ...back.row, a: 0, d: 0 }, { ...row, a: 0, d: 0 });
});

test("a torn or corrupted record is detected by its checksum", () => {
  const line = encodeRecord({ u: 1, row: { y: 1.5 } }).slice(0, -1);
  assert.ok(decodeRecord(line));
  for (let cut = 0; cut < line.length; cut++) assert.equal(decodeRecord(line.slice(0, cut)), undefined, `cut at ${cut}`);
  assert.equal(decodeRecord(line.replace("1.5", "1.6")), undefined);
  assert.equal(decodeRecord("garbage"), undefined);
});

test("readJournal skips damaged lines and a torn tail; compactJournal keeps the first good record per unit", () => {
  const dir = tempDir();
  const path = join(dir, "journal.jsonl");
  const j = Journal.open(path, "abc");
  j.append(encodeRecord({ u: 0, row: { y: 1 } }) + encodeRecord({ u: 1, error: { name: "Error", message: "boom" } }));
  j.append(encodeRecord({ u: 0, row: { y: 2 } }) + encodeRecord({ u: 2, row: { y: 3 } }));
  j.close();
  appendFileSync(path, "0000000 not a record\n" + encodeRecord({ u: 3, row: { y: 4 } }).slice(0, 12)); // a bad line, then a torn tail
  const seen: JournalRecord[] = [];
  const scan = readJournal(path, (r) => seen.push(r));
  assert.deepEqual({ id: scan.id, records: scan.records, damaged: scan.damaged }, { id: "abc", records: 4, damaged: 2 });
  assert.deepEqual(seen.map((r) => r.u), [0, 1, 0, 2]);
  compactJournal(path, "abc", (r) => "row" in r);
  const kept: JournalRecord[] = [];
  const after = readJournal(path, (r) => kept.push(r));
  assert.deepEqual({ records: after.records, damaged: after.damaged }, { records: 2, damaged: 0 });
  assert.deepEqual(kept, [{ u: 0, row: { y: 1 } }, { u: 2, row: { y: 3 } }]);
  assert.ok(readFileSync(path, "utf8").endsWith("\n"));
});

/** A progress reporter that aborts the sweep once `after` units are done. */
function abortAfter(after: number, controller: AbortController): ProgressReporter {
  return { start() {}, update: (done) => (done >= after ? controller.abort() : undefined), finish() {} };
}

test("an interrupted sweep resumes from its journal, even with a torn tail and a duplicated record, to the uninterrupted bytes", async () => {
  const data = tempDir();
  const grid = { x: Array.from({ length: 40 }, (_, i) => i), work: [1_000_000] }; // about 5 ms a unit: batches of ~10
  const o = { replicates: 2, seed: 4, log: () => {} };
  const whole = await runSweep(busy, grid, { ...o, workers: 1, dataDir: join(data, "whole"), progress: "none" });
  const dir = join(data, "cut");
  for (const workers of [1, 2]) {
    const controller = new AbortController();
    await assert.rejects(
      runSweep(busy, grid, { ...o, workers, dir, signal: controller.signal, progress: abortAfter(20 * workers, controller) }),
      (err: unknown) => err instanceof SweepInterruptedError && /units are stored in/.test(err.message),
    );
  }
  const journal = join(dir, "journal.jsonl");
  const lines = readFileSync(journal, "utf8").split("\n");
  const stored = lines.length - 2; // header and the empty string after the last newline
  assert.ok(stored >= 40 && stored < 80, `${stored} units stored before the interruptions`);
  appendFileSync(journal, lines[3] + "\n" + lines[4].slice(0, 20)); // a duplicate, then a write torn by a kill
  const lines2: string[] = [];
  const resumed = await runSweep(busy, grid, { ...o, workers: 2, dir, progress: "none", log: (l) => lines2.push(l) });
  assert.match(lines2.join("\n"), new RegExp(`resuming test-busy [0-9a-f]+: ${stored} of 80 units already stored`));
  assert.equal(resumed.manifest.timings.unitsResumed, stored);
  assert.equal(resumed.manifest.timings.unitsRun, 80 - stored);
  for (const f of ["rows.arrow", "summary.arrow"]) assert.ok(bytes(join(dir, f)).equals(bytes(join(whole.dir, f))), f);
});

test("a journal left by another, unfinished sweep in the same folder is neither mixed in nor discarded: the folder is refused", async () => {
  const dir = tempDir();
  const journal = encodeRecord({ journal: 1, id: "0000000000000000", command: "consensus-lab sweep test-busy --x 1 --seed 5" }) + encodeRecord({ u: 0, row: { x2: 999 } });
  writeFileSync(join(dir, "journal.jsonl"), journal);
  await assert.rejects(
    runSweep(busy, { x: [1], work: [10] }, { workers: 1, dir, ...quiet }),
    /holds another, unfinished sweep \(id 0000000000000000, 1 finished unit in journal.jsonl; this one is [0-9a-f]{16}\).*resume it with: consensus-lab sweep test-busy --x 1 --seed 5; to discard it, delete .*journal.jsonl/,
  );
  assert.equal(readFileSync(join(dir, "journal.jsonl"), "utf8"), journal, "the other sweep's journal is kept byte for byte");
  assert.deepEqual(readdirSync(dir), ["journal.jsonl"], "nothing else was written");
});

test("a folder locked by a live process is refused; a dead owner's or an unrefreshed lock is taken over", () => {
  const dir = tempDir();
  const release = acquireLock(dir);
  assert.throws(() => acquireLock(dir), new RegExp(`in use by process ${process.pid} on `));
  release();
  writeFileSync(join(dir, "lock"), JSON.stringify({ host: hostname(), pid: 2 ** 22 + 1 })); // no such pid
  acquireLock(dir)();
  writeFileSync(join(dir, "lock"), JSON.stringify({ host: "another-node", pid: 1 }));
  assert.throws(() => acquireLock(dir), /in use by process 1 on another-node/);
  const old = new Date(Date.now() - 3 * 60_000);
  utimesSync(join(dir, "lock"), old, old);
  acquireLock(dir)();
});

test("killed after the last unit but before the manifest: the rerun only writes the files", async () => {
  const data = tempDir();
  const grid = { x: [1, 2, 3], work: [1000] };
  const whole = await runSweep(busy, grid, { replicates: 2, workers: 1, dataDir: join(data, "whole"), ...quiet });
  const dir = join(data, "cut");
  const controller = new AbortController();
  await assert.rejects(runSweep(busy, grid, { replicates: 2, workers: 1, dir, signal: controller.signal, log: () => {}, progress: abortAfter(6, controller) }), SweepInterruptedError);
  writeFileSync(join(dir, "rows.arrow"), "a half-written file from the killed run");
  const r = await runSweep(busy, grid, { replicates: 2, workers: 2, dir, ...quiet });
  assert.deepEqual([r.manifest.timings.unitsRun, r.manifest.timings.unitsResumed], [0, 6]);
  for (const f of ["rows.arrow", "summary.arrow"]) assert.ok(bytes(join(dir, f)).equals(bytes(join(whole.dir, f))), f);
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { createProgress, formatDuration, formatRate, inNotebook } from "../../lib/sweep/progress";
import { tempDir } from "./helpers";

/** A stream that keeps what is written; `tty` makes it look like a terminal. */
function sink(tty: boolean): NodeJS.WriteStream & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { chunks.push(String(chunk)); done(); } }) as unknown as NodeJS.WriteStream & { text: () => string };
  Object.assign(stream, { isTTY: tty, columns: 120, text: () => chunks.join("") });
  if (tty) Object.assign(stream, { cursorTo: (_x: number, _y?: unknown, cb?: () => void) => (cb?.(), true), clearLine: (_d: number, cb?: () => void) => (cb?.(), true), moveCursor: (_x: number, _y: number, cb?: () => void) => (cb?.(), true) });
  return stream;
}

test("durations and rates read well", () => {
  assert.equal(formatDuration(42.4), "42s");
  assert.equal(formatDuration(125), "2m05s");
  assert.equal(formatDuration(7260), "2h01m");
  assert.equal(formatDuration(NaN), "-");
  assert.equal(formatRate(1234.5), "1235");
  assert.equal(formatRate(12.345), "12.3");
});

test("outside a terminal, progress is plain lines with counts, rate and ETA", () => {
  const out = sink(false);
  const p = createProgress("auto", out);
  p.start({ label: "m 0123", total: 100, done: 40 });
  p.update(50, 0);
  p.finish(100, 2);
  const lines = out.text().trim().split("\n");
  assert.equal(lines[0], "m 0123: 100 units, 40 already stored (resuming)");
  assert.match(lines.at(-1) ?? "", /^m 0123: 100\/100 units \(100\.0%\), [\d.]+ units\/s, ETA 0s, 2 failed$/);
});

test("in a terminal, progress is a bar with rate and ETA", () => {
  const out = sink(true);
  const p = createProgress("auto", out);
  p.start({ label: "m 0123", total: 10, done: 0 });
  p.update(5, 1);
  p.finish(10, 1);
  assert.match(out.text(), /m 0123 .*100% \| 10\/10 units \| [\d.]+ units\/s \| ETA 0s \| 1 failed/);
});

test("inside a tslab kernel, progress is one display updated in place", () => {
  // A stand-in for the kernel's tslab modules, found the way the reporter finds the real ones.
  const dist = join(tempDir(), "node_modules", "tslab", "dist");
  mkdirSync(dist, { recursive: true });
  writeFileSync(join(dist, "jupyter.js"), "");
  writeFileSync(join(dist, "public.js"), "exports.calls = []; exports.newDisplay = () => { const id = exports.calls.length; return { html: (s) => exports.calls.push([id, s]), text: (s) => exports.calls.push([id, s]) }; };");
  assert.equal(inNotebook(), false);
  require(join(dist, "jupyter.js"));
  try {
    assert.equal(inNotebook(), true);
    const p = createProgress("auto");
    p.start({ label: "m 0123", total: 3, done: 0 });
    p.update(1, 0); // throttled: within 250 ms of the start
    p.finish(3, 0);
    const calls = (require(join(dist, "public.js")) as { calls: Array<[number, string]> }).calls;
    assert.equal(calls.length, 2);
    assert.ok(calls.every(([id]) => id === calls[0][0]), "one display id");
    assert.match(calls[1][1], /<progress value="3" max="3"[^>]*><\/progress> <code>m 0123: 3\/3 units \(100\.0%\)/);
  } finally {
    delete require.cache[join(dist, "jupyter.js")];
    delete require.cache[join(dist, "public.js")];
  }
});

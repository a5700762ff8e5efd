/**
 * Sweep progress: units done, rate (units/s over this run) and ETA.
 *   bar       a cli-progress bar on stderr (an interactive terminal)
 *   lines     a plain line every few seconds and at the end (CI logs, pipes)
 *   notebook  a live display in a tslab notebook, updated in place
 *   none      silent
 *   auto      notebook inside a tslab kernel, else bar on a TTY, else lines (default)
 */
import { dirname, join } from "node:path";
import { Presets, SingleBar } from "cli-progress";

export interface ProgressStart {
  /** e.g. "selfish-mining 3fa2c1d0" */
  label: string;
  /** Units this run is responsible for. */
  total: number;
  /** Units already stored when it started (resumed). */
  done: number;
}

export interface ProgressReporter {
  start(info: ProgressStart): void;
  update(done: number, failed: number): void;
  finish(done: number, failed: number): void;
}

export type ProgressMode = "auto" | "bar" | "lines" | "notebook" | "none";

/** Rate and ETA bookkeeping shared by the reporters. */
class Meter {
  private t0 = performance.now();
  constructor(
    readonly info: ProgressStart,
  ) {}
  /** Units per second computed by this run. */
  rate(done: number): number {
    const s = (performance.now() - this.t0) / 1000;
    return s > 0 ? (done - this.info.done) / s : 0;
  }
  etaS(done: number): number {
    const r = this.rate(done);
    return r > 0 ? (this.info.total - done) / r : NaN;
  }
  text(done: number, failed: number): string {
    const pct = this.info.total ? ((100 * done) / this.info.total).toFixed(1) : "100.0";
    const fail = failed ? `, ${failed} failed` : "";
    return `${this.info.label}: ${done}/${this.info.total} units (${pct}%), ${formatRate(this.rate(done))} units/s, ETA ${formatDuration(this.etaS(done))}${fail}`;
  }
}

export function formatRate(rate: number): string {
  if (!Number.isFinite(rate)) return "-";
  return rate >= 100 ? rate.toFixed(0) : rate.toPrecision(3);
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "-";
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

function barReporter(stream: NodeJS.WriteStream): ProgressReporter {
  let bar: SingleBar | undefined;
  let meter: Meter | undefined;
  const payload = (done: number, failed: number) => ({
    rate: meter ? formatRate(meter.rate(done)) : "-",
    etaText: meter ? formatDuration(meter.etaS(done)) : "-",
    failedText: failed ? ` | ${failed} failed` : "",
  });
  return {
    start(info) {
      meter = new Meter(info);
      bar = new SingleBar(
        { format: `${info.label} {bar} {percentage}% | {value}/{total} units | {rate} units/s | ETA {etaText}{failedText}`, stream, hideCursor: true, fps: 5 },
        Presets.shades_classic,
      );
      bar.start(info.total, info.done, payload(info.done, 0));
    },
    update(done, failed) {
      bar?.update(done, payload(done, failed));
    },
    finish(done, failed) {
      bar?.update(done, payload(done, failed));
      bar?.stop();
    },
  };
}

function linesReporter(write: (line: string) => void, intervalMs: number): ProgressReporter {
  let meter: Meter | undefined;
  let last = 0;
  return {
    start(info) {
      meter = new Meter(info);
      last = performance.now();
      write(`${info.label}: ${info.total} units${info.done ? `, ${info.done} already stored (resuming)` : ""}`);
    },
    update(done, failed) {
      if (!meter || performance.now() - last < intervalMs) return;
      last = performance.now();
      write(meter.text(done, failed));
    },
    finish(done, failed) {
      if (meter) write(meter.text(done, failed));
    },
  };
}

/** The tslab module of the running kernel, if this process is a tslab kernel. */
function tslabKernel(): { newDisplay(): { html(s: string): void; text(s: string): void } } | undefined {
  const jupyter = Object.keys(require.cache).find((p) => /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(p));
  if (!jupyter) return undefined;
  try {
    return require(join(dirname(jupyter), "public.js")) as ReturnType<typeof tslabKernel>;
  } catch {
    return undefined;
  }
}

export function inNotebook(): boolean {
  return tslabKernel() !== undefined;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function notebookReporter(intervalMs: number): ProgressReporter {
  const tslab = tslabKernel();
  if (!tslab) return linesReporter((l) => process.stderr.write(l + "\n"), 5000);
  const display = tslab.newDisplay();
  let meter: Meter | undefined;
  let last = -Infinity;
  const show = (done: number, failed: number) => {
    if (!meter) return;
    const text = meter.text(done, failed);
    display.html(`<div><progress value="${done}" max="${meter.info.total}" style="width:24em"></progress> <code>${escapeHtml(text)}</code></div>`);
  };
  return {
    start(info) {
      meter = new Meter(info);
      show(info.done, 0);
      last = performance.now();
    },
    update(done, failed) {
      if (performance.now() - last < intervalMs) return;
      last = performance.now();
      show(done, failed);
    },
    finish: show,
  };
}

const silent: ProgressReporter = { start() {}, update() {}, finish() {} };

export function createProgress(mode: ProgressMode | ProgressReporter = "auto", stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  if (typeof mode === "object") return mode;
  switch (mode) {
    case "none":
      return silent;
    case "bar":
      return barReporter(stream);
    case "lines":
      return linesReporter((l) => stream.write(l + "\n"), 5000);
    case "notebook":
      return notebookReporter(250);
    case "auto":
      if (inNotebook()) return notebookReporter(250);
      return stream.isTTY ? barReporter(stream) : linesReporter((l) => stream.write(l + "\n"), 5000);
    default:
      throw new RangeError(`invalid progress: ${JSON.stringify(mode)} (allowed: auto, bar, lines, notebook, none)`);
  }
}

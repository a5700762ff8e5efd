/**
 * A tslab kernel driven from Node over ZeroMQ: start, execute one cell at a time, shut down.
 *
 *   const kernel = await TslabKernel.start({ cwd: "notebooks" });
 *   const reply = await kernel.execute("console.log(1)", { onMessage: (m) => ... });
 *   await kernel.shutdown();
 *
 * What tslab 1.0.22 does that a client must allow for (measured; see the toolchain notes):
 * - it binds its sockets only after building its TypeScript service (2-4 s), so readiness means
 *   a kernel_info_reply AND an iopub `status: idle` for it (the SUB socket is then subscribed);
 * - reply and idle arrive in either order; only stream/display_data/update_display_data are
 *   published (never execute_result or error);
 * - after a failed cell, requests arriving within 200 ms are answered `abort`;
 * - a taken port is logged (EADDRINUSE) and the kernel keeps running without that socket;
 * - SIGINT interrupts the running cell and the kernel survives (interrupt(), as Jupyter's
 *   Kernel > Interrupt); shutdown_request is answered but tslab's process lingers (our preload
 *   ends it 0.3 s later), so SIGTERM then SIGKILL follow.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Dealer, Subscriber } from "zeromq";
import { decode, encode, request, type Message } from "./wire";

export interface KernelStartOptions {
  /** Working directory of the kernel: the notebook's folder (tslab's compiler root). */
  cwd: string;
  /** Give up starting after this long. Default 60 000 ms. */
  startTimeoutMs?: number;
  /** Attempts with fresh ports when one is taken. Default 3. */
  attempts?: number;
}

export interface ExecuteOptions {
  /** Interrupt the cell (SIGINT) after this long. Default: no limit. */
  timeoutMs?: number;
  /** Called with each iopub message of this cell except `status` (stream, display_data, ...). */
  onMessage?: (message: Message) => void;
}

export interface ExecuteReply {
  /** tslab's reply status; "timeout" when the cell was interrupted for running too long. */
  status: "ok" | "error" | "abort" | "timeout";
  executionCount: number | null;
  /** The iopub `idle` never came (output may be incomplete); we stopped waiting after a quiet period. */
  idleLost: boolean;
}

export interface LanguageInfo {
  name: string;
  [key: string]: unknown;
}

/** The kernel died or could not start; `stderr` is what the process printed outside cells. */
export class KernelError extends Error {
  override name = "KernelError";
  constructor(message: string, readonly stderr = "") {
    super(stderr.trim() ? `${message}\n--- kernel stderr ---\n${stderr.trim()}` : message);
  }
}

class PortInUseError extends KernelError {}

const READY_POLL_MS = 500;
/** tslab drops requests arriving within 200 ms of a failed cell (tslab issue #19). */
const ABORT_WINDOW_MS = 300;
/** After the reply, how long iopub may stay silent before we stop waiting for `idle` (5 s was too short on a loaded 2-core machine: notebook 02 once lost it while other jobs ran). */
const IDLE_QUIET_MS = 30_000;
const INTERRUPT_GRACE_MS = 10_000;
const STDERR_KEEP_CHARS = 64 * 1024;

interface Pending {
  onIopub(message: Message): void;
  onReply(message: Message): void;
}

export class TslabKernel {
  private readonly pending = new Map<string, Pending>();
  private readonly session = randomUUID();
  private waiters: Array<() => void> = [];
  private stderr = "";
  private failure: KernelError | undefined;
  private exited = false;
  private closed = false;
  private lastErrorAt = 0;
  /** `language_info` from the kernel_info_reply. */
  languageInfo: LanguageInfo = { name: "typescript" };

  private constructor(
    private readonly child: ChildProcess,
    private readonly key: string,
    private readonly shell: Dealer,
    private readonly control: Dealer,
    private readonly iopub: Subscriber,
    private readonly tempDir: string,
  ) {}

  /** Starts tslab in `cwd` and waits until it answers; retries with new ports if one was taken. */
  static async start(options: KernelStartOptions): Promise<TslabKernel> {
    const attempts = options.attempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      const kernel = await TslabKernel.launch(options.cwd);
      try {
        await kernel.waitReady(options.startTimeoutMs ?? 60_000);
        return kernel;
      } catch (err) {
        await kernel.shutdown();
        if (!(err instanceof PortInUseError) || attempt >= attempts) throw err;
      }
    }
  }

  private static async launch(cwd: string): Promise<TslabKernel> {
    const zmq: typeof import("zeromq") = require("zeromq");
    const [shellPort, iopubPort, stdinPort, controlPort, hbPort] = await freePorts(5);
    const key = randomBytes(32).toString("hex");
    const tempDir = mkdtempSync(join(tmpdir(), "consensus-lab-kernel-"));
    const connectionFile = join(tempDir, "connection.json");
    const connection = {
      transport: "tcp",
      ip: "127.0.0.1",
      shell_port: shellPort,
      iopub_port: iopubPort,
      stdin_port: stdinPort,
      control_port: controlPort,
      hb_port: hbPort,
      key,
      signature_scheme: "hmac-sha256",
      kernel_name: "tslab",
    };
    writeFileSync(connectionFile, JSON.stringify(connection), { mode: 0o600 });

    const env: NodeJS.ProcessEnv = { ...process.env, CONSENSUS_LAB_KERNEL_PARENT: String(process.pid), NO_COLOR: "1" };
    delete env.FORCE_COLOR;
    const child = spawn(process.execPath, ["-r", kernelPreloadPath(), tslabBinPath(), "kernel", "--config-path", connectionFile], {
      cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    liveKernels.add(child);
    installExitHooks();

    const url = (port: number) => `tcp://127.0.0.1:${port}`;
    const shell = new zmq.Dealer({ linger: 0 });
    const control = new zmq.Dealer({ linger: 0 });
    const iopub = new zmq.Subscriber({ linger: 0 });
    shell.connect(url(shellPort));
    control.connect(url(controlPort));
    iopub.connect(url(iopubPort));
    iopub.subscribe();

    const kernel = new TslabKernel(child, key, shell, control, iopub, tempDir);
    kernel.watchProcess();
    kernel.receive(shell, "reply");
    kernel.receive(control, "reply");
    kernel.receive(iopub, "iopub");
    return kernel;
  }

  private watchProcess(): void {
    const keep = (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString("utf8")).slice(-STDERR_KEEP_CHARS);
      if (/EADDRINUSE|Address already in use/.test(this.stderr) && !this.failure)
        this.failure = new PortInUseError("a kernel port was taken", this.stderr);
      this.notify();
    };
    this.child.stderr!.on("data", keep);
    this.child.stdout!.on("data", keep);
    this.child.on("error", (err) => {
      this.failure ??= new KernelError(`cannot start the tslab kernel: ${err.message}`);
      this.notify();
    });
    this.child.on("exit", (code, signal) => {
      this.exited = true;
      liveKernels.delete(this.child);
      if (!this.closed) this.failure ??= new KernelError(`the tslab kernel exited (${signal ?? `code ${code}`})`, this.stderr);
      this.notify();
    });
  }

  private receive(socket: Dealer | Subscriber, channel: "reply" | "iopub"): void {
    void (async () => {
      try {
        for await (const frames of socket) {
          let message: Message;
          try {
            message = decode(this.key, frames);
          } catch {
            continue; // not ours or malformed: ignore, as Jupyter clients do
          }
          const pending = this.pending.get(message.parent_header.msg_id ?? "");
          if (pending) channel === "reply" ? pending.onReply(message) : pending.onIopub(message);
          this.notify();
        }
      } catch {
        // socket closed
      }
    })();
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves true when `done()` holds, false after `ms`; throws if the kernel failed. */
  private async waitUntil(done: () => boolean, ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    for (;;) {
      if (done()) return true;
      if (this.failure) throw this.failure;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, READY_POLL_MS));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private async send(socket: Dealer, message: Message<unknown>): Promise<void> {
    if (this.failure) throw this.failure;
    await socket.send(encode(this.key, message));
  }

  /** Resends kernel_info_request until one gets both its reply and its iopub idle. */
  private async waitReady(timeoutMs: number): Promise<void> {
    let replied = false;
    let idle = false;
    const ids: string[] = [];
    const handler: Pending = {
      onReply: (m) => {
        replied = true;
        const info = (m.content as { language_info?: LanguageInfo }).language_info;
        if (info) this.languageInfo = info;
      },
      onIopub: (m) => {
        if (m.header.msg_type === "status" && (m.content as { execution_state?: string }).execution_state === "idle") idle = true;
      },
    };
    const deadline = Date.now() + timeoutMs;
    try {
      while (!(replied && idle)) {
        if (Date.now() > deadline)
          throw new KernelError(`the tslab kernel did not answer within ${timeoutMs / 1000} s`, this.stderr);
        const message = request("kernel_info_request", {}, this.session);
        ids.push(message.header.msg_id);
        this.pending.set(message.header.msg_id, handler);
        await this.send(this.shell, message);
        await this.waitUntil(() => replied && idle, READY_POLL_MS);
      }
    } finally {
      for (const id of ids) this.pending.delete(id);
    }
  }

  /** Runs one cell; never pipelined (each call waits for the previous one's reply and idle). */
  async execute(code: string, options: ExecuteOptions = {}): Promise<ExecuteReply> {
    const sinceError = Date.now() - this.lastErrorAt;
    if (sinceError < ABORT_WINDOW_MS) await sleep(ABORT_WINDOW_MS - sinceError);
    const message = request(
      "execute_request",
      { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true },
      this.session,
    );
    let reply: Message | undefined;
    let idle = false;
    let lastIopubAt = Date.now();
    this.pending.set(message.header.msg_id, {
      onReply: (m) => {
        reply = m;
      },
      onIopub: (m) => {
        lastIopubAt = Date.now();
        if (m.header.msg_type === "status") {
          if ((m.content as { execution_state?: string }).execution_state === "idle") idle = true;
        } else options.onMessage?.(m);
      },
    });
    try {
      await this.send(this.shell, message);
      let timedOut = false;
      if (!(await this.waitUntil(() => reply !== undefined, options.timeoutMs ?? Infinity))) {
        timedOut = true;
        this.child.kill("SIGINT");
        if (!(await this.waitUntil(() => reply !== undefined, INTERRUPT_GRACE_MS)))
          throw new KernelError(`the cell did not stop within ${INTERRUPT_GRACE_MS / 1000} s of an interrupt`);
      }
      let idleLost = false;
      while (!idle) {
        const quietFor = Date.now() - lastIopubAt;
        if (quietFor >= IDLE_QUIET_MS) {
          idleLost = true;
          break;
        }
        await this.waitUntil(() => idle, IDLE_QUIET_MS - quietFor);
      }
      const content = reply!.content as { status?: string; execution_count?: number };
      const status = timedOut ? "timeout" : content.status === "ok" ? "ok" : content.status === "abort" ? "abort" : "error";
      if (status !== "ok") this.lastErrorAt = Date.now();
      return { status, executionCount: content.execution_count ?? null, idleLost };
    } finally {
      this.pending.delete(message.header.msg_id);
    }
  }

  /** Kernel > Interrupt as Jupyter does it (interrupt_mode "signal"): SIGINT to the kernel process. */
  interrupt(): void {
    if (!this.exited) this.child.kill("SIGINT");
  }

  /** Sends shutdown_request (as Jupyter does for restart and shutdown) and waits for the reply; does not kill. */
  async requestShutdown(restart = false): Promise<void> {
    const message = request("shutdown_request", { restart }, this.session);
    let replied = false;
    this.pending.set(message.header.msg_id, { onReply: () => (replied = true), onIopub: () => {} });
    try {
      await this.send(this.control, message);
      await this.waitUntil(() => replied, 5000);
    } finally {
      this.pending.delete(message.header.msg_id);
    }
  }

  /** True until the kernel process has exited. */
  get alive(): boolean {
    return !this.exited;
  }

  /** The kernel's process id (e.g. to count its threads in /proc/<pid>/task). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** What the kernel process printed outside cells (startup logs, crashes). */
  get processStderr(): string {
    return this.stderr;
  }

  /** Asks the kernel to shut down, then SIGTERM, then SIGKILL; closes sockets; idempotent. */
  async shutdown(): Promise<void> {
    if (this.closed) return;
    if (!this.exited && !this.failure) {
      const message = request("shutdown_request", { restart: false }, this.session);
      let replied = false;
      this.pending.set(message.header.msg_id, { onReply: () => (replied = true), onIopub: () => {} });
      try {
        await this.send(this.control, message);
        await this.waitUntil(() => replied, 1000);
      } catch {
        // the kernel is going away anyway
      } finally {
        this.pending.delete(message.header.msg_id);
      }
    }
    this.closed = true;
    for (const signal of ["SIGTERM", "SIGKILL"] as const) {
      if (this.exited) break;
      this.child.kill(signal);
      await Promise.race([new Promise((resolve) => this.child.once("exit", resolve)), sleep(2000)]);
    }
    for (const socket of [this.shell, this.control, this.iopub]) socket.close();
    liveKernels.delete(this.child);
    rmSync(this.tempDir, { recursive: true, force: true });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Distinct ports that were free a moment ago (a race remains: start() retries). */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<import("node:net").Server>((resolve, reject) => {
      const server = createServer();
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve(server));
    })),
  );
  const ports = servers.map((s) => (s.address() as import("node:net").AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/** The compiled preload beside this file (dist/lib/notebook/kernel-preload.js). */
export function kernelPreloadPath(): string {
  return join(__dirname, "kernel-preload.js");
}

function tslabBinPath(): string {
  return join(dirname(require.resolve("tslab/package.json")), "bin", "tslab");
}

// Kernels must not outlive this process: kill them on exit and on fatal signals.
const liveKernels = new Set<ChildProcess>();
let hooksInstalled = false;

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    const onSignal = () => {
      killAll();
      process.removeListener(signal, onSignal);
      // Re-raise so the default action (exit) happens unless someone else handles it.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

function killAll(): void {
  for (const child of liveKernels) child.kill("SIGKILL");
  liveKernels.clear();
}

/**
 * Preloaded into the tslab kernel (`node -r .../kernel-preload.js`: by `consensus-lab notebooks`,
 * and by jupyter/bin/tslab for kernels started by Jupyter). Two jobs:
 *
 * 1. Bursts of output must not be lost. tslab publishes every console write as one iopub message,
 *    synchronously; with zeromq's defaults a 20,000-line print delivered ~500 lines (the send
 *    high-water mark of 1000 drops silently, and sends that find the socket busy fail with EBUSY,
 *    which tslab swallows). Publisher sockets created in this process get `sendHighWaterMark: 0`
 *    (no limit), `sendTimeout: 0` and `linger: 0`.
 * 2. A kernel started by `consensus-lab notebooks` must not outlive its runner: when the env
 *    variable CONSENSUS_LAB_KERNEL_PARENT names a pid and our parent changes, exit.
 * 3. Interrupt and restart stop what a cell started (interrupt.ts): tslab's executor is wrapped
 *    so Kernel > Interrupt first calls the registered handlers (a running sweep aborts and
 *    terminates its workers) and gives the cell up to INTERRUPT_WAIT_MS to end with its own error
 *    ("... run the cell again to resume") before tslab's "Interrupted asynchronously"; a
 *    shutdown_request (restart, shutdown) calls them too and then ends the process (tslab 1.0.22
 *    answers it and keeps running until Jupyter kills it).
 * 4. A failed cell's error reads like a Python traceback's last line (traceback.ts): the
 *    executor's console.error formats thrown errors with the cell's source line and hides
 *    library frames (CONSENSUS_LAB_TRACEBACK=full shows them).
 * 5. Object shorthand for variables of earlier cells (`{ seed }`) works (shorthand.ts).
 *
 * Only built-in modules and this folder's own dependency-free files: this runs before anything
 * else in the kernel.
 */
import Module = require("node:module");

const PUBLISHER_OPTIONS = { sendHighWaterMark: 0, sendTimeout: 0, linger: 0 };
const patched = new WeakSet<object>();

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleWithLoad = Module as unknown as { _load: Loader };
const load = moduleWithLoad._load;

moduleWithLoad._load = function (this: unknown, request: string, parent: unknown, isMain: boolean): unknown {
  const exported = load.call(this, request, parent, isMain);
  if (!exported || typeof exported !== "object" || patched.has(exported)) return exported;
  const from = (parent as { filename?: string } | undefined)?.filename ?? "";
  const inTslab = /[\\/]tslab[\\/]dist[\\/]/.test(from);
  if (request === "zeromq") {
    patched.add(exported);
    patchPublisher(exported as { Publisher: new (options?: object) => object });
  } else if (inTslab && request === "./executor" && typeof (exported as TslabExecutorModule).createExecutor === "function") {
    patched.add(exported);
    patchExecutorModule(exported as TslabExecutorModule);
  } else if (inTslab && request === "./jupyter" && typeof (exported as TslabJupyterModule).JupyterHandlerImpl === "function") {
    patched.add(exported);
    patchShutdown(exported as TslabJupyterModule);
  }
  return exported;
};

/** How long an interrupted cell may take to end with its own error before tslab's interrupt. */
const INTERRUPT_WAIT_MS = 1500;
/** After a shutdown_request is answered, the process ends this much later. */
const SHUTDOWN_EXIT_MS = 300;

interface TslabConsole {
  log(...args: unknown[]): void;
  error(...args: unknown[]): void;
}
interface TslabExecutor {
  execute(src: string): Promise<boolean>;
  interrupt(): void;
  [key: string]: unknown;
}
interface TslabExecutorModule {
  createExecutor(rootDir: string, convs: unknown, console: TslabConsole): TslabExecutor;
}
interface TslabJupyterModule {
  JupyterHandlerImpl: { prototype: { handleShutdown(req: unknown): unknown } };
}

/** The cell being executed: its source and the JavaScript tslab runs for it (vm.runInThisContext). */
const current = { running: 0, source: undefined as string | undefined, compiled: undefined as string | undefined };

function patchExecutorModule(mod: TslabExecutorModule): void {
  const create = mod.createExecutor;
  const vm = require("node:vm") as typeof import("node:vm");
  const run = vm.runInThisContext;
  vm.runInThisContext = function (code: string, options?: unknown) {
    if (current.running > 0 && options && typeof options === "object" && (options as { breakOnSigint?: boolean }).breakOnSigint) current.compiled = code;
    return run.call(vm, code, options as import("node:vm").RunningScriptOptions);
  } as typeof vm.runInThisContext;

  mod.createExecutor = (rootDir, convs, console) => {
    const { formatCellError } = require("./traceback") as typeof import("./traceback");
    const error = (...args: unknown[]) => {
      if (args.length === 1 && args[0] instanceof Error) console.error(formatCellError(args[0], current));
      else console.error(...args);
    };
    const executor = create(rootDir, convs, { log: console.log, error });
    const settled: Array<() => void> = [];
    const execute = async (src: string): Promise<boolean> => {
      current.running++;
      current.source = src;
      current.compiled = undefined;
      try {
        return await executor.execute(src);
      } finally {
        current.running--;
        for (const wake of settled.splice(0)) wake();
      }
    };
    const interrupt = () => {
      const { fireInterrupt } = require("./interrupt") as typeof import("./interrupt");
      if (current.running === 0 || fireInterrupt("interrupt") === 0) return executor.interrupt();
      // Something stoppable was running: let the cell end with its own message, else interrupt it.
      const timer = setTimeout(() => {
        if (current.running > 0) executor.interrupt();
      }, INTERRUPT_WAIT_MS);
      settled.push(() => clearTimeout(timer));
    };
    return Object.assign(Object.create(null), executor, { execute, interrupt }) as TslabExecutor;
  };
  (require("./interrupt") as typeof import("./interrupt")).interruptRegistry().preloaded = true;
}

function patchShutdown(mod: TslabJupyterModule): void {
  const proto = mod.JupyterHandlerImpl.prototype;
  const handle = proto.handleShutdown;
  proto.handleShutdown = function (this: unknown, req: unknown) {
    const reply = handle.call(this, req);
    (require("./interrupt") as typeof import("./interrupt")).fireInterrupt("shutdown");
    setTimeout(() => process.exit(0), SHUTDOWN_EXIT_MS);
    return reply;
  };
}

// tslab's converter is patched in its source as it loads (shorthand.ts says what and why).
type Compile = (this: unknown, module: { _compile(code: string, filename: string): unknown }, filename: string) => unknown;
const extensions = (Module as unknown as { _extensions: Record<string, Compile> })._extensions;
const loadJs = extensions[".js"];
extensions[".js"] = function (this: unknown, module, filename) {
  if (!/[\\/]tslab[\\/]dist[\\/]converter\.js$/.test(filename)) return loadJs.call(this, module, filename);
  const { patchConverterSource } = require("./shorthand") as typeof import("./shorthand");
  const fs = require("node:fs") as typeof import("node:fs");
  const patchedSource = patchConverterSource(fs.readFileSync(filename, "utf8"));
  if (patchedSource === undefined) {
    process.stderr.write(`consensus-lab kernel preload: ${filename} is not the tslab 1.0.22 converter; object shorthand for earlier cells' variables stays unfixed\n`);
    return loadJs.call(this, module, filename);
  }
  return module._compile(patchedSource, filename);
};

function patchPublisher(zmq: { Publisher: new (options?: object) => object }): void {
  const Publisher = zmq.Publisher;
  class UnboundedPublisher extends Publisher {
    constructor(options?: object) {
      super({ ...options, ...PUBLISHER_OPTIONS });
    }
  }
  zmq.Publisher = UnboundedPublisher;
}

const parentPid = Number(process.env.CONSENSUS_LAB_KERNEL_PARENT);
if (Number.isInteger(parentPid) && parentPid > 0) {
  delete process.env.CONSENSUS_LAB_KERNEL_PARENT;
  const watch = setInterval(() => {
    if (process.ppid !== parentPid) process.exit(1);
  }, 500);
  watch.unref();
}

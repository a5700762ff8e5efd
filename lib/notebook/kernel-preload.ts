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
 *
 * Built-in modules only: this runs before anything else in the kernel.
 */
import Module = require("node:module");

const PUBLISHER_OPTIONS = { sendHighWaterMark: 0, sendTimeout: 0, linger: 0 };
const patched = new WeakSet<object>();

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleWithLoad = Module as unknown as { _load: Loader };
const load = moduleWithLoad._load;

moduleWithLoad._load = function (this: unknown, request: string, parent: unknown, isMain: boolean): unknown {
  const exported = load.call(this, request, parent, isMain);
  if (request === "zeromq" && exported && typeof exported === "object" && !patched.has(exported)) {
    patched.add(exported);
    patchPublisher(exported as { Publisher: new (options?: object) => object });
  }
  return exported;
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

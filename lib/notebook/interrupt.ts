/**
 * Kernel interrupts for long library calls (runSweep) running in a tslab notebook cell.
 *
 * tslab 1.0.22 handles Kernel > Interrupt (SIGINT to the kernel process, Jupyter's default
 * `interrupt_mode: signal`) by rejecting the cell's promise with "Interrupted asynchronously":
 * the cell goes idle while whatever it started (a sweep's worker threads) keeps running. Work that
 * can stop registers a handler here for as long as it runs:
 *
 *   const stop = onKernelInterrupt(() => controller.abort());
 *   try { ... } finally { stop(); }
 *
 * Two ways the handlers get called:
 * - the kernel preload (kernel-preload.ts, loaded by jupyter/bin/tslab and `consensus-lab
 *   notebooks`) wraps tslab's interrupt: it calls the handlers first and gives the cell up to a
 *   second to end with its own error (e.g. "SweepInterruptedError: ... rerun the cell to resume"),
 *   and calls them on shutdown_request (restart) before the kernel exits;
 * - without the preload (a kernel started by another kernelspec), a SIGINT listener calls them; the
 *   cell then ends with tslab's "Interrupted asynchronously" and the handler's message is printed.
 *
 * The registry lives on globalThis under a Symbol.for key, so the preload and any copy of the
 * library loaded by the notebook share it. Outside a tslab kernel nothing is registered.
 */

export type InterruptReason = "interrupt" | "shutdown";
export type InterruptHandler = (reason: InterruptReason) => void;

export interface InterruptRegistry {
  handlers: Set<InterruptHandler>;
  /** True when the kernel preload calls the handlers (no SIGINT listener needed). */
  preloaded: boolean;
}

const KEY = Symbol.for("consensus-lab.kernel-interrupt");

/** The process-wide registry (created on first use). */
export function interruptRegistry(): InterruptRegistry {
  const holder = globalThis as unknown as Record<symbol, InterruptRegistry | undefined>;
  return (holder[KEY] ??= { handlers: new Set(), preloaded: false });
}

/** Calls every registered handler; a throwing handler does not stop the others. Returns how many ran. */
export function fireInterrupt(reason: InterruptReason): number {
  const handlers = [...interruptRegistry().handlers];
  for (const handler of handlers) {
    try {
      handler(reason);
    } catch {
      // an interrupt handler must not break the interrupt of the others
    }
  }
  return handlers.length;
}

/** True when this process is a tslab kernel (its Jupyter module is loaded). */
export function inTslabKernel(): boolean {
  return Object.keys(require.cache).some((p) => /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(p));
}

/**
 * Calls `handler` when the kernel is interrupted or shut down, until the returned function is
 * called. Outside a tslab kernel it does nothing (the CLI has its own Ctrl-C handling).
 */
export function onKernelInterrupt(handler: InterruptHandler): () => void {
  if (!inTslabKernel()) return () => {};
  const registry = interruptRegistry();
  registry.handlers.add(handler);
  if (registry.preloaded) return () => void registry.handlers.delete(handler);
  // Without the preload: our own SIGINT listener, added on the next tick. Added while the cell's
  // synchronous code runs (vm breakOnSigint), Node's SIGINT handler would be undone when the vm
  // restores the default disposition, and the next interrupt would kill the kernel.
  let listening = true;
  const onSigint = () => handler("interrupt");
  process.nextTick(() => {
    if (listening) process.on("SIGINT", onSigint);
  });
  return () => {
    listening = false;
    registry.handlers.delete(handler);
    process.off("SIGINT", onSigint);
  };
}

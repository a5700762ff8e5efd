/**
 * T simulated threads for the discrete schedule simulations: each is idle or
 * busy with one transaction until a finish time. Time advances to the
 * earliest finish (ties: the lowest thread), so runs repeat exactly; no real
 * threads are involved.
 */
export class ThreadClock {
  readonly finish: Float64Array;
  /** Transaction each thread runs, -1 when idle. */
  readonly task: Int32Array;
  busy = 0;

  constructor(readonly threads: number) {
    this.finish = new Float64Array(threads);
    this.task = new Int32Array(threads).fill(-1);
  }

  /** An idle thread, or -1. */
  idle(): number {
    for (let t = 0; t < this.threads; t++) if (this.task[t] < 0) return t;
    return -1;
  }

  start(thread: number, tx: number, finish: number): void {
    this.task[thread] = tx;
    this.finish[thread] = finish;
    this.busy++;
  }

  /** The busy thread that finishes first (ties: the lowest), or -1 if none is busy. */
  next(): number {
    let best = -1;
    for (let t = 0; t < this.threads; t++) {
      if (this.task[t] >= 0 && (best < 0 || this.finish[t] < this.finish[best])) best = t;
    }
    return best;
  }

  release(thread: number): number {
    const tx = this.task[thread];
    this.task[thread] = -1;
    this.busy--;
    return tx;
  }
}

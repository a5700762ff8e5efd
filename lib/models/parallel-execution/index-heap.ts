/**
 * A binary min-heap of transaction indices on an Int32Array, with a
 * membership flag so an index is never queued twice: schedulers pick the
 * lowest-index ready transaction (block order first, as Block-STM's
 * execution_idx, Gelashvili et al. 2023, section 4).
 */
export class IndexHeap {
  private readonly heap: Int32Array;
  private readonly queued: Uint8Array;
  size = 0;

  constructor(capacity: number) {
    this.heap = new Int32Array(capacity);
    this.queued = new Uint8Array(capacity);
  }

  push(i: number): void {
    if (this.queued[i]) return;
    this.queued[i] = 1;
    const h = this.heap;
    let c = this.size++;
    while (c > 0) {
      const parent = (c - 1) >> 1;
      if (h[parent] <= i) break;
      h[c] = h[parent];
      c = parent;
    }
    h[c] = i;
  }

  /** Remove and return the smallest index (the heap must not be empty). */
  pop(): number {
    const h = this.heap;
    const top = h[0];
    this.queued[top] = 0;
    const last = h[--this.size];
    let c = 0;
    for (;;) {
      let child = 2 * c + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && h[child + 1] < h[child]) child++;
      if (h[child] >= last) break;
      h[c] = h[child];
      c = child;
    }
    h[c] = last;
    return top;
  }
}

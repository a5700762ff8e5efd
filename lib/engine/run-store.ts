/**
 * Storage for the entries of batched pushes (EventQueue.pushRun): one block
 * per run, holding its entries sorted by (time, push index): their times,
 * targets and, in `order`, each one's push index.
 *
 * Blocks come in size classes of 2^c entries (c = 0 .. 26), each class in
 * its own typed arrays with a LIFO free list of blocks, so a run costs no
 * allocation once its class has grown to the simulation's peak; a block
 * wastes less than half its entries. A run's handle is (class, entry
 * offset) = offset * 32 + c: offsets are multiples of 2^c < 2^26 ... 2^31.
 */
export const MAX_RUN = 2 ** 26;

export class RunStore {
  /** Per class: entry times, targets and push indices, each block sorted by (time, push index). */
  readonly times: Float64Array[] = [];
  readonly targets: Int32Array[] = [];
  readonly order: Int32Array[] = [];
  private readonly freeBlocks: Int32Array[] = [];
  private readonly freeTop: number[] = [];
  private readonly blocks: number[] = [];
  /** Scratch (key, index) buffers of the merge sort, grown to the largest run. */
  private keysA = new Float64Array(64);
  private keysB = new Float64Array(64);
  private idxA = new Int32Array(64);
  private idxB = new Int32Array(64);

  /** A block for `count` entries (1 <= count <= MAX_RUN); returns its handle. */
  alloc(count: number): number {
    const c = count <= 1 ? 0 : 32 - Math.clz32(count - 1);
    if (this.times.length <= c) this.addClasses(c);
    if (this.freeTop[c] === 0) this.growClass(c);
    const block = this.freeBlocks[c][--this.freeTop[c]];
    return (block << c) * 32 + c;
  }

  /** Return a run's block. */
  free(handle: number): void {
    const c = handle & 31;
    const block = (handle - c) / 32 / 2 ** c;
    this.freeBlocks[c][this.freeTop[c]++] = block;
  }

  /**
   * Fill a block with `count` entries given in push order (times[i],
   * targets[i]), stored sorted: times ascending, equal times by push index,
   * with each entry's push index in `order`. A stable sort of (key, index)
   * pairs in scratch arrays: insertion sort of chunks of 8, then bottom-up
   * merge passes between two buffers with a branch-free merge step (which
   * side wins is a coin flip the branch predictor cannot learn, as in the
   * heap's sift-down). Stored sorted, a run is read front to back when popped.
   */
  fill(handle: number, times: ArrayLike<number>, targets: ArrayLike<number>, count: number): void {
    const c = handle & 31;
    const off = (handle - c) / 32;
    if (this.keysA.length < count) this.growScratch(count);
    let ka = this.keysA;
    let ia = this.idxA;
    let kb = this.keysB;
    let ib = this.idxB;
    for (let i = 0; i < count; i++) {
      ka[i] = times[i];
      ia[i] = i;
    }
    const CHUNK = 8;
    for (let lo = 0; lo < count; lo += CHUNK) {
      const hi = lo + CHUNK < count ? lo + CHUNK : count;
      for (let i = lo + 1; i < hi; i++) {
        const k = ka[i];
        const x = ia[i];
        let j = i - 1;
        while (j >= lo && ka[j] > k) {
          ka[j + 1] = ka[j];
          ia[j + 1] = ia[j];
          j--;
        }
        ka[j + 1] = k;
        ia[j + 1] = x;
      }
    }
    for (let width = CHUNK; width < count; width *= 2) {
      for (let lo = 0; lo < count; lo += 2 * width) {
        const mid = lo + width < count ? lo + width : count;
        const hi = lo + 2 * width < count ? lo + 2 * width : count;
        let i = lo;
        let j = mid;
        let k = lo;
        while (i < mid && j < hi) {
          const right = ((ka[j] < ka[i]) as unknown as number) | 0; // stable: the left element wins ties
          const from = i + right * (j - i);
          kb[k] = ka[from];
          ib[k++] = ia[from];
          i += 1 - right;
          j += right;
        }
        while (i < mid) {
          kb[k] = ka[i];
          ib[k++] = ia[i++];
        }
        while (j < hi) {
          kb[k] = ka[j];
          ib[k++] = ia[j++];
        }
      }
      const tk = ka;
      ka = kb;
      kb = tk;
      const ti = ia;
      ia = ib;
      ib = ti;
    }
    const bt = this.times[c];
    const bg = this.targets[c];
    const bo = this.order[c];
    for (let i = 0; i < count; i++) {
      const x = ia[i];
      bt[off + i] = ka[i];
      bg[off + i] = targets[x];
      bo[off + i] = x;
    }
  }

  private growScratch(count: number): void {
    const size = 2 ** (32 - Math.clz32(count - 1));
    this.keysA = new Float64Array(size);
    this.keysB = new Float64Array(size);
    this.idxA = new Int32Array(size);
    this.idxB = new Int32Array(size);
  }

  private addClasses(c: number): void {
    for (let k = this.times.length; k <= c; k++) {
      this.times.push(new Float64Array(0));
      this.targets.push(new Int32Array(0));
      this.order.push(new Int32Array(0));
      this.freeBlocks.push(new Int32Array(0));
      this.freeTop.push(0);
      this.blocks.push(0);
    }
  }

  /** Double a class's blocks (at least 4; every existing block is in use). */
  private growClass(c: number): void {
    const old = this.blocks[c];
    const blocks = Math.max(4, 2 * old);
    if ((blocks << c) > 2 ** 31 / 32) throw new RangeError(`event queue: more than ${2 ** 31 / 32} batched entries of runs of up to 2^${c} (too many events queued)`);
    const entries = blocks << c;
    this.times[c] = grow(this.times[c], new Float64Array(entries));
    this.targets[c] = grow(this.targets[c], new Int32Array(entries));
    this.order[c] = grow(this.order[c], new Int32Array(entries));
    const free = new Int32Array(blocks);
    for (let i = 0; i < blocks - old; i++) free[i] = blocks - 1 - i;
    this.freeBlocks[c] = free;
    this.freeTop[c] = blocks - old;
    this.blocks[c] = blocks;
  }
}

function grow<T extends Float64Array | Int32Array>(old: T, next: T): T {
  next.set(old);
  return next;
}

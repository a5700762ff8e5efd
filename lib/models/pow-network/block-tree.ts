/**
 * The block tree of a proof-of-work run, in typed arrays indexed by block id
 * (0 = genesis; ids grow in the order blocks are found, so a parent's id is
 * always smaller than its child's).
 */
export class BlockTree {
  /** Blocks stored, genesis included. */
  size = 1;
  readonly parent: Int32Array;
  readonly height: Int32Array;
  /** Node that found the block (-1 for genesis). */
  readonly miner: Int32Array;
  /** Time the block was found, seconds. */
  readonly foundS: Float64Array;
  /**
   * Timestamp the miner wrote in the block header, seconds (= foundS unless a
   * timestamp rule sets it otherwise; timestamps.ts). Retargeting reads it.
   */
  readonly timestampS: Float64Array;
  /** Difficulty (expected work) of the block itself. */
  readonly difficulty: Float64Array;
  /** Cumulative work of the chain ending at the block (genesis: 0). */
  readonly work: Float64Array;

  constructor(readonly capacity: number, genesisDifficulty = 1) {
    this.parent = new Int32Array(capacity);
    this.height = new Int32Array(capacity);
    this.miner = new Int32Array(capacity);
    this.foundS = new Float64Array(capacity);
    this.timestampS = new Float64Array(capacity);
    this.difficulty = new Float64Array(capacity);
    this.work = new Float64Array(capacity);
    this.parent[0] = -1;
    this.miner[0] = -1;
    this.difficulty[0] = genesisDifficulty;
  }

  /** Append a block on `parent`; returns its id. */
  add(parent: number, miner: number, foundS: number, difficulty: number): number {
    if (this.size >= this.capacity) throw new RangeError(`block tree full (${this.capacity} blocks)`);
    const b = this.size++;
    this.parent[b] = parent;
    this.height[b] = this.height[parent] + 1;
    this.miner[b] = miner;
    this.foundS[b] = foundS;
    this.timestampS[b] = foundS;
    this.difficulty[b] = difficulty;
    this.work[b] = this.work[parent] + difficulty;
    return b;
  }

  /** Ancestor of b at height h (h <= height[b]). */
  ancestorAt(b: number, h: number): number {
    while (this.height[b] > h) b = this.parent[b];
    return b;
  }

  /** True if a is b or an ancestor of b. */
  isAncestor(a: number, b: number): boolean {
    return this.ancestorAt(b, this.height[a]) === a;
  }

  /** Last common ancestor of a and b. */
  commonAncestor(a: number, b: number): number {
    const h = Math.min(this.height[a], this.height[b]);
    a = this.ancestorAt(a, h);
    b = this.ancestorAt(b, h);
    while (a !== b) {
      a = this.parent[a];
      b = this.parent[b];
    }
    return a;
  }

  /** The chain with the most work; ties go to the block found first (lowest id). */
  bestTip(): number {
    let best = 0;
    for (let b = 1; b < this.size; b++) if (this.work[b] > this.work[best]) best = b;
    return best;
  }

  /** 1 for every block on the chain ending at `tip`. */
  chainMask(tip: number): Uint8Array {
    const on = new Uint8Array(this.size);
    for (let b = tip; b >= 0; b = this.parent[b]) on[b] = 1;
    return on;
  }
}

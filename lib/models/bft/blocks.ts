/**
 * The blocks (proposed values) of a run in typed columns: a value id in a
 * vote or a decision is a block id. Each block records its height, parent,
 * the round or view it was proposed in, its proposer and when it was first
 * proposed. Two blocks of one height with different ids conflict (an
 * equivocating proposer makes two). The table stands for the block data
 * every validator could fetch: a validator only acts on a block it has
 * received in a proposal, except that HotStuff's certificates name blocks
 * by id (a validator that lacks one would fetch it; fetching costs nothing
 * here).
 */
export const GENESIS = 0;

export class BlockTable {
  height: Int32Array;
  parent: Int32Array;
  round: Int32Array;
  proposer: Int32Array;
  proposedS: Float64Array;
  /** The block the certificate a block carries certifies (HotStuff's b.justify.node; -1: none). */
  justify: Int32Array;
  count = 1;

  constructor(capacity = 256) {
    this.height = new Int32Array(capacity);
    this.parent = new Int32Array(capacity).fill(-1);
    this.round = new Int32Array(capacity);
    this.proposer = new Int32Array(capacity).fill(-1);
    this.proposedS = new Float64Array(capacity);
    this.justify = new Int32Array(capacity).fill(-1);
    this.height[GENESIS] = -1; // genesis sits below height 0
  }

  /** A new block at `height` on `parent`, proposed by `proposer` in `round` at time `nowS`. */
  create(height: number, parent: number, round: number, proposer: number, nowS: number, justify = -1): number {
    if (this.count === this.height.length) this.grow();
    const b = this.count++;
    this.height[b] = height;
    this.parent[b] = parent;
    this.round[b] = round;
    this.proposer[b] = proposer;
    this.proposedS[b] = nowS;
    this.justify[b] = justify;
    return b;
  }

  /** True if `b` extends `ancestor` (or is it). */
  extends(b: number, ancestor: number): boolean {
    while (b > ancestor && b >= 0) b = this.parent[b];
    return b === ancestor;
  }

  private grow(): void {
    const c = 2 * this.height.length;
    const i32 = (a: Int32Array) => {
      const x = new Int32Array(c).fill(-1);
      x.set(a);
      return x;
    };
    this.height = i32(this.height);
    this.parent = i32(this.parent);
    this.round = i32(this.round);
    this.proposer = i32(this.proposer);
    const j = new Int32Array(c).fill(-1);
    j.set(this.justify);
    this.justify = j;
    const p = new Float64Array(c);
    p.set(this.proposedS);
    this.proposedS = p;
  }
}

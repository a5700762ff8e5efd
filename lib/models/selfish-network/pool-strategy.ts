/**
 * The selfish pool's strategy: Eyal & Sirer, "Majority is not Enough:
 * Bitcoin Mining is Vulnerable", FC 2014, Algorithm 1, written on chain
 * heights so that it also holds on a network, where the pool learns of
 * honest blocks late, several at once, or on competing branches.
 *
 * State: `privateTip`, the block the pool mines on (its private chain is the
 * path to it; published and unpublished pool blocks mixed), and
 * `publicHeight`, the height of the longest chain the pool knows to be public
 * (honest blocks it has heard of and pool blocks it has published).
 * lead = height(privateTip) - publicHeight.
 *
 * On "my pool found a block" (Algorithm 1, first event): it extends the
 * private chain and is kept private, unless the pool is racing (it published
 * a block to match an honest one, Algorithm 1's Delta_prev = 0 with a private
 * branch of 2): then it publishes, winning the race.
 *
 * On "others found a block" (an honest block heard that makes the public
 * chain longer, to height h), with lead d = height(privateTip) - h after it:
 *   d < 0   adopt the public chain: mine on the new block        (Delta_prev = 0)
 *   d = 0   publish the private chain: a tie, race               (Delta_prev = 1)
 *   d = 1   publish the whole private chain: override            (Delta_prev = 2)
 *   d >= 2  publish the private blocks up to height h            (Delta_prev > 2)
 * An honest block no higher than publicHeight changes no length and is
 * ignored (Algorithm 1 reacts to the public chain growing).
 *
 * Tie events (d = 0) are recorded as (pool block, honest block) pairs, from
 * which measure.ts reads the effective gamma off the block tree.
 */
import type { BlockTree } from "../pow-network/block-tree";

export type Publish = (block: number) => void;

export class SelfishPool {
  /** The block the pool mines on. */
  privateTip = 0;
  /** Height of the longest chain the pool knows to be public. */
  publicHeight = 0;
  /** The pool matched an honest block and races it (Algorithm 1: Delta_prev = 0, private branch 2). */
  racing = false;
  /** 1 for pool blocks already published. */
  readonly published: Uint8Array;
  /** Tie events: the pool's block and the honest block it matched. */
  readonly tiePoolBlock: number[] = [];
  readonly tieHonestBlock: number[] = [];

  constructor(
    private readonly tree: BlockTree,
    /** 1 for the pool's nodes (miner ids). */
    private readonly isPool: Uint8Array,
    private readonly publish: Publish,
  ) {
    this.published = new Uint8Array(tree.capacity);
  }

  /** The pool's lead over the public chain it knows. */
  lead(): number {
    return this.tree.height[this.privateTip] - this.publicHeight;
  }

  /** The pool found block b on privateTip. */
  mined(b: number): void {
    this.privateTip = b;
    if (this.racing) {
      this.racing = false;
      this.publishUpTo(this.tree.height[b]);
    }
  }

  /** The pool heard of honest block b (first receipt by any pool node). */
  heard(b: number): void {
    const tree = this.tree;
    const h = tree.height[b];
    if (h <= this.publicHeight) return;
    this.publicHeight = h;
    const d = tree.height[this.privateTip] - h;
    if (d < 0) {
      this.privateTip = b;
      this.racing = false;
    } else if (d === 0) {
      this.tiePoolBlock.push(this.privateTip);
      this.tieHonestBlock.push(b);
      this.publishUpTo(h);
      this.racing = true;
    } else if (d === 1) {
      this.racing = false;
      this.publishUpTo(tree.height[this.privateTip]);
    } else {
      this.racing = false;
      this.publishUpTo(h);
    }
  }

  /** Publish the unpublished pool blocks of the private chain up to height h, oldest first. */
  private publishUpTo(h: number): void {
    const tree = this.tree;
    const stack: number[] = [];
    for (let b = tree.ancestorAt(this.privateTip, h); b > 0 && this.isPool[tree.miner[b]] === 1 && this.published[b] === 0; b = tree.parent[b]) stack.push(b);
    for (let i = stack.length - 1; i >= 0; i--) {
      this.published[stack[i]] = 1;
      this.publish(stack[i]);
    }
    if (h > this.publicHeight) this.publicHeight = h;
  }
}

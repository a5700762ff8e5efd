/**
 * What every node knows in a proof-of-work network, and the statistics that
 * are streamed while blocks spread. Shared by the readable simulation
 * (simulate.ts) and the fast kernel (fast.ts), which differ only in how
 * events are queued and messages delivered.
 *
 * Per node: its tip (the block its chain ends at). Per block: which nodes
 * have it (a bitset row of ceil(n / 32) words), how many, and when it
 * reached 50 %, 90 % and 100 % of the nodes. Fork choice: a node adopts a
 * block whose chain has strictly more cumulative work than its tip's, so on
 * ties the block seen first wins (Nakamoto 2008, section 5; Bitcoin Core's
 * first-seen rule).
 *
 * A block that arrives before its parent brings its missing ancestors with
 * it (the sender has them and serves them at once): they are marked seen at
 * the same time. Without loss, churn or partitions this only happens on
 * exact time ties.
 */
import { BlockTree } from "./block-tree";

/** Depths >= this share the last histogram bin. */
export const REORG_HISTOGRAM_BINS = 64;

export interface ChainStateOptions {
  /** Blocks that will be mined (capacity of the tree). */
  blocks: number;
  genesisDifficulty?: number;
  /** Keep each (block, node) first-arrival delay: (blocks + 1) * n doubles. */
  recordArrivals?: boolean;
  /**
   * Hash share of every node (default: equal), for the hash-weighted delay
   * and the times to 50 / 90 / 100 % of the hash power.
   */
  hashShares?: ArrayLike<number> | null;
}

/** Reached-hash sums within this of a threshold count as reaching it (float sums of shares). */
const HASH_EPS = 1e-9;

export class ChainState {
  readonly tree: BlockTree;
  /** 32-bit words per `seen` row. */
  readonly words: number;
  /** seen[b * words + (v >>> 5)] bit (v & 31): node v has block b. */
  readonly seen: Int32Array;
  /** Current tip of every node. */
  readonly tip: Int32Array;
  /** Nodes that have each block. */
  readonly reached: Int32Array;
  /** Sum over nodes of (arrival - found) per block, seconds. */
  readonly delaySumS: Float64Array;
  /** Time from found to 50 % / 90 % / 100 % of nodes, seconds (NaN until reached). */
  readonly t50S: Float64Array;
  readonly t90S: Float64Array;
  readonly t100S: Float64Array;
  /** reorgDepth[d]: tip switches that discarded d blocks (d >= 1; last bin: >= REORG_HISTOGRAM_BINS - 1). */
  readonly reorgDepth: Float64Array;
  /**
   * Sum over nodes of share(v) * (arrival - found) per block, seconds: the
   * expected head start, in block-interval units times T, that the block's
   * hash power lacks (Decker & Wattenhofer 2013, section V, with f(t) the
   * share of hash power, not of nodes, that has the block). The miner adds 0.
   */
  readonly delayHashS: Float64Array;
  /** Hash share that has each block. */
  readonly reachedHash: Float64Array;
  /** Time from found to 50 % / 90 % / 100 % of the hash power, seconds (NaN until reached). */
  readonly t50HashS: Float64Array;
  readonly t90HashS: Float64Array;
  readonly t100HashS: Float64Array;
  /** 1 if some node ever had the block as its tip (a reorg that reverts it is a network-level reorg). */
  readonly adopted: Uint8Array;
  /** Hash share of every node. */
  readonly share: Float64Array;
  /** arrivalS[b * n + v] = first arrival of b at v minus its found time (NaN: never), if recorded. */
  readonly arrivalS: Float64Array | null;
  private readonly k50: number;
  private readonly k90: number;

  constructor(readonly n: number, options: ChainStateOptions) {
    const capacity = options.blocks + 1;
    this.tree = new BlockTree(capacity, options.genesisDifficulty ?? 1);
    this.words = (n + 31) >>> 5;
    this.seen = new Int32Array(capacity * this.words);
    this.tip = new Int32Array(n); // everybody starts on genesis
    this.reached = new Int32Array(capacity);
    this.delaySumS = new Float64Array(capacity);
    this.t50S = new Float64Array(capacity).fill(NaN);
    this.t90S = new Float64Array(capacity).fill(NaN);
    this.t100S = new Float64Array(capacity).fill(NaN);
    this.reorgDepth = new Float64Array(REORG_HISTOGRAM_BINS);
    this.delayHashS = new Float64Array(capacity);
    this.reachedHash = new Float64Array(capacity);
    this.t50HashS = new Float64Array(capacity).fill(NaN);
    this.t90HashS = new Float64Array(capacity).fill(NaN);
    this.t100HashS = new Float64Array(capacity).fill(NaN);
    this.adopted = new Uint8Array(capacity);
    this.adopted[0] = 1;
    this.share = options.hashShares ? Float64Array.from(options.hashShares) : new Float64Array(n).fill(1 / n);
    this.reachedHash[0] = 1;
    this.arrivalS = options.recordArrivals ? new Float64Array(capacity * n).fill(NaN) : null;
    this.k50 = Math.ceil(0.5 * n);
    this.k90 = Math.ceil(0.9 * n);
    for (let v = 0; v < n; v++) this.seen[v >>> 5] |= 1 << (v & 31);
    this.reached[0] = n;
  }

  hasSeen(b: number, v: number): boolean {
    return (this.seen[b * this.words + (v >>> 5)] & (1 << (v & 31))) !== 0;
  }

  /** Node v finds a block on its tip at time t, with the given difficulty; returns the block id. */
  mine(v: number, t: number, difficulty: number): number {
    const b = this.tree.add(this.tip[v], v, t, difficulty);
    this.receive(v, b, t);
    return b;
  }

  /** Node v gets block b (which it does not have yet) at time t. */
  receive(v: number, b: number, t: number): void {
    const tree = this.tree;
    const parent = tree.parent[b];
    if (!this.hasSeen(parent, v)) this.receiveAncestors(v, parent, t);
    this.markSeen(v, b, t);
    const old = this.tip[v];
    if (tree.work[b] > tree.work[old]) {
      this.tip[v] = b;
      this.adopted[b] = 1;
      if (parent !== old && !tree.isAncestor(old, b)) {
        const depth = tree.height[old] - tree.height[tree.commonAncestor(old, b)];
        this.reorgDepth[Math.min(depth, REORG_HISTOGRAM_BINS - 1)]++;
      }
    }
  }

  private receiveAncestors(v: number, a: number, t: number): void {
    // Oldest first, so each block's parent is known before the block.
    const missing: number[] = [];
    while (!this.hasSeen(a, v)) {
      missing.push(a);
      a = this.tree.parent[a];
    }
    for (let i = missing.length - 1; i >= 0; i--) this.markSeen(v, missing[i], t);
  }

  private markSeen(v: number, b: number, t: number): void {
    this.seen[b * this.words + (v >>> 5)] |= 1 << (v & 31);
    const count = ++this.reached[b];
    const delay = t - this.tree.foundS[b];
    this.delaySumS[b] += delay;
    if (count === this.k50) this.t50S[b] = delay;
    if (count === this.k90) this.t90S[b] = delay;
    if (count === this.n) this.t100S[b] = delay;
    const s = this.share[v];
    if (s > 0) {
      this.delayHashS[b] += s * delay;
      const before = this.reachedHash[b];
      const after = (this.reachedHash[b] = before + s);
      if (before < 0.5 - HASH_EPS && after >= 0.5 - HASH_EPS) this.t50HashS[b] = delay;
      if (before < 0.9 - HASH_EPS && after >= 0.9 - HASH_EPS) this.t90HashS[b] = delay;
      if (before < 1 - HASH_EPS && after >= 1 - HASH_EPS) this.t100HashS[b] = delay;
    }
    if (this.arrivalS !== null) this.arrivalS[b * this.n + v] = delay;
  }
}

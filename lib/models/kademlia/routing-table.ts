/**
 * k-bucket routing tables of all nodes (Maymounkov & Mazieres 2002, section
 * 2.2). Node i keeps, for each 0 <= b < B, a list of at most k contacts whose
 * ids share exactly b leading bits with its own (bucket b), ordered by when
 * they were last seen: least recently seen at the head, most recently at the
 * tail.
 *
 * Update rule when node i hears from contact x (section 2.2):
 *   - x already in its bucket: move it to the tail;
 *   - bucket not full: append x;
 *   - bucket full: ping the head; if it does not answer, evict it and append x,
 *     otherwise move the head to the tail and drop x (old live contacts are
 *     kept: the paper's defence against flooding the tables with new ids).
 * The ping is answered here by the liveness oracle the caller passes (the
 * Network's `online` flags): the round trip itself is not simulated.
 *
 * Storage: k slots per (node, bucket) in one growable pool, reserved when the
 * bucket gets its first contact (a node of an N-node network has about
 * log2 N non-empty buckets), found through an Int32Array of offsets, and a
 * Uint8Array of bucket sizes: no object per bucket.
 */
import { commonPrefixLength, compareDistance } from "./ids";

export type TouchOutcome = "moved" | "added" | "replaced" | "dropped" | "self";

export class RoutingTables {
  readonly n: number;
  readonly words: number;
  readonly bits: number;
  readonly k: number;
  readonly ids: Uint32Array;
  /** Contacts of bucket (i, b) at pool[offsets[i * bits + b] + j], j < size (-1: no slots yet). */
  private readonly offsets: Int32Array;
  private pool: Int32Array;
  private poolUsed = 0;
  readonly sizes: Uint8Array;

  constructor(ids: Uint32Array, n: number, words: number, k: number) {
    if (!(k >= 1 && k <= 255)) throw new RangeError(`k must be 1..255, got ${k}`);
    this.n = n;
    this.words = words;
    this.bits = words * 32;
    this.k = k;
    this.ids = ids;
    this.offsets = new Int32Array(n * this.bits).fill(-1);
    this.pool = new Int32Array(Math.max(1024, n * 4 * k));
    this.sizes = new Uint8Array(n * this.bits);
  }

  /** Bucket index of contact x in node i's table (their common prefix length). */
  bucketIndex(i: number, x: number): number {
    return commonPrefixLength(this.ids, i * this.words, this.ids, x * this.words, this.words);
  }

  size(i: number, b: number): number {
    return this.sizes[i * this.bits + b];
  }

  /** The contacts of bucket b of node i, head (least recently seen) first (a copy). */
  bucket(i: number, b: number): number[] {
    const o = this.offsets[i * this.bits + b];
    const s = this.sizes[i * this.bits + b];
    return o >= 0 ? Array.from(this.pool.subarray(o, o + s)) : [];
  }

  /** Contacts of node i in all buckets. */
  contactCount(i: number): number {
    let c = 0;
    for (let b = 0; b < this.bits; b++) c += this.sizes[i * this.bits + b];
    return c;
  }

  /** Offset of bucket (i, b)'s slots in the pool, reserving them on first use. */
  private slots(i: number, b: number): number {
    const at = i * this.bits + b;
    let o = this.offsets[at];
    if (o < 0) {
      if (this.poolUsed + this.k > this.pool.length) {
        const grown = new Int32Array(this.pool.length * 2);
        grown.set(this.pool);
        this.pool = grown;
      }
      o = this.poolUsed;
      this.poolUsed += this.k;
      this.offsets[at] = o;
    }
    return o;
  }

  /** Append x to bucket b of node i (the caller checked it is absent and there is room). */
  append(i: number, b: number, x: number): void {
    const at = i * this.bits + b;
    const o = this.slots(i, b); // may grow the pool: read this.pool after it
    this.pool[o + this.sizes[at]++] = x;
  }

  /** Position of x in bucket b of node i, or -1. */
  private indexIn(i: number, b: number, x: number): number {
    const o = this.offsets[i * this.bits + b];
    if (o < 0) return -1;
    const s = this.sizes[i * this.bits + b];
    const pool = this.pool;
    for (let j = 0; j < s; j++) if (pool[o + j] === x) return j;
    return -1;
  }

  /** Move the entry at position j of bucket b to the tail. */
  private moveToTail(i: number, b: number, j: number): void {
    const o = this.offsets[i * this.bits + b];
    const s = this.sizes[i * this.bits + b];
    const pool = this.pool;
    const x = pool[o + j];
    for (let m = j; m < s - 1; m++) pool[o + m] = pool[o + m + 1];
    pool[o + s - 1] = x;
  }

  /** Node i heard from x: the section 2.2 update rule; `alive(y)` answers the ping of a full bucket's head. */
  touch(i: number, x: number, alive: (y: number) => boolean): TouchOutcome {
    if (i === x) return "self";
    const b = this.bucketIndex(i, x);
    const j = this.indexIn(i, b, x);
    if (j >= 0) {
      this.moveToTail(i, b, j);
      return "moved";
    }
    const at = i * this.bits + b;
    if (this.sizes[at] < this.k) {
      this.append(i, b, x);
      return "added";
    }
    const o = this.offsets[at];
    const pool = this.pool;
    if (!alive(pool[o])) {
      for (let m = 0; m < this.k - 1; m++) pool[o + m] = pool[o + m + 1];
      pool[o + this.k - 1] = x;
      return "replaced";
    }
    this.moveToTail(i, b, 0);
    return "dropped";
  }

  /** Empty node i's table (a node starting from scratch). */
  clear(i: number): void {
    this.sizes.fill(0, i * this.bits, (i + 1) * this.bits);
  }

  /** Remove x from node i's table (a contact that failed to answer); returns whether it was there. */
  remove(i: number, x: number): boolean {
    if (i === x) return false;
    const b = this.bucketIndex(i, x);
    const j = this.indexIn(i, b, x);
    if (j < 0) return false;
    const at = i * this.bits + b;
    const o = this.offsets[at];
    const s = this.sizes[at];
    const pool = this.pool;
    for (let m = j; m < s - 1; m++) pool[o + m] = pool[o + m + 1];
    this.sizes[at] = s - 1;
    return true;
  }

  /**
   * The (at most) `count` <= k contacts of node i closest to `target` (words
   * at offset ot), closest first, written to out[0 ..); returns how many.
   * Buckets are visited from the nearest class outwards: with c = cpl(i,
   * target), bucket c's contacts share at least c + 1 bits with the target,
   * every bucket b > c exactly c, and bucket b < c exactly b, so once `count`
   * are held after a class, no later class can improve the list.
   */
  closest(i: number, target: Uint32Array, ot: number, count: number, out: Int32Array): number {
    const c = commonPrefixLength(this.ids, i * this.words, target, ot, this.words);
    let m = 0;
    if (c < this.bits) m = this.offerBucket(i, c, target, ot, count, out, m);
    if (m < count) for (let b = c + 1; b < this.bits; b++) m = this.offerBucket(i, b, target, ot, count, out, m);
    for (let b = Math.min(c, this.bits) - 1; b >= 0 && m < count; b--) m = this.offerBucket(i, b, target, ot, count, out, m);
    return m;
  }

  /** Insert bucket (i, b)'s contacts into the sorted list out[0 .. m) kept to `count` entries; returns the new length. */
  private offerBucket(i: number, b: number, target: Uint32Array, ot: number, count: number, out: Int32Array, m: number): number {
    const o = this.offsets[i * this.bits + b];
    if (o < 0) return m;
    const s = this.sizes[i * this.bits + b];
    const ids = this.ids;
    const w = this.words;
    const pool = this.pool;
    for (let j = 0; j < s; j++) {
      const x = pool[o + j];
      let pos = m;
      while (pos > 0 && compareDistance(ids, x * w, out[pos - 1] * w, target, ot, w) < 0) pos--;
      if (pos >= count) continue;
      const end = Math.min(m, count - 1);
      for (let q = end; q > pos; q--) out[q] = out[q - 1];
      out[pos] = x;
      if (m < count) m++;
    }
    return m;
  }
}

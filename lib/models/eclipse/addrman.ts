/**
 * The victim's address manager: the tried and new tables with their
 * bucketing by network group, in the two disciplines Heilman, Kendler, Zohar
 * & Goldberg (USENIX Security 2015) compare.
 *
 * Bucketing (section 2.2 of the paper; src/addrman.cpp GetTriedBucket,
 * GetNewBucket), with a secret key:
 *   tried bucket = H(key, group, H(key, addr) mod triedBucketsPerGroup) mod triedBuckets
 *   new bucket   = H(key, sourceGroup, H(key, group, sourceGroup) mod newBucketsPerSourceGroup) mod newBuckets
 * so one group reaches only a few tried buckets and one source group a few
 * new buckets: an attacker's reach grows with its number of groups.
 *
 * 0.9.3 discipline (`deterministic` false): a bucket is a list; inserting into
 * a full tried bucket evicts the oldest of 4 random entries (SelectTried),
 * which goes back to new; inserting into a full new bucket evicts the oldest
 * of 4 random entries (ShrinkNew). Fresh attacker timestamps therefore push
 * out older legitimate entries.
 * Countermeasure 1, deterministic random eviction (`deterministic` true): an
 * address has one slot per table, H(key, bucket, addr) mod bucketSize; a
 * tried collision evicts that slot's occupant (to new) unless
 * countermeasure 3, test before evict (`testBeforeEvict`), finds it online;
 * a new-table slot is only overwritten if its occupant is terrible (older
 * than 30 days, src/addrman.cpp IsTerrible).
 */
import { ADDRMAN_HORIZON_S, type AddrmanLayout } from "./bitcoin-constants";
import { AddressBook, keyedHash } from "./addresses";
import type { Xoshiro128 } from "../../random/xoshiro128";

export const EMPTY = -1;

export interface AddrmanPolicy {
  layout: AddrmanLayout;
  deterministic: boolean;
  testBeforeEvict: boolean;
}

/** One table (tried or new): buckets of `bucketSize` slots; in list mode entries sit compactly at [0, size). */
export class AddrTable {
  readonly buckets: number;
  readonly bucketSize: number;
  readonly slots: Int32Array;
  readonly sizes: Int32Array;
  count = 0;

  constructor(buckets: number, bucketSize: number) {
    this.buckets = buckets;
    this.bucketSize = bucketSize;
    this.slots = new Int32Array(buckets * bucketSize).fill(EMPTY);
    this.sizes = new Int32Array(buckets);
  }

  /** Entries of bucket b (a copy). */
  entries(b: number): number[] {
    const out: number[] = [];
    for (let j = 0; j < this.bucketSize; j++) {
      const a = this.slots[b * this.bucketSize + j];
      if (a !== EMPTY) out.push(a);
    }
    return out;
  }
}

export class Addrman {
  readonly book: AddressBook;
  readonly policy: AddrmanPolicy;
  readonly key: number;
  readonly tried: AddrTable;
  readonly new: AddrTable;
  /** Where each address is: 0 nowhere, 1 new, 2 tried; and its slot index in that table (grown with the book). */
  where = new Uint8Array(1024);
  slotOf = new Int32Array(1024).fill(-1);
  /** Evictions of a legitimate tried entry by an insertion, and insertions refused by test-before-evict. */
  triedEvictions = 0;
  testBeforeEvictKept = 0;
  private readonly rng: Xoshiro128;

  constructor(book: AddressBook, policy: AddrmanPolicy, rng: Xoshiro128) {
    this.book = book;
    this.policy = policy;
    this.rng = rng;
    this.key = rng.next();
    this.tried = new AddrTable(policy.layout.triedBuckets, policy.layout.bucketSize);
    this.new = new AddrTable(policy.layout.newBuckets, policy.layout.bucketSize);
  }

  private locate(a: number): number {
    if (a >= this.where.length) {
      const c = Math.max(2 * this.where.length, a + 1);
      const w = new Uint8Array(c);
      w.set(this.where);
      this.where = w;
      const s = new Int32Array(c).fill(-1);
      s.set(this.slotOf);
      this.slotOf = s;
    }
    return this.where[a];
  }

  triedBucket(a: number): number {
    const L = this.policy.layout;
    const g = this.book.group[a];
    return keyedHash(this.key, g, keyedHash(this.key, a, 1) % L.triedBucketsPerGroup, 2) % L.triedBuckets;
  }

  newBucket(a: number): number {
    const L = this.policy.layout;
    const s = this.book.sourceGroup[a];
    return keyedHash(this.key, s, keyedHash(this.key, this.book.group[a], s, 3) % L.newBucketsPerSourceGroup, 4) % L.newBuckets;
  }

  /** The fixed slot of address a in bucket b (deterministic discipline). */
  private slotIn(table: AddrTable, b: number, a: number, salt: number): number {
    return b * table.bucketSize + (keyedHash(this.key, b, a, salt) % table.bucketSize);
  }

  private place(table: AddrTable, which: number, slot: number, a: number): void {
    table.slots[slot] = a;
    table.sizes[Math.floor(slot / table.bucketSize)]++;
    table.count++;
    this.where[a] = which;
    this.slotOf[a] = slot;
  }

  /** Remove address a from wherever it is. */
  private takeOut(a: number): void {
    const w = this.locate(a);
    if (w === 0) return;
    const table = w === 1 ? this.new : this.tried;
    const slot = this.slotOf[a];
    const b = Math.floor(slot / table.bucketSize);
    if (this.policy.deterministic) table.slots[slot] = EMPTY;
    else {
      // List mode: keep the bucket compact (move its last entry into the hole).
      const last = b * table.bucketSize + table.sizes[b] - 1;
      const moved = table.slots[last];
      table.slots[slot] = moved;
      table.slots[last] = EMPTY;
      if (moved !== a) this.slotOf[moved] = slot;
    }
    table.sizes[b]--;
    table.count--;
    this.where[a] = 0;
    this.slotOf[a] = -1;
  }

  /** In list mode, the oldest of 4 entries drawn at random from a full bucket (SelectTried / ShrinkNew of 0.9.3). */
  private oldestOfFour(table: AddrTable, b: number): number {
    let worst = -1;
    for (let i = 0; i < 4; i++) {
      const a = table.slots[b * table.bucketSize + this.rng.below(table.sizes[b])];
      if (worst < 0 || this.book.ageS[a] > this.book.ageS[worst]) worst = a;
    }
    return worst;
  }

  /** Address a heard of through an ADDR message (or a DNS seed): into new, unless it is in a table already. */
  addNew(a: number): boolean {
    if (this.locate(a) !== 0) return false;
    const t = this.new;
    const b = this.newBucket(a);
    if (this.policy.deterministic) {
      const slot = this.slotIn(t, b, a, 5);
      const occupant = t.slots[slot];
      if (occupant !== EMPTY) {
        if (this.book.ageS[occupant] <= ADDRMAN_HORIZON_S) return false; // not terrible: kept
        this.takeOut(occupant);
      }
      this.place(t, 1, slot, a);
      return true;
    }
    if (t.sizes[b] >= t.bucketSize) this.takeOut(this.oldestOfFour(t, b));
    this.place(t, 1, b * t.bucketSize + t.sizes[b], a);
    return true;
  }

  /**
   * A successful connection with a: into tried (from new, or fresh). `online`
   * answers test-before-evict's probe of a colliding occupant.
   */
  markGood(a: number, online: (occupant: number) => boolean): boolean {
    if (this.locate(a) === 2) return true;
    const t = this.tried;
    const b = this.triedBucket(a);
    if (this.policy.deterministic) {
      const slot = this.slotIn(t, b, a, 6);
      const occupant = t.slots[slot];
      if (occupant !== EMPTY) {
        if (this.policy.testBeforeEvict && online(occupant)) {
          this.testBeforeEvictKept++;
          return false;
        }
        this.evictFromTried(occupant);
      }
      this.takeOut(a);
      this.place(t, 2, slot, a);
      return true;
    }
    if (t.sizes[b] >= t.bucketSize) {
      const victim = this.oldestOfFour(t, b);
      if (this.policy.testBeforeEvict && online(victim)) {
        this.testBeforeEvictKept++;
        return false;
      }
      this.evictFromTried(victim);
    }
    this.takeOut(a);
    this.place(t, 2, b * t.bucketSize + t.sizes[b], a);
    return true;
  }

  /** An entry pushed out of tried goes back to new (src/addrman.cpp MakeTried: the evicted address is re-added to new). */
  private evictFromTried(a: number): void {
    this.triedEvictions++;
    this.takeOut(a);
    this.addNew(a);
  }

  /** A uniformly random entry of new (for feeler connections), or -1. */
  randomNewEntry(): number {
    if (this.new.count === 0) return -1;
    for (;;) {
      const a = this.new.slots[this.rng.below(this.new.slots.length)];
      if (a !== EMPTY) return a;
    }
  }
}

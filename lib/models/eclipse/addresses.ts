/**
 * The addresses a victim's address manager may hold: each has a /16 network
 * group, an origin (a legitimate peer, the attacker's own address, or
 * attacker "trash": unroutable addresses that only fill the new table;
 * Heilman et al. 2015, section 3), the age of its timestamp at the victim's
 * restart, and the group of the peer that told the victim about it.
 * Columns in growable arrays; an address is its index.
 */
export const LEGIT = 0;
export const ADVERSARY = 1;
export const TRASH = 2;
export type Origin = typeof LEGIT | typeof ADVERSARY | typeof TRASH;

export class AddressBook {
  group = new Int32Array(1024);
  origin = new Uint8Array(1024);
  ageS = new Float64Array(1024);
  sourceGroup = new Int32Array(1024);
  size = 0;

  private grow(): void {
    const c = this.group.length * 2;
    const g = new Int32Array(c);
    g.set(this.group);
    this.group = g;
    const o = new Uint8Array(c);
    o.set(this.origin);
    this.origin = o;
    const a = new Float64Array(c);
    a.set(this.ageS);
    this.ageS = a;
    const sg = new Int32Array(c);
    sg.set(this.sourceGroup);
    this.sourceGroup = sg;
  }

  add(group: number, origin: Origin, ageS: number, sourceGroup: number): number {
    if (this.size === this.group.length) this.grow();
    const a = this.size++;
    this.group[a] = group;
    this.origin[a] = origin;
    this.ageS[a] = ageS;
    this.sourceGroup[a] = sourceGroup;
    return a;
  }
}

/** One multiply-xor round of keyedHash. */
function mixIn(h: number, x: number): number {
  h = Math.imul(h ^ (x >>> 0), 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

/** A keyed 32-bit hash of three integers (a multiply-xor chain and murmur3's finalizer): the addrman's secret-keyed bucket hash. */
export function keyedHash(key: number, a: number, b = 0, c = 0): number {
  let h = mixIn(mixIn(mixIn(key >>> 0, a), b), c);
  h = Math.imul(h ^ (h >>> 16), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

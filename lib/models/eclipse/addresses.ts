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
  readonly group: number[] = [];
  readonly origin: Origin[] = [];
  readonly ageS: number[] = [];
  readonly sourceGroup: number[] = [];

  get size(): number {
    return this.group.length;
  }

  add(group: number, origin: Origin, ageS: number, sourceGroup: number): number {
    this.group.push(group);
    this.origin.push(origin);
    this.ageS.push(ageS);
    this.sourceGroup.push(sourceGroup);
    return this.group.length - 1;
  }
}

/** A keyed 32-bit hash of up to three integers (murmur3's finalizer over a multiply-xor chain): the addrman's secret-keyed bucket hash. */
export function keyedHash(key: number, a: number, b = 0, c = 0): number {
  let h = key >>> 0;
  for (const x of [a, b, c]) {
    h = Math.imul(h ^ (x >>> 0), 0x9e3779b1);
    h ^= h >>> 15;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
  }
  h = Math.imul(h ^ (h >>> 16), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

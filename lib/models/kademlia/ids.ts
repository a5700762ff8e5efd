/**
 * Kademlia node ids and the XOR metric (Maymounkov & Mazieres, "Kademlia: A
 * Peer-to-peer Information System Based on the XOR Metric", IPTPS 2002,
 * section 2.1): ids are B-bit numbers (B = 160 in the paper, 256 in
 * Ethereum's discv5), the distance of x and y is x XOR y read as an integer.
 *
 * An id is W = B / 32 consecutive Uint32 words, most significant first, in
 * one flat Uint32Array for all nodes (node i's words at i*W .. i*W + W - 1).
 * A distance is never materialised: comparisons walk the words and stop at
 * the first that differs, so the hot paths allocate nothing.
 */
import type { Xoshiro128 } from "../../random/xoshiro128";

export const ID_BITS = [160, 256] as const;
export type IdBits = (typeof ID_BITS)[number];

/** Words of one id. */
export function idWords(bits: number): number {
  if (bits % 32 !== 0 || bits < 32) throw new RangeError(`id bits must be a positive multiple of 32, got ${bits}`);
  return bits / 32;
}

/** `count` uniform random ids of `words` words each (collisions have probability ~ count^2 / 2^bits: ignored). */
export function randomIds(count: number, words: number, rng: Xoshiro128): Uint32Array {
  const ids = new Uint32Array(count * words);
  for (let i = 0; i < ids.length; i++) ids[i] = rng.next();
  return ids;
}

/** Number of leading zero bits of a 32-bit word (32 for 0). */
function clz(x: number): number {
  return Math.clz32(x);
}

/**
 * Common prefix length of ids a (in `ida` at word offset oa) and b: the index
 * of the k-bucket that holds b in a's routing table (section 2.2: bucket i
 * holds nodes at distance [2^(B-1-i), 2^(B-i)), i.e. sharing exactly i
 * leading bits). Equal ids give B.
 */
export function commonPrefixLength(ida: Uint32Array, oa: number, idb: Uint32Array, ob: number, words: number): number {
  for (let w = 0; w < words; w++) {
    const x = (ida[oa + w] ^ idb[ob + w]) >>> 0;
    if (x !== 0) return w * 32 + clz(x);
  }
  return words * 32;
}

/**
 * Sign of d(a, t) - d(b, t) for the XOR distance to target t: negative if a
 * is closer. Ids are at word offsets oa, ob (in `ids`) and ot (in `target`).
 */
export function compareDistance(ids: Uint32Array, oa: number, ob: number, target: Uint32Array, ot: number, words: number): number {
  for (let w = 0; w < words; w++) {
    const t = target[ot + w];
    const da = (ids[oa + w] ^ t) >>> 0;
    const db = (ids[ob + w] ^ t) >>> 0;
    if (da !== db) return da < db ? -1 : 1;
  }
  return 0;
}

/** The id of node i as a fresh array (for tests and tables; not for hot loops). */
export function idOf(ids: Uint32Array, i: number, words: number): Uint32Array {
  return ids.slice(i * words, (i + 1) * words);
}

/** Hex text of node i's id (for tables and error messages). */
export function idHex(ids: Uint32Array, i: number, words: number): string {
  let s = "";
  for (let w = 0; w < words; w++) s += ids[i * words + w].toString(16).padStart(8, "0");
  return s;
}

/**
 * A uniform random id that shares exactly b leading bits with node v's id
 * (so it falls in v's bucket b), written to out[offset .. offset + words):
 * v's bits above b, bit b flipped, the rest uniform. What a bucket refresh
 * looks up (section 2.3).
 */
export function randomIdInBucket(ids: Uint32Array, v: number, words: number, b: number, rng: Xoshiro128, out: Uint32Array, offset: number): void {
  const wb = b >>> 5;
  const p = 31 - (b & 31); // bit b's position in its word, counted from the least significant bit
  for (let w = 0; w < wb; w++) out[offset + w] = ids[v * words + w];
  const x = ids[v * words + wb];
  const high = p === 31 ? 0 : (0xffffffff << (p + 1)) >>> 0;
  const low = 2 ** p - 1;
  const flipped = ((x >>> p) & 1) ^ 1;
  out[offset + wb] = ((x & high) | (flipped * 2 ** p) | (rng.next() & low)) >>> 0;
  for (let w = wb + 1; w < words; w++) out[offset + w] = rng.next();
}

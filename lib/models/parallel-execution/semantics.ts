/**
 * What a transaction does to the state: it reads each of its keys and writes
 * each a value that depends on every value read and on the transaction's own
 * index (an FNV-1a-style mix, Fowler, Noll & Vo 1991), so any
 * out-of-order read changes the result. Values are 32-bit integers.
 */

/** Initial (pre-block) value of key k. */
export function initialValue(k: number): number {
  return Math.imul(k + 1, 2654435761) | 0;
}

/** The mix of transaction i's reads: fold each read value into an FNV-1a state seeded by i. */
export function mixReads(i: number, reads: ArrayLike<number>, from: number, to: number): number {
  let h = (2166136261 ^ i) | 0;
  for (let j = from; j < to; j++) h = Math.imul(h ^ reads[j], 16777619);
  return h;
}

/** Value written to the key in slot `slot` (0-based) of a transaction whose reads mix to h. */
export function writtenValue(h: number, slot: number): number {
  return (h + Math.imul(slot + 1, 374761393)) | 0;
}

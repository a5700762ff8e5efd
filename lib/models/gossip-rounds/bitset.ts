/**
 * Node sets as bitsets: one bit per node in Uint32Array words (node i is bit
 * i & 31 of word i >>> 5), as in the C reference w2_gossip (64-bit words
 * there). N = 1e6 takes 122 KiB per set.
 */

/** Words needed for n bits. */
export function bitsetWords(n: number): number {
  return (n + 31) >>> 5;
}

/** Set bits of a 32-bit word (SWAR popcount, Hacker's Delight, 2nd ed., section 5-1). */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Set bits in words[0..count). */
export function popcountWords(words: Uint32Array, count: number): number {
  let c = 0;
  for (let w = 0; w < count; w++) c += popcount32(words[w]);
  return c;
}

/** Bit i of a bitset, 0 or 1. */
export function getBit(words: Uint32Array, i: number): number {
  return (words[i >>> 5] >>> (i & 31)) & 1;
}

/** Fill `live` with the live-node mask of n nodes (1 = live), given crashed flags; returns the live count. */
export function liveMask(live: Uint32Array, n: number, crashed: Uint8Array | null): number {
  const words = bitsetWords(n);
  live.fill(0xffffffff, 0, words);
  if (n & 31) live[words - 1] = (1 << (n & 31)) - 1;
  let count = n;
  if (crashed) {
    for (let i = 0; i < n; i++) {
      if (crashed[i]) {
        live[i >>> 5] &= ~(1 << (i & 31));
        count--;
      }
    }
  }
  return count;
}

/**
 * MurmurHash3's 32-bit finaliser fmix32 (Appleby, MurmurHash3, 2011): a
 * bijective avalanche mix of a 32-bit word. The hashed pair latencies
 * (network/pair-latency.ts) and the Bloom filters (network/bloom-filter.ts)
 * are built on it.
 */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

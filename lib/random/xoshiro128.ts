/**
 * xoshiro128** 1.1 (Blackman & Vigna 2018, https://prng.di.unimi.it/): a 32-bit
 * generator with 128 bits of state, the fast source for hot loops.
 *
 * The state lives in a Uint32Array so a kernel can copy it into locals, run its
 * loop without touching memory or allocating, and write it back (see
 * `models/selfish-mining/simulate.ts`). `next()` is the readable reference step.
 */
export class Xoshiro128 {
  /** Four 32-bit words; never all zero. */
  readonly state: Uint32Array;

  constructor(state: ArrayLike<number>) {
    if (state.length !== 4) throw new RangeError(`invalid state: need 4 words, got ${state.length}`);
    this.state = Uint32Array.from(state);
    if ((this.state[0] | this.state[1] | this.state[2] | this.state[3]) === 0) this.state[0] = 1;
  }

  /** Next uniform 32-bit unsigned integer. */
  next(): number {
    const s = this.state;
    const s1 = s[1];
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return r;
  }

  /** Uniform double in [0, 1) with 53 random bits (two draws). */
  nextFloat(): number {
    const hi = this.next() >>> 5; // 27 bits
    const lo = this.next() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Unbiased integer in [0, n) for integer 1 <= n <= 2^32: bitmask rejection (at most 2 draws expected). */
  below(n: number): number {
    if (n <= 1) return 0;
    const bits = 32 - Math.clz32(n - 1);
    const shift = 32 - bits;
    for (;;) {
      const x = shift === 0 ? this.next() : this.next() >>> shift;
      if (x < n) return x;
    }
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Threshold t such that P(next() < t) = p for a uniform 32-bit draw (resolution 2^-32). */
export function probabilityToUint32(p: number): number {
  if (!(p > 0)) return 0;
  if (p >= 1) return 4294967296; // every draw is below it
  return Math.floor(p * 4294967296);
}

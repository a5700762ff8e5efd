/**
 * Partner draws on the complete graph K_N: a uniform node other than oneself,
 * and k distinct such partners (the "random phone call" model of Karp,
 * Schindelhauer, Shenker & Vöcking, FOCS 2000; fanout k as in
 * Kermarrec, Massoulié & Ganesh, IEEE TPDS 2003).
 *
 * A uniform integer in [0, m) comes from one 32-bit draw x by Lemire's
 * multiply-and-reject method (Lemire, "Fast random integer generation in an
 * interval", ACM TOMACS 29(1), 2019): the result is the high word of
 * x * m, and draws whose low word falls below 2^32 mod m are rejected (the
 * biased sliver, probability < m / 2^32). With m <= 2^21, x * m < 2^53 is
 * exact in a double, so the high word is floor(x * m / 2^32) exactly.
 *
 * The fast kernels inline exactly these steps; the readable reference kernels
 * call these functions. Both consume the same draws.
 */
import type { Xoshiro128 } from "../../random/xoshiro128";

/** Largest node count: N - 1 <= 2^21 keeps x * (N - 1) exact in a double (see above). */
export const MAX_NODES = 2 ** 21 + 1;

let lastM = 1;
let lastThreshold = 0;

/** Low-word threshold below which Lemire's method rejects a draw: 2^32 mod m (the last one is cached: kernels ask for one m at a time). */
export function rejectionThreshold(m: number): number {
  if (m !== lastM) {
    lastThreshold = 4294967296 % m;
    lastM = m;
  }
  return lastThreshold;
}

/** Uniform integer in [0, m), 1 <= m <= 2^21, by Lemire's method (one draw, rarely more). */
export function uniformBelow(rng: Xoshiro128, m: number): number {
  const threshold = rejectionThreshold(m);
  for (;;) {
    const x = rng.next();
    const low = Math.imul(x, m) >>> 0;
    if (low >= threshold) return Math.floor((x * m) / 4294967296);
  }
}

/** Uniform node of {0, ..., n-1} other than `self`: draw in [0, n-1) and skip over self. */
export function randomOther(rng: Xoshiro128, n: number, self: number): number {
  const j = uniformBelow(rng, n - 1);
  return j >= self ? j + 1 : j;
}

/**
 * The next of up to k distinct partners of `self`: redraw while the partner is
 * one of the `count` already chosen this round (`chosen[0..count)`), so the k
 * partners are a uniform k-subset of the others. Needs count < n - 1.
 */
export function distinctPartner(rng: Xoshiro128, n: number, self: number, chosen: ArrayLike<number>, count: number): number {
  for (;;) {
    const j = randomOther(rng, n, self);
    let seen = false;
    for (let c = 0; c < count; c++) if (chosen[c] === j) seen = true;
    if (!seen) return j;
  }
}

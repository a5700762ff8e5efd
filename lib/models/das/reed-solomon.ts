/**
 * Systematic Reed-Solomon code over GF(65537) (Reed & Solomon 1960): k data
 * symbols are the values at x = 0..k-1 of the unique polynomial of degree < k,
 * and the codeword is its values at x = 0..n-1. Any k of the n values determine
 * the polynomial (Lagrange interpolation), so any k shares recover the data:
 * the code is MDS. The 1-D extension of Ethereum's PeerDAS (n = 2k) and each
 * row and column of the 2-D scheme (two-d.ts) are such codes.
 * Plain O(k^2) Lagrange per evaluated point; no FFT.
 */
import { add, inv, mul, P, sub } from "./field";

export interface Share {
  x: number;
  y: number;
}

/** Value at `x` of the polynomial of degree < points.length through `points` (distinct x). */
export function interpolateAt(points: readonly Share[], x: number): number {
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    let num = 1;
    let den = 1;
    for (let j = 0; j < points.length; j++) {
      if (j === i) continue;
      num = mul(num, sub(x % P, points[j].x));
      den = mul(den, sub(points[i].x, points[j].x));
    }
    sum = add(sum, mul(points[i].y, mul(num, inv(den))));
  }
  return sum;
}

/** Codeword of length n (n >= k) for `data` (k symbols in 0..p-1): data first, then the extension. */
export function rsEncode(data: readonly number[], n: number): number[] {
  const k = data.length;
  if (k < 1 || n < k || n > P - 1) throw new RangeError(`need 1 <= k <= n <= ${P - 1}, got k=${k}, n=${n}`);
  for (const d of data) if (!(Number.isInteger(d) && d >= 0 && d < P)) throw new RangeError(`symbol ${d} outside 0..${P - 1}`);
  const points = data.map((y, x) => ({ x, y }));
  const out = [...data];
  for (let x = k; x < n; x++) out.push(interpolateAt(points, x));
  return out;
}

/** The k data symbols from any k shares (x in 0..n-1, distinct). */
export function rsDecode(shares: readonly Share[], k: number): number[] {
  if (shares.length < k) throw new RangeError(`need ${k} shares to decode, got ${shares.length}`);
  const use = shares.slice(0, k);
  if (new Set(use.map((s) => s.x)).size !== k) throw new RangeError("shares must have distinct positions");
  return Array.from({ length: k }, (_, x) => interpolateAt(use, x));
}

/** The full codeword of length n from any k shares. */
export function rsRecover(shares: readonly Share[], k: number, n: number): number[] {
  return rsEncode(rsDecode(shares, k), n);
}

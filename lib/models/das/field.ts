/**
 * Arithmetic in the prime field GF(p), p = 65537 = 2^16 + 1 (a Fermat prime):
 * symbols are integers 0..p-1, products stay below 2^33 (exact in doubles).
 * Small enough for readable code, large enough for codes of up to p - 1 shares.
 */
export const P = 65537;

export function add(a: number, b: number): number {
  const s = a + b;
  return s >= P ? s - P : s;
}

export function sub(a: number, b: number): number {
  const s = a - b;
  return s < 0 ? s + P : s;
}

export function mul(a: number, b: number): number {
  return (a * b) % P;
}

export function pow(a: number, e: number): number {
  let result = 1;
  let base = a % P;
  for (let x = e; x > 0; x = Math.floor(x / 2)) {
    if (x % 2 === 1) result = mul(result, base);
    base = mul(base, base);
  }
  return result;
}

/** Multiplicative inverse (Fermat: a^(p-2)); a must be nonzero. */
export function inv(a: number): number {
  if (a % P === 0) throw new RangeError("0 has no inverse");
  return pow(a, P - 2);
}

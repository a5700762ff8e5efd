/**
 * ln k! for k = 0..n as a table (sums of ln i, exact to rounding), and the
 * hypergeometric and binomial probabilities built from it.
 */

/** Table t with t[k] = ln k! for 0 <= k <= n. */
export function logFactorialTable(n: number): Float64Array {
  const t = new Float64Array(n + 1);
  for (let k = 2; k <= n; k++) t[k] = t[k - 1] + Math.log(k);
  return t;
}

/** ln C(n, k) from a table covering n. */
export function logChoose(lf: Float64Array, n: number, k: number): number {
  if (k < 0 || k > n) return -Infinity;
  return lf[n] - lf[k] - lf[n - k];
}

/** P(X = k) for X ~ Hypergeometric(population N, K marked, n drawn). */
export function hypergeometricPmf(lf: Float64Array, N: number, K: number, n: number, k: number): number {
  if (k < Math.max(0, n - (N - K)) || k > Math.min(n, K)) return 0;
  return Math.exp(logChoose(lf, K, k) + logChoose(lf, N - K, n - k) - logChoose(lf, N, n));
}

/** P(X = k) for X ~ Binomial(n, p). */
export function binomialPmf(lf: Float64Array, n: number, p: number, k: number): number {
  if (k < 0 || k > n) return 0;
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  return Math.exp(logChoose(lf, n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
}

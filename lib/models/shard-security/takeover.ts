/**
 * Committee takeover under random sharding: N validators, K of them
 * adversarial, are assigned uniformly at random to S committees of n = floor(N/S)
 * (the rest, L = N - S n, sit out). A committee is taken over when at least t of
 * its n members are adversarial, t = ceil(threshold n) (threshold 2/3: the
 * adversary alone can finalize; 1/3: it can stop or equivocate, Castro &
 * Liskov 1999).
 *
 * One committee: X ~ Hypergeometric(N, K, n), P(X >= t) (Luu et al.,
 * "A Secure Sharding Protocol for Open Blockchains" (Elastico), CCS 2016,
 * section 5; Kokoris-Kogias et al., "OmniLedger", S&P 2018, section 4.1 and
 * Figure 3). The binomial Bin(n, K/N) is the usual approximation (sampling
 * with replacement, an infinite population).
 *
 * Some committee, exactly: the committees' adversary counts are a
 * multivariate hypergeometric vector. With weights w(k) = Bin(n, p; k) (any p
 * in (0,1); p = K/N keeps numbers moderate) the probability of a count vector
 * is prod_i w(k_i) w_L(k_L) / Bin(N, p; K), so
 *   P(some committee >= t) = [x^K] U_S(x) * W_L(x) / Bin(N, p; K),
 * where U_s collects the weight of the first s committees having at least one
 * taken over: U_{s+1} = U_s * W + A_s * T, A_{s+1} = A_s * B, with W the full
 * weights, T those of k >= t and B those of k < t (all terms positive, so
 * small probabilities come out without cancellation, down to about 1e-280
 * where doubles turn subnormal). Entries of U and A below 1e-40 of their
 * largest are dropped (tails far from the mean adversary count); the test
 * suite checks the result against enumeration and, for rare takeovers,
 * against the union bound S P(one), which it must then approach.
 */
import { binomialPmf, hypergeometricPmf, logFactorialTable } from "./log-factorial";

export interface ShardSetup {
  /** Validators N. */
  validators: number;
  /** Adversarial validators K. */
  adversaries: number;
  /** Committees S. */
  shards: number;
  /** Fraction of a committee the adversary needs (t = ceil(threshold n)). */
  threshold: number;
}

export function committeeSize(s: Pick<ShardSetup, "validators" | "shards">): number {
  return Math.floor(s.validators / s.shards);
}

/** t = ceil(threshold n), robust to rounding (2/3 of 3 is 2, not 3). */
export function thresholdCount(threshold: number, n: number): number {
  return Math.max(0, Math.ceil(threshold * n - 1e-9));
}

/** P(one given committee is taken over), exact (hypergeometric). */
export function committeeTakeover(s: ShardSetup): number {
  const n = committeeSize(s);
  const t = thresholdCount(s.threshold, n);
  const lf = logFactorialTable(s.validators);
  let sum = 0;
  for (let k = Math.min(n, s.adversaries); k >= t; k--) sum += hypergeometricPmf(lf, s.validators, s.adversaries, n, k);
  return Math.min(1, sum);
}

/** P(one committee is taken over) in the binomial approximation, Bin(n, K/N). */
export function committeeTakeoverBinomial(s: ShardSetup): number {
  const n = committeeSize(s);
  const t = thresholdCount(s.threshold, n);
  const lf = logFactorialTable(n);
  const p = s.adversaries / s.validators;
  let sum = 0;
  for (let k = n; k >= t; k--) sum += binomialPmf(lf, n, p, k);
  return Math.min(1, sum);
}

/** P(some committee is taken over), binomial approximation with independent committees: 1 - (1 - p1)^S. */
export function anyTakeoverBinomial(s: ShardSetup): number {
  const p1 = committeeTakeoverBinomial(s);
  return p1 >= 1 ? 1 : -Math.expm1(s.shards * Math.log1p(-p1));
}

/** Union bound S P(one committee), capped at 1. */
export function anyTakeoverUnionBound(s: ShardSetup): number {
  return Math.min(1, s.shards * committeeTakeover(s));
}

const PRUNE = 1e-40;

/** [first, last] index in lo..hi of entries above PRUNE x the largest there; entries outside are zeroed. */
function support(a: Float64Array, lo: number, hi: number): [number, number] {
  let max = 0;
  for (let i = lo; i <= hi; i++) if (a[i] > max) max = a[i];
  if (max === 0) return [hi + 1, lo - 1]; // empty range
  const cut = max * PRUNE;
  let first = lo;
  while (a[first] < cut) a[first++] = 0;
  let last = hi;
  while (a[last] < cut) a[last--] = 0;
  return [first, last];
}

/** P(some committee is taken over), exact up to the pruning of negligible tails (see the header and below). */
export function anyTakeover(s: ShardSetup): number {
  const { validators: N, adversaries: K, shards: S } = s;
  const n = committeeSize(s);
  const t = thresholdCount(s.threshold, n);
  const L = N - S * n;
  if (K === 0) return t === 0 ? 1 : 0;
  if (K === N) return 1;
  const p = K / N;
  const lf = logFactorialTable(N);
  const w = Float64Array.from({ length: n + 1 }, (_, k) => binomialPmf(lf, n, p, k));
  // Only entries above PRUNE times their array's largest are carried (the far tails of the adversary count
  // so far); the weights w are all kept, so the takeover tail itself is never cut. What a pruned entry would
  // have added is below PRUNE times what the bulk adds to the same cell: a relative error under 1e-35.
  const kLo = 0;
  const kHi = n;
  let safe = new Float64Array(K + 1);
  let taken = new Float64Array(K + 1);
  safe[0] = 1;
  let lo = 0;
  let hi = 0;
  for (let c = 0; c < S; c++) {
    const nextSafe = new Float64Array(K + 1);
    const nextTaken = new Float64Array(K + 1);
    for (let j = lo; j <= hi; j++) {
      const a = safe[j];
      const u = taken[j];
      if (a === 0 && u === 0) continue;
      const top = Math.min(kHi, K - j);
      for (let k = kLo; k <= top; k++) {
        const wk = w[k];
        nextTaken[j + k] += u * wk + (k >= t ? a * wk : 0);
        if (k < t) nextSafe[j + k] += a * wk;
      }
    }
    const hiNext = Math.min(K, hi + kHi);
    const loNext = Math.min(hiNext, lo + kLo);
    const [sLo, sHi] = support(nextSafe, loNext, hiNext);
    const [uLo, uHi] = support(nextTaken, loNext, hiNext);
    lo = Math.min(sLo, uLo);
    hi = Math.max(sHi, uHi);
    safe = nextSafe;
    taken = nextTaken;
  }
  // The L validators outside every committee take the remaining adversaries.
  let num = 0;
  for (let j = Math.max(0, K - L); j <= K; j++) num += taken[j] * binomialPmf(lf, L, p, K - j);
  return Math.min(1, num / binomialPmf(lf, N, p, K));
}

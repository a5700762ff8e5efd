/**
 * Nakamoto, "Bitcoin: A Peer-to-Peer Electronic Cash System", 2008,
 * section 11 "Calculations".
 *
 * The race is a binomial random walk: each block is the honest network's with
 * probability p and the attacker's with q = 1 - p. From z blocks behind, the
 * attacker ever catches up (draws level) with the gambler's-ruin probability
 *
 *   q_z = 1 if p <= q,  (q/p)^z if p > q.
 *
 * The merchant waits for z blocks after the one holding the payment. Nakamoto
 * assumes the honest blocks took exactly their expected time, so the attacker's
 * progress k is Poisson with mean lambda = z q / p, and
 *
 *   P(q, z) = 1 - sum_{k=0}^{z} Poisson(k; lambda) (1 - (q/p)^(z-k)).
 *
 * Catching up means drawing level with the honest chain (no head start, a tie
 * suffices), unlike Rosenfeld 2014 (finality-rosenfeld.ts), whose exact
 * negative-binomial count of attacker blocks needs more confirmations.
 */
import { checkConfirmations, checkShare } from "./finality-params";
import { logRatioProduct, logSumRatioSeries } from "./finality-series";

/**
 * Probability that an attacker z blocks behind ever catches up (Nakamoto 2008,
 * section 11: q_z = (q/p)^z for q < p, 1 otherwise). `deficit` is an integer >= 0.
 */
export function gamblersRuinCatchUp(q: number, deficit: number): number {
  checkShare(q);
  checkConfirmations(deficit, "deficit");
  return q >= 0.5 ? 1 : Math.pow(q / (1 - q), deficit);
}

/**
 * Nakamoto's attacker success probability P(q, z) (2008, section 11), for
 * 0 <= q <= 1 (1 for q >= 0.5, where q_z = 1) and integer 0 <= z <= MAX_CONFIRMATIONS.
 *
 * Same value as the paper's C code (`nakamotoCatchUpPaper`), summed without
 * cancellation so it stays accurate when P is tiny and when lambda > 745
 * (where the C code's exp(-lambda) underflows to 0 and it returns 1):
 *
 *   P = sum_{k=0}^{z-1} e^-lambda (q/p)^z z^k / k!      (Poisson(k) (q/p)^(z-k); note lambda p/q = z)
 *     + sum_{k>=z} e^-lambda lambda^k / k!               (already level or ahead)
 */
export function nakamotoCatchUp(q: number, z: number): number {
  checkShare(q);
  checkConfirmations(z);
  return nakamotoCatchUpUnchecked(q, z);
}

/** `nakamotoCatchUp` on arguments already validated. */
export function nakamotoCatchUpUnchecked(q: number, z: number): number {
  if (z === 0 || q >= 0.5) return 1;
  if (q === 0) return 0;
  const p = 1 - q;
  const lambda = (z * q) / p;
  const logBehind = logSumRatioSeries(-lambda + z * Math.log(q / p), (k) => z / (k + 1), z);
  const logPmfAtZ = logRatioProduct(-lambda, (k) => lambda / (k + 1), z);
  const logAhead = logSumRatioSeries(logPmfAtZ, (j) => lambda / (z + j + 1), Infinity);
  return Math.min(1, Math.exp(logBehind) + Math.exp(logAhead));
}

/**
 * The paper's C function `AttackerSuccessProbability(q, z)`, line for line
 * (Nakamoto 2008, section 11): the readable reference. O(z^2) operations;
 * it loses all precision once P is below about 1e-16, returns 1 once
 * lambda > 745, and is only meaningful for q <= 0.5 (it does not apply q_z = 1).
 */
export function nakamotoCatchUpPaper(q: number, z: number): number {
  checkShare(q);
  checkConfirmations(z);
  const p = 1.0 - q;
  const lambda = z * (q / p);
  let sum = 1.0;
  for (let k = 0; k <= z; k++) {
    let poisson = Math.exp(-lambda);
    for (let i = 1; i <= k; i++) poisson *= lambda / i;
    sum -= poisson * (1 - Math.pow(q / p, z - k));
  }
  return sum;
}

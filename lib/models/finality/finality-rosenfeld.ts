/**
 * Exact success probability of a double spend (Rosenfeld, "Analysis of
 * Hashrate-Based Double Spending", 2014, arXiv:1402.2009, eq. (1), p. 7):
 *
 *   r(q, z) = 1 - sum_{m=0}^{z} C(m+z-1, m) (p^z q^m - p^m q^z)   for q < p,   1 for q >= p.
 *
 * The model (Rosenfeld's conventions, which differ from Nakamoto's):
 * - Blocks are a sequence of independent events, the attacker's with
 *   probability q, the honest network's with p = 1 - q.
 * - While the merchant waits for z confirmations (the honest network finds z
 *   blocks), the attacker finds m blocks, m ~ NegativeBinomial(z, p):
 *   P(m) = C(m+z-1, m) p^z q^m. Nakamoto instead assumes Poisson with mean
 *   z q / p, as if the honest blocks took exactly their expected time.
 * - Success means the attacker's branch becomes strictly longer than the
 *   honest one (a tie does not displace the branch the network saw first), so
 *   from z blocks behind the attacker succeeds with a_z = (q/p)^(z+1)
 *   (Rosenfeld's a_z = min(q/p, 1)^max(z+1, 0)).
 * - The attacker pre-mines one block before paying the merchant, so after the
 *   z confirmations he is z - m - 1 blocks behind: r = sum_m P(m) a_(z-m-1).
 * The head start and the "strictly ahead" rule cancel: the attacker wins at
 * once if m >= z, and otherwise with (q/p)^(z-m), the chance of ever drawing
 * level from z - m behind (the two-phase game of Georgiadis & Zeilberger
 * 2019, who quote eq. (1) from Rosenfeld's p. 7). So r(q, 0) = 1, r(q, 1) = 2q.
 * (Without the pre-mined block the exponent would be z - m + 1.)
 *
 * Numerics: r is computed as a sum of positive terms, never as 1 minus a
 * sum (which cancels catastrophically once r is below about 1e-16):
 *
 *   r = sum_{m=0}^{z-1} C(z-1+m, m) p^m q^z            (behind, then draws level)
 *     + sum_{k=0}^{z-1} C(2z-1, k) p^k q^(2z-1-k)       (P(m >= z): at most z-1 honest
 *                                                        blocks among the first 2z-1)
 *
 * with each sum a ratio recurrence in scaled arithmetic (finality-series.ts):
 * relative error about z * 2^-53 for any z, including probabilities far below
 * the smallest double (those return 0).
 */
import { checkConfirmations, checkShare } from "./finality-params";
import { logRatioProduct, logSumRatioSeries } from "./finality-series";

/** Probability that an attacker with hash share q double-spends a payment accepted after z confirmations (Rosenfeld 2014, eq. 1). */
export function rosenfeldSuccess(q: number, z: number): number {
  checkShare(q);
  checkConfirmations(z);
  return rosenfeldSuccessUnchecked(q, z);
}

/** `rosenfeldSuccess` on arguments already validated (0 <= q <= 1, integer z >= 0). */
export function rosenfeldSuccessUnchecked(q: number, z: number): number {
  if (z === 0 || q >= 0.5) return 1;
  if (q === 0) return 0;
  const p = 1 - q;
  const logQ = Math.log(q);
  // Behind after the confirmations: t_m = C(z-1+m, m) p^m q^z, t_{m+1}/t_m = (z+m)/(m+1) * p.
  const logBehind = logSumRatioSeries(z * logQ, (m) => ((z + m) / (m + 1)) * p, z);
  // Already ahead: t_k = C(2z-1, k) p^k q^(2z-1-k) for k = z-1 down to 0, from the largest term
  // t_{z-1} = C(2z-1, z-1) p^(z-1) q^z, with t_{k-1}/t_k = k/(2z-k) * q/p <= 1 (p/q itself overflows
  // for a subnormal q). log C(2z-1, z-1) is the product of the ratios (2z-1-j)/(j+1), j < z-1.
  const logBinomial = logRatioProduct(0, (j) => (2 * z - 1 - j) / (j + 1), z - 1);
  const logLargest = logBinomial + (z - 1) * Math.log(p) + z * logQ;
  const logAhead = logSumRatioSeries(logLargest, (i) => ((z - 1 - i) / (z + 1 + i)) * (q / p), z);
  return Math.min(1, Math.exp(logBehind) + Math.exp(logAhead));
}

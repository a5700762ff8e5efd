/**
 * Double-spend success given the time the z confirmations took, the closed
 * form in time rather than blocks of Grunspan & Pérez-Marco ("Double spend
 * races", 2017, arXiv:1702.02867; Int. J. Theor. Appl. Finance 2018), who
 * compute "the probability conditional to the known validation time of the
 * blocks". We could not read the paper's text from here: the expression
 * below is derived in this comment from the model it names, and matches the
 * form we recall from the paper; check it against the paper before citing
 * it as theirs.
 *
 * Model (Nakamoto 2008, section 11; Rosenfeld 2014): hash shares q < p = 1 - q,
 * mean block interval tau0 for the whole network, so honest blocks come at
 * rate p / tau0 and the attacker's at q / tau0. The merchant's z
 * confirmations took tau1 = kappa * z * tau0 / p (kappa = 1: the expected
 * time). Given tau1, the attacker's blocks N ~ Poisson(x), x = q tau1 / tau0
 * = kappa z q / p. He wins at once if N >= z, else from z - N behind with
 * the gambler's-ruin chance (q / p)^(z - N):
 *
 *   P(z, kappa) = P(N >= z) + sum_{k<z} e^-x x^k / k! (q/p)^(z-k)
 *               = 1 - Q(z, x) + (q/p)^z e^(y - x) Q(z, y),   y = kappa z,
 *
 * Q(z, y) = sum_{k<z} e^-y y^k / k! the regularized upper incomplete gamma
 * function (the Poisson(y) CDF below z). Averaged over tau1 ~ Gamma(z, p/tau0)
 * it gives back the success probability in blocks (Rosenfeld 2014, eq. 1,
 * with the attacker's pre-mined block; Grunspan & Pérez-Marco's I_{4pq}(z, 1/2)).
 */
import { checkConfirmations, checkShare } from "../finality/finality-params";

/** log(k!) by summation (z is small: confirmations). */
function logFactorial(k: number): number {
  let s = 0;
  for (let i = 2; i <= k; i++) s += Math.log(i);
  return s;
}

/** Q(z, y) = P(Poisson(y) < z), summed in log space. */
export function poissonBelow(z: number, y: number): number {
  if (y === 0) return z > 0 ? 1 : 0;
  let s = 0;
  for (let k = 0; k < z; k++) s += Math.exp(-y + k * Math.log(y) - logFactorial(k));
  return Math.min(1, s);
}

/** P(z, kappa): success of an attacker of share q when the z confirmations took kappa times their expected time. */
export function doubleSpendGivenTime(q: number, z: number, kappa: number): number {
  checkShare(q);
  checkConfirmations(z);
  if (!(kappa >= 0 && Number.isFinite(kappa))) throw new RangeError(`invalid kappa: ${kappa} (allowed: a finite number >= 0, the confirmation time over its expectation)`);
  if (z === 0 || q >= 0.5) return 1;
  if (q === 0) return 0;
  const p = 1 - q;
  const x = (kappa * z * q) / p;
  let behind = 0;
  const logRatio = Math.log(q / p);
  // The first form: sum_{k<z} e^-x x^k / k! (q/p)^(z-k), term by term in log space.
  for (let k = 0; k < z; k++) behind += Math.exp((z - k) * logRatio - x + (k > 0 ? k * Math.log(x) : 0) - logFactorial(k));
  return Math.min(1, 1 - poissonBelow(z, x) + behind);
}

/**
 * Validation shared by the finality formulas (Nakamoto 2008 section 11,
 * Rosenfeld 2014): every public function checks its arguments here and throws
 * a ParameterError naming the parameter, the value and the allowed range.
 */
import { ParameterError } from "../../experiment/params";

/** Largest confirmation count the formulas accept: their cost is linear in z. */
export const MAX_CONFIRMATIONS = 1_000_000;

/** Attacker hash-rate share q: a number in [0, 1] (q >= 0.5 is allowed; the attack then always succeeds). */
export function checkShare(q: unknown, name = "q"): number {
  if (typeof q !== "number" || !Number.isFinite(q) || q < 0 || q > 1) {
    throw new ParameterError(name, q, `a number, 0 <= ${name} <= 1`);
  }
  return q;
}

/** Attacker share for questions that only have an answer below one half (e.g. confirmations needed). */
export function checkMinorityShare(q: unknown, name = "q"): number {
  if (typeof q !== "number" || !Number.isFinite(q) || q < 0 || q >= 0.5) {
    throw new ParameterError(name, q, `a number, 0 <= ${name} < 0.5 (at ${name} >= 0.5 the attack always succeeds)`);
  }
  return q;
}

/** Confirmation count z: an integer in [0, MAX_CONFIRMATIONS]. */
export function checkConfirmations(z: unknown, name = "z"): number {
  if (typeof z !== "number" || !Number.isInteger(z) || z < 0 || z > MAX_CONFIRMATIONS) {
    throw new ParameterError(name, z, `an integer, 0 <= ${name} <= ${MAX_CONFIRMATIONS}`);
  }
  return z;
}

/** Acceptable success probability of an attack: a number in (0, 1]. */
export function checkRisk(risk: unknown, name = "risk"): number {
  if (typeof risk !== "number" || !Number.isFinite(risk) || risk <= 0 || risk > 1) {
    throw new ParameterError(name, risk, `a number, 0 < ${name} <= 1`);
  }
  return risk;
}

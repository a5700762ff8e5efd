/**
 * How many confirmations a merchant needs so that an attacker with hash share
 * q succeeds with probability at most `risk`: Nakamoto's "solving for P less
 * than 0.1%" table (2008, section 11), for either model.
 *
 * Both success probabilities decrease strictly in z for q < 0.5, so the
 * search gallops (z = 1, 2, 4, ...) and then bisects: O(z log z) work.
 */
import { ParameterError } from "../../experiment/params";
import { nakamotoCatchUpUnchecked } from "./finality-nakamoto";
import { checkConfirmations, checkMinorityShare, checkRisk, checkShare } from "./finality-params";
import { rosenfeldSuccessUnchecked } from "./finality-rosenfeld";

export type FinalityModel = "rosenfeld" | "nakamoto";
export const FINALITY_MODELS: readonly FinalityModel[] = ["rosenfeld", "nakamoto"];

/** Default cap on the confirmations searched (q = 0.49 at risk 1e-6 needs about 30,000). */
export const DEFAULT_MAX_CONFIRMATIONS = 100_000;

/** Success probability of a double spend under `model`: `rosenfeldSuccess` or `nakamotoCatchUp`. */
export function doubleSpendProbability(q: number, z: number, model: FinalityModel = "rosenfeld"): number {
  checkShare(q);
  checkConfirmations(z);
  checkFinalityModel(model);
  return model === "rosenfeld" ? rosenfeldSuccessUnchecked(q, z) : nakamotoCatchUpUnchecked(q, z);
}

export interface ConfirmationsOptions {
  /** Largest z searched; beyond it the call throws. Default 100,000. */
  maxConfirmations?: number;
}

/**
 * Smallest z >= 0 with P(q, z) <= risk under `model` ("rosenfeld", the exact
 * race, default; or "nakamoto", the paper's Poisson approximation).
 * Throws ParameterError for q outside [0, 0.5), risk outside (0, 1], an unknown
 * model, and (naming maxConfirmations, with q and the cap in the message) when
 * no z up to the cap is enough.
 */
export function confirmationsNeeded(q: number, risk: number, model: FinalityModel = "rosenfeld", options: ConfirmationsOptions = {}): number {
  checkMinorityShare(q);
  checkRisk(risk);
  checkFinalityModel(model);
  const cap = checkConfirmations(options.maxConfirmations ?? DEFAULT_MAX_CONFIRMATIONS, "maxConfirmations");
  const P = model === "rosenfeld" ? rosenfeldSuccessUnchecked : nakamotoCatchUpUnchecked;
  const safe = (z: number) => P(q, z) <= risk;
  if (safe(0)) return 0;
  // Gallop: lo is unsafe, hi safe.
  let lo = 0;
  let hi = 1;
  while (!safe(hi)) {
    if (hi >= cap) {
      throw new ParameterError(
        "maxConfirmations",
        cap,
        `a cap large enough that some z <= maxConfirmations gives P <= risk`,
        `invalid maxConfirmations: ${cap} (no z <= ${cap} gives P <= risk for q = ${q}, risk = ${risk}, model ${model}: ` +
          `P(q, ${cap}) = ${P(q, cap).toPrecision(4)}; raise maxConfirmations)`,
      );
    }
    lo = hi;
    hi = Math.min(cap, hi * 2);
  }
  while (hi - lo > 1) {
    const mid = lo + ((hi - lo) >> 1);
    if (safe(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

export interface ConfirmationsRow {
  q: number;
  risk: number;
  /** Confirmations needed under Nakamoto's Poisson approximation (2008, section 11). */
  nakamoto: number;
  /** Confirmations needed under Rosenfeld's exact race (2014). */
  rosenfeld: number;
}

/**
 * Confirmations needed for every (q, risk) pair, both models side by side:
 * plain rows that `aq.from` takes as they are. Defaults: Nakamoto's table,
 * q = 0.10, 0.15, ..., 0.45 at risk 0.001.
 */
export function confirmationsTable(
  qs: readonly number[] = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45],
  risks: readonly number[] = [0.001],
  options: ConfirmationsOptions = {},
): ConfirmationsRow[] {
  const rows: ConfirmationsRow[] = [];
  for (const risk of risks) {
    for (const q of qs) {
      rows.push({ q, risk, nakamoto: confirmationsNeeded(q, risk, "nakamoto", options), rosenfeld: confirmationsNeeded(q, risk, "rosenfeld", options) });
    }
  }
  return rows;
}

function checkFinalityModel(model: unknown): FinalityModel {
  if (!FINALITY_MODELS.includes(model as FinalityModel)) throw new ParameterError("model", model, `one of ${FINALITY_MODELS.join(", ")}`);
  return model as FinalityModel;
}

/**
 * Closed-form means of the rollup pipeline (pipeline.ts), where they are
 * simple; the Monte Carlo is tested against them.
 *
 *   batch wait       E[close - soft] = batchIntervalS / 2 (uniform arrival phase)
 *   pow L1           inclusion Exp(T), finality z T later (l1-pow.ts)
 *   optimistic, pow  final = d + I/2 + T + C + E[extension] + T + zT
 *   zk, pow, A = 0   final = d + I/2 + E[max(P, Exp(T))] + T + zT, P ~ Erlang(k, mean m)
 * with the challenge extension of a fraudulent, challenged assertion from
 * missedAndExtension below.
 */

/** Mean wait from the soft confirmation to the batch's close: I / 2. */
import type { RollupParams } from "./pipeline";
export function meanBatchWaitS(batchIntervalS: number): number {
  return batchIntervalS / 2;
}

/**
 * E[min(X, Y)] for X ~ Erlang(k) of mean m and Y ~ Exp of mean T, independent:
 * integral of P(X > s) e^{-s/T} ds = sum_{j<k} lambda^j / (lambda + mu)^{j+1},
 * lambda = k / m, mu = 1 / T (P(X > s) is the Poisson tail, Erlang's survival function).
 */
export function meanMinErlangExponential(stages: number, mean: number, expMean: number): number {
  if (mean === 0 || expMean === 0) return 0;
  const lambda = stages / mean;
  const mu = 1 / expMean;
  let total = 0;
  let term = 1 / (lambda + mu);
  for (let j = 0; j < stages; j++) {
    total += term;
    term *= lambda / (lambda + mu);
  }
  return total;
}

/**
 * Mean delay added to the settlement of an assertion beyond the challenge
 * period C, given that it is fraudulent: the challenger notices after
 * D ~ Exp(mean M); if D < C, settlement is at max(C, D + G) (G: game length):
 *   E[(D + G - C)^+ ; D < C] = (a + M) e^{-a/M} - (C + M) e^{-C/M} - (C - G)(e^{-a/M} - e^{-C/M}),  a = max(0, C - G).
 */
export function meanChallengeExtensionS(challengePeriodS: number, challengerDelayMeanS: number, fraudGameS: number): number {
  const C = challengePeriodS;
  const M = challengerDelayMeanS;
  const G = fraudGameS;
  if (M === 0) return Math.max(0, G - C);
  const a = Math.max(0, C - G);
  const ea = Math.exp(-a / M);
  const eC = Math.exp(-C / M);
  return (a + M) * ea - (C + M) * eC - (C - G) * (ea - eC);
}

export interface PowMeans {
  inclusionS: number;
  l1FinalS: number;
  finalS: number | null;
}

/** Mean milestones after arrival on a proof-of-work L1 (z confirmations of mean interval T). */
export function powRollupMeans(
  p: RollupParams,
  blockIntervalS: number,
  confirmations: number,
): PowMeans {
  const T = blockIntervalS;
  const inclusionS = p.sequencerDelayS + meanBatchWaitS(p.batchIntervalS) + T;
  const l1FinalS = inclusionS + confirmations * T;
  let finalS: number | null;
  if (p.rollup === "optimistic") {
    const extension = p.fraudProbability * meanChallengeExtensionS(p.challengePeriodS, p.challengerDelayMeanS, p.fraudGameS);
    finalS = inclusionS + p.challengePeriodS + extension + T + confirmations * T;
  } else if (p.aggregationIntervalS === 0) {
    // The proof is posted at max(close + P, close + Exp(T)) = close + P + Exp(T) - min(P, Exp(T)).
    const posted = p.provingMeanS + T - meanMinErlangExponential(p.provingStages, p.provingMeanS, T);
    finalS = p.sequencerDelayS + meanBatchWaitS(p.batchIntervalS) + posted + T + confirmations * T;
  } else finalS = null;
  return { inclusionS, l1FinalS, finalS };
}

/**
 * The interactive fraud-proof game of an optimistic rollup: the challenger
 * and the asserter bisect the disputed execution of `steps` machine steps
 * until one step is left, which L1 executes (Kalodner et al. 2018, "Arbitrum:
 * Scalable, private smart contracts", USENIX Security, section 4.4; Optimism's
 * fault-proof game, docs.optimism.io "Fault proofs"). Bisection needs
 * ceil(log2 steps) rounds; in each round the dishonest party may use its whole
 * response deadline (the worst case modelled here), and the honest party
 * answers after `honestResponseS`.
 *
 * The honest challenger notices a fraudulent assertion after an exponential
 * delay of mean `challengerDelayMeanS` from its L1 inclusion. A challenge that
 * would start after the challenge period is too late: the fraud is missed,
 * with probability exp(-challengePeriodS / challengerDelayMeanS).
 */

/** Rounds of binary bisection over `steps` steps: ceil(log2 steps) (0 for one step). */
export function bisectionRounds(steps: number): number {
  if (steps <= 1) return 0;
  // Exact for powers of two, where log2 may round up past the integer.
  let rounds = 0;
  for (let span = 1; span < steps; span *= 2) rounds++;
  return rounds;
}

export interface FraudGameParams {
  executionSteps: number;
  roundDeadlineS: number;
  honestResponseS: number;
}

/** Duration of the bisection game, worst case for the honest side: rounds * (deadline + honest response). */
export function fraudGameDurationS({ executionSteps, roundDeadlineS, honestResponseS }: FraudGameParams): number {
  return bisectionRounds(executionSteps) * (roundDeadlineS + honestResponseS);
}

/** Probability that the honest challenger's exponential delay exceeds the challenge period. */
export function missedFraudProbability(challengePeriodS: number, challengerDelayMeanS: number): number {
  if (challengerDelayMeanS === 0) return 0;
  return Math.exp(-challengePeriodS / challengerDelayMeanS);
}

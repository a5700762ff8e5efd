/**
 * The selfish-mining MDP of Sapirshtein, Sompolinsky & Zohar, "Optimal Selfish
 * Mining Strategies in Bitcoin", FC 2016 (arXiv 1507.06183), section 4.
 *
 * A state is (a, h, fork): a blocks on the pool's branch and h on the public
 * branch since their common ancestor, and fork in
 *   irrelevant  the last block was the pool's (or the fork is empty): match is not possible;
 *   relevant    the last block was honest and the pool saw it: it may match (if a >= h);
 *   active      the pool matched, and honest power is split gamma : 1 - gamma.
 * Actions (section 4, Table 1), each followed by one block event (pool with prob alpha):
 *   adopt     give up the private branch: honest gets h        -> (1, 0, irr) | (0, 1, rel)
 *   override  publish h + 1 blocks (a > h): pool gets h + 1     -> (a-h, 0, irr) | (a-h-1, 1, rel)
 *   wait      (fork != active)                                  -> (a+1, h, irr) | (a, h+1, rel)
 *   match     (fork = relevant, a >= h), or wait when active    -> (a+1, h, active) with prob alpha,
 *             (a-h, 1, rel) with prob gamma (1-alpha) and the pool gets h, (a, h+1, rel) otherwise.
 * Truncation (section 4): a, h < maxFork; wait and match are only allowed
 * while a + 1 < maxFork and h + 1 < maxFork, so at the boundary the pool must
 * adopt or override. Any policy of the truncated MDP is a policy of the full
 * one, so its revenue is a lower bound on the full optimum.
 *
 * This file builds the transition arrays once (typed, indexed by
 * state * 4 + action); the solver is in mdp-solve.ts.
 */

export const IRRELEVANT = 0;
export const RELEVANT = 1;
export const ACTIVE = 2;
export const FORK_NAMES = ["irrelevant", "relevant", "active"] as const;

export const ADOPT = 0;
export const OVERRIDE = 1;
export const MATCH = 2;
export const WAIT = 3;
export const ACTION_NAMES = ["adopt", "override", "match", "wait"] as const;
export type ActionName = (typeof ACTION_NAMES)[number];
export type ForkName = (typeof FORK_NAMES)[number];

/** State index of (a, h, fork) for 0 <= a, h < maxFork. */
export function stateIndex(maxFork: number, a: number, h: number, fork: number): number {
  return (a * maxFork + h) * 3 + fork;
}

/** Inverse of stateIndex. */
export function stateOf(maxFork: number, s: number): { a: number; h: number; fork: number } {
  const fork = s % 3;
  const ah = (s - fork) / 3;
  return { a: Math.floor(ah / maxFork), h: ah % maxFork, fork };
}

/** Whether `action` is allowed in (a, h, fork) in the MDP truncated at maxFork (Sapirshtein et al. 2016, section 4). */
export function isFeasible(maxFork: number, a: number, h: number, fork: number, action: number): boolean {
  const inside = a + 1 < maxFork && h + 1 < maxFork;
  switch (action) {
    case ADOPT:
      return true;
    case OVERRIDE:
      return a > h;
    case WAIT:
      // Waiting while active keeps the match going; an active fork always has a > h >= 1.
      return inside && (fork !== ACTIVE || (a > h && h > 0));
    case MATCH:
      return inside && fork === RELEVANT && a >= h && h > 0;
    default:
      return false;
  }
}

/** The truncated MDP as flat typed arrays. */
export interface SelfishMiningMdp {
  readonly alpha: number;
  readonly gamma: number;
  readonly maxFork: number;
  /** Number of states, 3 maxFork^2. */
  readonly states: number;
  /** feasible[s * 4 + action] = 1 where the action is allowed. */
  readonly feasible: Uint8Array;
  /** Expected blocks the pool / honest miners get for (state, action): rewardPool[s * 4 + action]. */
  readonly rewardPool: Float64Array;
  readonly rewardHonest: Float64Array;
  /** Up to 3 outcomes per (state, action): next[(s * 4 + action) * 3 + k] (-1 when absent) with prob[...]. */
  readonly next: Int32Array;
  readonly prob: Float64Array;
}

/** Build the truncated MDP for pool share alpha and tie share gamma (Sapirshtein et al. 2016, Table 1). */
export function buildSelfishMiningMdp(alpha: number, gamma: number, maxFork: number): SelfishMiningMdp {
  if (!(maxFork >= 2) || !Number.isInteger(maxFork)) throw new RangeError(`maxFork must be an integer >= 2, got ${maxFork}`);
  const n = maxFork;
  const states = 3 * n * n;
  const feasible = new Uint8Array(states * 4);
  const rewardPool = new Float64Array(states * 4);
  const rewardHonest = new Float64Array(states * 4);
  const next = new Int32Array(states * 12).fill(-1);
  const prob = new Float64Array(states * 12);
  const beta = 1 - alpha;
  for (let a = 0; a < n; a++) {
    for (let h = 0; h < n; h++) {
      for (let fork = 0; fork < 3; fork++) {
        const s = stateIndex(n, a, h, fork);
        const set = (action: number, k: number, to: number, p: number) => {
          next[(s * 4 + action) * 3 + k] = to;
          prob[(s * 4 + action) * 3 + k] = p;
        };
        // adopt
        feasible[s * 4 + ADOPT] = 1;
        rewardHonest[s * 4 + ADOPT] = h;
        set(ADOPT, 0, stateIndex(n, 1, 0, IRRELEVANT), alpha);
        set(ADOPT, 1, stateIndex(n, 0, 1, RELEVANT), beta);
        // override
        if (isFeasible(n, a, h, fork, OVERRIDE)) {
          feasible[s * 4 + OVERRIDE] = 1;
          rewardPool[s * 4 + OVERRIDE] = h + 1;
          set(OVERRIDE, 0, stateIndex(n, a - h, 0, IRRELEVANT), alpha);
          set(OVERRIDE, 1, stateIndex(n, a - h - 1, 1, RELEVANT), beta);
        }
        // wait: a plain wait, or (when active) the match continues
        if (isFeasible(n, a, h, fork, WAIT)) {
          feasible[s * 4 + WAIT] = 1;
          if (fork === ACTIVE) {
            rewardPool[s * 4 + WAIT] = gamma * beta * h;
            set(WAIT, 0, stateIndex(n, a + 1, h, ACTIVE), alpha);
            set(WAIT, 1, stateIndex(n, a - h, 1, RELEVANT), gamma * beta);
            set(WAIT, 2, stateIndex(n, a, h + 1, RELEVANT), (1 - gamma) * beta);
          } else {
            set(WAIT, 0, stateIndex(n, a + 1, h, IRRELEVANT), alpha);
            set(WAIT, 1, stateIndex(n, a, h + 1, RELEVANT), beta);
          }
        }
        // match
        if (isFeasible(n, a, h, fork, MATCH)) {
          feasible[s * 4 + MATCH] = 1;
          rewardPool[s * 4 + MATCH] = gamma * beta * h;
          set(MATCH, 0, stateIndex(n, a + 1, h, ACTIVE), alpha);
          set(MATCH, 1, stateIndex(n, a - h, 1, RELEVANT), gamma * beta);
          set(MATCH, 2, stateIndex(n, a, h + 1, RELEVANT), (1 - gamma) * beta);
        }
      }
    }
  }
  return { alpha, gamma, maxFork, states, feasible, rewardPool, rewardHonest, next, prob };
}

/** A policy as one action per state, built from a rule on (a, h, fork); infeasible choices fall back to override (a > h) or adopt. */
export function policyFromRule(maxFork: number, rule: (a: number, h: number, fork: number) => number): Uint8Array {
  const policy = new Uint8Array(3 * maxFork * maxFork);
  for (let a = 0; a < maxFork; a++) {
    for (let h = 0; h < maxFork; h++) {
      for (let fork = 0; fork < 3; fork++) {
        let action = rule(a, h, fork);
        if (!isFeasible(maxFork, a, h, fork, action)) action = a > h ? OVERRIDE : ADOPT;
        policy[stateIndex(maxFork, a, h, fork)] = action;
      }
    }
  }
  return policy;
}

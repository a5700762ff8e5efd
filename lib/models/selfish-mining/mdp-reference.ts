/**
 * Readable reference of the optimal selfish-mining solve (mdp.ts + mdp-solve.ts):
 * the transitions of Sapirshtein, Sompolinsky & Zohar, FC 2016, section 4,
 * Table 1, written row by row on (a, h, fork) objects, and the same bisection
 * on rho with relative value iteration over a Map of state values. Slow
 * (strings as keys, objects per transition); for small maxFork only. The
 * typed-array solver is tested to give exactly the same bounds, sweeps and
 * policy (same arithmetic in the same order).
 */
import { ACTIVE, ADOPT, IRRELEVANT, MATCH, OVERRIDE, RELEVANT, WAIT } from "./mdp";

export interface ReferenceState {
  a: number;
  h: number;
  fork: number;
}

export interface ReferenceOutcome {
  to: ReferenceState;
  prob: number;
  /** Blocks the pool gets on this outcome (an honest block on its published prefix). */
  pool: number;
}

export interface ReferenceAction {
  /** Blocks decided by the action itself: adopt gives the honest miners h, override the pool h + 1. */
  pool: number;
  honest: number;
  outcomes: ReferenceOutcome[];
}

/** Table 1 of Sapirshtein et al. (2016) for one state and action; undefined where the action is not allowed. */
export function referenceAction(alpha: number, gamma: number, maxFork: number, s: ReferenceState, action: number): ReferenceAction | undefined {
  const { a, h, fork } = s;
  const beta = 1 - alpha;
  const roomToGrow = a + 1 < maxFork && h + 1 < maxFork; // truncation: beyond it only adopt or override
  const raceOutcomes = (): ReferenceOutcome[] => [
    { to: { a: a + 1, h, fork: ACTIVE }, prob: alpha, pool: 0 },
    { to: { a: a - h, h: 1, fork: RELEVANT }, prob: gamma * beta, pool: h },
    { to: { a, h: h + 1, fork: RELEVANT }, prob: (1 - gamma) * beta, pool: 0 },
  ];
  if (action === ADOPT) {
    return {
      pool: 0,
      honest: h,
      outcomes: [
        { to: { a: 1, h: 0, fork: IRRELEVANT }, prob: alpha, pool: 0 },
        { to: { a: 0, h: 1, fork: RELEVANT }, prob: beta, pool: 0 },
      ],
    };
  }
  if (action === OVERRIDE) {
    if (!(a > h)) return undefined;
    return {
      pool: h + 1,
      honest: 0,
      outcomes: [
        { to: { a: a - h, h: 0, fork: IRRELEVANT }, prob: alpha, pool: 0 },
        { to: { a: a - h - 1, h: 1, fork: RELEVANT }, prob: beta, pool: 0 },
      ],
    };
  }
  if (action === WAIT) {
    if (!roomToGrow) return undefined;
    if (fork === ACTIVE) return a > h && h > 0 ? { pool: 0, honest: 0, outcomes: raceOutcomes() } : undefined;
    return {
      pool: 0,
      honest: 0,
      outcomes: [
        { to: { a: a + 1, h, fork: IRRELEVANT }, prob: alpha, pool: 0 },
        { to: { a, h: h + 1, fork: RELEVANT }, prob: beta, pool: 0 },
      ],
    };
  }
  if (action === MATCH) {
    if (!roomToGrow || fork !== RELEVANT || a < h || h === 0) return undefined;
    return { pool: 0, honest: 0, outcomes: raceOutcomes() };
  }
  return undefined;
}

const key = (s: ReferenceState) => `${s.a},${s.h},${s.fork}`;

export interface ReferenceSolution {
  lower: number;
  upper: number;
  sweeps: number;
  /** Action per state, in the order a, h, fork (the typed solver's state order). */
  policy: number[];
  certified: boolean;
}

/** Bisection on rho with relative value iteration (Sapirshtein et al. 2016, section 4), one readable step at a time. */
export function solveRelativeRevenueReference(alpha: number, gamma: number, maxFork: number, tolerance: number, fixedPolicy?: ArrayLike<number>): ReferenceSolution {
  const states: ReferenceState[] = [];
  for (let a = 0; a < maxFork; a++) for (let h = 0; h < maxFork; h++) for (let fork = 0; fork < 3; fork++) states.push({ a, h, fork });
  const value = new Map<string, number>(states.map((s) => [key(s), 0]));
  let lower = fixedPolicy ? 0 : alpha;
  let upper = fixedPolicy ? 1 : Math.min(1, alpha / (1 - alpha));
  let sweeps = 0;
  let certified = true;
  let policy: number[] = [];
  let greedy: number[] = [];
  let haveLowerPolicy = false;
  while (upper - lower > tolerance) {
    const rho = (lower + upper) / 2;
    for (;;) {
      sweeps++;
      const next = new Map<string, number>();
      greedy = [];
      let lo = Infinity;
      let hi = -Infinity;
      states.forEach((s, i) => {
        let best = -Infinity;
        let bestAction = 0;
        const actions = fixedPolicy ? [fixedPolicy[i]] : [ADOPT, OVERRIDE, MATCH, WAIT];
        for (const action of actions) {
          const act = referenceAction(alpha, gamma, maxFork, s, action);
          if (!act) continue;
          // Expected blocks of the step: the action's own, then the block event's (in outcome order).
          let pool = act.pool;
          for (const o of act.outcomes) pool += o.prob * o.pool;
          let q = (1 - rho) * pool - rho * act.honest;
          for (const o of act.outcomes) q += o.prob * (value.get(key(o.to)) as number);
          if (q > best) {
            best = q;
            bestAction = action;
          }
        }
        next.set(key(s), best);
        greedy.push(bestAction);
        const d = best - (value.get(key(s)) as number);
        lo = Math.min(lo, d);
        hi = Math.max(hi, d);
      });
      const ref = next.get(key(states[0])) as number;
      for (const s of states) value.set(key(s), (next.get(key(s)) as number) - ref);
      if (lo > 0) {
        lower = rho;
        policy = greedy;
        haveLowerPolicy = true;
        break;
      }
      if (hi < 0) {
        upper = rho;
        break;
      }
      if (hi - lo < tolerance * 1e-4) {
        certified = false;
        if (lo + hi > 0) lower = rho;
        else upper = rho;
        break;
      }
    }
  }
  if (fixedPolicy) policy = Array.from(fixedPolicy);
  else if (!haveLowerPolicy) policy = states.map((s) => (s.a > s.h ? OVERRIDE : ADOPT));
  return { lower, upper, sweeps, policy, certified };
}

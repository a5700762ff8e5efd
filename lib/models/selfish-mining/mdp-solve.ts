/**
 * Optimal relative revenue of the selfish-mining MDP (mdp.ts), as in
 * Sapirshtein, Sompolinsky & Zohar, FC 2016, section 4: the objective
 * E[R_pool] / E[R_pool + R_honest] is not an expected sum, so for a guess rho
 * the MDP with reward w_rho = r_pool - rho (r_pool + r_honest) is solved for
 * its optimal average reward g(rho), which is decreasing in rho and zero
 * exactly at the optimal revenue rho*; bisection on rho finds it.
 *
 * g(rho) comes from relative value iteration (Puterman 1994, section 8.5.5):
 * V <- T V - (T V)(ref). For every V, min_s (T V - V)(s) <= g <= max_s (T V - V)(s)
 * (Odoni 1969), so each bisection step stops as soon as the sign of g is
 * certain: lower bound > 0 means rho < rho*, upper bound < 0 means rho > rho*.
 * Only if the bounds close below `spanTolerance` before either holds (g within
 * that of 0) is the sign taken from their midpoint (reported as uncertified).
 * The greedy policy at a certified lower rho earns at least rho (its average
 * w_rho is at least the lower bound > 0), so the returned policy's revenue lies
 * in [lower, upper] and upper - lower (the gap) is at most the tolerance.
 *
 * With a fixed policy the same loop evaluates that policy's revenue
 * (policy evaluation: the max over actions becomes the policy's action).
 */
import { ADOPT, OVERRIDE, type SelfishMiningMdp } from "./mdp";

export interface SolveOptions {
  /** Stop bisecting when upper - lower <= tolerance. Default 1e-4. */
  tolerance?: number;
  /** Evaluate this policy (one action per state) instead of optimising. */
  policy?: Uint8Array;
  /** Give up after this many value-iteration sweeps in total. Default 2,000,000. */
  maxSweeps?: number;
}

export interface RevenueSolution {
  /** Revenue of `policy` bracket: lower <= revenue of the returned policy <= optimum <= upper. */
  lower: number;
  upper: number;
  /** upper - lower. */
  gap: number;
  /** (lower + upper) / 2. */
  revenue: number;
  /** The greedy policy at the last certified lower bound (or the given policy): one action per state. */
  policy: Uint8Array;
  /** Value-iteration sweeps over all states, summed over the bisection. */
  sweeps: number;
  /** Bisection steps. */
  bisections: number;
  /** Every bisection step's sign was certified by the value-iteration bounds. */
  certified: boolean;
}

/**
 * Bisection on rho with relative value iteration (Sapirshtein et al. 2016, section 4).
 * Returns the optimal (or, with options.policy, the given policy's) relative revenue bracket.
 */
export function solveRelativeRevenue(mdp: SelfishMiningMdp, options: SolveOptions = {}): RevenueSolution {
  const tolerance = options.tolerance ?? 1e-4;
  const maxSweeps = options.maxSweeps ?? 2_000_000;
  if (!(tolerance > 0)) throw new RangeError(`tolerance must be > 0, got ${tolerance}`);
  const S = mdp.states;
  const fixed = options.policy;
  if (fixed && fixed.length !== S) throw new RangeError(`policy has ${fixed.length} entries, the MDP ${S} states`);
  // Outcomes without a third branch point at state 0 with probability 0 (no branch in the loop).
  const next = Int32Array.from(mdp.next, (x) => (x < 0 ? 0 : x));
  const V = new Float64Array(S);
  const W = new Float64Array(S);
  const greedy = new Uint8Array(S);
  let policy = fixed ? Uint8Array.from(fixed) : new Uint8Array(S);
  const spanTolerance = tolerance * 1e-4;
  // The bracket starts at [alpha, alpha / (1 - alpha)]: honest mining (override at (1, 0), adopt
  // otherwise) earns exactly alpha, and no policy earns more than alpha / (1 - alpha), since each
  // block the pool gets in the main chain orphans at most one honest block (override: h + 1 for h;
  // a match won: h for h), so honest blocks decided >= (1 - alpha) - pool blocks decided per event.
  // A fixed policy may earn less than alpha: its bracket starts at [0, 1].
  let lower = fixed ? 0 : mdp.alpha;
  let upper = fixed ? 1 : Math.min(1, mdp.alpha / (1 - mdp.alpha));
  let sweeps = 0;
  let bisections = 0;
  let certified = true;
  let haveLowerPolicy = false;
  const bounds = new Float64Array(2);
  while (upper - lower > tolerance) {
    const rho = (lower + upper) / 2;
    bisections++;
    for (;;) {
      if (++sweeps > maxSweeps) throw new Error(`value iteration did not settle within ${maxSweeps} sweeps (alpha ${mdp.alpha}, gamma ${mdp.gamma}, maxFork ${mdp.maxFork})`);
      bellmanSweep(mdp, next, rho, V, W, greedy, fixed, bounds);
      const lo = bounds[0];
      const hi = bounds[1];
      // V <- W - W[0], relative to state 0 = (0, 0, irrelevant)
      const ref = W[0];
      for (let s = 0; s < S; s++) V[s] = W[s] - ref;
      if (lo > 0) {
        lower = rho;
        if (!fixed) policy = Uint8Array.from(greedy);
        haveLowerPolicy = true;
        break;
      }
      if (hi < 0) {
        upper = rho;
        break;
      }
      if (hi - lo < spanTolerance) {
        certified = false;
        if (lo + hi > 0) lower = rho;
        else upper = rho;
        break;
      }
    }
  }
  if (!fixed && !haveLowerPolicy) policy = honestPolicy(mdp.maxFork);
  return { lower, upper, gap: upper - lower, revenue: (lower + upper) / 2, policy, sweeps, bisections, certified };
}

/**
 * One Bellman sweep W = T V for reward w_rho; bounds[0..1] = min and max of W - V,
 * greedy[s] = the maximising action (or the fixed policy's). Hot loop: typed arrays only.
 */
function bellmanSweep(mdp: SelfishMiningMdp, next: Int32Array, rho: number, V: Float64Array, W: Float64Array, greedy: Uint8Array, fixed: Uint8Array | undefined, bounds: Float64Array): void {
  const { feasible, rewardPool, rewardHonest, prob, states } = mdp;
  const wPool = 1 - rho;
  let lo = Infinity;
  let hi = -Infinity;
  for (let s = 0; s < states; s++) {
    let best = -Infinity;
    let bestAction = 0;
    const first = fixed ? fixed[s] : 0;
    const last = fixed ? fixed[s] : 3;
    for (let act = first; act <= last; act++) {
      const i = s * 4 + act;
      if (feasible[i] === 0) continue;
      const j = i * 3;
      const q = wPool * rewardPool[i] - rho * rewardHonest[i] + prob[j] * V[next[j]] + prob[j + 1] * V[next[j + 1]] + prob[j + 2] * V[next[j + 2]];
      if (q > best) {
        best = q;
        bestAction = act;
      }
    }
    if (best === -Infinity) throw new RangeError(`the policy's action ${first} is not allowed in state ${s}`);
    W[s] = best;
    greedy[s] = bestAction;
    const d = best - V[s];
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  bounds[0] = lo;
  bounds[1] = hi;
}

/** Honest mining in the MDP: publish a block at once (override at a > h), otherwise adopt. Earns exactly alpha. */
export function honestPolicy(maxFork: number): Uint8Array {
  const policy = new Uint8Array(3 * maxFork * maxFork);
  for (let s = 0; s < policy.length; s++) {
    const ah = Math.floor(s / 3);
    policy[s] = Math.floor(ah / maxFork) > ah % maxFork ? OVERRIDE : ADOPT;
  }
  return policy;
}

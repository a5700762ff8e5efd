/**
 * Monte Carlo of a pool playing a policy of the selfish-mining MDP (mdp.ts),
 * e.g. the optimal one from mdp-solve.ts: each block event looks up the
 * action of the state (a, h, fork) in the policy table and takes one step of
 * the fork race (fork-step.ts; Sapirshtein, Sompolinsky & Zohar, FC 2016,
 * section 4). Its relative revenue estimates the policy's revenue, which the
 * MDP computes exactly: the test of both.
 *
 * The draws are those of simulate.ts (one 32-bit number per block event,
 * thresholds A and G), so the same generator state gives the same events.
 */
import { probabilityToUint32, type Xoshiro128 } from "../../random/xoshiro128";
import { ACTIVE, ADOPT, IRRELEVANT, MATCH, OVERRIDE, RELEVANT, isFeasible, stateIndex, stateOf } from "./mdp";
import { forkStep, type ForkCounts, type ForkState } from "./fork-step";

/** Throw unless every action of the policy is allowed in its state (so a run never leaves the table). */
export function checkPolicy(policy: Uint8Array, maxFork: number): void {
  if (policy.length !== 3 * maxFork * maxFork) throw new RangeError(`policy has ${policy.length} entries, expected 3 * ${maxFork}^2`);
  for (let s = 0; s < policy.length; s++) {
    const { a, h, fork } = stateOf(maxFork, s);
    if (!isFeasible(maxFork, a, h, fork, policy[s])) throw new RangeError(`policy action ${policy[s]} is not allowed in state (${a}, ${h}, ${fork})`);
  }
}

/**
 * Play `policy` (one action per state of the MDP truncated at maxFork) for
 * `blocks` block events. Hot loop: generator state in locals, no allocation.
 */
export function simulatePolicy(policy: Uint8Array, maxFork: number, alpha: number, gamma: number, blocks: number, rng: Xoshiro128): ForkCounts {
  checkPolicy(policy, maxFork);
  const A = probabilityToUint32(alpha);
  const G = probabilityToUint32(alpha + gamma * (1 - alpha));
  const st = rng.state;
  let s0 = st[0] | 0, s1 = st[1] | 0, s2 = st[2] | 0, s3 = st[3] | 0;
  let a = 0, h = 0, fork = IRRELEVANT;
  let pool = 0, honest = 0, orphan = 0;
  for (let i = 0; i < blocks; i++) {
    const m = Math.imul(s1, 5);
    const u = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);

    const action = policy[(a * maxFork + h) * 3 + fork];
    let matching = false;
    if (action === ADOPT) {
      honest += h;
      orphan += a;
      a = 0;
      h = 0;
    } else if (action === OVERRIDE) {
      pool += h + 1;
      orphan += h;
      a -= h + 1;
      h = 0;
    } else matching = action === MATCH || fork === ACTIVE;
    if (u < A) {
      a++;
      fork = matching ? ACTIVE : IRRELEVANT;
    } else if (matching && u < G) {
      pool += h;
      orphan += h;
      a -= h;
      h = 1;
      fork = RELEVANT;
    } else {
      h++;
      fork = RELEVANT;
    }
  }
  st[0] = s0;
  st[1] = s1;
  st[2] = s2;
  st[3] = s3;
  return { poolBlocks: pool, honestBlocks: honest, orphanBlocks: orphan, pendingBlocks: a + h };
}

/** The same run one readable step at a time (fork-step.ts): the reference the fast kernel is tested against. */
export function simulatePolicyReference(policy: Uint8Array, maxFork: number, alpha: number, gamma: number, blocks: number, rng: Xoshiro128): ForkCounts {
  checkPolicy(policy, maxFork);
  const A = probabilityToUint32(alpha);
  const G = probabilityToUint32(alpha + gamma * (1 - alpha));
  const state: ForkState = { a: 0, h: 0, fork: IRRELEVANT };
  const counts: ForkCounts = { poolBlocks: 0, honestBlocks: 0, orphanBlocks: 0, pendingBlocks: 0 };
  for (let i = 0; i < blocks; i++) {
    const action = policy[stateIndex(maxFork, state.a, state.h, state.fork)];
    forkStep(state, action, rng.next(), A, G, counts);
  }
  counts.pendingBlocks = state.a + state.h;
  return counts;
}

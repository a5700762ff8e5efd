/**
 * A policy of the selfish-mining MDP (mdp.ts) as a table a notebook can show:
 * one row per state the policy can reach from the start (0, 0, irrelevant),
 * in order of a, h, fork. Unreachable states (which the solver also assigns
 * an action) are left out.
 */
import { ACTION_NAMES, FORK_NAMES, stateIndex, stateOf, type ActionName, type ForkName, type SelfishMiningMdp } from "./mdp";

export interface PolicyRow {
  a: number;
  h: number;
  fork: ForkName;
  action: ActionName;
}

/** States reachable under `policy` from (0, 0, irrelevant), as a 0/1 mask over state indices. */
export function reachableStates(mdp: SelfishMiningMdp, policy: Uint8Array): Uint8Array {
  const seen = new Uint8Array(mdp.states);
  const stack = [stateIndex(mdp.maxFork, 0, 0, 0)];
  seen[stack[0]] = 1;
  while (stack.length) {
    const s = stack.pop() as number;
    const base = (s * 4 + policy[s]) * 3;
    for (let k = 0; k < 3; k++) {
      const to = mdp.next[base + k];
      if (to >= 0 && mdp.prob[base + k] > 0 && !seen[to]) {
        seen[to] = 1;
        stack.push(to);
      }
    }
  }
  return seen;
}

/** The policy's action in every reachable state, sorted by (a, h, fork). */
export function selfishMiningPolicyTable(mdp: SelfishMiningMdp, policy: Uint8Array): PolicyRow[] {
  const seen = reachableStates(mdp, policy);
  const rows: PolicyRow[] = [];
  for (let s = 0; s < mdp.states; s++) {
    if (!seen[s]) continue;
    const { a, h, fork } = stateOf(mdp.maxFork, s);
    rows.push({ a, h, fork: FORK_NAMES[fork], action: ACTION_NAMES[policy[s]] });
  }
  return rows;
}

/** The same table as numeric columns (fork 0 irrelevant, 1 relevant, 2 active; action 0 adopt, 1 override, 2 match, 3 wait) for an experiment's series. */
export function selfishMiningPolicyColumns(mdp: SelfishMiningMdp, policy: Uint8Array): { a: Int32Array; h: Int32Array; fork: Int32Array; action: Int32Array } {
  const rows = selfishMiningPolicyTable(mdp, policy);
  const cols = { a: new Int32Array(rows.length), h: new Int32Array(rows.length), fork: new Int32Array(rows.length), action: new Int32Array(rows.length) };
  rows.forEach((r, i) => {
    cols.a[i] = r.a;
    cols.h[i] = r.h;
    cols.fork[i] = FORK_NAMES.indexOf(r.fork);
    cols.action[i] = ACTION_NAMES.indexOf(r.action);
  });
  return cols;
}

import { test } from "node:test";
import assert from "node:assert/strict";
import { rngFor } from "../../../lib/random/seed";
import { Xoshiro128 } from "../../../lib/random/xoshiro128";
import { buildSelfishMiningMdp, isFeasible, policyFromRule } from "../../../lib/models/selfish-mining/mdp";
import { solveRelativeRevenue } from "../../../lib/models/selfish-mining/mdp-solve";
import { checkPolicy, simulatePolicy, simulatePolicyReference } from "../../../lib/models/selfish-mining/policy-simulate";
import { selfishMiningPolicyColumns, selfishMiningPolicyTable } from "../../../lib/models/selfish-mining/policy-table";
import { SELFISH, stubbornAction } from "../../../lib/models/selfish-mining/stubborn";
import { selfishMiningOptimal } from "../../../lib/models/selfish-mining/optimal-experiment";
import { selfishRevenue } from "../../../lib/models/selfish-mining/closed-form";
import { ParameterError } from "../../../lib/experiment/params";

/** Mean and standard error of the relative revenue over independent replicates. */
function replicateRevenue(k: number, run: (rng: Xoshiro128) => { poolBlocks: number; honestBlocks: number }, label: string): { mean: number; se: number } {
  const xs: number[] = [];
  for (let r = 0; r < k; r++) {
    const c = run(rngFor([label, r]).fast);
    xs.push(c.poolBlocks / (c.poolBlocks + c.honestBlocks));
  }
  const mean = xs.reduce((s, x) => s + x, 0) / k;
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (k - 1));
  return { mean, se: sd / Math.sqrt(k) };
}

test("the fast policy kernel and the readable reference agree exactly and leave the generator in the same state", () => {
  const n = 20;
  for (const [alpha, gamma] of [[0.4, 0.5], [0.45, 0], [0.3, 1]]) {
    const policy = solveRelativeRevenue(buildSelfishMiningMdp(alpha, gamma, n), { tolerance: 1e-3 }).policy;
    const a = new Xoshiro128([5, 6, 7, 8]);
    const b = new Xoshiro128([5, 6, 7, 8]);
    assert.deepEqual(simulatePolicy(policy, n, alpha, gamma, 50_000, a), simulatePolicyReference(policy, n, alpha, gamma, 50_000, b));
    assert.deepEqual([...a.state], [...b.state]);
  }
});

test("every block is decided, orphaned or pending", () => {
  const n = 16;
  const policy = solveRelativeRevenue(buildSelfishMiningMdp(0.45, 0.5, n), { tolerance: 1e-3 }).policy;
  for (const blocks of [1, 2, 7, 1000, 99_999]) {
    const c = simulatePolicy(policy, n, 0.45, 0.5, blocks, rngFor(["conservation", blocks]).fast);
    assert.equal(c.poolBlocks + c.honestBlocks + c.orphanBlocks + c.pendingBlocks, blocks, JSON.stringify(c));
  }
});

test("a policy with an action its state does not allow is refused", () => {
  const bad = policyFromRule(8, () => 0);
  bad[0] = 1; // override in (0, 0, irrelevant)
  assert.throws(() => checkPolicy(bad, 8), /not allowed in state \(0, 0, 0\)/);
  assert.throws(() => simulatePolicy(bad, 8, 0.3, 0.5, 10, new Xoshiro128([1, 2, 3, 4])), RangeError);
});

test("Monte Carlo playing the optimal policy reproduces the MDP's revenue within 4 standard errors", () => {
  const n = 40;
  let sumZ2 = 0;
  const points: Array<[number, number]> = [[0.35, 0.5], [0.4, 0], [0.45, 1]];
  for (const [alpha, gamma] of points) {
    const mdp = buildSelfishMiningMdp(alpha, gamma, n);
    const opt = solveRelativeRevenue(mdp, { tolerance: 1e-4 });
    // The revenue of exactly this policy (policy evaluation to 1e-7), which the Monte Carlo estimates.
    const exact = solveRelativeRevenue(mdp, { tolerance: 1e-7, policy: opt.policy }).revenue;
    const { mean, se } = replicateRevenue(16, (rng) => simulatePolicy(opt.policy, n, alpha, gamma, 250_000, rng), `optimal-mc-${alpha}-${gamma}`);
    const z = Math.abs(mean - exact) / se;
    assert.ok(z < 4, `alpha ${alpha} gamma ${gamma}: simulated ${mean} +- ${se}, MDP ${exact}, z = ${z.toFixed(2)}`);
    // The optimal policy beats SM1 visibly at these points, and the simulation sees it.
    assert.ok(mean - selfishRevenue(alpha, gamma) > 4 * se, `alpha ${alpha} gamma ${gamma}: ${mean} vs SM1 ${selfishRevenue(alpha, gamma)}`);
    sumZ2 += z * z;
  }
  // An inflated standard error would pass z < 4 alone: sum z^2 over 3 points is at least chi^2(3)'s
  // 0.1% quantile 0.0243 with probability > 99.9% when the se is right (t^2 with 15 df is larger still).
  assert.ok(sumZ2 > 0.0243, `sum z^2 = ${sumZ2}: standard errors look too large`);
});

test("Monte Carlo of the SM1 policy table matches the Eyal-Sirer closed form within 4 standard errors", () => {
  const n = 40;
  const policy = policyFromRule(n, (a, h, f) => stubbornAction(SELFISH, a, h, f));
  for (const [alpha, gamma] of [[0.3, 0.5], [0.35, 1]]) {
    const { mean, se } = replicateRevenue(12, (rng) => simulatePolicy(policy, n, alpha, gamma, 200_000, rng), `sm1-table-${alpha}`);
    const theory = selfishRevenue(alpha, gamma);
    assert.ok(Math.abs(mean - theory) < 4 * se, `alpha ${alpha}: ${mean} +- ${se} vs ${theory}`);
  }
});

test("the policy table lists the reachable states with allowed actions, starting at (0, 0, irrelevant)", () => {
  const n = 20;
  const mdp = buildSelfishMiningMdp(0.4, 0.5, n);
  const { policy } = solveRelativeRevenue(mdp, { tolerance: 1e-4 });
  const rows = selfishMiningPolicyTable(mdp, policy);
  assert.deepEqual(rows[0], { a: 0, h: 0, fork: "irrelevant", action: rows[0].action });
  assert.ok(rows.length > 10 && rows.length < mdp.states, `${rows.length} rows`);
  const forks = ["irrelevant", "relevant", "active"];
  const actions = ["adopt", "override", "match", "wait"];
  for (const r of rows) assert.ok(isFeasible(n, r.a, r.h, forks.indexOf(r.fork), actions.indexOf(r.action)), JSON.stringify(r));
  // A fresh honest block with nothing private: the pool adopts it. One block ahead and alone: it keeps it (waits).
  assert.equal(rows.find((r) => r.a === 0 && r.h === 1)?.action, "adopt");
  assert.equal(rows.find((r) => r.a === 1 && r.h === 0)?.action, "wait");
  const cols = selfishMiningPolicyColumns(mdp, policy);
  assert.equal(cols.a.length, rows.length);
  assert.deepEqual([cols.a[3], cols.h[3], forks[cols.fork[3]], actions[cols.action[3]]], [rows[3].a, rows[3].h, rows[3].fork, rows[3].action]);
});

test("experiment selfish-mining-optimal: deterministic row, fields consistent, policy series on request", () => {
  const params = selfishMiningOptimal.resolve({ alpha: 0.35, gamma: 0.5, maxFork: 30, policy: true });
  const one = selfishMiningOptimal.run(params, rngFor(["a"]));
  const two = selfishMiningOptimal.run(params, rngFor(["b"]));
  assert.deepEqual(one, two, "the rng is unused: any seed gives the same row");
  const row = one.row as Record<string, number | boolean>;
  assert.equal(row.states, 3 * 30 * 30);
  assert.equal(row.honestRevenue, 0.35);
  assert.equal(row.eyalSirerRevenue, selfishRevenue(0.35, 0.5));
  assert.equal(row.gain, (row.revenue as number) - 0.35);
  assert.ok((row.gap as number) <= 1e-4 && Math.abs((row.revenue as number) + (row.gap as number) - (row.revenueUpper as number)) < 1e-15);
  assert.ok((row.gainOverEyalSirer as number) > 0 && (row.iterations as number) > 0);
  // A longer truncation can only help the pool (a policy of the shorter MDP is one of the longer), up to the two gaps.
  assert.ok((row.truncationShift as number) >= -2e-4 && (row.truncationShift as number) < 1e-3, `shift ${row.truncationShift}`);
  const series = one.series?.policy;
  assert.ok(series && series.a.length === series.action.length && series.a.length > 10);
  // Below the threshold the optimum is honest mining: no gain at all (the bracket starts at alpha).
  const honest = selfishMiningOptimal.run(selfishMiningOptimal.resolve({ alpha: 0.2, gamma: 0, maxFork: 20 }), rngFor(["d"])).row;
  assert.equal(honest.gain, 0);
  const plain = selfishMiningOptimal.run(selfishMiningOptimal.resolve({ alpha: 0.35, gamma: 0.5, maxFork: 30 }), rngFor(["c"]));
  assert.deepEqual(plain.row, one.row);
  assert.equal(plain.series, undefined);
});

test("bad parameters of selfish-mining-optimal name the parameter", () => {
  const cases: Array<[Record<string, unknown>, string, RegExp]> = [
    [{ alpha: 0.5 }, "alpha", /invalid alpha: 0.5 .*0 <= alpha < 0.5/],
    [{ gamma: 1.1 }, "gamma", /invalid gamma: 1.1 .*0 <= gamma <= 1/],
    [{ maxFork: 1 }, "maxFork", /invalid maxFork: 1 .*2 <= maxFork <= 160/],
    [{ maxFork: 20.5 }, "maxFork", /integer/],
    [{ tolerance: 0 }, "tolerance", /invalid tolerance: 0/],
  ];
  for (const [given, name, message] of cases) {
    assert.throws(() => selfishMiningOptimal.resolve(given), (err: unknown) => err instanceof ParameterError && err.parameter === name && message.test(err.message));
  }
});

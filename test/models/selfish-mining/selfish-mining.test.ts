import { test } from "node:test";
import assert from "node:assert/strict";
import { rngFor } from "../../../lib/random/seed";
import { Xoshiro128 } from "../../../lib/random/xoshiro128";
import { selfishRevenue, selfishThreshold } from "../../../lib/models/selfish-mining/closed-form";
import { selfishMining } from "../../../lib/models/selfish-mining/experiment";
import { simulateSelfishMining, simulateSelfishMiningReference } from "../../../lib/models/selfish-mining/simulate";
import { ParameterError } from "../../../lib/experiment/params";
import { sweep } from "../../../lib/sweep/sweep";

test("closed form: revenue equals alpha exactly at the threshold (Eyal & Sirer 2014, Observation 1)", () => {
  for (const gamma of [0, 0.25, 0.5, 0.75, 0.99]) {
    const t = selfishThreshold(gamma);
    assert.ok(Math.abs(selfishRevenue(t, gamma) - t) < 1e-12, `gamma=${gamma}`);
  }
  // Published thresholds (Eyal & Sirer 2014, Section 4): 1/3 for gamma = 0, 1/4 for gamma = 1/2, 0 for gamma = 1.
  assert.equal(selfishThreshold(0), 1 / 3);
  assert.equal(selfishThreshold(0.5), 0.25);
  assert.equal(selfishThreshold(1), 0);
  assert.equal(selfishRevenue(0, 0.5), 0);
  // Below the threshold the pool earns less than its share, above it more.
  assert.ok(selfishRevenue(0.3, 0) < 0.3 && selfishRevenue(0.35, 0) > 0.35);
});

test("the fast kernel and the readable reference agree exactly, and leave the generator in the same state", () => {
  for (const [alpha, gamma] of [[0.1, 0], [0.3, 0.5], [0.45, 1]]) {
    const a = new Xoshiro128([11, 22, 33, 44]);
    const b = new Xoshiro128([11, 22, 33, 44]);
    assert.deepEqual(simulateSelfishMining(alpha, gamma, 50_000, a), simulateSelfishMiningReference(alpha, gamma, 50_000, b));
    assert.deepEqual([...a.state], [...b.state]);
  }
});

test("Monte Carlo matches the closed form within 4 standard errors at 9 (alpha, gamma) points", () => {
  const result = sweep(selfishMining, { alpha: [0.25, 0.35, 0.45], gamma: [0, 0.5, 1], blocks: [400_000] }, { replicates: 20, seed: 2014 });
  const rows = result.summary.objects() as Record<string, number>[];
  assert.equal(rows.length, 9);
  let sumZ2 = 0;
  for (const r of rows) {
    const theory = selfishRevenue(r.alpha, r.gamma);
    const z = Math.abs(r.revenue_mean - theory) / r.revenue_se;
    assert.ok(r.revenue_se > 0, `se ${r.revenue_se}`);
    assert.ok(z < 4, `alpha=${r.alpha} gamma=${r.gamma}: simulated ${r.revenue_mean} +- ${r.revenue_se}, theory ${theory}, z=${z.toFixed(2)}`);
    sumZ2 += z * z;
  }
  // z < 4 alone would pass with an inflated standard error. Each z is Student-t with 19 df, and t^2 is
  // stochastically larger than chi^2(1), so sum z^2 over 9 independent points is at least chi^2(9)'s 0.1%
  // quantile 1.152 with probability > 99.9% if the se is right; an se twice too large makes sum z^2 ~ 9/4 x 1.1
  // and one four times too large ~ 0.6, which fails.
  assert.ok(sumZ2 > 1.152, `sum of z^2 = ${sumZ2.toFixed(3)}: the standard errors look too large`);
});

test("honest pool (alpha = 0) earns nothing; every event is decided or pending", () => {
  const counts = simulateSelfishMining(0, 0.5, 1000, rngFor(["zero"]).fast);
  assert.deepEqual(counts, { poolBlocks: 0, honestBlocks: 1000, orphanBlocks: 0, pendingBlocks: 0 });
  for (const blocks of [1, 2, 3, 10, 99_999, 100_000]) {
    const c = simulateSelfishMining(0.45, 0.5, blocks, rngFor(["conservation", blocks]).fast);
    assert.equal(c.poolBlocks + c.honestBlocks + c.orphanBlocks + c.pendingBlocks, blocks, JSON.stringify(c));
  }
});

test("rows carry the simulated revenue beside the closed form", () => {
  const row = selfishMining.run(selfishMining.resolve({ alpha: 0.3, gamma: 0.5, blocks: 1000 }), rngFor(["row"]));
  assert.equal(row.revenueTheory, selfishRevenue(0.3, 0.5));
  // Relative revenue is the pool's share of the decided (main-chain) blocks (Eyal & Sirer 2014, section 4).
  const pool = row.poolBlocks as number;
  const honest = row.honestBlocks as number;
  assert.ok(pool > 0 && honest > 0 && pool + honest <= 1000, JSON.stringify(row));
  assert.equal(row.revenue, pool / (pool + honest));
});

test("bad parameters name the parameter, the value and the allowed range", () => {
  const cases: Array<[Record<string, unknown>, string, RegExp]> = [
    [{ alpha: 0.5 }, "alpha", /invalid alpha: 0.5 \(allowed: a number, 0 <= alpha < 0.5\)/],
    [{ alpha: -0.01 }, "alpha", /invalid alpha: -0.01 .*0 <= alpha < 0.5/],
    [{ gamma: 1.5 }, "gamma", /invalid gamma: 1.5 .*0 <= gamma <= 1/],
    [{ gamma: -1 }, "gamma", /invalid gamma: -1 .*0 <= gamma <= 1/],
    [{ alpha: "a third" }, "alpha", /invalid alpha: "a third"/],
    [{ blocks: 10.5 }, "blocks", /invalid blocks: 10.5 .*integer/],
    [{ beta: 0.1 }, "beta", /unknown parameter: beta = 0.1 \(known: alpha, gamma, blocks\)/],
  ];
  for (const [given, name, message] of cases) {
    assert.throws(() => selfishMining.resolve(given), (err: unknown) => err instanceof ParameterError && err.parameter === name && message.test(err.message));
  }
});

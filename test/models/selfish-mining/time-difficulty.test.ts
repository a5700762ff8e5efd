import { test } from "node:test";
import assert from "node:assert/strict";
import { rngFor } from "../../../lib/random/seed";
import { Xoshiro128 } from "../../../lib/random/xoshiro128";
import { ParameterError } from "../../../lib/experiment/params";
import { sweep } from "../../../lib/sweep/sweep";
import { selfishRevenue, selfishThreshold } from "../../../lib/models/selfish-mining/closed-form";
import { simulateSelfishMining } from "../../../lib/models/selfish-mining/simulate";
import { difficultyFactor, selfishCycle, selfishTimeTheory, simulateSelfishMiningInTime } from "../../../lib/models/selfish-mining/time-difficulty";
import { selfishMiningTime } from "../../../lib/models/selfish-mining/time-experiment";

type Rec = Record<string, number>;
const GAMMAS = [0, 0.25, 0.5, 0.75, 0.99];
const ALPHAS = Array.from({ length: 49 }, (_, i) => 0.005 + i * 0.01);

test("attack-cycle closed forms: E[R] / E[L] is Eyal & Sirer's eq. 8 (Grunspan & Pérez-Marco's apparent hashrate)", () => {
  for (const a of ALPHAS) for (const g of [...GAMMAS, 1]) {
    const c = selfishCycle(a, g);
    assert.ok(Math.abs(c.revenue / c.main - selfishRevenue(a, g)) < 1e-12, `alpha=${a} gamma=${g}`);
    assert.ok(c.main < c.mined && c.revenue < c.main, `alpha=${a} gamma=${g}`);
  }
  // alpha -> 0: one honest block per cycle.
  assert.deepEqual(selfishCycle(0, 0.5), { revenue: 0, main: 1, mined: 1 });
});

test("orphans per mined block = 1 - delta = 1 - E[L]/E[N]: the Markov kernel (simulate.ts) within 4 SE", () => {
  for (const [a, g] of [[0.2, 0.5], [0.35, 0], [0.45, 1]]) {
    const rates: number[] = [];
    for (let r = 0; r < 10; r++) {
      const c = simulateSelfishMining(a, g, 100_000, new Xoshiro128([r + 7, 11, 13, 17]));
      rates.push(c.orphanBlocks / 100_000);
    }
    const mean = rates.reduce((s, x) => s + x, 0) / rates.length;
    const se = Math.sqrt(rates.reduce((s, x) => s + (x - mean) ** 2, 0) / (rates.length - 1) / rates.length);
    const theory = 1 - difficultyFactor(a, g);
    assert.ok(Math.abs(mean - theory) < 4 * se, `alpha=${a} gamma=${g}: ${mean} +- ${se}, theory ${theory}`);
  }
});

test("before the difficulty adjustment selfish mining earns less per day than honest mining for every alpha < 0.5 when gamma < 1, the same at gamma = 1 (Grunspan & Pérez-Marco 2018)", () => {
  for (const a of ALPHAS) {
    for (const g of GAMMAS) {
      const th = selfishTimeTheory(a, g, 2016, 600);
      assert.ok(th.beforePerDay < th.honestPerDay, `alpha=${a} gamma=${g}: ${th.beforePerDay} >= ${th.honestPerDay}`);
    }
    const one = selfishTimeTheory(a, 1, 2016, 600);
    assert.ok(Math.abs(one.beforePerDay - one.honestPerDay) < 1e-9 * one.honestPerDay, `alpha=${a} gamma=1`);
  }
});

test("after the adjustment revenue per day / honest = relative revenue / alpha, above 1 exactly above the Eyal-Sirer threshold; break-even finite exactly then", () => {
  for (const a of ALPHAS) for (const g of GAMMAS) {
    const th = selfishTimeTheory(a, g, 2016, 600);
    assert.ok(Math.abs(th.afterRatio - selfishRevenue(a, g) / a) < 1e-12);
    assert.equal(th.afterRatio > 1, a > selfishThreshold(g), `alpha=${a} gamma=${g}`);
    assert.equal(Number.isFinite(th.breakEvenDays), a > selfishThreshold(g));
    if (Number.isFinite(th.breakEvenDays)) assert.ok(th.breakEvenDays >= th.firstRetargetDays);
  }
  // Bitcoin's numbers: 144 blocks a day; at gamma = 1 the pool loses nothing before the retarget, so it breaks even at it.
  const t = selfishTimeTheory(0.45, 1, 2016, 600);
  assert.ok(Math.abs(t.honestPerDay - 0.45 * 144) < 1e-9);
  assert.ok(Math.abs(t.breakEvenDays - t.firstRetargetDays) < 1e-9);
});

test("simulation in time with Bitcoin retargeting matches the closed forms within 4 SE (revenue per day before and after, after / honest, first retarget, break-even)", () => {
  const points = [
    { alpha: 0.1, gamma: 0.5 },
    { alpha: 0.3, gamma: 0.5 },
    { alpha: 0.4, gamma: 0.5 },
    { alpha: 0.45, gamma: 0 },
    { alpha: 0.45, gamma: 1 },
  ];
  const result = sweep(selfishMiningTime, points, { replicates: 20, seed: 1805 });
  let sumZ2 = 0;
  const check = (s: Rec, col: string, theory: number) => {
    const z = Math.abs(s[`${col}_mean`] - theory) / s[`${col}_se`];
    assert.ok(s[`${col}_se`] > 0 && z < 4, `alpha=${s.alpha} gamma=${s.gamma} ${col}: ${s[`${col}_mean`]} +- ${s[`${col}_se`]}, theory ${theory}, z=${z.toFixed(2)}`);
    return z;
  };
  for (const s of result.summary.objects() as Rec[]) {
    const th = selfishTimeTheory(s.alpha, s.gamma, 2016, 600);
    const z = check(s, "revenuePerDayBefore", th.beforePerDay);
    sumZ2 += z * z;
    check(s, "revenuePerDayAfter", th.afterPerDay);
    check(s, "afterRatio", th.afterRatio);
    check(s, "firstRetargetDays", th.firstRetargetDays);
    if (s.alpha >= 0.4) check(s, "breakEvenDays", th.breakEvenDays); // well above the threshold: the plug-in ratio is not heavy-tailed
    // Before the retarget the pool earns less than honest mining (gamma < 1), by more than 4 SE.
    if (s.gamma < 1) assert.ok(s.revenuePerDayBefore_mean + 4 * s.revenuePerDayBefore_se < th.honestPerDay, `alpha=${s.alpha} gamma=${s.gamma}`);
  }
  // An inflated SE would pass z < 4: the before-retarget z of the 5 independent points, each t(19) (t^2 stochastically larger than
  // chi^2(1)), sum to at least chi^2(5)'s 0.1 % quantile 0.210 with probability > 99.9 %.
  assert.ok(sumZ2 > 0.21, `sum z^2 = ${sumZ2.toFixed(3)}`);
});

test("the run stops at the last retarget: main-chain blocks = periods * retargetBlocks (+ the last booking's overshoot), one difficulty per period; same seed, same row", () => {
  const r = simulateSelfishMiningInTime({ alpha: 0.4, gamma: 0.5, retargetBlocks: 100, blockIntervalS: 600, periods: 5 }, new Xoshiro128([1, 2, 3, 4]));
  assert.equal(r.difficulty.length, 5);
  assert.ok(r.mainBlocks >= 500 && r.mainBlocks < 600, String(r.mainBlocks));
  assert.ok(r.mined > r.mainBlocks && r.poolBefore + r.poolAfter <= r.mainBlocks);
  // Selfish mining orphans blocks, so the first retarget lowers the difficulty (delta ~ 0.70 here).
  assert.ok(r.difficulty[0] < 0.9, String(r.difficulty[0]));
  const p = selfishMiningTime.resolve({ alpha: 0.3, periods: 3 });
  assert.deepEqual(selfishMiningTime.run(p, rngFor(["t"])), selfishMiningTime.run(p, rngFor(["t"])));
  assert.notDeepEqual(selfishMiningTime.run(p, rngFor(["t"])), selfishMiningTime.run(p, rngFor(["t", 1])));
});

test("bad parameters name the parameter, the value and the allowed range", () => {
  const cases: Array<[Record<string, unknown>, string, RegExp]> = [
    [{ alpha: 0.5 }, "alpha", /invalid alpha: 0.5 .*0 < alpha < 0.5/],
    [{ alpha: 0 }, "alpha", /invalid alpha: 0 .*0 < alpha < 0.5/],
    [{ gamma: 1.2 }, "gamma", /invalid gamma: 1.2 .*0 <= gamma <= 1/],
    [{ retargetBlocks: 0 }, "retargetBlocks", /invalid retargetBlocks: 0/],
    [{ periods: 1 }, "periods", /invalid periods: 1/],
    [{ blockIntervalS: 0 }, "blockIntervalS", /invalid blockIntervalS: 0/],
    [{ horizon: 3 }, "horizon", /unknown parameter: horizon/],
  ];
  for (const [given, name, message] of cases) {
    assert.throws(() => selfishMiningTime.resolve(given), (err: unknown) => err instanceof ParameterError && err.parameter === name && message.test(err.message), JSON.stringify(given));
  }
  assert.throws(() => simulateSelfishMiningInTime({ alpha: 0.3, gamma: 0.5, retargetBlocks: 2016, blockIntervalS: 600, periods: 1 }, new Xoshiro128([1, 2, 3, 4])), ParameterError);
});

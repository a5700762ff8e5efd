import { test } from "node:test";
import assert from "node:assert/strict";
import { ParameterError } from "../../../lib/experiment/params";
import { doubleSpend } from "../../../lib/models/finality/double-spend-experiment";
import {
  poissonCdfTable,
  simulateDoubleSpendPoisson,
  simulateDoubleSpendPoissonReference,
  simulateDoubleSpendRace,
  simulateDoubleSpendRaceReference,
} from "../../../lib/models/finality/double-spend-simulate";
import { nakamotoCatchUp } from "../../../lib/models/finality/finality-nakamoto";
import { rosenfeldSuccess } from "../../../lib/models/finality/finality-rosenfeld";
import { rngFor } from "../../../lib/random/seed";
import { Xoshiro128 } from "../../../lib/random/xoshiro128";
import { cartesian, product, zip } from "../../../lib/sweep/grid";
import { sweep } from "../../../lib/sweep/sweep";

/** |simulated - theory| in standard errors of a binomial proportion with the theory's p. */
function zScore(successes: number, trials: number, theory: number): number {
  const se = Math.sqrt((theory * (1 - theory)) / trials);
  return Math.abs(successes / trials - theory) / se;
}

test("the fast kernels and their readable references agree draw for draw and leave the generator in the same state", () => {
  const cases: Array<[number, number, number]> = [
    [0.3, 6, 64], [0.1, 2, 64], [0.45, 30, 8], [0.45, 30, 0], [0.2, 40, 5], [0, 4, 64], [0.5, 6, 16], [0.8, 6, 64], [1, 3, 64], [0.3, 0, 64],
  ];
  for (const [q, z, cap] of cases) {
    for (const [fast, reference] of [
      [simulateDoubleSpendRace, simulateDoubleSpendRaceReference],
      [simulateDoubleSpendPoisson, simulateDoubleSpendPoissonReference],
    ] as const) {
      const a = new Xoshiro128([7, 8, 9, 10]);
      const b = new Xoshiro128([7, 8, 9, 10]);
      assert.deepEqual(fast(q, z, 3000, a, cap), reference(q, z, 3000, b, cap), `${fast.name} q=${q} z=${z} cap=${cap}`);
      assert.deepEqual([...a.state], [...b.state]);
    }
  }
});

// Points where the success probability is not tiny (0.04 .. 0.5), so 100,000 trials resolve it to ~1e-3.
const POINTS = zip({ q: [0.1, 0.1, 0.2, 0.3, 0.35, 0.4, 0.45], z: [1, 2, 3, 6, 10, 20, 30] });
const TRIALS = 100_000;

test("Monte Carlo matches each model's closed form within 4 SE at 7 (q, z) points, and rejects the other model where they differ", () => {
  const grid = product(POINTS, cartesian({ model: ["rosenfeld", "nakamoto"], trials: [TRIALS] }));
  const result = sweep(doubleSpend, grid, { seed: 2014 });
  const rows = result.rows.objects() as Array<Record<string, number | string>>;
  assert.equal(rows.length, 14);
  let sumZ2 = 0;
  for (const r of rows) {
    const q = r.q as number, z = r.z as number, model = r.model as string;
    const theory = model === "rosenfeld" ? rosenfeldSuccess(q, z) : nakamotoCatchUp(q, z);
    assert.equal(r[model], theory);
    assert.ok(theory > 0.03, `point q=${q} z=${z} has power`);
    const score = zScore(r.successes as number, TRIALS, theory);
    assert.ok(score < 4, `${model} q=${q} z=${z}: simulated ${r.simulated} +- ${r.simulatedSe}, theory ${theory}, ${score.toFixed(2)} SE`);
    sumZ2 += (((r.simulated as number) - theory) / (r.simulatedSe as number)) ** 2;
  }
  // The row's own SE is honest: standardized by it, the 14 independent deviations from theory have a sum of
  // squares distributed about chi^2(14) (100,000 trials: normal to within 1e-2), inside its 0.1% and 99.9%
  // quantiles 3.041 and 36.123. An SE too small by half (or twice too large) lands outside with high probability.
  assert.ok(sumZ2 > 3.041 && sumZ2 < 36.123, `sum of squared standardized deviations ${sumZ2.toFixed(2)}`);
  // Power: where the models differ by many SE, each simulation rejects the other model's value.
  const at = (model: string, q: number, z: number) => rows.find((r) => r.model === model && r.q === q && r.z === z)!;
  assert.ok(zScore(at("rosenfeld", 0.3, 6).successes as number, TRIALS, nakamotoCatchUp(0.3, 6)) > 8);
  assert.ok(zScore(at("nakamoto", 0.35, 10).successes as number, TRIALS, rosenfeldSuccess(0.35, 10)) > 8);
});

test("the walk cap does not bias the estimate: cap 0 (closed form at once), 4 and 300 (a nearly pure walk) all agree with theory", () => {
  const q = 0.45;
  const z = 20;
  const theory = rosenfeldSuccess(q, z);
  for (const cap of [0, 4, 300]) {
    const race = simulateDoubleSpendRace(q, z, 30_000, rngFor(["double-spend cap", cap]).fast, cap);
    assert.ok(zScore(race.successes, race.trials, theory) < 4, `race cap=${cap}: ${race.successes / race.trials} vs ${theory}`);
    const poisson = simulateDoubleSpendPoisson(q, z, 30_000, rngFor(["double-spend cap poisson", cap]).fast, cap);
    assert.ok(zScore(poisson.successes, poisson.trials, nakamotoCatchUp(q, z)) < 4, `poisson cap=${cap}`);
  }
  // A larger cap simulates more of each walk.
  const few = simulateDoubleSpendRace(q, z, 2000, rngFor(["events"]).fast, 4).blockEvents;
  const many = simulateDoubleSpendRace(q, z, 2000, rngFor(["events"]).fast, 200).blockEvents;
  assert.ok(many > 3 * few, `${few} ${many}`);
});

test("edge cases: z = 0 and q >= 0.5 always succeed, q = 0 never does (simulation and both closed forms)", () => {
  for (const model of ["rosenfeld", "nakamoto"]) {
    for (const [q, z, expected] of [[0.3, 0, 1], [0.5, 6, 1], [0.7, 100, 1], [1, 1000, 1], [0, 6, 0]] as const) {
      const row = doubleSpend.run(doubleSpend.resolve({ q, z, trials: 2000, model }), rngFor(["edge", model, q, z]));
      assert.equal(row.simulated, expected, `${model} q=${q} z=${z}`);
      assert.equal(row.simulatedSe, 0);
      assert.equal(row.rosenfeld, expected);
      assert.equal(row.nakamoto, expected);
    }
  }
});

test("Poisson inversion table: matches e^-lambda lambda^k / k! and survives lambda > 745", () => {
  const small = poissonCdfTable(3.5, 12);
  let pmf = Math.exp(-3.5);
  let cdf = 0;
  for (let k = 0; k < 12; k++) {
    cdf += pmf;
    assert.ok(Math.abs(small[k] - cdf) < 1e-14, `k=${k}`);
    pmf *= 3.5 / (k + 1);
  }
  const large = poissonCdfTable(900, 1000); // exp(-900) underflows
  for (let k = 1; k < 1000; k++) assert.ok(large[k] >= large[k - 1]);
  // P(K <= 999) for K ~ Poisson(900): (999.5 - 900) / 30 = 3.32 SD above the mean.
  assert.ok(large[999] > 0.999 && large[999] < 1, String(large[999]));
  assert.ok(large[800] > 0 && large[800] < 5e-4, String(large[800]));
});

test("experiment parameters: bad values name the parameter, the value and the allowed range", () => {
  const cases: Array<[Record<string, unknown>, string, RegExp]> = [
    [{ q: -0.1 }, "q", /invalid q: -0.1 \(allowed: a number, 0 <= q <= 1\)/],
    [{ q: 1.5 }, "q", /invalid q: 1.5/],
    [{ q: NaN }, "q", /invalid q: NaN/],
    [{ z: -1 }, "z", /invalid z: -1 \(allowed: an integer, 0 <= z <= 1000\)/],
    [{ z: 2.5 }, "z", /invalid z: 2.5/],
    [{ z: 1001 }, "z", /invalid z: 1001/],
    [{ trials: 0 }, "trials", /invalid trials: 0/],
    [{ model: "gauss" }, "model", /invalid model: "gauss" \(allowed: one of rosenfeld, nakamoto\)/],
    [{ walkCap: -1 }, "walkCap", /invalid walkCap: -1/],
  ];
  for (const [given, name, message] of cases) {
    assert.throws(() => doubleSpend.resolve(given), (err: unknown) => err instanceof ParameterError && err.parameter === name && message.test(err.message), `${name}`);
  }
  const rng = new Xoshiro128([1, 2, 3, 4]);
  assert.throws(() => simulateDoubleSpendRace(0.3, -1, 10, rng), (e: unknown) => e instanceof ParameterError && e.parameter === "z");
  assert.throws(() => simulateDoubleSpendPoisson(1.2, 6, 10, rng), (e: unknown) => e instanceof ParameterError && e.parameter === "q");
  assert.throws(() => simulateDoubleSpendRace(0.3, 6, 1.5, rng), (e: unknown) => e instanceof ParameterError && e.parameter === "trials");
  assert.throws(() => simulateDoubleSpendRace(0.3, 6, 10, rng, -3), (e: unknown) => e instanceof ParameterError && e.parameter === "walkCap");
});

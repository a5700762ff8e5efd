import { test } from "node:test";
import assert from "node:assert/strict";
import { rngFor } from "../../../lib/random/seed";
import { ParameterError } from "../../../lib/experiment/params";
import { runPoint } from "../../../lib/sweep/run-point";
import { rollupFinality, l1ChainOf } from "../../../lib/models/rollup-finality/experiment";
import { bisectionRounds, fraudGameDurationS, missedFraudProbability } from "../../../lib/models/rollup-finality/fraud-proof";
import { meanChallengeExtensionS, meanMinErlangExponential } from "../../../lib/models/rollup-finality/closed-form";
import { transactionTimeline, type RollupParams } from "../../../lib/models/rollup-finality/pipeline";
import { nextBoundary } from "../../../lib/models/rollup-finality/draws";
import { empiricalQuantile } from "../../../lib/models/rollup-finality/summarize";
import { posChain, POS_MAINNET, SECONDS_PER_SLOT, SLOTS_PER_EPOCH } from "../../../lib/models/rollup-finality/l1-pos";
import { ARRIVAL_HORIZON_S } from "../../../lib/models/rollup-finality/simulate";
import { confirmationsNeeded } from "../../../lib/models/finality/finality-confirmations";

const DAY = 86_400;

function row(given: Record<string, unknown>, seed = 1, replicate = 0): Record<string, number> {
  return runPoint(rollupFinality, given, seed, replicate) as Record<string, number>;
}

/** |simulated - theory| <= 4 SE, with the numbers in the message. */
function within4Se(name: string, mean: number, se: number, theory: number): void {
  assert.ok(se > 0, `${name}: se ${se}`);
  const z = Math.abs(mean - theory) / se;
  assert.ok(z <= 4, `${name}: simulated ${mean} +- ${se}, theory ${theory}, z = ${z.toFixed(2)}`);
}

test("bisection needs ceil(log2 steps) rounds (Kalodner et al. 2018, section 4.4)", () => {
  const cases: Array<[number, number]> = [[1, 0], [2, 1], [3, 2], [4, 2], [5, 3], [1024, 10], [1025, 11], [2 ** 32, 32], [2 ** 32 + 1, 33]];
  for (const [steps, rounds] of cases) assert.equal(bisectionRounds(steps), rounds, `steps ${steps}`);
  assert.equal(fraudGameDurationS({ executionSteps: 2 ** 32, roundDeadlineS: 3600, honestResponseS: 600 }), 32 * 4200);
});

test("closed-form helpers against independent computations", () => {
  // Erlang(1) is exponential: E[min(Exp(m), Exp(T))] = 1 / (1/m + 1/T).
  assert.ok(Math.abs(meanMinErlangExponential(1, 1200, 600) - 1 / (1 / 1200 + 1 / 600)) < 1e-9);
  // Erlang(k) against a numeric integral of P(X > s) e^{-s/T} (Poisson tail, trapezoid rule).
  const k = 4, m = 1200, T = 600, lambda = k / m;
  let integral = 0;
  const h = 0.5;
  for (let s = 0; s < 60 * m; s += h) {
    const f = (x: number) => {
      let tail = 0, term = Math.exp(-lambda * x);
      for (let j = 0; j < k; j++) (tail += term), (term *= (lambda * x) / (j + 1));
      return tail * Math.exp(-x / T);
    };
    integral += (h * (f(s) + f(s + h))) / 2;
  }
  assert.ok(Math.abs(meanMinErlangExponential(k, m, T) - integral) < 1e-3, `${meanMinErlangExponential(k, m, T)} vs ${integral}`);
  // Challenge extension E[(D + G - C)^+; D < C], D ~ Exp(M), against a numeric integral, for G below and above C.
  for (const [C, M, G] of [[7 * DAY, 3 * DAY, 134_400], [DAY, DAY / 2, 2 * DAY], [7 * DAY, 3600, 134_400]]) {
    let numeric = 0;
    const dx = C / 200_000;
    for (let x = dx / 2; x < C; x += dx) numeric += Math.max(0, x + G - C) * (Math.exp(-x / M) / M) * dx;
    const exact = meanChallengeExtensionS(C, M, G);
    assert.ok(Math.abs(exact - numeric) < 1e-4 * Math.max(1, exact), `C=${C} M=${M} G=${G}: ${exact} vs ${numeric}`);
  }
});

test("grid boundaries: the next multiple at or after t; a period too small for t's precision is no grid", () => {
  assert.equal(nextBoundary(10, 4), 12);
  assert.equal(nextBoundary(12, 4), 12);
  assert.equal(nextBoundary(10, 0), 10);
  assert.equal(nextBoundary(1e9 + 0.5, 5e-324), 1e9 + 0.5);
  assert.ok(nextBoundary(1e9 + 0.5, 1e-12) >= 1e9 + 0.5);
});

test("PoW L1: Monte Carlo means match the closed forms within 4 SE (optimistic, zk, fraud)", () => {
  const z = confirmationsNeeded(0.1, 0.001);
  assert.equal(z, 6); // Rosenfeld 2014: q = 0.1 at 0.1% risk needs 6 (Nakamoto's Poisson table says 5)
  const points: Array<Record<string, unknown>> = [
    { rollup: "optimistic", l1: "pow" },
    { rollup: "optimistic", l1: "pow", fraudProbability: 1, challengerDelayMeanS: 3 * DAY },
    { rollup: "zk", l1: "pow", aggregationIntervalS: 0 },
    { rollup: "zk", l1: "pow", aggregationIntervalS: 0, provingStages: 1, provingMeanS: 300 },
  ];
  for (const point of points) {
    const r = row({ ...point, transactions: 30_000 });
    const label = JSON.stringify(point);
    within4Se(`${label} batch wait`, r.batchWaitMeanS, r.batchWaitSeS, r.batchWaitTheoryS);
    within4Se(`${label} inclusion`, r.inclusionMeanS, r.inclusionSeS, r.inclusionTheoryS);
    within4Se(`${label} l1 final`, r.l1FinalMeanS, r.l1FinalSeS, r.l1FinalTheoryS);
    within4Se(`${label} final`, r.finalMeanS, r.finalSeS, r.finalTheoryS);
    assert.equal(r.batchWaitTheoryS, 60);
    assert.equal(r.softS, 0.25);
  }
});

test("p50 and p99 of an exponential inclusion delay within 4 SE of T ln 2 and T ln 100", () => {
  // Batches close at once and the sequencer adds nothing: the delay is the wait for the next PoW block, Exp(T).
  // SE of the sample p-quantile: sqrt(p (1 - p) / n) / f(x_p), f(x_p) = (1 - p) / T (asymptotic normality, e.g. Serfling 1980, 2.3.3).
  const n = 40_000, T = 600;
  const r = row({ rollup: "zk", l1: "pow", transactions: n, batchIntervalS: 0, sequencerDelayS: 0, powBlockIntervalS: T });
  for (const [p, column] of [[0.5, "inclusionP50S"], [0.99, "inclusionP99S"]] as const) {
    const se = T * Math.sqrt(p / ((1 - p) * n));
    within4Se(column, r[column], se, -T * Math.log(1 - p));
  }
  assert.equal(empiricalQuantile(Float64Array.from([1, 2, 3, 4]), 0.5), 2);
  assert.equal(empiricalQuantile(Float64Array.from([1, 2, 3, 4]), 0.99), 4);
  assert.equal(empiricalQuantile(Float64Array.from([1, 2, 3, 4]), 0.75), 3);
});

test("missed frauds: rate within 4 binomial SE of exp(-C / M)", () => {
  const n = 20_000;
  const r = row({ rollup: "optimistic", l1: "bft", transactions: n, fraudProbability: 1, challengePeriodS: DAY, challengerDelayMeanS: DAY / 2 });
  const p = missedFraudProbability(DAY, DAY / 2);
  assert.ok(Math.abs(p - Math.exp(-2)) < 1e-15);
  assert.equal(r.frauds, n);
  within4Se("missed", r.missed / n, Math.sqrt((p * (1 - p)) / n), p);
});

test("Gasper on the PoS L1: inclusion at the next slot, final 2 epochs after the end of the block's epoch", () => {
  assert.equal(SECONDS_PER_SLOT * SLOTS_PER_EPOCH * 2, 768); // 64 slots x 12 s = 12.8 min
  const chain = posChain(POS_MAINNET);
  const epoch = 384;
  // Exact cases: a block at slot boundary 10 * 384 + 12 s (slot 1 of epoch 10) is final at the end of epoch 12.
  assert.equal(chain.include(3840), 3852);
  assert.equal(chain.include(3845.5), 3852);
  assert.equal(chain.finalize(3852), 13 * epoch);
  assert.equal(chain.finalize(3840), 13 * epoch);
  assert.equal(chain.finalize(3840 + 31 * 12), 13 * epoch);
  assert.equal(chain.finalize(11 * epoch), 14 * epoch);
  // Uniform arrivals, batches at once: inclusion wait uniform on (0, 12], mean 6; finality after inclusion mean 768 + 16.5 x 12.
  const p: RollupParams = { ...base(), batchIntervalS: 0, sequencerDelayS: 0 };
  const rng = rngFor(["gasper"]).fast;
  const n = 20_000;
  const incl: number[] = [], fin: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = rng.nextFloat() * ARRIVAL_HORIZON_S;
    const tl = transactionTimeline(p, chain, rng, t);
    incl.push(tl.inclusion - t);
    fin.push(tl.l1Final - tl.inclusion);
    assert.ok(tl.l1Final - tl.inclusion >= 2 * epoch + 12 - 1e-6 && tl.l1Final - tl.inclusion <= 3 * epoch + 1e-6);
  }
  const [mi, si] = meanSe(incl), [mf, sf] = meanSe(fin);
  within4Se("pos inclusion", mi, si, chain.meanInclusionDelayS!);
  within4Se("pos finality", mf, sf, chain.meanFinalityDelayS!);
  assert.equal(chain.meanFinalityDelayS, 768 + 16.5 * 12);
});

test("BFT L1: committed one instance after the next start, final at commit", () => {
  const r = row({ rollup: "zk", l1: "bft", batchIntervalS: 0, sequencerDelayS: 0, bftLatencyS: 2, transactions: 20_000 });
  within4Se("bft inclusion", r.inclusionMeanS, r.inclusionSeS, 3);
  assert.equal(r.l1FinalMeanS, r.inclusionMeanS);
  assert.ok(r.inclusionP99S <= 4 && r.inclusionP50S >= 2);
});

test("every transaction: soft < L1 inclusion <= L1 final <= final; optimistic final >= inclusion + challenge period", () => {
  for (const l1 of ["pow", "pos", "bft"]) {
    const chain = l1ChainOf({ ...rollupFinality.resolve({ l1 }) }).chain;
    for (const rollup of ["optimistic", "zk"] as const) {
      for (const fraudProbability of [0, 0.5]) {
        const p: RollupParams = { ...base(), rollup, fraudProbability, challengePeriodS: DAY, challengerDelayMeanS: DAY };
        const rng = rngFor(["order", l1, rollup, fraudProbability]).fast;
        for (let i = 0; i < 3000; i++) {
          const t = rng.nextFloat() * ARRIVAL_HORIZON_S;
          const tl = transactionTimeline(p, chain, rng, t);
          const where = `${l1} ${rollup} fraud ${fraudProbability}: ${JSON.stringify(tl)}`;
          assert.ok(t < tl.soft && tl.soft <= tl.batchClose && tl.soft < tl.inclusion, where);
          assert.ok(tl.inclusion <= tl.l1Final && tl.l1Final <= tl.final, where);
          if (rollup === "optimistic") assert.ok(tl.final - tl.inclusion >= p.challengePeriodS, where);
          if (tl.fraud && !tl.missed) assert.ok(tl.final - tl.inclusion >= p.fraudGameS, where);
        }
      }
    }
  }
});

test("same seed, same row; another seed, another row", () => {
  const a = runPoint(rollupFinality, { rollup: "zk", l1: "pow", transactions: 500 }, 3, 0);
  const b = runPoint(rollupFinality, { rollup: "zk", l1: "pow", transactions: 500 }, 3, 0);
  const c = runPoint(rollupFinality, { rollup: "zk", l1: "pow", transactions: 500 }, 4, 0);
  assert.equal(JSON.stringify(a), JSON.stringify(b));
  assert.notEqual(a.finalMeanS, c.finalMeanS);
});

test("bad parameters name the parameter, the value and the allowed range", () => {
  const cases: Array<[Record<string, unknown>, string, RegExp]> = [
    [{ rollup: "plasma" }, "rollup", /invalid rollup: "plasma" .*optimistic, zk/],
    [{ l1: "dag" }, "l1", /invalid l1: "dag" .*pow, pos, bft/],
    [{ powAttackerShare: 0.5 }, "powAttackerShare", /0 <= powAttackerShare < 0.5/],
    [{ powRisk: 0 }, "powRisk", /0 < powRisk <= 1/],
    [{ challengePeriodS: -1 }, "challengePeriodS", /invalid challengePeriodS: -1/],
    [{ fraudProbability: 1.5 }, "fraudProbability", /0 <= fraudProbability <= 1/],
    [{ provingStages: 0 }, "provingStages", /invalid provingStages: 0/],
    [{ transactions: 0 }, "transactions", /invalid transactions: 0/],
    [{ executionSteps: 0.5 }, "executionSteps", /invalid executionSteps: 0.5/],
    [{ l1: "pow", powAttackerShare: 0.49, powRisk: 1e-12 }, "powRisk", /invalid powRisk: 1e-12 \(allowed: a risk that at most 10,000 confirmations reach against powAttackerShare = 0.49\)/],
  ];
  for (const [given, name, message] of cases) {
    assert.throws(() => rollupFinality.resolve(given), (err: unknown) => err instanceof ParameterError && err.parameter === name && message.test(err.message), `${JSON.stringify(given)}`);
  }
});

function base(): RollupParams {
  const d = rollupFinality.resolve({});
  return { ...d, rollup: d.rollup as "optimistic" | "zk", fraudGameS: fraudGameDurationS(d) };
}

function meanSe(xs: number[]): [number, number] {
  const n = xs.length;
  const m = xs.reduce((a, b) => a + b, 0) / n;
  const v = xs.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1);
  return [m, Math.sqrt(v / n)];
}

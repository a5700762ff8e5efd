/**
 * The experiment bft-finality: bad parameters fail naming the parameter,
 * rows repeat under their seed, series on request, stake-weighted faults.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { ParameterError } from "../../../lib/experiment/params";
import { runPoint } from "../../../lib/sweep/run-point";
import { runOutput } from "../../../lib/experiment/experiment";
import { rngFor } from "../../../lib/random/seed";
import { bftFinality } from "../../../lib/models/bft/experiment";
import { runProtocol } from "../../../lib/models/bft/run";
import { faultPlan } from "../../../lib/models/bft/faults";
import { validatorSet } from "../../../lib/models/bft/validators";
import { Xoshiro128 } from "../../../lib/random/xoshiro128";
import { setupOf } from "./helpers";

test("bad parameters give a ParameterError naming the parameter", () => {
  const cases: Array<[Record<string, unknown>, string, RegExp]> = [
    [{ validators: 0 }, "validators", /1 <= validators/],
    [{ validators: 4, faulty: 5, fault: "crash" }, "faulty", /0 <= faulty <= validators = 4/],
    [{ protocol: "raft" }, "protocol", /pbft, tendermint, hotstuff, chained-hotstuff/],
    [{ fault: "sleepy" }, "fault", /crash/],
    [{ faulty: 1 }, "fault", /when faulty = 1 > 0/],
    [{ stakeVector: [1, 1, 1] }, "stakeVector", /one voting power per validator \(4\)/],
    [{ stakeVector: [1, 1.5, 1, 1] }, "stakeVector[1]", /integer voting power/],
    [{ stake: "lognormal", stakeVector: [1, 1, 1, 1] }, "stake", /equal when stakeVector is given/],
    [{ heights: 0 }, "heights", /1 <= heights/],
    [{ viewTimeoutS: 0 }, "viewTimeoutS", /0.001 <= viewTimeoutS/],
  ];
  for (const [given, name, message] of cases) {
    assert.throws(
      () => bftFinality.resolve(given),
      (e: unknown) => e instanceof ParameterError && e.parameter === name && message.test(e.message),
      `${JSON.stringify(given)} -> ${name}`,
    );
  }
  // Library level.
  assert.throws(() => runProtocol("raft", setupOf({ n: 4, heights: 1 }), {} as never, rngFor(["x"])), (e: unknown) => e instanceof ParameterError && e.parameter === "protocol");
  assert.throws(() => faultPlan(4, "sleepy", 1, "first", 0, new Xoshiro128([1, 2, 3, 4])), (e: unknown) => e instanceof ParameterError && e.parameter === "fault");
  assert.throws(() => faultPlan(4, "crash", 5, "first", 0, new Xoshiro128([1, 2, 3, 4])), (e: unknown) => e instanceof ParameterError && e.parameter === "faulty");
  assert.throws(() => validatorSet(0, "equal", new Xoshiro128([1, 2, 3, 4])), (e: unknown) => e instanceof ParameterError && e.parameter === "validators");
});

test("a row repeats byte for byte under its seed; another replicate draws another network", () => {
  for (const protocol of ["pbft", "tendermint", "hotstuff", "chained-hotstuff"]) {
    const p = { protocol, validators: 10, faulty: 3, fault: "byzantine", heights: 8 };
    const a = runPoint(bftFinality, p, 1, 0);
    assert.equal(JSON.stringify(runPoint(bftFinality, p, 1, 0)), JSON.stringify(a));
    assert.notEqual(runPoint(bftFinality, p, 1, 1).latencyMeanS, a.latencyMeanS);
    assert.equal(a.outcome, "safe", protocol);
    assert.equal(a.finalHeights, 8);
  }
});

test("latencySeries returns the per-height series; the row's percentiles are those of the series", () => {
  const params = bftFinality.resolve({ protocol: "tendermint", validators: 7, heights: 30, latencySeries: true, faulty: 2, fault: "silent" });
  const { row, series } = runOutput(bftFinality.run(params, rngFor(["series"])));
  const s = series.heights;
  assert.equal(s.latencyS.length, 30);
  const sorted = Float64Array.from(s.latencyS).sort();
  assert.equal(row.latencyP50S, (sorted[14] + sorted[15]) / 2);
  assert.equal(row.latencyMeanS, sorted.reduce((a, b) => a + b, 0) / 30);
  assert.ok((row.latencyP99S as number) <= sorted[29] && (row.latencyP99S as number) >= sorted[28]);
  assert.ok((row.roundsPerHeight as number) > 1); // silent proposers cost rounds
});

test("stake decides: half the stake on one crashed validator halts the chain; the same crash with 1/9 of the stake does not", () => {
  const heavy = runPoint(bftFinality, { validators: 5, stakeVector: [4, 1, 1, 1, 1], faulty: 1, fault: "crash", faultPlacement: "first", heights: 5, maxTimeS: 60 }, 1, 0);
  assert.equal(heavy.faultyStakeShare, 0.5);
  assert.equal(heavy.outcome, "halt");
  const light = runPoint(bftFinality, { validators: 5, stakeVector: [1, 2, 2, 2, 2], faulty: 1, fault: "crash", faultPlacement: "first", heights: 5, maxTimeS: 60 }, 1, 0);
  assert.equal(light.faultyStakeShare, 1 / 9);
  assert.equal(light.outcome, "safe");
  // A lognormal stake distribution runs too, and quorums are by stake.
  const v = validatorSet(50, { dist: "lognormal", sigma: 1 }, new Xoshiro128([5, 6, 7, 8]));
  assert.ok(v.stake.every((s) => Number.isInteger(s) && s >= 1));
  const row = runPoint(bftFinality, { protocol: "tendermint", validators: 20, stake: "lognormal", heights: 5 }, 1, 0);
  assert.equal(row.outcome, "safe");
});

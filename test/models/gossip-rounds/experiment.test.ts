/**
 * The gossip-rounds experiment: parameters and their errors, rows, theory
 * columns, the `informed` series, and a sweep.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { rngFor } from "../../../lib/random/seed";
import { ParameterError } from "../../../lib/experiment/params";
import { gossipRounds } from "../../../lib/models/gossip-rounds/experiment";
import { sweep } from "../../../lib/sweep/sweep";

test("bad parameters name the parameter, the value and the allowed range", () => {
  const cases: Array<[Record<string, unknown>, string, RegExp]> = [
    [{ nodes: 1 }, "nodes", /invalid nodes: 1 \(allowed: an integer, 2 <= nodes <= /],
    [{ nodes: 10.5 }, "nodes", /invalid nodes: 10.5/],
    [{ fanout: 0 }, "fanout", /invalid fanout: 0 .*1 <= fanout/],
    [{ nodes: 5, fanout: 5 }, "fanout", /invalid fanout: 5 \(allowed: an integer, 1 <= fanout <= nodes - 1 = 4\)/],
    [{ lossRate: -0.1 }, "lossRate", /invalid lossRate: -0.1 .*0 <= lossRate <= 1/],
    [{ lossRate: 1.01 }, "lossRate", /invalid lossRate: 1.01/],
    [{ crashFraction: 1 }, "crashFraction", /invalid crashFraction: 1 .*0 <= crashFraction < 1/],
    [{ crashFraction: -0.5 }, "crashFraction", /invalid crashFraction/],
    [{ protocol: "gossip" }, "protocol", /invalid protocol: "gossip" \(allowed: one of push, pull, push-pull, rumor-counter, rumor-coin/],
    [{ protocol: "infect-and-die", nodes: 100, c: -5 }, "c", /invalid c: -5 .*ln\(nodes\) \+ c/],
    [{ protocol: "infect-and-die", nodes: 10, c: 9 }, "c", /invalid c: 9/],
    [{ k: 0 }, "k", /invalid k: 0/],
    [{ trials: 0 }, "trials", /invalid trials: 0/],
    [{ fanot: 2 }, "fanot", /unknown parameter: fanot/],
  ];
  for (const [given, name, message] of cases) {
    assert.throws(
      () => gossipRounds.resolve(given),
      (err: unknown) => err instanceof ParameterError && err.parameter === name && message.test(err.message),
      `${JSON.stringify(given)}`,
    );
  }
  // c is checked only where it is used.
  assert.doesNotThrow(() => gossipRounds.resolve({ protocol: "push", nodes: 10, c: 9 }));
});

test("rows carry measures, standard errors and the theory that applies; series on or off gives the same row", () => {
  const p = gossipRounds.resolve({ nodes: 4096, protocol: "push", trials: 30 });
  const plain = gossipRounds.run(p, rngFor(["row"])) as Record<string, number | null>;
  const withSeries = gossipRounds.run({ ...p, series: true }, rngFor(["row"])) as { row: Record<string, number | null>; series: { informed: { round: number[]; fraction: number[]; meanField: number[] } } };
  assert.deepEqual(withSeries.row, plain);
  assert.equal(plain.roundsTheory, Math.log2(4096) + Math.log(4096));
  assert.ok(plain.roundsTheoryLower! < plain.rounds! && plain.rounds! < plain.roundsTheoryUpper!);
  assert.ok(plain.roundsSE! > 0 && plain.reliability === 1 && plain.residue === 0 && plain.censoredTrials === 0);
  assert.ok(Math.abs(plain.rounds! - plain.roundsMeanField!) < 4 * plain.roundsSE! + 0.05);
  const { round, fraction, meanField } = withSeries.series.informed;
  assert.equal(round.length, fraction.length);
  assert.equal(meanField.length, fraction.length);
  assert.equal(fraction[0], 1 / 4096);
  assert.equal(fraction[fraction.length - 1], 1);
  for (let t = 1; t < fraction.length; t++) assert.ok(fraction[t] >= fraction[t - 1] && meanField[t] >= meanField[t - 1]);
  // Push: every informed node pushes once per round, so in one trial messages per node = the informed fractions summed over the rounds run.
  const one = gossipRounds.run({ ...p, trials: 1, series: true }, rngFor(["one"])) as typeof withSeries;
  const f = one.series.informed.fraction;
  assert.equal(f.length, one.row.rounds! + 1);
  const sumInformed = f.slice(0, -1).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sumInformed - one.row.messagesPerNode!) < 1e-9, `${sumInformed} vs ${one.row.messagesPerNode}`);

  const rumor = gossipRounds.run(gossipRounds.resolve({ nodes: 3000, protocol: "rumor-coin", k: 2, trials: 5 }), rngFor(["row2"])) as Record<string, number | null>;
  assert.equal(rumor.roundsTheory, null);
  assert.ok(Math.abs(rumor.residueTheory! - Math.exp(-3 * (1 - rumor.residueTheory!))) < 1e-15);
  const iad = gossipRounds.run(gossipRounds.resolve({ nodes: 3000, protocol: "infect-and-die", c: 1, trials: 5 }), rngFor(["row3"])) as Record<string, number | null>;
  assert.equal(iad.reliabilityLimit, Math.exp(-Math.exp(-1)));
  assert.equal(iad.residueTheory, null);
});

test("a sweep over protocols: every point validated and run, reliability pooled as a proportion", () => {
  const result = sweep(gossipRounds, { nodes: [500], protocol: ["push", "pull", "push-pull", "rumor-counter", "rumor-coin-blind", "infect-and-die"], trials: [10], crashFraction: [0, 0.1] }, { replicates: 2, seed: 13 });
  const rows = result.rows.objects() as Record<string, unknown>[];
  assert.equal(rows.length, 6 * 2 * 2);
  for (const r of rows) {
    assert.ok(typeof r.messagesPerNode === "number" && (r.messagesPerNode as number) > 0, JSON.stringify(r));
    assert.ok((r.live as number) === (r.crashFraction === 0 ? 500 : 450));
  }
  assert.equal(result.summary.numRows(), 12);
});

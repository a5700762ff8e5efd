/**
 * Agreement and validity under faults (property tests, fast-check): with
 * f = floor((N - 1) / 3) faulty validators of any kind, every protocol decides
 * every height and no two honest validators ever decide different blocks at
 * one height (Castro & Liskov 1999 section 4.5; Buchman et al. 2018,
 * Lemma 1; Yin et al. 2019, Theorem 2). Above a third, the coalition that
 * equivocates and double-votes breaks agreement, and the row says so.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { rngFor } from "../../../lib/random/seed";
import { FAULTS } from "../../../lib/models/bft/faults";
import { runProtocol, PROTOCOLS } from "../../../lib/models/bft/run";
import { COMETBFT_TIMEOUTS } from "../../../lib/models/bft/tendermint";
import { outcomeOf } from "../../../lib/models/bft/metrics";
import { maxFaulty } from "../../../lib/models/bft/validators";
import { setupOf } from "./helpers";

const OPTIONS = { ...COMETBFT_TIMEOUTS, timeoutCommitS: 0, viewTimeoutS: 1, checkpointInterval: 4 };
const KINDS = FAULTS.filter((k) => k !== "none");

for (const protocol of PROTOCOLS) {
  test(`${protocol}: agreement, validity and termination with f = floor((N-1)/3) faulty validators of every kind (property)`, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 13 }),
        fc.constantFrom(...KINDS),
        fc.constantFrom("first", "random"),
        fc.integer({ min: 0, max: 1e6 }),
        fc.constantFrom(0, 0.5),
        (n, fault, placement, seed, sigma) => {
          const faulty = maxFaulty(n);
          const setup = setupOf({ n, heights: 4, faulty, fault, placement, seed, sigma, faultAtS: 0.1, maxTimeS: 3000 });
          const run = runProtocol(protocol, setup, OPTIONS, rngFor(["safety", seed]));
          const where = `${protocol} N=${n} f=${faulty} ${fault} ${placement} seed ${seed} sigma ${sigma}`;
          assert.equal(run.conflicts, 0, `${where}: conflict ${JSON.stringify(run.firstConflict)}`);
          assert.equal(run.invalid, 0, `${where}: a decided block was not proposed at its height`);
          assert.equal(run.finalHeights, 4, `${where}: halted (${run.stop} at ${run.timeS} s)`);
          assert.equal(outcomeOf(run), "safe");
        },
      ),
      { numRuns: 100, seed: 5 },
    );
  });
}

test("above a third of the stake, equivocating proposers with double-voting validators break agreement in every protocol; the row says violation", () => {
  // Chained HotStuff needs four faulty leaders in a row to carry two branches to a three-chain (N = 10, faulty 4).
  for (const protocol of PROTOCOLS) {
    for (const [n, faulty] of [[10, 4], [13, 5]]) {
      const run = runProtocol(protocol, setupOf({ n, heights: 4, faulty, fault: "byzantine", placement: "first", maxTimeS: 60 }), OPTIONS, rngFor(["violation"]));
      assert.ok(run.conflicts > 0, `${protocol} N=${n} faulty=${faulty}: no conflict`);
      assert.equal(outcomeOf(run), "violation");
      const c = run.firstConflict!;
      assert.notEqual(c.a, c.b);
    }
  }
});

test("above a third of the stake crashed, every protocol halts and the row says halt", () => {
  for (const protocol of PROTOCOLS) {
    const run = runProtocol(protocol, setupOf({ n: 7, heights: 4, faulty: 3, fault: "crash", placement: "random", faultAtS: 0.3, maxTimeS: 60 }), OPTIONS, rngFor(["halt"]));
    assert.equal(run.conflicts, 0, protocol);
    assert.ok(run.finalHeights < 4, `${protocol}: ${run.finalHeights} heights final`);
    assert.equal(outcomeOf(run), "halt", protocol);
  }
});

test("a byzantine coalition below a third cannot break agreement even with a partition that holds the two honest sides apart for a while", () => {
  for (const protocol of PROTOCOLS) {
    const n = 10;
    const base = setupOf({ n, heights: 4, faulty: 3, fault: "byzantine", placement: "first", sigma: 0.3, maxTimeS: 600 });
    const groups = [Array.from(base.faults.side0), Array.from(base.faults.side1)];
    const setup = setupOf({ n, heights: 4, faulty: 3, fault: "byzantine", placement: "first", sigma: 0.3, maxTimeS: 600, network: { partitions: [{ startS: 0, durationS: 5, groups: { by: "nodes", groups }, mode: "hold" }] as never } });
    const run = runProtocol(protocol, setup, OPTIONS, rngFor(["partition"]));
    assert.equal(run.conflicts, 0, protocol);
    assert.equal(run.finalHeights, 4, protocol);
  }
});

test("agreement under partitions (drop mode) and message loss, with or without f faulty validators, in every protocol (property)", () => {
  // Regression: PBFT once decided two blocks at one height when a partition cut commits in flight and a later
  // view's VIEW-CHANGEs had lost the prepared certificate (now P covers the replica's window and O re-proposes it).
  for (const protocol of PROTOCOLS) {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.constantFrom(0, 0.02, 0.1),
        fc.constantFrom("none", ...KINDS),
        fc.double({ min: 0.2, max: 0.8, noNaN: true }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 2, max: 25 }),
        (seed, lossRate, fault, share, startS, durationS) => {
          const n = 10;
          const faulty = fault === "none" ? 0 : maxFaulty(n);
          const base = setupOf({ n, heights: 8, faulty, fault, placement: "random", seed, sigma: 0.5, faultAtS: 1, maxTimeS: 800 });
          const setup = { ...base, network: { ...base.network, lossRate, partitions: [{ startS, durationS, groups: { by: "fraction", shares: [share] } }] as never } };
          const run = runProtocol(protocol, setup, OPTIONS, rngFor(["partition-loss", seed]));
          assert.equal(run.conflicts, 0, `${protocol} seed ${seed} loss ${lossRate} ${fault} share ${share} [${startS}, +${durationS}]: ${JSON.stringify(run.firstConflict)}`);
          assert.equal(run.invalid, 0);
        },
      ),
      { numRuns: 40, seed: 9 },
    );
  }
});

/**
 * Leader crashes: a view change (PBFT), a round change (Tendermint) or the
 * pacemaker (HotStuff) replaces the crashed leader, and the stalled height is
 * decided after the timeout plus the protocol's message delays (constant
 * delay d, so the times are exact):
 *   PBFT (Castro & Liskov 1999, 4.4): the timer T from the last decision,
 *     then VIEW-CHANGE, NEW-VIEW, PREPARE, COMMIT: T + 4 d; the decision is
 *     in view 1, whose primary is replica 1.
 *   Tendermint (Buchman et al. 2018, Algorithm 1): timeoutPropose(0), then
 *     PREVOTE nil (d), PRECOMMIT nil (d), timeoutPrecommit(0), round 1's
 *     PROPOSAL, PREVOTE and PRECOMMIT (3 d): TP + TPc + 5 d.
 *   Basic HotStuff (Yin et al. 2019, 4.4): the view timer T, then a normal
 *     view from NEW-VIEW to DECIDE: T + 8 d.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { rngFor } from "../../../lib/random/seed";
import { runPbft } from "../../../lib/models/bft/pbft";
import { runTendermint, COMETBFT_TIMEOUTS } from "../../../lib/models/bft/tendermint";
import { runHotStuff } from "../../../lib/models/bft/hotstuff";
import { runChainedHotStuff } from "../../../lib/models/bft/chained-hotstuff";
import { ProposerSchedule } from "../../../lib/models/bft/proposer-priority";
import { summarizeBft } from "../../../lib/models/bft/metrics";
import { setupOf } from "./helpers";

const D = 0.05;
const T = 1;
const near = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a}, want ${b}`);

test("PBFT: the primary crashes; replicas time out, change view, and primary 1 decides the stalled height T + 4 d after the last decision", () => {
  const setup = setupOf({ n: 4, heights: 8, faulty: 1, fault: "crash", placement: "first", faultAtS: 0.5, delayMs: 50 });
  const run = runPbft(setup, { viewTimeoutS: T, checkpointInterval: 0 }, rngFor(["vc"]));
  assert.equal(run.finalHeights, 8);
  assert.equal(run.conflicts, 0);
  // Heights 0-3 in view 0 (height 3's PRE-PREPARE left at 0.45 s, before the crash at 0.5 s).
  for (let h = 0; h < 4; h++) near(run.finalS[h], 3 * D * (h + 1), `height ${h}`);
  near(run.finalS[4], run.finalS[3] + T + 4 * D, "stalled height 4");
  assert.deepEqual(Array.from(run.rounds), [0, 0, 0, 0, 1, 1, 1, 1]);
  for (let h = 5; h < 8; h++) near(run.latencyS[h], 3 * D, `height ${h}`);
  assert.equal(run.viewChanges, 3); // the three live replicas, once each
  const row = summarizeBft(run, { batch: 1, crashAtS: 0.5 });
  near(row.recoveryS as number, run.finalS[4] - 0.5, "recoveryS");
});

test("Tendermint: the proposer of a height crashed; round 1's proposer decides it TP(0) + TPc(0) + 5 d after the height began", () => {
  const setup = setupOf({ n: 4, heights: 6, faulty: 1, fault: "crash", placement: "first", faultAtS: 0, delayMs: 50 });
  const run = runTendermint(setup, { ...COMETBFT_TIMEOUTS, timeoutCommitS: 0 }, rngFor(["tm"]));
  assert.equal(run.finalHeights, 6);
  const schedule = new ProposerSchedule(setup.validators);
  for (let h = 0; h < 6; h++) {
    if (schedule.proposer(h, 0) === 0) {
      near(run.latencyS[h], COMETBFT_TIMEOUTS.timeoutProposeS + COMETBFT_TIMEOUTS.timeoutPrecommitS + 5 * D, `height ${h} (crashed proposer)`);
      assert.equal(run.rounds[h], 1);
    } else {
      near(run.latencyS[h], 3 * D, `height ${h}`);
      assert.equal(run.rounds[h], 0);
    }
  }
});

test("basic HotStuff: the pacemaker skips the crashed leader's views; those heights take T + 8 d, the others 8 d", () => {
  const setup = setupOf({ n: 4, heights: 6, faulty: 1, fault: "crash", placement: "first", faultAtS: 0, delayMs: 50 });
  const run = runHotStuff(setup, { viewTimeoutS: T }, rngFor(["hs"]));
  assert.equal(run.finalHeights, 6);
  // Views 0 and 4 belong to the crashed replica 0: heights 0 and 3 wait for the timer.
  const want = [T + 8 * D, 8 * D, 8 * D, T + 8 * D, 8 * D, 8 * D];
  want.forEach((w, h) => near(run.latencyS[h], w, `height ${h}`));
});

test("chained HotStuff: a crashed leader every 4th view; two heights per cycle of T + 6 d, final 2 d and T + 4 d apart", () => {
  // Cycle (Algorithm 3 with the pacemaker): the timer of the crashed leader's view expires at t; NEW-VIEW reaches
  // the next leader at t + d, whose block b1 (on the highest QC, the previous cycle's b2) arrives at t + 2d; b2
  // arrives at t + 4d and commits the previous b1 (direct parents b1 <- prev b2 <- prev b1); b3 arrives at t + 6d and
  // commits the previous b2; b3's votes go to the crashed leader, whose timer expires at t + 6d + T.
  const setup = setupOf({ n: 4, heights: 12, faulty: 1, fault: "crash", placement: "first", faultAtS: 0, delayMs: 50 });
  const run = runChainedHotStuff(setup, { viewTimeoutS: T }, rngFor(["chs"]));
  assert.equal(run.finalHeights, 12);
  assert.equal(run.conflicts, 0);
  for (let h = 2; h < 12; h++) near(run.finalS[h] - run.finalS[h - 1], h % 2 === 0 ? T + 4 * D : 2 * D, `height ${h}`);
});

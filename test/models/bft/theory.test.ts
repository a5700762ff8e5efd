/**
 * Each protocol against its closed forms with a constant one-way delay d, no
 * faults and no costs: latency per height in message delays, and messages
 * per decision with all-to-all (or star) delivery.
 *
 *   PBFT (Castro & Liskov 1999, section 4.2): pre-prepare, prepare, commit:
 *     3 d per height; (N - 1) + (N - 1)^2 + N (N - 1) messages per height.
 *   Tendermint (Buchman et al. 2018, Algorithm 1, l. 11-49): proposal,
 *     prevote, precommit: 3 d; (N - 1) proposals + N (N - 1) prevotes +
 *     N (N - 1) precommits = (N - 1)(2N + 1) per height.
 *   Basic HotStuff (Yin et al. 2019, Algorithm 2): NEW-VIEW, PREPARE, vote,
 *     PRE-COMMIT, vote, COMMIT, vote, DECIDE: 8 d between decisions, 7 d from
 *     the proposal; 8 (N - 1) messages per height.
 *   Chained HotStuff (Algorithm 3): a view every 2 d; a block is decided when
 *     its third successor arrives, 7 d after its proposal; H heights take
 *     H + 3 proposals and H + 2 vote rounds: (2H + 5)(N - 1) messages.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { rngFor } from "../../../lib/random/seed";
import { runPbft } from "../../../lib/models/bft/pbft";
import { runTendermint, COMETBFT_TIMEOUTS } from "../../../lib/models/bft/tendermint";
import { runHotStuff } from "../../../lib/models/bft/hotstuff";
import { runChainedHotStuff } from "../../../lib/models/bft/chained-hotstuff";
import type { BftRun } from "../../../lib/models/bft/context";
import { setupOf } from "./helpers";

const D = 0.05;
const TIGHT = 1e-9;

function allClose(xs: ArrayLike<number>, want: number, what: string): void {
  for (let h = 0; h < xs.length; h++) assert.ok(Math.abs(xs[h] - want) < TIGHT, `${what}: height ${h}: ${xs[h]}, want ${want}`);
}

function intervals(run: BftRun): Float64Array {
  const out = new Float64Array(run.heights - 1);
  for (let h = 1; h < run.heights; h++) out[h - 1] = run.finalS[h] - run.finalS[h - 1];
  return out;
}

for (const n of [4, 7, 10, 31]) {
  const H = 6;
  test(`PBFT, N = ${n}: 3 d per height; (N-1) + (N-1)^2 + N(N-1) messages per height`, () => {
    const run = runPbft(setupOf({ n, heights: H, delayMs: 50 }), { viewTimeoutS: 10, checkpointInterval: 0 }, rngFor(["t"]));
    assert.equal(run.finalHeights, H);
    allClose(run.latencyS, 3 * D, "latency");
    assert.equal(run.stats["pre-prepare"].sent, H * (n - 1));
    assert.equal(run.stats.prepare.sent, H * (n - 1) ** 2);
    assert.equal(run.stats.commit.sent, H * n * (n - 1));
    assert.equal(run.messages, H * (n - 1 + (n - 1) ** 2 + n * (n - 1)));
    assert.equal(run.viewChanges, 0);
  });

  test(`PBFT, N = ${n}, checkpoints every 2 heights: N(N-1) CHECKPOINTs per checkpoint (and at the last height), same latency`, () => {
    const run = runPbft(setupOf({ n, heights: 5, delayMs: 50 }), { viewTimeoutS: 10, checkpointInterval: 2 }, rngFor(["t"]));
    allClose(run.latencyS, 3 * D, "latency");
    assert.equal(run.stats.checkpoint.sent, 3 * n * (n - 1)); // after heights 1, 3 and the last, 4
    // Checkpoints 1 and 3 become stable; the run stops at the last decision, before the last CHECKPOINTs arrive.
    assert.equal(run.extra.stableCheckpoint, 3);
  });

  test(`Tendermint, N = ${n}: 3 d per height; (N-1)(2N+1) messages per height`, () => {
    const run = runTendermint(setupOf({ n, heights: H, delayMs: 50 }), { ...COMETBFT_TIMEOUTS, timeoutCommitS: 0 }, rngFor(["t"]));
    assert.equal(run.finalHeights, H);
    allClose(run.latencyS, 3 * D, "latency");
    assert.equal(run.stats.proposal.sent, H * (n - 1));
    assert.equal(run.stats.prevote.sent, H * n * (n - 1));
    assert.equal(run.stats.precommit.sent, H * n * (n - 1));
    assert.equal(run.messages, H * (n - 1) * (2 * n + 1));
    assert.deepEqual(Array.from(run.rounds), new Array(H).fill(0));
  });

  test(`basic HotStuff, N = ${n}: 8 d between decisions (7 d after the proposal); 8 (N-1) messages per height`, () => {
    const run = runHotStuff(setupOf({ n, heights: H, delayMs: 50 }), { viewTimeoutS: 10 }, rngFor(["t"]));
    assert.equal(run.finalHeights, H);
    // Height 0 starts with NEW-VIEW at t = 0, so it is final after 8 d too.
    allClose(run.latencyS, 8 * D, "latency");
    for (const kind of ["new-view", "prepare", "pre-commit", "commit", "decide"]) assert.equal(run.stats[kind].sent, H * (n - 1), kind);
    assert.equal(run.stats.vote.sent, 3 * H * (n - 1));
    assert.equal(run.messages, 8 * H * (n - 1));
  });

  test(`chained HotStuff, N = ${n}: a height every 2 d, 7 d from proposal to decision; (2H+5)(N-1) messages`, () => {
    const run = runChainedHotStuff(setupOf({ n, heights: H, delayMs: 50 }), { viewTimeoutS: 10 }, rngFor(["t"]));
    assert.equal(run.finalHeights, H);
    allClose(run.latencyS, 7 * D, "latency (proposal -> final)");
    allClose(intervals(run), 2 * D, "interval");
    assert.equal(run.stats.proposal.sent, (H + 3) * (n - 1));
    assert.equal(run.stats.vote.sent, (H + 2) * (n - 1));
    assert.equal(run.messages, (2 * H + 5) * (n - 1));
  });
}

test("Tendermint with CometBFT's timeout_commit: each height takes timeout_commit + 3 d", () => {
  const run = runTendermint(setupOf({ n: 7, heights: 5, delayMs: 50 }), COMETBFT_TIMEOUTS, rngFor(["t"]));
  assert.ok(Math.abs(run.latencyS[0] - 3 * D) < TIGHT);
  allClose(run.latencyS.subarray(1), COMETBFT_TIMEOUTS.timeoutCommitS + 3 * D, "latency");
});

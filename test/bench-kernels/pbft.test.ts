/**
 * The W4 PBFT bench kernel (bench/pbft-kernel.ts) on the runtime's Network,
 * checked against the closed forms of the C reference's header
 * (../shared/reference/w4_pbft.c, "Verification"): every height sends
 * (N-1) + (N-1)^2 + N(N-1) messages; with a constant latency every height
 * takes 3 latencies; with any latency and no CPU cost the decision times
 * follow the recursion
 *   a_j = S + lat(p, j) (a_p = S),
 *   P_i = max(a_i, 2f-th smallest of { a_j + lat(j, i) : j != p, i }),
 *   D_i = max(P_i, 2f-th smallest of { P_j + lat(j, i) : j != i }),
 *   next start = D_{(h+1) mod N}.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { pbftMessagesPerHeight, pbftRunProblems, runPbftBench } from "../../bench/pbft-kernel";
import { constantPairLatency, lognormalPairLatency } from "../../lib/network/pair-latency";
import type { PairLatency } from "../../lib/network/runtime-config";
import { rngFor } from "../../lib/random/seed";

const N = 10;
const HEIGHTS = 6;

test("constant 50 ms latency: every kind's message count follows the formula and every height takes exactly 3 x 50 ms", () => {
  const run = runPbftBench({ n: N, heights: HEIGHTS, latency: constantPairLatency(N, 50) }, rngFor(["test", "pbft", "const"]));
  assert.equal(pbftMessagesPerHeight(N), 9 + 81 + 90);
  assert.deepEqual(run.delivered, { prePrepare: HEIGHTS * (N - 1), prepare: HEIGHTS * (N - 1) ** 2, commit: HEIGHTS * N * (N - 1) });
  assert.equal(run.messages, HEIGHTS * 180);
  assert.equal(run.events, run.messages); // one engine event per delivery, CPU queue off
  assert.equal(run.decisions, N * HEIGHTS);
  assert.equal(run.f, 3);
  assert.equal(run.q, 7);
  for (let h = 0; h < HEIGHTS; h++) {
    // Seconds as doubles: 0.05 s sums round, so "exactly" is up to a few ulps of the clock (<= 1e-12 s here).
    assert.ok(Math.abs(run.startS[h + 1] - run.startS[h] - 0.15) < 1e-12, `height ${h} took ${run.startS[h + 1] - run.startS[h]} s`);
    assert.ok(Math.abs(run.finalityS[h] - 0.15) < 1e-12);
    assert.ok(Math.abs(run.lastS[h] - 0.15) < 1e-12);
  }
  assert.deepEqual(pbftRunProblems(run, 0.05), []);
  assert.match(pbftRunProblems(run, 0.06).join(), /height 0: duration/); // the check can fail
});

/** k-th smallest (0-based) of xs. */
function kth(xs: number[], k: number): number {
  return [...xs].sort((a, b) => a - b)[k];
}

/** The closed-form recursion of w4_pbft.c: per height the start, the q-th and the N-th decision time. */
function closedForm(n: number, heights: number, lat: PairLatency) {
  const f = Math.floor((n - 1) / 3);
  const q = 2 * f + 1;
  const start: number[] = [];
  const fin: number[] = [];
  const last: number[] = [];
  let S = 0;
  for (let h = 0; h < heights; h++) {
    const p = h % n;
    const a = Array.from({ length: n }, (_, j) => (j === p ? S : S + lat.latencyS(p, j)));
    const P = a.map((ai, i) => {
      const ins: number[] = [];
      for (let j = 0; j < n; j++) if (j !== p && j !== i) ins.push(a[j] + lat.latencyS(j, i));
      return Math.max(ai, kth(ins, 2 * f - 1));
    });
    const D = P.map((pi, i) => {
      const ins: number[] = [];
      for (let j = 0; j < n; j++) if (j !== i) ins.push(P[j] + lat.latencyS(j, i));
      return Math.max(pi, kth(ins, 2 * f - 1));
    });
    start.push(S);
    fin.push(kth(D, q - 1) - S);
    last.push(Math.max(...D) - S);
    S = D[(h + 1) % n];
  }
  start.push(S);
  return { start, fin, last };
}

test("lognormal pair latency: decision times equal the closed-form recursion; the message formula holds with late messages", () => {
  for (const n of [4, 10, 13]) {
    const lat = lognormalPairLatency(n, 50, 0.5, rngFor(["test", "pbft", "latency", n]).fast);
    const run = runPbftBench({ n, heights: HEIGHTS, latency: lat }, rngFor(["test", "pbft", "net", n]));
    const want = closedForm(n, HEIGHTS, lat);
    assert.deepEqual(pbftRunProblems(run), [], `n = ${n}`);
    for (let h = 0; h <= HEIGHTS; h++) assert.ok(Math.abs(run.startS[h] - want.start[h]) < 1e-12, `n = ${n}, start of height ${h}: ${run.startS[h]} vs ${want.start[h]}`);
    for (let h = 0; h < HEIGHTS; h++) {
      assert.ok(Math.abs(run.finalityS[h] - want.fin[h]) < 1e-12, `n = ${n}, finality of height ${h}`);
      assert.ok(Math.abs(run.lastS[h] - want.last[h]) < 1e-12, `n = ${n}, last decision of height ${h}`);
    }
    if (n >= 10) assert.ok(run.late > 0, "some messages arrive after their receiver decided");
  }
});

test("with a CPU cost per message the formula still holds: every delivery is one extra CPU hand-off event, and heights get slower", () => {
  const run = runPbftBench({ n: N, heights: 3, latency: constantPairLatency(N, 50), verifyUs: 100 }, rngFor(["test", "pbft", "cpu"]));
  assert.deepEqual(pbftRunProblems(run), []);
  assert.equal(run.events, 2 * run.messages);
  // A backup handles the pre-prepare 100 us after it arrives, prepares queue behind each other: > 150 ms per height.
  assert.ok(run.startS[1] > 0.15 + 3 * 100e-6 - 1e-12, `height 0 took ${run.startS[1]} s`);
});

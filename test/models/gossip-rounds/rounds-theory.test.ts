/**
 * Push, pull and push-pull against theory:
 * - the exact Markov chain of the informed count (exact-chain.ts; fanout 1,
 *   with loss and crashed nodes): mean rounds within 4 standard errors, and
 *   the informed fraction after every round;
 * - the chain itself against hand-computable cases;
 * - push at N = 50,000 against the mean-field recursion of the C reference
 *   w2_gossip and the Doerr & Künnemann (ANALCO 2014) window around
 *   log2 N + ln N (Frieze & Grimmett 1985; Pittel 1987);
 * - push-pull against log3 N + O(log log N) (Karp et al., FOCS 2000) loosely
 *   and the mean-field recursion.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Xoshiro128 } from "../../../lib/random/xoshiro128";
import { exactChain } from "../../../lib/models/gossip-rounds/exact-chain";
import { meanFieldRounds } from "../../../lib/models/gossip-rounds/mean-field";
import { pushPullRoundsLeading, pushRoundsBounds, pushRoundsLeading } from "../../../lib/models/gossip-rounds/theory-asymptotic";
import { roundTrialFast, roundWorkspace } from "../../../lib/models/gossip-rounds/rounds-fast";
import { trials, zScore } from "./helpers";

test("exact chain: hand-computable cases", () => {
  // Pull, N = 2, loss p: node 1 pulls from node 0 every round and succeeds with probability 1 - p: geometric, mean 1 / (1 - p).
  assert.ok(Math.abs(exactChain(2, "pull", { lossRate: 0.25 }).rounds - 4 / 3) < 1e-12);
  // Push, N = 3: round 1 informs one node for sure; then each of the two informed misses the third with probability 1/2,
  // so each later round finishes with probability 3/4: mean 1 + 4/3.
  assert.ok(Math.abs(exactChain(3, "push").rounds - 7 / 3) < 1e-12);
  // Push-pull, N = 2: done in one round.
  assert.ok(Math.abs(exactChain(2, "push-pull").rounds - 1) < 1e-12);
  // Pull, N = 3: node 0 alone informed; each of the two others pulls it with probability 1/2 per round.
  // E[T] for the max of... by first step: from I=1, P(both)=1/4, P(one)=1/2, P(none)=1/4; from I=2, success 1 per round.
  // E1 = 1 + 1/2 E2 + 1/4 E1, E2 = 1  =>  E1 = (1 + 1/2) / (3/4) = 2.
  assert.ok(Math.abs(exactChain(3, "pull").rounds - 2) < 1e-12);
});

test("mean rounds of push, pull and push-pull = the exact chain within 4 SE (N = 200; with loss 0.3; with 20 % crashed)", () => {
  let sumZ2 = 0;
  let points = 0;
  for (const protocol of ["push", "pull", "push-pull"] as const) {
    for (const faults of [{}, { lossRate: 0.3 }, { crashFraction: 0.2 }]) {
      const n = 200;
      const s = trials({ nodes: n, protocol, trials: 2000, ...faults }, ["exact", protocol, JSON.stringify(faults)]);
      const exact = exactChain(n, protocol, { lossRate: (faults as { lossRate?: number }).lossRate ?? 0, crashed: Math.round(((faults as { crashFraction?: number }).crashFraction ?? 0) * n) });
      const z = zScore(s.rounds.mean, s.rounds.standardError, exact.rounds);
      assert.ok(z < 4, `${protocol} ${JSON.stringify(faults)}: ${s.rounds.mean} +- ${s.rounds.standardError}, exact ${exact.rounds}, z = ${z.toFixed(2)}`);
      sumZ2 += z * z;
      points++;
    }
  }
  // The standard errors are not inflated: sum z^2 over 9 independent points exceeds chi^2(9)'s 0.1 % quantile 1.152 with probability 99.9 %.
  assert.ok(sumZ2 > 1.152, `sum z^2 = ${sumZ2} over ${points} points`);
});

test("informed fraction after every round = the exact chain's E[I_t]/N within 4.5 SE (push-pull and push, N = 200, 2000 trials)", () => {
  for (const protocol of ["push-pull", "push"] as const) {
    const n = 200;
    const exact = exactChain(n, protocol).informed;
    const rng = new Xoshiro128([20, 0, 0, protocol.length]);
    const ws = roundWorkspace(n, 1);
    const sum: number[] = [];
    const sum2: number[] = [];
    const T = 2000;
    const perRound: number[] = [];
    for (let t = 0; t < T; t++) {
      perRound.length = 0;
      roundTrialFast({ nodes: n, protocol, fanout: 1, lossThreshold: 0, maxRounds: 1000 }, null, rng, rng, ws, perRound);
      for (let r = 0; r < exact.length; r++) {
        const f = (perRound[r] ?? n) / n;
        sum[r] = (sum[r] ?? 0) + f;
        sum2[r] = (sum2[r] ?? 0) + f * f;
      }
    }
    for (let r = 1; r < exact.length; r++) {
      const mean = sum[r] / T;
      const se = Math.sqrt(Math.max(0, sum2[r] / T - mean * mean) / (T - 1));
      if (se === 0 && Math.abs(mean - exact[r]) < 1e-9) continue; // a round every trial goes through alike (round 1 of push: 2 informed)
      if (se === 0) {
        // Every trial had finished: then P(not finished by round r) = q < 10 / T (else seeing none has probability < e^-10),
        // and 1 - E[I_r]/N <= q.
        assert.ok(Math.abs(mean - 1) < 1e-9 && 1 - exact[r] < 10 / T, `${protocol} round ${r}: all trials at ${mean}, exact ${exact[r]}`);
        continue;
      }
      // Up to ~20 rounds compared: 4.5 SE keeps the family-wise false alarm rate below 2e-4.
      assert.ok(zScore(mean, se, exact[r]) < 4.5, `${protocol} round ${r}: ${mean} +- ${se}, exact ${exact[r]}`);
    }
  }
});

test("push, N = 50,000: mean rounds = the mean-field recursion (C w2_gossip) and inside the Doerr-Künnemann window around log2 N + ln N", () => {
  const n = 50_000;
  const s = trials({ nodes: n, protocol: "push", trials: 100 }, "push-5e4");
  const se = s.rounds.standardError;
  // The mean field is an approximation; its error for push, against the exact chain, shrinks with N (0.048 at N = 100,
  // 0.007 at N = 1000: checked here at N = 1000), so 0.05 rounds bounds it at N = 1e5 with room.
  const mfError1000 = Math.abs(meanFieldRounds(1000, "push") - exactChain(1000, "push").rounds);
  assert.ok(mfError1000 < 0.02, `mean field vs exact at N = 1000: ${mfError1000}`);
  const mf = meanFieldRounds(n, "push");
  assert.ok(Math.abs(s.rounds.mean - mf) < 4 * se + 0.05, `mean ${s.rounds.mean} +- ${se}, mean field ${mf}`);
  // Doerr & Künnemann 2014: floor(log2 N) + ln N - 1.116 <= E[S_N] <= ceil(log2 N) + ln N + 2.765 + o(1).
  const { lower, upper } = pushRoundsBounds(n);
  assert.ok(s.rounds.mean > lower - 4 * se && s.rounds.mean < upper + 4 * se, `mean ${s.rounds.mean} outside [${lower}, ${upper}]`);
  // Pittel 1987: rounds - (log2 N + ln N) is O(1); here it is small and positive.
  const offset = s.rounds.mean - pushRoundsLeading(n);
  assert.ok(offset > -1.116 - 1 && offset < 2.765 + 1, `offset ${offset}`);
});

test("push-pull: log3 N + O(log log N) (Karp et al. 2000) loosely, the mean-field recursion closely (N = 1e3, 1e5)", () => {
  for (const [n, T] of [[1000, 1000], [100_000, 60]]) {
    const s = trials({ nodes: n, protocol: "push-pull", trials: T }, ["push-pull", n]);
    const se = s.rounds.standardError;
    const leading = pushPullRoundsLeading(n);
    // The O(log log N) term is positive here; a loose window of 2 log2 ln N above log3 N.
    assert.ok(s.rounds.mean > leading && s.rounds.mean < leading + 2 * Math.log2(Math.log(n)), `N = ${n}: ${s.rounds.mean}, log3 N = ${leading}`);
    // Mean-field error for push-pull against the exact chain: 0.13, 0.17, 0.20, 0.12 at N = 100, 200, 500, 1000 (exact-chain.ts
    // computes it; the C reference shows 0.01-0.11 at N = 1e3-1e5 over 2000 trials). Allowed: 0.25 rounds.
    const mf = meanFieldRounds(n, "push-pull");
    assert.ok(Math.abs(s.rounds.mean - mf) < 4 * se + 0.25, `N = ${n}: ${s.rounds.mean} +- ${se}, mean field ${mf}`);
  }
});

test("push with fanout k and loss: mean rounds = the generalised mean-field recursion within 4 SE + 0.05 (N = 5000)", () => {
  const n = 5000;
  for (const [fanout, lossRate] of [[2, 0], [3, 0], [1, 0.5], [2, 0.2]]) {
    const s = trials({ nodes: n, protocol: "push", trials: 100, fanout, lossRate }, ["fanout", fanout, lossRate]);
    const mf = meanFieldRounds(n, "push", { fanout, lossRate });
    // Same 0.05-round allowance for the mean field as at fanout 1, plus the with-replacement approximation of k distinct partners (O(k^2/N)).
    assert.ok(Math.abs(s.rounds.mean - mf) < 4 * s.rounds.standardError + 0.05, `fanout ${fanout} loss ${lossRate}: ${s.rounds.mean} +- ${s.rounds.standardError}, mean field ${mf}`);
  }
});

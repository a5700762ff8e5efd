import { test } from "node:test";
import assert from "node:assert/strict";
import { anyTakeover, anyTakeoverBinomial, anyTakeoverUnionBound, committeeTakeover, committeeTakeoverBinomial, thresholdCount, type ShardSetup } from "../../../lib/models/shard-security/takeover";
import { simulateTakeover, simulateTakeoverReference } from "../../../lib/models/shard-security/simulate";
import { expectedLatency, simulateCrossShardLatency } from "../../../lib/models/shard-security/cross-shard";
import { shardSecurity, shardSetupOf } from "../../../lib/models/shard-security/experiment";
import { ParameterError } from "../../../lib/experiment/params";
import { Xoshiro128 } from "../../../lib/random/xoshiro128";
import { rngFor } from "../../../lib/random/seed";

/** Exact counts by enumerating every set of K adversarial positions among N (committees = consecutive blocks of n). */
function enumerate(N: number, K: number, S: number, t: number): { any: number; first: number } {
  const n = Math.floor(N / S);
  let total = 0;
  let any = 0;
  let first = 0;
  for (let mask = 0; mask < 1 << N; mask++) {
    let bits = 0;
    for (let m = mask; m; m &= m - 1) bits++;
    if (bits !== K) continue;
    total++;
    let taken = false;
    for (let c = 0; c < S; c++) {
      let bad = 0;
      for (let i = c * n; i < (c + 1) * n; i++) bad += (mask >> i) & 1;
      if (bad >= t) {
        taken = true;
        if (c === 0) first++;
      }
    }
    if (taken) any++;
  }
  return { any: any / total, first: first / total };
}

test("exact takeover probabilities equal enumeration of every assignment at small sizes", () => {
  for (const [N, S] of [[12, 3], [14, 3], [10, 5], [13, 2]]) {
    for (const threshold of [1 / 3, 1 / 2, 2 / 3]) {
      for (let K = 0; K <= N; K++) {
        const setup: ShardSetup = { validators: N, adversaries: K, shards: S, threshold };
        const t = thresholdCount(threshold, Math.floor(N / S));
        const e = enumerate(N, K, S, t);
        assert.ok(Math.abs(anyTakeover(setup) - e.any) < 1e-12, `N=${N} S=${S} K=${K} th=${threshold.toFixed(3)}: ${anyTakeover(setup)} vs ${e.any}`);
        assert.ok(Math.abs(committeeTakeover(setup) - e.first) < 1e-12, `one committee N=${N} S=${S} K=${K}`);
      }
    }
  }
  assert.equal(thresholdCount(2 / 3, 3), 2);
  assert.equal(thresholdCount(2 / 3, 100), 67);
});

test("ordering: one committee <= some committee <= union bound; the binomial approximation converges to the exact value as N grows", () => {
  for (const [N, S, q] of [[600, 6, 0.3], [4096, 32, 0.25], [4096, 64, 0.3]]) {
    const s = shardSetupOf({ validators: N, shards: S, adversaryShare: q, threshold: 1 / 3 });
    assert.ok(committeeTakeover(s) <= anyTakeover(s) + 1e-15);
    assert.ok(anyTakeover(s) <= anyTakeoverUnionBound(s) + 1e-15);
  }
  // When one committee's takeover is rare, two committees at once are rarer still (~p1^2), so the exact value
  // approaches the union bound S p1 (Bonferroni: S p1 - C(S,2) max P(two) <= P(any) <= S p1). This checks the
  // dynamic program (with its pruned tails) against the single-committee hypergeometric sum at large sizes.
  for (const [n, q] of [[64, 0.25], [120, 1 / 3], [256, 0.3], [48, 0.2]]) {
    const s = shardSetupOf({ validators: 4096, shards: Math.floor(4096 / n), adversaryShare: q, threshold: 2 / 3 });
    const union = anyTakeoverUnionBound(s);
    assert.ok(union < 1e-8 && union > 1e-200, `n=${n} q=${q}: union ${union}`);
    assert.ok(Math.abs(anyTakeover(s) / union - 1) < 1e-6, `n=${n} q=${q}: exact ${anyTakeover(s)} vs S p1 ${union}`);
  }
  // Same committee size n = 100, more validators: hypergeometric -> binomial (sampling without replacement from a growing population).
  const gap = [200, 2000, 20_000].map((N) => {
    const s = shardSetupOf({ validators: N, shards: N / 100, adversaryShare: 0.3, threshold: 0.4 });
    return Math.abs(committeeTakeover(s) - committeeTakeoverBinomial(s)) / committeeTakeoverBinomial(s);
  });
  assert.ok(gap[0] > gap[1] && gap[1] > gap[2] && gap[2] < 0.02, `relative gaps ${gap.map((g) => g.toFixed(4))}`);
});

test("the fast kernel and the readable reference agree exactly and leave the generator in the same state", () => {
  for (const [N, S, q, th] of [[100, 5, 0.3, 0.4], [257, 8, 0.25, 1 / 3], [30, 30, 0.5, 0.5]]) {
    const s = shardSetupOf({ validators: N, shards: S, adversaryShare: q, threshold: th });
    const a = new Xoshiro128([1, 2, 3, 4]);
    const b = new Xoshiro128([1, 2, 3, 4]);
    assert.deepEqual(simulateTakeover(s, 300, a), simulateTakeoverReference(s, 300, b));
    assert.deepEqual([...a.state], [...b.state]);
  }
});

test("Monte Carlo agrees with the exact value within 4 SE, and tells it from the binomial approximation", () => {
  let binomialOutside = 0;
  for (const [N, S, q, th] of [[600, 6, 0.3, 0.4], [400, 20, 0.3, 0.5], [200, 4, 0.35, 0.45]]) {
    const s = shardSetupOf({ validators: N, shards: S, adversaryShare: q, threshold: th });
    const trials = 6000;
    const mc = simulateTakeover(s, trials, rngFor(["shard-mc", N, S]).fast);
    const exact = anyTakeover(s);
    const p = mc.anyTakenOver / trials;
    const se = Math.sqrt((exact * (1 - exact)) / trials);
    assert.ok(Math.abs(p - exact) <= 4 * se, `N=${N} S=${S}: simulated ${p} exact ${exact} se ${se}`);
    const perCommittee = mc.committeesTakenOver / (trials * S);
    const p1 = committeeTakeover(s);
    // Committees of one trial are dependent, so bound the SE by the trial-level one: Var(mean of S) <= Var(one).
    assert.ok(Math.abs(perCommittee - p1) <= 4 * Math.sqrt((p1 * (1 - p1)) / trials), `per committee ${perCommittee} vs ${p1}`);
    if (Math.abs(p - anyTakeoverBinomial(s)) > 4 * se) binomialOutside++;
  }
  assert.ok(binomialOutside >= 2, "at these small N the binomial approximation is off by more than the Monte Carlo error");
});

test("cross-shard receipt latency: mean within 4 SE of 1/b + (1 - 1/S)(f + 1/b), cross-shard 2/b + f", () => {
  for (const [S, b, f] of [[1, 0.9, 2], [4, 0.5, 3], [64, 0.95, 1]]) {
    const stats = simulateCrossShardLatency(S, b, f, 40_000, rngFor(["latency", S, b, f]).fast);
    const th = expectedLatency(S, b, f);
    assert.ok(Math.abs(stats.meanSlots - th.all) <= (4 * stats.sdSlots) / Math.sqrt(stats.transactions), `S=${S}: ${stats.meanSlots} vs ${th.all}`);
    if (S === 1) assert.equal(stats.crossShard, 0);
    else {
      assert.ok(Math.abs(stats.crossMeanSlots - th.cross) <= (4 * stats.crossSdSlots) / Math.sqrt(stats.crossShard), `cross S=${S}`);
      // Cross share 1 - 1/S within 4 binomial SE.
      const share = stats.crossShard / stats.transactions;
      assert.ok(Math.abs(share - (1 - 1 / S)) <= 4 * Math.sqrt((1 / S) * (1 - 1 / S) / stats.transactions));
    }
  }
});

test("experiment: row carries exact, binomial and simulated values; bad parameters give ParameterErrors", () => {
  const p = shardSecurity.resolve({ validators: 300, shards: 3, adversaryShare: 0.3, threshold: 0.4, trials: 200, transactions: 1000 });
  const row = shardSecurity.run(p, rngFor(["row"]));
  assert.equal(row.committeeSize, 100);
  assert.equal(row.adversaries, 90);
  assert.equal(row.trials, 200);
  assert.equal(row.simulated, row.successes / 200);
  for (const [params, name] of [
    [{ shards: 10, validators: 5 }, "shards"],
    [{ adversaryShare: 1.2 }, "adversaryShare"],
    [{ threshold: 0 }, "threshold"],
    [{ blockProb: 0.005 }, "blockProb"],
    [{ validators: 1 }, "validators"],
  ] as const) {
    assert.throws(() => shardSecurity.resolve(params), (e: unknown) => e instanceof ParameterError && e.parameter === name, name);
  }
});

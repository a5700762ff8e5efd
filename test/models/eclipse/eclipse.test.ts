/**
 * The eclipse attack (Heilman, Kendler, Zohar & Goldberg, USENIX Security
 * 2015): eq. 1 against Select's bias in Bitcoin 0.9.3's code; the selection
 * chain's class probabilities against a direct simulation of Select(); the
 * simulated eclipse rate against the analysis of the same poisoned tables
 * within 4 binomial standard errors (and a sum-of-z^2 check that the errors
 * are not inflated); each countermeasure of the paper's section 6 lowers the
 * rate; the group rule (one outbound per /16) makes an eclipse impossible
 * with fewer than 8 attacker groups; the address manager's bucketing keeps a
 * group within its few buckets; the eclipsed double spend against the
 * Poisson tail, beside Rosenfeld 2014; bad parameters are named.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { rngFor } from "../../../lib/random/seed";
import { Xoshiro128 } from "../../../lib/random/xoshiro128";
import { ParameterError } from "../../../lib/experiment/params";
import { probabilityTried, selectFromTable } from "../../../lib/models/eclipse/select";
import { selectionProbabilities } from "../../../lib/models/eclipse/theory";
import { AddressBook, ADVERSARY, LEGIT } from "../../../lib/models/eclipse/addresses";
import { Addrman } from "../../../lib/models/eclipse/addrman";
import { ADDRMAN_0_9_3, ADDRMAN_CORE, freshnessChance } from "../../../lib/models/eclipse/bitcoin-constants";
import { simulateEclipse } from "../../../lib/models/eclipse/attack";
import { eclipse, eclipseScenarioOf } from "../../../lib/models/eclipse/experiment";
import { eclipsedDoubleSpend, honestViewDoubleSpend, poissonAtLeast, simulateEclipsedDoubleSpend } from "../../../lib/models/eclipse/damage";

test("eq. 1 (Pr[select from tried]) equals Bitcoin 0.9.3's Select bias sqrt(tau)(100 - u) / (sqrt(tau)(100 - u) + sqrt(nu) u), u = 10 + 10 omega", () => {
  for (const [tau, nu] of [[4096, 16384], [100, 100], [3000, 50]]) {
    for (let omega = 0; omega <= 8; omega++) {
      const u = 10 + 10 * omega;
      const code = (Math.sqrt(tau) * (100 - u)) / (Math.sqrt(tau) * (100 - u) + Math.sqrt(nu) * u);
      assert.ok(Math.abs(probabilityTried(tau, nu, omega) - code) < 1e-14, `tau ${tau} nu ${nu} omega ${omega}`);
    }
  }
  assert.equal(probabilityTried(1, 1, 0), 0.9);
  assert.equal(probabilityTried(0, 10, 0), 0);
  assert.equal(probabilityTried(10, 0, 3), 1);
});

test("Select()'s class probabilities (the 1.2 chance factor and the freshness chance) match a direct simulation within 4 SE", () => {
  // One full tried bucket layout: 64 buckets x 64; 25% fresh attacker entries, 75% legitimate ones 2 h old.
  const book = new AddressBook();
  const man = new Addrman(book, { layout: ADDRMAN_0_9_3, deterministic: false, testBeforeEvict: false }, new Xoshiro128([1, 2, 3, 4]));
  for (let i = 0; i < 40_000 && man.tried.count < 4096; i++) {
    const adv = i % 4 === 0;
    man.markGood(book.add(i, adv ? ADVERSARY : LEGIT, adv ? 0 : 7200, i), () => false);
  }
  assert.equal(man.tried.count, 4096);
  let advShare = 0;
  for (const a of man.tried.slots) if (book.origin[a] === ADVERSARY) advShare += 1 / 4096;
  const [qAdv] = selectionProbabilities([{ share: advShare, chance: 1 }, { share: 1 - advShare, chance: freshnessChance(7200) }]);
  const rng = new Xoshiro128([9, 9, 9, 9]);
  const n = 40_000;
  let hits = 0;
  for (let i = 0; i < n; i++) if (book.origin[selectFromTable(man, man.tried, true, rng)] === ADVERSARY) hits++;
  const se = Math.sqrt((qAdv * (1 - qAdv)) / n);
  assert.ok(Math.abs(hits / n - qAdv) < 4 * se, `simulated ${hits / n}, theory ${qAdv} +- ${se}`);
  // The age bias favours the fresh entries well beyond their share.
  assert.ok(qAdv > 0.7 && advShare < 0.4, `qAdv ${qAdv}, share ${advShare}`);
  // Without the bias, Q is the share.
  const [flat] = selectionProbabilities([{ share: 0.3, chance: 1 }, { share: 0.7, chance: 1 }]);
  assert.ok(Math.abs(flat - 0.3) < 1e-15);
});

function scenario(overrides: Record<string, unknown>) {
  return eclipseScenarioOf(eclipse.resolve({ attackerAddresses: 4096, attackerGroups: 4096, restarts: 3000, ...overrides }));
}

test("simulated eclipse rate matches the analysis of the same tables within 4 binomial SE, with and without countermeasures 1-3 and 6", () => {
  const cases: Record<string, unknown>[] = [
    {},
    { randomSelection: true },
    { deterministicEviction: true },
    { testBeforeEvict: true },
    { honestOnline: 0.4 },
    { attackerAddresses: 2000, attackerGroups: 2000 },
    { deterministicEviction: true, moreBuckets: true, attackerAddresses: 20_000, attackerGroups: 20_000, honestOnline: 0.5 },
  ];
  let sumZ2 = 0;
  for (const c of cases) {
    const { result: r } = simulateEclipse(scenario(c), rngFor(["eclipse-theory", JSON.stringify(c)]));
    const rate = r.eclipsed / r.restarts;
    const se = Math.sqrt((r.theory * (1 - r.theory)) / r.restarts);
    const z = (rate - r.theory) / se;
    assert.ok(r.theory > 0.02 && r.theory < 0.98, `${JSON.stringify(c)}: theory ${r.theory} too close to 0 or 1 for a 4 SE test`);
    assert.ok(Math.abs(z) < 4, `${JSON.stringify(c)}: simulated ${rate}, theory ${r.theory.toFixed(4)} +- ${se.toFixed(4)}, z = ${z.toFixed(2)}`);
    sumZ2 += z * z;
  }
  // With the right SE, sum z^2 over 7 independent cases is ~ chi^2(7): above its 0.1% quantile 0.598 with probability 99.9%.
  assert.ok(sumZ2 > 0.598, `sum z^2 = ${sumZ2}: the standard errors look too large`);
});

test("each countermeasure lowers the eclipse rate of the 0.9.3 attack; anchors make it 0; fewer than 8 attacker groups cannot eclipse", () => {
  const run = (c: Record<string, unknown>) => eclipse.run(eclipse.resolve({ restarts: 2000, ...c }), rngFor(["cm", JSON.stringify(c)])) as Record<string, number>;
  const base = run({});
  assert.ok(base.eclipseRate > 0.5, `baseline ${base.eclipseRate}`);
  for (const c of [{ randomSelection: true }, { deterministicEviction: true }, { testBeforeEvict: true }, { moreBuckets: true }]) {
    const r = run(c);
    const se = Math.hypot(base.eclipseSeWithin, r.eclipseSeWithin);
    assert.ok(base.eclipseRate - r.eclipseRate > 4 * se, `${JSON.stringify(c)}: ${r.eclipseRate} not below ${base.eclipseRate} by 4 SE`);
  }
  assert.equal(run({ anchors: true }).eclipseRate, 0);
  const all = run({ deterministicEviction: true, randomSelection: true, testBeforeEvict: true, feelers: true, moreBuckets: true });
  assert.ok(all.eclipseRate < 0.01 && all.eclipseTheory < 0.01, JSON.stringify(all));
  const fewGroups = run({ attackerAddresses: 4096, attackerGroups: 7 });
  assert.equal(fewGroups.eclipseRate, 0);
  assert.equal(fewGroups.eclipseTheory, 0);
});

test("bucketing: one group's tried entries stay within triedBucketsPerGroup buckets; tables hold no address twice", () => {
  for (const [layout, deterministic] of [[ADDRMAN_0_9_3, false], [ADDRMAN_CORE, true]] as const) {
    const book = new AddressBook();
    const man = new Addrman(book, { layout, deterministic, testBeforeEvict: false }, new Xoshiro128([5, 6, 7, 8]));
    for (let i = 0; i < 3000; i++) man.markGood(book.add(i % 3, ADVERSARY, 0, i % 3), () => false);
    for (let g = 0; g < 3; g++) {
      const buckets = new Set<number>();
      for (let b = 0; b < man.tried.buckets; b++) if (man.tried.entries(b).some((a) => book.group[a] === g)) buckets.add(b);
      assert.ok(buckets.size <= layout.triedBucketsPerGroup, `group ${g}: ${buckets.size} buckets`);
    }
    const seen = new Set<number>();
    let count = 0;
    for (const t of [man.tried, man.new]) {
      for (const a of t.slots) {
        if (a < 0) continue;
        assert.ok(!seen.has(a), `address ${a} twice`);
        seen.add(a);
        count++;
      }
    }
    assert.equal(count, man.tried.count + man.new.count);
    assert.ok(man.tried.count <= 3 * layout.triedBucketsPerGroup * layout.bucketSize);
  }
});

test("eclipsed double spend: Monte Carlo against Pr[Poisson(qD/T) >= z] within 4 SE, far above Rosenfeld's honest-view value", () => {
  assert.ok(Math.abs(poissonAtLeast(1, 1) - (1 - Math.exp(-1))) < 1e-15);
  assert.ok(Math.abs(poissonAtLeast(2, 2) - (1 - 3 * Math.exp(-2))) < 1e-15);
  for (const [q, z, hours] of [[0.1, 6, 24], [0.05, 6, 12], [0.3, 1, 1]]) {
    const theory = eclipsedDoubleSpend(q, z, hours * 3600, 600);
    const n = 40_000;
    const { successes, meanTimeS } = simulateEclipsedDoubleSpend(q, z, hours * 3600, 600, n, new Xoshiro128([q * 100, z, hours, 1]));
    const se = Math.sqrt((theory * (1 - theory)) / n);
    assert.ok(Math.abs(successes / n - theory) < 4 * se, `q ${q} z ${z} D ${hours} h: ${successes / n} vs ${theory}`);
    // Mean of Gamma(z, q/T) is zT/q, sd sqrt(z) T / q.
    const seT = (Math.sqrt(z) * 600) / q / Math.sqrt(n);
    assert.ok(Math.abs(meanTimeS - (z * 600) / q) < 4 * seT);
  }
  assert.ok(eclipsedDoubleSpend(0.1, 6, 24 * 3600, 600) > 0.5 && honestViewDoubleSpend(0.1, 6) < 0.001);
});

test("same seed, same row; bad parameters are named with their allowed range", () => {
  const a = eclipse.run(eclipse.resolve({ restarts: 50 }), rngFor(["det"]));
  const b = eclipse.run(eclipse.resolve({ restarts: 50 }), rngFor(["det"]));
  assert.deepEqual(a, b);
  const cases: Array<[Record<string, unknown>, string, RegExp]> = [
    [{ attackerAddresses: 10, attackerGroups: 20 }, "attackerGroups", /invalid attackerGroups: 20 .*attackerAddresses = 10/],
    [{ honestOnline: 0 }, "honestOnline", /invalid honestOnline: 0/],
    [{ q: 1 }, "q", /invalid q: 1/],
    [{ outbound: 0 }, "outbound", /invalid outbound: 0/],
    [{ attackRounds: 0 }, "attackRounds", /invalid attackRounds: 0/],
  ];
  for (const [given, name, message] of cases) {
    assert.throws(() => eclipse.resolve(given), (err: unknown) => err instanceof ParameterError && err.parameter === name && message.test(err.message), JSON.stringify(given));
  }
});

test("addr relay on the shared network: informed fraction against x = 1 - e^(-f x) within 4 SE (complete overlay); GETADDR coverage 1 - 0.77^g", async () => {
  const { simulateAddrRelay, addrRelayReachTheory, getAddrCoverage } = await import("../../../lib/models/eclipse/addr-relay");
  const { buildNetworkConfig } = await import("../../../lib/network/build");
  const { networkParams, networkParamsOf } = await import("../../../lib/network/params");
  const { resolveParams } = await import("../../../lib/experiment/params");
  assert.ok(Math.abs(addrRelayReachTheory(2) - 0.7968121300200202) < 1e-12);
  assert.ok(Math.abs(getAddrCoverage(8) - (1 - 0.77 ** 8)) < 1e-15);
  for (const fanout of [2, 3]) {
    const fractions: number[] = [];
    for (let r = 0; r < 12; r++) {
      const p = networkParamsOf(resolveParams(networkParams, { overlay: "complete", nodes: 5000 }) as never);
      const run = simulateAddrRelay(buildNetworkConfig(p, rngFor(["relay-net", r])), 0, fanout, 30, rngFor(["relay", fanout, r]));
      fractions.push(run.informed / run.nodes);
      assert.equal(run.messages, run.informed * fanout);
      assert.ok(run.times[run.times.length - 1] > 0);
    }
    const mean = fractions.reduce((a, b) => a + b, 0) / fractions.length;
    const sd = Math.sqrt(fractions.reduce((a, b) => a + (b - mean) ** 2, 0) / (fractions.length - 1));
    const se = sd / Math.sqrt(fractions.length);
    const theory = addrRelayReachTheory(fanout);
    // The fixed point is the N -> infinity limit; at N = 5000 its O(1/N) correction (~2e-4) is well below 4 SE (~7e-3).
    assert.ok(Math.abs(mean - theory) < 4 * se, `fanout ${fanout}: ${mean} +- ${se}, theory ${theory}`);
    assert.ok(se > 0 && se < 0.01, `se ${se}`);
  }
});

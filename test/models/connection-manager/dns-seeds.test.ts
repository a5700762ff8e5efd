/**
 * DNS-seed bootstrap (Bitcoin Core src/net.cpp ThreadDNSAddressSeed and the
 * fixed-seed fallback of ThreadOpenConnections): the simulated chance that
 * all first outbound peers are attacker addresses against the hypergeometric
 * closed form, within 4 binomial SE; the closed form against a brute-force
 * count of subsets; all seeds censored falls back to the fixed seeds at 60 s.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { rngFor } from "../../../lib/random/seed";
import { ParameterError } from "../../../lib/experiment/params";
import { bootstrapFromDnsSeeds, FIXED_SEEDS_DELAY_S, probabilityAllAttacker, type DnsSeedScenario } from "../../../lib/models/connection-manager/dns-seeds";
import { dnsSeeds } from "../../../lib/models/connection-manager/experiment";

/** Count the d-subsets of a pool of a attacker and h honest addresses that hold only attacker addresses, by enumeration. */
function bruteForceAllAttacker(a: number, h: number, d: number): number {
  const n = a + h;
  let all = 0;
  let total = 0;
  const rec = (start: number, left: number, onlyAttacker: boolean): void => {
    if (left === 0) {
      total++;
      if (onlyAttacker) all++;
      return;
    }
    for (let i = start; i <= n - left; i++) rec(i + 1, left - 1, onlyAttacker && i < a);
  };
  rec(0, d, true);
  return all / total;
}

test("the hypergeometric closed form equals a brute-force count of subsets", () => {
  for (const [m, hs, k, d] of [[2, 2, 3, 4], [3, 1, 2, 5], [1, 3, 4, 3], [4, 0, 2, 6]]) {
    const s: DnsSeedScenario = { seeds: m + hs, maliciousSeeds: m, censoredSeeds: 0, addressesPerSeed: k, outbound: d };
    const bf = bruteForceAllAttacker(m * k, hs * k, Math.min(d, (m + hs) * k));
    assert.ok(Math.abs(probabilityAllAttacker(s) - bf) < 1e-12, `${[m, hs, k, d]}: ${probabilityAllAttacker(s)} vs ${bf}`);
  }
});

test("simulated Pr[all first outbound peers are attacker addresses] matches the hypergeometric within 4 SE", () => {
  const cases = [
    { seeds: 9, maliciousSeeds: 6, censoredSeeds: 0, addressesPerSeed: 25, outbound: 8 },
    { seeds: 9, maliciousSeeds: 4, censoredSeeds: 3, addressesPerSeed: 25, outbound: 8 },
    { seeds: 9, maliciousSeeds: 2, censoredSeeds: 6, addressesPerSeed: 32, outbound: 8 },
    { seeds: 5, maliciousSeeds: 3, censoredSeeds: 1, addressesPerSeed: 3, outbound: 8 },
  ];
  const n = 40_000;
  for (const c of cases) {
    const r = dnsSeeds.run(dnsSeeds.resolve({ ...c, trials: n }), rngFor(["dns-seeds-test", JSON.stringify(c)])) as Record<string, number>;
    const p = r.allAttackerTheory;
    assert.ok(p > 0.01 && p < 0.99, `case should be informative: ${p}`);
    const se = Math.sqrt((p * (1 - p)) / n);
    assert.ok(Math.abs(r.allAttacker - p) <= 4 * se, `${JSON.stringify(c)}: simulated ${r.allAttacker}, theory ${p} +- ${se}`);
    // Mean attacker share of first peers is A/(A+H) (hypergeometric mean); peers per node <= 8, so SE <= 0.5/sqrt(n).
    assert.ok(Math.abs(r.attackerShare - r.attackerShareTheory) <= 4 * (0.5 / Math.sqrt(n)), `share ${r.attackerShare} vs ${r.attackerShareTheory}`);
  }
});

test("censoring every honest seed hands the node to the attacker; censoring every seed falls back to the fixed seeds after 60 s", () => {
  const rng = rngFor(["dns-censor"]).fast;
  const allBadAnswers = { seeds: 9, maliciousSeeds: 3, censoredSeeds: 6, addressesPerSeed: 25, outbound: 8 };
  assert.equal(probabilityAllAttacker(allBadAnswers), 1);
  for (let i = 0; i < 100; i++) assert.equal(bootstrapFromDnsSeeds(allBadAnswers, rng).allAttacker, true);
  const silent = { seeds: 9, maliciousSeeds: 0, censoredSeeds: 9, addressesPerSeed: 25, outbound: 8 };
  const f = bootstrapFromDnsSeeds(silent, rng);
  assert.equal(f.usedFixedSeeds, true);
  assert.equal(f.firstPeersAtS, FIXED_SEEDS_DELAY_S);
  assert.equal(FIXED_SEEDS_DELAY_S, 60);
  assert.equal(probabilityAllAttacker(silent), 0);
  assert.equal(probabilityAllAttacker({ ...allBadAnswers, maliciousSeeds: 0, censoredSeeds: 0 }), 0);
});

test("the same seed gives the same row", () => {
  const p = dnsSeeds.resolve({ trials: 2000 });
  assert.deepEqual(dnsSeeds.run(p, rngFor(["same"])), dnsSeeds.run(p, rngFor(["same"])));
});

test("bad dns-seeds parameters throw ParameterError naming the parameter", () => {
  for (const [given, name] of [
    [{ maliciousSeeds: 6, censoredSeeds: 4 }, "maliciousSeeds"],
    [{ addressesPerSeed: 33 }, "addressesPerSeed"],
    [{ seeds: 0 }, "seeds"],
  ] as const) {
    assert.throws(() => dnsSeeds.resolve(given), (e: unknown) => e instanceof ParameterError && e.parameter === name, JSON.stringify(given));
  }
});

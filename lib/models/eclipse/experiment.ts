/**
 * Experiment `eclipse`: the restart-based eclipse attack on a Bitcoin node's
 * address manager (Heilman, Kendler, Zohar & Goldberg, USENIX Security 2015),
 * simulated and by the analysis of the poisoned tables, with any of the
 * paper's countermeasures (section 6: 1 deterministic random eviction,
 * 2 random selection, 3 test before evict, 4 feeler connections, 5 anchor
 * connections, 6 more buckets); and the damage of an eclipse: a
 * z-confirmation double spend against the victim (against Rosenfeld 2014 for
 * a node that sees the honest chain), hash rate wasted by eclipsed miners,
 * and a proof-of-stake node's stale finalized checkpoint.
 */
import { defineExperiment } from "../../experiment/experiment";
import { bool, int, num, ParameterError, type ParamsOf } from "../../experiment/params";
import { ADDRMAN_0_9_3, ADDRMAN_CORE, MAX_BLOCK_RELAY_ONLY_ANCHORS, MAX_OUTBOUND_FULL_RELAY_CONNECTIONS } from "./bitcoin-constants";
import { simulateEclipse, type EclipseScenario } from "./attack";
import { attackerEffectiveShare, eclipsedConfirmationTimeS, eclipsedDoubleSpend, honestViewDoubleSpend, posStaleView, simulateEclipsedDoubleSpend } from "./damage";

export const eclipseParams = {
  attackerAddresses: int({ default: 4096, unit: "addresses", min: 1, max: 1_000_000, fuzzMax: 300, doc: "IP addresses the attacker connects from" }),
  attackerGroups: int({ default: 256, unit: "/16 groups", min: 1, max: 65_536, fuzzMax: 40, doc: "/16 network groups the attacker's addresses are spread over (evenly)" }),
  trashAddresses: int({ default: 16_384, unit: "addresses", min: 0, max: 10_000_000, fuzzMax: 1000, doc: "unroutable addresses the attacker sends in ADDR messages to fill new" }),
  attackRounds: int({ default: 2, unit: "rounds", min: 1, max: 1000, fuzzMax: 3, doc: "times each attacker address connects during the attack" }),
  attackHours: num({ default: 5, unit: "h", min: 0, max: 1e4, doc: "duration of the attack before the restart (feelers run during it)" }),
  triedLegit: int({ default: 4000, unit: "addresses", min: 0, max: 1_000_000, fuzzMax: 500, doc: "legitimate addresses moved to tried before the attack" }),
  newLegit: int({ default: 12_000, unit: "addresses", min: 0, max: 10_000_000, fuzzMax: 2000, doc: "legitimate addresses in new before the attack" }),
  honestAgeS: num({ default: 7200, unit: "s", min: 0, max: 1e9, doc: "age of the legitimate addresses' timestamps at the restart (the attacker's are fresh)" }),
  honestOnline: num({ default: 0.75, unit: "", min: 0, max: 1, minExclusive: true, doc: "probability that a connection attempt to a legitimate address succeeds (assumed; also answers test-before-evict probes)" }),
  outbound: int({ default: MAX_OUTBOUND_FULL_RELAY_CONNECTIONS, unit: "connections", min: 1, max: 125, doc: "outbound full-relay connections (src/net.h MAX_OUTBOUND_FULL_RELAY_CONNECTIONS = 8)" }),
  restarts: int({ default: 1000, unit: "restarts", min: 1, max: 10_000_000, fuzzMax: 50, doc: "independent restarts drawn on the poisoned tables of a replicate" }),
  deterministicEviction: bool({ default: false, doc: "countermeasure 1: one hashed slot per address and table; new entries are kept unless terrible" }),
  randomSelection: bool({ default: false, doc: "countermeasure 2: no bias towards fresh timestamps when selecting" }),
  testBeforeEvict: bool({ default: false, doc: "countermeasure 3: a tried entry is evicted only if a probe finds it offline" }),
  feelers: bool({ default: false, doc: "countermeasure 4: a feeler every 2 minutes tests a new entry and moves it to tried if it answers" }),
  anchors: bool({ default: false, doc: "countermeasure 5: the node first redials its 2 honest block-relay-only anchors (src/net.cpp MAX_BLOCK_RELAY_ONLY_ANCHORS)" }),
  moreBuckets: bool({ default: false, doc: "countermeasure 6: 256 tried and 1024 new buckets, 8 tried buckets per group (Bitcoin Core src/addrman.h) instead of 0.9.3's 64 and 256, 4 per group" }),
  q: num({ default: 0.1, unit: "", min: 1e-6, max: 1, maxExclusive: true, doc: "attacker's hash share (double spend), at least 1e-6" }),
  z: int({ default: 6, unit: "blocks", min: 1, max: 1000, doc: "confirmations the merchant waits for" }),
  eclipseHours: num({ default: 24, unit: "h", min: 0, max: 1e6, doc: "how long the attacker keeps the victim eclipsed" }),
  blockIntervalS: num({ default: 600, unit: "s", min: 0.001, max: 1e9, doc: "mean block interval of the honest network (at least 1 ms)" }),
  eclipsedMinerShare: num({ default: 0, unit: "", min: 0, max: 1, maxExclusive: true, doc: "hash share of miners eclipsed (their work is wasted)" }),
  attackerStake: num({ default: 0.1, unit: "", min: 0, max: 1, doc: "proof of stake: the attacker's share of stake" }),
  doubleSpendTrials: int({ default: 20_000, unit: "trials", min: 1, max: 1e9, fuzzMax: 100, doc: "Monte Carlo trials of the eclipsed double spend" }),
} as const;

export type EclipseParams = ParamsOf<typeof eclipseParams>;

export function validateEclipse(p: EclipseParams): void {
  if (p.attackerGroups > p.attackerAddresses) throw new ParameterError("attackerGroups", p.attackerGroups, `an integer, 1 <= attackerGroups <= attackerAddresses = ${p.attackerAddresses}`);
  if (p.restarts * p.outbound > 5e8) throw new ParameterError("restarts", p.restarts, `restarts * outbound <= 5e8 (outbound = ${p.outbound})`);
}

export function eclipseScenarioOf(p: EclipseParams): EclipseScenario {
  return {
    policy: { layout: p.moreBuckets ? ADDRMAN_CORE : ADDRMAN_0_9_3, deterministic: p.deterministicEviction, testBeforeEvict: p.testBeforeEvict },
    ageBias: !p.randomSelection,
    feelers: p.feelers,
    anchors: p.anchors ? MAX_BLOCK_RELAY_ONLY_ANCHORS : 0,
    outbound: p.outbound,
    triedLegit: p.triedLegit,
    newLegit: p.newLegit,
    honestAgeS: p.honestAgeS,
    honestOnline: p.honestOnline,
    attackerAddresses: p.attackerAddresses,
    attackerGroups: p.attackerGroups,
    attackRounds: p.attackRounds,
    trashAddresses: p.trashAddresses,
    attackHours: p.attackHours,
    restarts: p.restarts,
  };
}

const ALL_COUNTERMEASURES = { deterministicEviction: true, randomSelection: true, testBeforeEvict: true, feelers: true, anchors: true, moreBuckets: true };

export const eclipse = defineExperiment({
  name: "eclipse",
  title: "Eclipse attack on a Bitcoin node: probability that all outbound connections go to the attacker, with and without countermeasures; double spend against the eclipsed victim",
  reference: "Heilman, Kendler, Zohar & Goldberg, Eclipse Attacks on Bitcoin's Peer-to-Peer Network, USENIX Security 2015 (sections 2-4, 6; eq. 1); Rosenfeld 2014 eq. 1; Bitcoin Core src/addrman.h, src/net.h",
  source: __filename,
  params: eclipseParams,
  proportions: { eclipseRate: { successes: "eclipsed", trials: "restarts" }, doubleSpendEclipsed: { successes: "doubleSpendSuccesses", trials: "doubleSpendTrials" } },
  presets: {
    "bitcoin-0-9-3": { doc: "the attacked version: no countermeasure", params: { deterministicEviction: false, randomSelection: false, testBeforeEvict: false, feelers: false, anchors: false, moreBuckets: false } },
    "all-countermeasures": { doc: "countermeasures 1-6 of the paper's section 6 together (as Bitcoin Core adopted them by 0.21)", params: ALL_COUNTERMEASURES },
    "countermeasures-without-anchors": { doc: "countermeasures 1-4 and 6: what the tables alone achieve", params: { ...ALL_COUNTERMEASURES, anchors: false } },
  },
  validate: validateEclipse,
  run(p, rng) {
    const { result: r } = simulateEclipse(eclipseScenarioOf(p), rng);
    const rate = r.eclipsed / r.restarts;
    const eclipseS = p.eclipseHours * 3600;
    const ds = simulateEclipsedDoubleSpend(p.q, p.z, eclipseS, p.blockIntervalS, p.doubleSpendTrials, rng.child("double-spend").fast);
    const dsTheory = eclipsedDoubleSpend(p.q, p.z, eclipseS, p.blockIntervalS);
    const pos = posStaleView(eclipseS, p.attackerStake);
    return {
      eclipseRate: rate,
      eclipsed: r.eclipsed,
      eclipseSeWithin: Math.sqrt((rate * (1 - rate)) / r.restarts),
      eclipseTheory: r.theory,
      adversaryTriedShare: r.tried.adversary,
      adversaryInTried: r.adversaryInTried,
      legitInTried: r.legitInTried,
      triedCount: r.triedCount,
      newCount: r.newCount,
      trashNewShare: r.new.trash,
      meanAdversaryConnections: r.meanAdversaryConnections,
      meanDraws: r.meanDraws,
      stuckRate: r.stuck / r.restarts,
      feelerPromotions: r.feelerPromotions,
      triedEvictions: r.triedEvictions,
      testBeforeEvictKept: r.testBeforeEvictKept,
      doubleSpendEclipsed: ds.successes / p.doubleSpendTrials,
      doubleSpendSuccesses: ds.successes,
      doubleSpendEclipsedTheory: dsTheory,
      doubleSpendHonestView: honestViewDoubleSpend(p.q, p.z),
      attackSuccess: rate * dsTheory,
      confirmationTimeS: ds.meanTimeS,
      confirmationTimeTheoryS: eclipsedConfirmationTimeS(p.q, p.z, p.blockIntervalS),
      attackerEffectiveShare: attackerEffectiveShare(p.q, p.eclipsedMinerShare),
      wastedHashShare: p.eclipsedMinerShare,
      posEpochsBehind: pos.epochsBehind,
      posAttackerCanFinalize: pos.attackerCanFinalize ? 1 : 0,
      posAttackerBlocksPerEpoch: pos.attackerBlocksPerEpoch,
    };
  },
});

import { defineExperiment } from "../../experiment/experiment";
import { int, num, ParameterError } from "../../experiment/params";
import { expectedLatency, simulateCrossShardLatency } from "./cross-shard";
import { simulateTakeover } from "./simulate";
import { anyTakeover, anyTakeoverBinomial, anyTakeoverUnionBound, committeeSize, committeeTakeover, committeeTakeoverBinomial, thresholdCount, type ShardSetup } from "./takeover";

/** The setup a parameter point describes: K = round(adversaryShare N). */
export function shardSetupOf(p: { validators: number; shards: number; adversaryShare: number; threshold: number }): ShardSetup {
  return { validators: p.validators, shards: p.shards, adversaries: Math.round(p.adversaryShare * p.validators), threshold: p.threshold };
}

export const shardSecurity = defineExperiment({
  name: "shard-security",
  title: "Sharding security: probability that some committee has an adversarial supermajority (exact, binomial, Monte Carlo); cross-shard receipt latency",
  reference: "Luu et al., Elastico, CCS 2016, section 5; Kokoris-Kogias et al., OmniLedger, S&P 2018, sections 4.1 and 4.4",
  source: __filename,
  params: {
    validators: int({ default: 4096, unit: "validators", min: 2, max: 1_000_000, fuzzMax: 400, doc: "validators N assigned at random to committees" }),
    shards: int({ default: 32, unit: "committees", min: 1, max: 100_000, fuzzMax: 20, doc: "shards S, one committee of floor(N/S) validators each" }),
    adversaryShare: num({ default: 0.25, unit: "", min: 0, max: 1, doc: "fraction of validators that are adversarial (K = round(share N))" }),
    threshold: num({ default: 2 / 3, unit: "", min: 0, max: 1, minExclusive: true, doc: "a committee is taken over with at least ceil(threshold n) adversarial members" }),
    trials: int({ default: 2000, unit: "assignments", min: 1, max: 1e9, fuzzMax: 50, doc: "random committee assignments simulated" }),
    blockProb: num({ default: 0.9, unit: "", min: 0.01, max: 1, doc: "probability that a shard produces its block in a slot (at least 0.01: the latency draws slot by slot)" }),
    finalitySlots: int({ default: 2, unit: "slots", min: 0, max: 10_000, doc: "slots after inclusion before a receipt can be consumed on another shard" }),
    transactions: int({ default: 20_000, unit: "transfers", min: 1, max: 1e9, fuzzMax: 500, doc: "transfers simulated for the latency (destination uniform over shards)" }),
  },
  proportions: { simulated: { successes: "successes", trials: "trials" } },
  validate({ validators, shards }) {
    if (shards > validators) throw new ParameterError("shards", shards, `an integer, 1 <= shards <= validators (${validators}), so committees are not empty`);
  },
  run(params, rng) {
    const setup = shardSetupOf(params);
    const mc = simulateTakeover(setup, params.trials, rng.child("assignment").fast);
    const lat = simulateCrossShardLatency(params.shards, params.blockProb, params.finalitySlots, params.transactions, rng.child("latency").fast);
    const theory = expectedLatency(params.shards, params.blockProb, params.finalitySlots);
    const n = committeeSize(setup);
    return {
      committeeSize: n,
      adversaries: setup.adversaries,
      thresholdCount: thresholdCount(setup.threshold, n),
      committeeExact: committeeTakeover(setup),
      committeeBinomial: committeeTakeoverBinomial(setup),
      anyExact: anyTakeover(setup),
      anyBinomial: anyTakeoverBinomial(setup),
      unionBound: anyTakeoverUnionBound(setup),
      simulated: mc.anyTakenOver / mc.trials,
      successes: mc.anyTakenOver,
      trials: mc.trials,
      committeeSimulated: mc.committeesTakenOver / (mc.trials * params.shards),
      maxAdversarial: mc.maxAdversarial,
      crossShardFraction: lat.crossShard / lat.transactions,
      latencySlots: lat.meanSlots,
      latencySlotsTheory: theory.all,
      crossLatencySlots: lat.crossShard > 0 ? lat.crossMeanSlots : null, // no cross-shard transfer drawn (e.g. one shard)
      crossLatencySlotsTheory: theory.cross,
    };
  },
});

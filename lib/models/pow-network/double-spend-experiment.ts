/**
 * Experiment `nakamoto-double-spend-network`: the double spend raced on the
 * network (double-spend-network.ts) beside Rosenfeld 2014 (eq. 1) at the
 * attacker's share and at the effective share left by honest forks, and the
 * mean over attacks of the success given the confirmation time
 * (double-spend-time.ts, Grunspan & Pérez-Marco 2017).
 */
import { defineExperiment } from "../../experiment/experiment";
import { int, num, ParameterError, type ParamsOf } from "../../experiment/params";
import { networkParams, validateNetworkParams } from "../../network/params";
import { rosenfeldSuccess } from "../finality/finality-rosenfeld";
import { wilsonInterval } from "../../stats/wilson";
import { effectiveAttackerShare, simulateNetworkDoubleSpend } from "./double-spend-network";
import { doubleSpendGivenTime } from "./double-spend-time";
import { buildNakamotoSetup, powNetworkParams } from "./run";

export const networkDoubleSpendParams = {
  ...networkParams,
  nodes: int({ ...networkParams.nodes, default: 50, doc: "number of nodes: node 0 attacks, node 1 is the merchant, the rest mine honestly" }),
  degree: int({ ...networkParams.degree, default: 4 }),
  q: num({ default: 0.3, unit: "", min: 0, max: 0.5, minExclusive: true, maxExclusive: true, doc: "attacker's hash share" }),
  z: int({ default: 2, unit: "blocks", min: 1, max: 100, doc: "confirmations the merchant waits for" }),
  trials: int({ default: 500, unit: "attacks", min: 1, max: 1e7, fuzzMax: 20, doc: "attacks per run (one after the other)" }),
  blockIntervalS: num({ default: 600, unit: "s", min: 0, max: 1e9, minExclusive: true, doc: "mean time between blocks of the whole network" }),
  blockSizeMB: num({ default: 1, unit: "MB", min: 0, max: 1e4, doc: "block size" }),
  giveUpDeficit: int({ default: 20, unit: "blocks", min: 1, max: 1000, doc: "the attacker gives up this far behind (bias at most (q_eff/p_eff)^giveUpDeficit)" }),
  cooldownBlocks: int({ default: 3, unit: "blocks", min: 0, max: 1000, doc: "public blocks between attacks" }),
  maxBlocks: int({ default: 1_000_000, unit: "blocks", min: 1, max: 1e8, fuzzMax: 2000, doc: "stop after this many blocks; the attacks that ended are the result (attacksEnded)" }),
} as const;

export type NetworkDoubleSpendParams = ParamsOf<typeof networkDoubleSpendParams>;

export const networkDoubleSpend = defineExperiment({
  name: "nakamoto-double-spend-network",
  title: "Double spend on a proof-of-work network: an attacker node races a private branch while honest blocks spread with delay",
  reference: "Rosenfeld 2014 (eq. 1); Nakamoto 2008 (section 11); Grunspan & Pérez-Marco 2017 (arXiv:1702.02867, success given the confirmation time)",
  source: __filename,
  params: networkDoubleSpendParams,
  validate(p) {
    validateNetworkParams(powNetworkParams({ ...p, partitionStartS: 0, partitionDurationS: 0, partitionShare: 0.5 }));
    if (p.nodes < 3) throw new ParameterError("nodes", p.nodes, "at least 3 (attacker, merchant and an honest miner)");
  },
  run(p, rng) {
    const setup = buildNakamotoSetup({ ...p, partitionStartS: 0, partitionDurationS: 0, partitionShare: 0.5, bigMinerShare: 0 }, rng);
    const r = simulateNetworkDoubleSpend(setup, { q: p.q, z: p.z, trials: p.trials, blockIntervalS: p.blockIntervalS, blockSizeBytes: p.blockSizeMB * 1e6, giveUpDeficit: p.giveUpDeficit, cooldownBlocks: p.cooldownBlocks, maxBlocks: p.maxBlocks }, rng);
    const rate = r.trials > 0 ? r.successes / r.trials : NaN;
    const ci = r.trials > 0 ? wilsonInterval(r.successes, r.trials) : { lo: NaN, hi: NaN };
    const honestStaleRate = r.honestBlocks > 0 ? r.honestStale / r.honestBlocks : 0;
    const qEff = effectiveAttackerShare(p.q, honestStaleRate);
    let gpm = 0;
    let reached = 0;
    for (const k of r.kappa) {
      if (Number.isNaN(k)) continue;
      gpm += doubleSpendGivenTime(p.q, p.z, k);
      reached++;
    }
    const finite = (x: number) => (Number.isFinite(x) ? x : null);
    return {
      attacksEnded: r.trials,
      successRate: finite(rate),
      successSE: finite(Math.sqrt((rate * (1 - rate)) / r.trials)),
      successLo: finite(ci.lo),
      successHi: finite(ci.hi),
      rosenfeld: rosenfeldSuccess(p.q, p.z),
      qEffective: qEff,
      rosenfeldEffective: qEff < 0.5 ? rosenfeldSuccess(qEff, p.z) : 1,
      grunspanPerezMarcoMean: reached > 0 ? gpm / reached : null,
      attacksReachingZ: reached,
      honestStaleRate,
      blocks: r.blocks,
      events: r.events,
      stop: r.stop,
    };
  },
});

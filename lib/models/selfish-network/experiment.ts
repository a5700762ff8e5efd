/**
 * Experiment `selfish-mining-network`: the Eyal-Sirer selfish pool as one
 * node (or a set of colluding nodes) of the proof-of-work network (issue #14,
 * item 3). Gamma is no longer a parameter: it emerges from propagation (the
 * pool's peers, its latency advantage, the honest fork choice) and is
 * measured from the block tree; the row puts the Markov model at that gamma
 * (Eyal & Sirer, FC 2014, eq. 8) beside the simulated revenue.
 *
 * Network parameters are the shared schema (lib/network/params.ts), drawn
 * from the common network stream like nakamoto-network's; the pool's links
 * come from the run's own stream "pool". Churn, crashes and partitions are
 * not parameters here (this kernel has no resynchronisation after them): the
 * network is built with none, so its common stream is the one any model with
 * the same network parameters and no churn, crashes or partitions gets.
 */
import { defineExperiment } from "../../experiment/experiment";
import { choice, int, num, ParameterError, type ParamsOf } from "../../experiment/params";
import { buildNetworkConfig } from "../../network/build";
import { networkParams, networkParamsOf, validateNetworkParams, type NetworkParams } from "../../network/params";
import { selfishRevenue, selfishThreshold } from "../selfish-mining/closed-form";
import { summarizeSelfishNetwork } from "./measure";
import { attachPool, checkPoolConnectivity, honestConnected } from "./pool-network";
import { poolHashShares, simulateSelfishNetwork, TIE_BREAKS, type SelfishNetworkRun, type TieBreak } from "./simulate";
import type { Rng } from "../../random/seed";

// The shared network parameters without churn, crashes and partitions (see the header).
const { meanSessionS: _churn, meanOfflineS: _offline, crashes: _crashes, partitions: _partitions, ...staticNetworkParams } = networkParams;

export const selfishNetworkParams = {
  ...staticNetworkParams,
  nodes: int({ ...networkParams.nodes, default: 100, doc: "number of nodes, the pool's included (nodes 0 .. poolNodes-1)" }),
  alpha: num({ default: 1 / 3, unit: "", min: 0, max: 0.5, maxExclusive: true, doc: "hash-rate share of the selfish pool (split evenly over its nodes)" }),
  poolNodes: int({ default: 1, unit: "nodes", min: 1, max: 1_000_000, fuzzMax: 3, doc: "colluding nodes of the pool (they share a private chain instantly)" }),
  poolDegree: int({ default: 0, unit: "", min: 0, max: 1_000_000, fuzzMax: 4, doc: "honest peers of each pool node, drawn at random (0: every honest node, Eyal & Sirer's gamma -> 1 reasoning)" }),
  poolLatencyFactor: num({ default: 1, unit: "", min: 0, max: 1e6, doc: "latency of a pool link / the network's latency for that pair (0: instant; < 1: a latency advantage)" }),
  tieBreak: choice({ default: "first-seen", choices: TIE_BREAKS, doc: "honest fork choice among equal-work tips: first-seen (Bitcoin) or uniform (Eyal & Sirer 2014 section 6 fix)" }),
  blockIntervalS: num({ default: 600, unit: "s", min: 0.001, max: 1e9, doc: "mean time between blocks of the whole network (at least 1 ms)" }),
  blockSizeMB: num({ default: 1, unit: "MB", min: 0, max: 1e4, doc: "block size (transmission = size * 8 / min(uplink, downlink) per hop)" }),
  blocks: int({ default: 5000, unit: "blocks", min: 1, max: 1e8, fuzzMax: 50, doc: "blocks to mine" }),
} as const;

export type SelfishNetworkParams = ParamsOf<typeof selfishNetworkParams>;

export function validateSelfishNetwork(p: SelfishNetworkParams): void {
  checkPoolConnectivity(p, p.nodes);
  validateNetworkParams(staticNetworkOf(p), { weights: poolHashShares(p.nodes, p.poolNodes, p.alpha) });
  if ((p.blocks + 1) * Math.ceil(p.nodes / 32) * 4 > 2 ** 31) throw new ParameterError("blocks", p.blocks, `blocks * nodes / 8 <= 2 GiB of bitsets (nodes = ${p.nodes})`);
}

/** The full network parameters of a point: its own, with no churn, crashes or partitions. */
export function staticNetworkOf(p: SelfishNetworkParams): NetworkParams {
  return networkParamsOf({ ...p, meanSessionS: 0, meanOfflineS: networkParams.meanOfflineS.default, crashes: [], partitions: [] });
}

/** The whole run of a parameter point (for notebooks and tests). */
export function selfishNetworkRun(p: SelfishNetworkParams, rng: Rng): SelfishNetworkRun {
  const net = staticNetworkOf(p);
  const base = buildNetworkConfig(net, rng.common("network", net), { weights: poolHashShares(p.nodes, p.poolNodes, p.alpha) });
  const pn = attachPool(base, p, rng.child("pool").fast);
  return simulateSelfishNetwork(pn, { alpha: p.alpha, blocks: p.blocks, blockIntervalS: p.blockIntervalS, blockSizeBytes: p.blockSizeMB * 1e6, tieBreak: p.tieBreak as TieBreak }, rng);
}

const orNull = (x: number) => (Number.isFinite(x) ? x : null);

export const selfishMiningNetwork = defineExperiment({
  name: "selfish-mining-network",
  title: "Selfish pool on the proof-of-work network: revenue and the gamma that propagation gives, against the Markov model at that gamma",
  reference: "Eyal & Sirer, Majority is not Enough, FC 2014 (Algorithm 1, section 3 gamma, eq. 8, section 6 uniform tie-break)",
  source: __filename,
  params: selfishNetworkParams,
  validate: validateSelfishNetwork,
  run(params, rng) {
    const run = selfishNetworkRun(params, rng);
    const s = summarizeSelfishNetwork(run);
    const g = s.effectiveGamma;
    return {
      revenue: s.revenue,
      effectiveGamma: orNull(g),
      effectiveGammaSE: orNull(s.effectiveGammaSE),
      tieEvents: s.tieEvents,
      tiesSettledByHonest: s.tiesSettledByHonest,
      markovRevenue: Number.isFinite(g) ? selfishRevenue(params.alpha, g) : null,
      markovThreshold: Number.isFinite(g) ? selfishThreshold(g) : null,
      honestRevenue: params.alpha,
      staleRate: s.staleRate,
      mined: s.mined,
      poolMined: s.poolMined,
      poolMain: s.poolMain,
      honestMain: s.honestMain,
      stale: s.stale,
      pending: s.pending,
      honestConnected: honestConnected(run.net),
    };
  },
});

/**
 * Experiment `bft-finality`: PBFT, Tendermint, basic and chained HotStuff
 * message by message on the shared Network, with stake, faults, signature
 * costs and the network parameters of lib/network/params.ts (defaults: a
 * complete overlay with lognormal pair latency, median 50 ms, sigma 0.5: the
 * W4 workload's latency).
 *
 * References: Castro & Liskov, OSDI 1999 (PBFT); Buchman, Kwon & Milosevic
 * 2018, Algorithm 1 (Tendermint), with CometBFT's timeouts and proposer
 * priority; Yin et al., PODC 2019, Algorithms 2 and 3 (HotStuff).
 *
 * The row says whether the run was safe, violated agreement (two honest
 * validators decided different blocks at one height) or halted (some height
 * never became final before maxTimeS). With latencySeries = true the run
 * also returns the series `heights` (per height: latency, final time,
 * rounds or views).
 *
 * Presets: `cometbft` (Tendermint with CometBFT's default timeouts,
 * config/config.go DefaultConsensusConfig: propose 3 s + 0.5 s per round,
 * prevote and precommit 1 s + 0.5 s, commit 1 s) and `w4` (PBFT on the W4
 * benchmark workload: 300 validators, 100 heights, no bandwidth limit).
 */
import { defineExperiment } from "../../experiment/experiment";
import { bool, choice, int, json, num, ParameterError, type ParamsOf } from "../../experiment/params";
import { buildNetworkConfig } from "../../network/build";
import { networkParams, networkParamsOf, validateNetworkParams, type NetworkParams } from "../../network/params";
import type { Rng } from "../../random/seed";
import type { BftSetup } from "./context";
import { FAULTS, faultPlan, PLACEMENTS } from "./faults";
import { heightSeries, summarizeBft } from "./metrics";
import { PROTOCOLS, runProtocol } from "./run";
import { COMETBFT_TIMEOUTS } from "./tendermint";
import { checkStakeSpec, stakeOf, validatorSet, type StakeSpec } from "./validators";

const { nodes: _nodes, ...sharedNetwork } = networkParams;

export const bftFinalityParams = {
  protocol: choice({ default: "pbft", choices: PROTOCOLS, doc: "pbft (Castro & Liskov 1999), tendermint (Buchman et al. 2018, Algorithm 1), hotstuff (basic, Yin et al. 2019, Algorithm 2) or chained-hotstuff (Algorithm 3)" }),
  validators: int({ default: 4, unit: "validators", min: 1, max: 100_000, fuzzMax: 16, doc: "number of validators N" }),
  stake: choice({ default: "equal", choices: ["equal", "lognormal", "pareto"], doc: "voting power: equal, or lognormal / pareto draws scaled to integers (x1000); stakeVector gives them one by one" }),
  stakeVector: json<number[]>({
    default: [],
    allowed: "a list of integer voting powers, one per validator (empty: use stake)",
    validate: (v) => (Array.isArray(v) ? (checkStakeSpec(v, "stakeVector") as number[]) : (checkStakeSpec(null, "stakeVector") as never)),
    doc: "voting power of each validator, e.g. [3,1,1,1] (with stake equal; empty: stake decides)",
  }),
  stakeSigma: num({ default: 1, unit: "", min: 0, max: 5, doc: "stake lognormal: sigma of log voting power" }),
  stakeShape: num({ default: 1.5, unit: "", min: 0.5, max: 100, doc: "stake pareto: shape alpha" }),
  faulty: int({ default: 0, unit: "validators", min: 0, max: 100_000, fuzzMax: 5, doc: "number of faulty validators (floor((N-1)/3) is the most the protocols tolerate)" }),
  fault: choice({ default: "none", choices: FAULTS, doc: "what the faulty validators do: crash (at faultAtS), silent (never propose), equivocate (conflicting proposals to two sides), double-vote (conflicting votes to two sides), byzantine (both)" }),
  faultPlacement: choice({ default: "random", choices: PLACEMENTS, doc: "which validators are faulty: the first ids (the first leaders) or a random subset" }),
  faultAtS: num({ default: 0, unit: "s", min: 0, max: 1e9, doc: "crash time of crash faults" }),
  heights: int({ default: 20, unit: "heights", min: 1, max: 1e7, fuzzMax: 10, doc: "heights (blocks) to decide" }),
  batch: int({ default: 1, unit: "tx", min: 0, max: 1e7, doc: "transactions per block" }),
  txBytes: int({ default: 250, unit: "bytes", min: 0, max: 1e7, doc: "bytes per transaction" }),
  sigBytes: int({ default: 64, unit: "bytes", min: 0, max: 1e5, doc: "bytes per signature (Ed25519: 64)" }),
  sigVerifyUs: num({ default: 0, unit: "us", min: 0, max: 1e7, doc: "CPU time to verify one signature, on the receiver's FIFO CPU queue (Ed25519: ~50 us)" }),
  aggregate: bool({ default: false, doc: "certificates carry one aggregate signature (BLS) instead of a quorum's signatures" }),
  aggVerifyUs: num({ default: 1000, unit: "us", min: 0, max: 1e7, doc: "CPU time to verify one aggregate signature (a pairing check)" }),
  viewTimeoutS: num({ default: 1, unit: "s", min: 0.001, max: 1e6, fuzzMax: 10, doc: "PBFT view-change timer and HotStuff pacemaker timeout (doubling with each view change in a row)" }),
  checkpointInterval: int({ default: 16, unit: "heights", min: 0, max: 1e6, doc: "PBFT: heights between checkpoints (0: none); watermark window 2x this" }),
  timeoutProposeS: num({ default: COMETBFT_TIMEOUTS.timeoutProposeS, unit: "s", min: 0, max: 1e6, fuzzMax: 10, doc: "Tendermint timeoutPropose(0)" }),
  timeoutProposeDeltaS: num({ default: COMETBFT_TIMEOUTS.timeoutProposeDeltaS, unit: "s", min: 0, max: 1e6, fuzzMax: 10, doc: "Tendermint: timeoutPropose growth per round" }),
  timeoutPrevoteS: num({ default: COMETBFT_TIMEOUTS.timeoutPrevoteS, unit: "s", min: 0, max: 1e6, fuzzMax: 10, doc: "Tendermint timeoutPrevote(0)" }),
  timeoutPrevoteDeltaS: num({ default: COMETBFT_TIMEOUTS.timeoutPrevoteDeltaS, unit: "s", min: 0, max: 1e6, fuzzMax: 10, doc: "Tendermint: timeoutPrevote growth per round" }),
  timeoutPrecommitS: num({ default: COMETBFT_TIMEOUTS.timeoutPrecommitS, unit: "s", min: 0, max: 1e6, fuzzMax: 10, doc: "Tendermint timeoutPrecommit(0)" }),
  timeoutPrecommitDeltaS: num({ default: COMETBFT_TIMEOUTS.timeoutPrecommitDeltaS, unit: "s", min: 0, max: 1e6, fuzzMax: 10, doc: "Tendermint: timeoutPrecommit growth per round" }),
  timeoutCommitS: num({ default: 0, unit: "s", min: 0, max: 1e6, fuzzMax: 10, doc: "Tendermint: wait after a decision before the next height (CometBFT timeout_commit; preset cometbft: 1)" }),
  regossipS: num({ default: 1, unit: "s", min: 0.001, max: 1e6, fuzzMax: 10, doc: "Tendermint: a validator stuck this long in one round sends its round's proposal and votes again (doubling while stuck), as CometBFT's gossip does" }),
  voteDelivery: choice({ default: "all-to-all", choices: ["all-to-all", "gossip"], doc: "Tendermint only (the other protocols send as their papers do, all to all or to the leader): all-to-all multicasts, or gossip over the overlay (each validator relays what it sees first to its neighbours; on a complete overlay every validator relays to all)" }),
  maxTimeS: num({ default: 3600, unit: "s", min: 0, max: 1e9, minExclusive: true, fuzzMax: 200, doc: "simulated-time cap: a run that has not finished by then has halted" }),
  maxEvents: int({ default: 2e9, unit: "events", min: 1000, max: 1e12, fuzzMax: 300_000, doc: "event cap: a run that has not finished within it has halted (stop says max-events)" }),
  latencySeries: bool({ default: false, outputOnly: true, doc: "also return the series heights (per height: latency, final time, rounds or views)" }),
  ...sharedNetwork,
  overlay: choice({ ...networkParams.overlay, default: "complete" }),
  latencyMedianMs: num({ ...networkParams.latencyMedianMs, default: 50 }),
  uplinkMbps: num({ ...networkParams.uplinkMbps, default: 1000 }),
  downlinkMbps: num({ ...networkParams.downlinkMbps, default: 1000 }),
} as const;

export type BftFinalityParams = ParamsOf<typeof bftFinalityParams>;

/** The network parameters of a run: the shared schema with nodes = validators. */
export function bftNetworkParams(p: BftFinalityParams): NetworkParams {
  return networkParamsOf({ ...(p as unknown as NetworkParams), nodes: p.validators });
}

export function validateBftFinality(p: BftFinalityParams): void {
  if (p.faulty > p.validators) throw new ParameterError("faulty", p.faulty, `an integer, 0 <= faulty <= validators = ${p.validators}`);
  if (p.faulty > 0 && p.fault === "none") throw new ParameterError("fault", p.fault, `crash, silent, equivocate, double-vote or byzantine when faulty = ${p.faulty} > 0`);
  if (p.stakeVector.length > 0 && p.stakeVector.length !== p.validators) throw new ParameterError("stakeVector", `${p.stakeVector.length} entries`, `one voting power per validator (${p.validators}), or empty`);
  if (p.stakeVector.length > 0 && p.stake !== "equal") throw new ParameterError("stake", p.stake, "equal when stakeVector is given");
  if (p.validators < 2) throw new ParameterError("validators", p.validators, "an integer, 2 <= validators <= 100000 (the network needs two nodes)");
  validateNetworkParams(bftNetworkParams(p), { weights: p.stakeVector.length > 0 ? p.stakeVector : undefined });
}

/** The stake spec the parameters name. */
export function stakeSpecOf(p: Pick<BftFinalityParams, "stake" | "stakeVector" | "stakeSigma" | "stakeShape">): StakeSpec {
  if (p.stakeVector.length > 0) return p.stakeVector;
  if (p.stake === "lognormal") return { dist: "lognormal", sigma: p.stakeSigma };
  if (p.stake === "pareto") return { dist: "pareto", shape: p.stakeShape };
  return "equal";
}

/** Everything a run needs, from the parameters and the replicate's stream. */
export function bftSetup(p: BftFinalityParams, rng: Rng): BftSetup {
  const net = bftNetworkParams(p);
  const validators = validatorSet(p.validators, stakeSpecOf(p), rng.child("stake").fast);
  const network = buildNetworkConfig(net, rng.common("network", net), { weights: validators.stake });
  return {
    validators,
    faults: faultPlan(p.validators, p.fault, p.faulty, p.faultPlacement, p.faultAtS, rng.child("faults").fast),
    network,
    costs: { sigBytes: p.sigBytes, txBytes: p.txBytes, batch: p.batch, sigVerifyUs: p.sigVerifyUs, aggregate: p.aggregate, aggVerifyUs: p.aggVerifyUs, cpuUsPerMessage: p.cpuUsPerMessage },
    heights: p.heights,
    maxTimeS: p.maxTimeS,
    maxEvents: p.maxEvents,
  };
}

export const bftFinality = defineExperiment({
  name: "bft-finality",
  title: "BFT finality: PBFT, Tendermint and HotStuff message by message (latency, messages, safety under faults)",
  reference: "Castro & Liskov, OSDI 1999; Buchman, Kwon & Milosevic 2018 (Algorithm 1); Yin et al., PODC 2019 (Algorithms 2, 3)",
  source: __filename,
  params: bftFinalityParams,
  presets: {
    cometbft: {
      doc: "Tendermint with CometBFT's default timeouts (cometbft config/config.go DefaultConsensusConfig: propose 3 s + 0.5 s/round, prevote and precommit 1 s + 0.5 s/round, commit 1 s)",
      params: { protocol: "tendermint", ...COMETBFT_TIMEOUTS },
    },
    w4: {
      doc: "PBFT on the W4 benchmark workload: 300 validators, 100 heights, lognormal latency (median 50 ms, sigma 0.5), no bandwidth limit or CPU cost",
      params: { protocol: "pbft", validators: 300, heights: 100, latency: "lognormal", latencyMedianMs: 50, latencySigma: 0.5, uplinkMbps: 1e9, downlinkMbps: 1e9, checkpointInterval: 0 },
    },
  },
  validate: validateBftFinality,
  run(params, rng) {
    const setup = bftSetup(params, rng);
    const run = runProtocol(params.protocol, setup, params, rng);
    const row = {
      ...summarizeBft(run, { batch: params.batch, crashAtS: params.fault === "crash" && params.faulty > 0 ? params.faultAtS : NaN }),
      faultyStakeShare: stakeOf(setup.validators, setup.faults.faulty) / setup.validators.total,
    };
    return params.latencySeries ? { row, series: { heights: heightSeries(run) } } : row;
  },
});

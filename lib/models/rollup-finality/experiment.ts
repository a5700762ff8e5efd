/**
 * Experiment `rollup-finality`: per-transaction time to finality of an
 * optimistic or a ZK rollup over a proof-of-work, proof-of-stake (Gasper) or
 * BFT L1, by Monte Carlo over arrival times (simulate.ts), beside the closed
 * forms where they are simple (closed-form.ts).
 */
import { defineExperiment } from "../../experiment/experiment";
import { choice, int, num, ParameterError } from "../../experiment/params";
import { confirmationsNeeded } from "../finality/finality-confirmations";
import { powRollupMeans, meanBatchWaitS } from "./closed-form";
import { bisectionRounds, fraudGameDurationS, missedFraudProbability } from "./fraud-proof";
import { bftChain } from "./l1-bft";
import type { L1Chain, L1Kind } from "./l1-chain";
import { GASPER_EPOCHS_TO_FINALITY, posChain, SECONDS_PER_SLOT, SLOTS_PER_EPOCH } from "./l1-pos";
import { powChain } from "./l1-pow";
import type { RollupKind, RollupParams } from "./pipeline";
import { simulateRollup } from "./simulate";

const DAY_S = 86_400;
/** Largest z the PoW L1 may need (each transaction draws z blocks per finality). */
export const MAX_POW_CONFIRMATIONS = 10_000;

export const rollupFinality = defineExperiment({
  name: "rollup-finality",
  title: "Rollup time to finality: optimistic (challenge period, fraud proofs) vs ZK (proving), over a PoW, PoS or BFT L1",
  reference:
    "Kalodner et al. 2018 (Arbitrum, USENIX Security, section 4); docs.optimism.io and docs.arbitrum.io (7-day challenge period); " +
    "Buterin et al. 2020 (Gasper, arXiv:2003.03052) with ethereum/consensus-specs phase0 constants; Rosenfeld 2014 eq. 1 (PoW confirmations)",
  source: __filename,
  params: {
    rollup: choice({ default: "optimistic", choices: ["optimistic", "zk"], doc: "optimistic: challenge period and fraud proofs; zk: validity proofs" }),
    l1: choice({ default: "pos", choices: ["pow", "pos", "bft"], doc: "L1 under the rollup: pow (Poisson blocks, z confirmations), pos (Gasper, 2 epochs), bft (instant finality)" }),
    transactions: int({ default: 20_000, unit: "transactions", min: 1, max: 5_000_000, fuzzMax: 500, doc: "transactions simulated per replicate (arrival times uniform)" }),
    sequencerDelayS: num({ default: 0.25, unit: "s", min: 0, max: 3600, doc: "sequencer's soft confirmation after arrival" }),
    batchIntervalS: num({ default: 120, unit: "s", min: 0, max: 86_400, doc: "batches close and are submitted to L1 at multiples of this (0: at once)" }),
    challengePeriodS: num({ default: 7 * DAY_S, unit: "s", min: 0, max: 365 * DAY_S, doc: "optimistic: challenge period after the assertion's L1 inclusion (OP Mainnet, Arbitrum One: 7 days)" }),
    fraudProbability: num({ default: 0, unit: "", min: 0, max: 1, doc: "optimistic: probability that a batch's state assertion is fraudulent" }),
    challengerDelayMeanS: num({ default: 3600, unit: "s", min: 0, max: 365 * DAY_S, doc: "optimistic: mean (exponential) delay before an honest challenger disputes a fraudulent assertion" }),
    executionSteps: num({ default: 2 ** 32, unit: "steps", min: 1, max: 2 ** 64, doc: "optimistic: machine steps of the disputed execution (bisection takes ceil(log2) rounds)" }),
    roundDeadlineS: num({ default: 3600, unit: "s", min: 0, max: 30 * DAY_S, doc: "optimistic: response deadline per bisection round, used in full by the dishonest party" }),
    honestResponseS: num({ default: 600, unit: "s", min: 0, max: 30 * DAY_S, doc: "optimistic: honest party's response time per bisection round" }),
    provingMeanS: num({ default: 1200, unit: "s", min: 0, max: 30 * DAY_S, doc: "zk: mean time to prove a batch, from its close" }),
    provingStages: int({ default: 4, unit: "", min: 1, max: 1000, doc: "zk: Erlang shape of the proving time (1 = exponential; large = nearly fixed)" }),
    aggregationIntervalS: num({ default: 600, unit: "s", min: 0, max: 30 * DAY_S, doc: "zk: proofs are aggregated and verified on L1 at multiples of this (0: each at once)" }),
    powBlockIntervalS: num({ default: 600, unit: "s", min: 1e-3, max: 86_400, doc: "pow: mean block interval" }),
    powAttackerShare: num({ default: 0.1, unit: "", min: 0, max: 0.5, maxExclusive: true, doc: "pow: attacker hash share the confirmations withstand" }),
    powRisk: num({ default: 0.001, unit: "", min: 0, max: 1, minExclusive: true, doc: "pow: accepted double-spend probability (confirmations from Rosenfeld 2014)" }),
    posSlotS: num({ default: SECONDS_PER_SLOT, unit: "s", min: 1e-3, max: 3600, doc: "pos: SECONDS_PER_SLOT (consensus-specs mainnet: 12)" }),
    posSlotsPerEpoch: int({ default: SLOTS_PER_EPOCH, unit: "slots", min: 1, max: 1024, doc: "pos: SLOTS_PER_EPOCH (consensus-specs mainnet: 32)" }),
    posEpochsToFinality: int({ default: GASPER_EPOCHS_TO_FINALITY, unit: "epochs", min: 1, max: 100, doc: "pos: epochs after the end of a block's epoch until it is final (Gasper, honest case: 2)" }),
    bftLatencyS: num({ default: 2, unit: "s", min: 1e-3, max: 3600, doc: "bft: duration of one consensus instance (instances back to back; final at commit)" }),
  },
  validate({ l1, powAttackerShare, powRisk }) {
    if (l1 !== "pow") return;
    try {
      confirmationsNeeded(powAttackerShare, powRisk, "rosenfeld", { maxConfirmations: MAX_POW_CONFIRMATIONS });
    } catch (err) {
      if (!(err instanceof ParameterError)) throw err;
      throw new ParameterError("powRisk", powRisk, `a risk that at most ${MAX_POW_CONFIRMATIONS.toLocaleString("en-US")} confirmations reach against powAttackerShare = ${powAttackerShare}`);
    }
  },
  run(params, rng) {
    const l1 = l1ChainOf(params);
    const fraudGameS = fraudGameDurationS(params);
    const p: RollupParams = { ...params, rollup: params.rollup as RollupKind, fraudGameS };
    const sim = simulateRollup(p, l1.chain, params.transactions, rng.fast);
    const theory = l1.kind === "pow" ? powRollupMeans(p, params.powBlockIntervalS, l1.confirmations) : null;
    const optimistic = params.rollup === "optimistic";
    return {
      softS: sim.soft.mean,
      batchWaitMeanS: sim.batchWait.mean,
      batchWaitSeS: sim.batchWait.se,
      batchWaitTheoryS: meanBatchWaitS(params.batchIntervalS),
      inclusionMeanS: sim.inclusion.mean,
      inclusionSeS: sim.inclusion.se,
      inclusionP50S: sim.inclusion.p50,
      inclusionP99S: sim.inclusion.p99,
      inclusionTheoryS: theory ? theory.inclusionS : null,
      l1FinalMeanS: sim.l1Final.mean,
      l1FinalSeS: sim.l1Final.se,
      l1FinalP50S: sim.l1Final.p50,
      l1FinalP99S: sim.l1Final.p99,
      l1FinalTheoryS: theory ? theory.l1FinalS : null,
      finalMeanS: sim.final.mean,
      finalSeS: sim.final.se,
      finalP50S: sim.final.p50,
      finalP99S: sim.final.p99,
      finalTheoryS: theory ? theory.finalS : null,
      l1Confirmations: l1.kind === "pow" ? l1.confirmations : null,
      bisectionRounds: optimistic ? bisectionRounds(params.executionSteps) : null,
      fraudGameS: optimistic ? fraudGameS : null,
      frauds: sim.frauds,
      missed: sim.missed,
      missedTheory: optimistic ? missedFraudProbability(params.challengePeriodS, params.challengerDelayMeanS) : null,
    };
  },
});

type ChainChoice = { kind: "pow"; chain: L1Chain; confirmations: number } | { kind: "pos" | "bft"; chain: L1Chain };

/** The L1 model named by `l1`, from its parameters. */
export function l1ChainOf(p: {
  l1: string;
  powBlockIntervalS: number;
  powAttackerShare: number;
  powRisk: number;
  posSlotS: number;
  posSlotsPerEpoch: number;
  posEpochsToFinality: number;
  bftLatencyS: number;
}): ChainChoice {
  const kind = p.l1 as L1Kind;
  if (kind === "pow") {
    const chain = powChain({ blockIntervalS: p.powBlockIntervalS, attackerShare: p.powAttackerShare, risk: p.powRisk });
    return { kind, chain, confirmations: chain.confirmations };
  }
  if (kind === "pos") return { kind, chain: posChain({ slotS: p.posSlotS, slotsPerEpoch: p.posSlotsPerEpoch, epochsToFinality: p.posEpochsToFinality }) };
  return { kind: "bft", chain: bftChain(p.bftLatencyS) };
}


/**
 * Many independent trials of one gossip protocol, aggregated as they run
 * (running moments, counts, and the informed fraction per round summed over
 * trials when a series is asked for). Streams: partners from rng.fast; loss,
 * coins, fanout rounding and crashed nodes each from their own child stream,
 * so switching one on does not move the others' draws.
 */
import type { Rng } from "../../random/seed";
import type { Xoshiro128 } from "../../random/xoshiro128";
import { bernoulliThreshold } from "./bernoulli";
import { crashedCount, drawCrashedSet } from "./crashes";
import { infectAndDieTrial, infectAndDieWorkspace } from "./infect-and-die";
import { RunningMoments } from "./moments";
import { roundProtocol, rumorVariant, type GossipRoundsProtocol } from "./protocols";
import type { GossipTrial } from "./round-types";
import { roundTrialFast, roundWorkspace } from "./rounds-fast";
import { roundTrialReference } from "./rounds-reference";
import { rumorTrial, rumorWorkspace } from "./rumor";

export interface GossipRoundsSetup {
  readonly nodes: number;
  readonly protocol: GossipRoundsProtocol;
  /** Partners per node per round (push, pull, push-pull, rumor mongering). */
  readonly fanout: number;
  /** Rumor mongering: stop after k (counter) or with probability 1/k (coin). */
  readonly k: number;
  /** Infect-and-die: mean fanout ln N + c. */
  readonly c: number;
  readonly trials: number;
  readonly crashFraction: number;
  readonly lossRate: number;
  readonly maxRounds: number;
  /** Sum the informed fraction per round over trials. */
  readonly series: boolean;
  /** push, pull, push-pull: the bitset kernel (default) or the readable reference. */
  readonly kernel?: "fast" | "reference";
}

export interface GossipRoundsStreams {
  readonly partners: Xoshiro128;
  readonly loss: Xoshiro128;
  readonly coin: Xoshiro128;
  readonly fanout: Xoshiro128;
  readonly crash: Xoshiro128;
}

/** The streams of one run. */
export function gossipRoundsStreams(rng: Rng): GossipRoundsStreams {
  return { partners: rng.fast, loss: rng.child("loss").fast, coin: rng.child("coin").fast, fanout: rng.child("fanout").fast, crash: rng.child("crash").fast };
}

export interface GossipRoundsSummary {
  readonly trials: number;
  readonly live: number;
  /** Over trials: rounds run, last informed round, messages per live node, residue (fraction of live nodes never informed). */
  readonly rounds: RunningMoments;
  readonly lastInformedRound: RunningMoments;
  readonly messagesPerNode: RunningMoments;
  readonly residue: RunningMoments;
  /** Trials that informed every live node. */
  readonly completeTrials: number;
  /** Trials stopped by maxRounds. */
  readonly censoredTrials: number;
  /** Mean informed fraction of live nodes after each round (a finished trial keeps its last value), when asked for. */
  readonly informedPerRound?: number[];
}

/** One trial function for the setup, with its workspace bound. */
function trialRunner(setup: GossipRoundsSetup, streams: GossipRoundsStreams): (crashed: Uint8Array | null, perRound?: number[]) => GossipTrial {
  const loss = bernoulliThreshold(setup.lossRate);
  const { nodes, fanout, maxRounds } = setup;
  const anti = roundProtocol(setup.protocol);
  if (anti) {
    const config = { nodes, protocol: anti, fanout, lossThreshold: loss, maxRounds };
    if (setup.kernel === "reference") return (crashed, perRound) => roundTrialReference(config, crashed, streams.partners, streams.loss, perRound);
    const ws = roundWorkspace(nodes, fanout);
    return (crashed, perRound) => roundTrialFast(config, crashed, streams.partners, streams.loss, ws, perRound);
  }
  const rumor = rumorVariant(setup.protocol);
  if (rumor) {
    const config = { nodes, fanout, k: setup.k, ...rumor, lossThreshold: loss, maxRounds };
    const ws = rumorWorkspace(nodes, fanout);
    return (crashed, perRound) => rumorTrial(config, crashed, streams.partners, streams.loss, streams.coin, ws, perRound);
  }
  const config = { nodes, meanFanout: Math.log(nodes) + setup.c, lossThreshold: loss, maxRounds };
  const ws = infectAndDieWorkspace(nodes, config.meanFanout);
  return (crashed, perRound) => infectAndDieTrial(config, crashed, streams.partners, streams.loss, streams.fanout, ws, perRound);
}

/** Run setup.trials trials and aggregate them. */
export function runGossipTrials(setup: GossipRoundsSetup, streams: GossipRoundsStreams): GossipRoundsSummary {
  const trial = trialRunner(setup, streams);
  const crashes = crashedCount(setup.nodes, setup.crashFraction);
  const crashed = crashes > 0 ? new Uint8Array(setup.nodes) : null;
  const live = setup.nodes - crashes;
  const rounds = new RunningMoments();
  const lastInformedRound = new RunningMoments();
  const messagesPerNode = new RunningMoments();
  const residue = new RunningMoments();
  let completeTrials = 0;
  let censoredTrials = 0;
  const perRound: number[] | undefined = setup.series ? [] : undefined;
  const sums: number[] = [];
  const lengths: number[] = [];
  const finals: number[] = [];
  for (let t = 0; t < setup.trials; t++) {
    if (crashed) drawCrashedSet(crashed, crashes, streams.crash);
    if (perRound) perRound.length = 0;
    const r = trial(crashed, perRound);
    rounds.add(r.rounds);
    lastInformedRound.add(r.lastInformedRound);
    messagesPerNode.add(r.messages / live);
    residue.add((live - r.informed) / live);
    if (r.complete) completeTrials++;
    if (r.censored) censoredTrials++;
    if (perRound) {
      for (let i = 0; i < perRound.length; i++) sums[i] = (sums[i] ?? 0) + perRound[i] / live;
      lengths.push(perRound.length);
      finals.push(perRound[perRound.length - 1] / live);
    }
  }
  let informedPerRound: number[] | undefined;
  if (perRound) {
    for (let t = 0; t < lengths.length; t++) for (let i = lengths[t]; i < sums.length; i++) sums[i] += finals[t];
    informedPerRound = sums.map((s) => s / setup.trials);
  }
  return { trials: setup.trials, live, rounds, lastInformedRound, messagesPerNode, residue, completeTrials, censoredTrials, informedPerRound };
}

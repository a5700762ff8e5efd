/**
 * Experiment `gossip-rounds`: rumor spreading in synchronous rounds on the
 * complete graph K_N from node 0, with crashed nodes and message loss.
 *   push, pull, push-pull     anti-entropy (Demers et al., PODC 1987, section 1.3),
 *                             fanout k partners per node per round (Karp et al., FOCS 2000)
 *   rumor-counter, rumor-coin push rumor mongering with feedback (Demers et al. 1987, section 1.4);
 *   rumor-*-blind             the blind variants
 *   infect-and-die            forward once to ln N + c random nodes (Kermarrec, Massoulié & Ganesh, IEEE TPDS 2003)
 * One run is `trials` independent trials, aggregated: mean rounds (with its
 * standard error), messages per live node, residue, reliability, beside the
 * theory that applies. With series = true the run also returns the series
 * `informed`: per round, the mean informed fraction of live nodes over trials,
 * and the mean-field expectation for push, pull and push-pull.
 */
import { defineExperiment } from "../../experiment/experiment";
import { bool, choice, int, num, ParameterError, type ParamsOf } from "../../experiment/params";
import { crashedCount } from "./crashes";
import { meanField } from "./mean-field";
import { MAX_NODES } from "./partner";
import { GOSSIP_ROUNDS_PROTOCOLS, roundProtocol, rumorVariant, type GossipRoundsProtocol } from "./protocols";
import { infectAndDieMeanFanout, infectAndDieReliability, infectAndDieReliabilityLimit } from "./reliability";
import { rumorResidue, rumorTraffic } from "./rumor-residue";
import { pushPullRoundsLeading, pushRoundsBounds, pushRoundsLeading } from "./theory-asymptotic";
import { gossipRoundsStreams, runGossipTrials, type GossipRoundsSummary } from "./trials";

export const gossipRoundsParams = {
  nodes: int({ default: 10_000, unit: "nodes", min: 2, max: MAX_NODES, fuzzMax: 300, doc: "N, nodes of the complete graph (node 0 starts informed)" }),
  protocol: choice({
    default: "push",
    choices: GOSSIP_ROUNDS_PROTOCOLS,
    doc: "push, pull, push-pull (anti-entropy every round until all live nodes know); rumor-counter, rumor-coin (rumor mongering with feedback: stop after k unnecessary contacts, or with probability 1/k after each), rumor-counter-blind, rumor-coin-blind (the same after every contact); infect-and-die (forward once to ln N + c others)",
  }),
  fanout: int({ default: 1, unit: "partners", min: 1, max: MAX_NODES - 1, fuzzMax: 4, doc: "distinct partners each node contacts per round (push, pull, push-pull, rumor mongering; at most nodes - 1; infect-and-die uses c instead)" }),
  c: num({ default: 0, unit: "", min: -1000, max: MAX_NODES, doc: "infect-and-die: mean fanout ln(nodes) + c, each node's fanout its floor or ceiling at random with that mean (reliability -> exp(-exp(-c))); 0 <= ln(nodes) + c <= nodes - 1" }),
  k: int({ default: 2, unit: "", min: 1, max: 1_000_000, fuzzMax: 5, doc: "rumor mongering: stop after k (unnecessary) contacts (counter) or with probability 1/k after each (coin)" }),
  trials: int({ default: 100, unit: "trials", min: 1, max: 1e9, fuzzMax: 5, doc: "independent trials per run" }),
  crashFraction: num({ default: 0, unit: "", min: 0, max: 1, maxExclusive: true, doc: "share of nodes crashed from the start (round(crashFraction * nodes), never node 0, drawn anew each trial): never informed, never send" }),
  lossRate: num({ default: 0, unit: "", min: 0, max: 1, doc: "probability that a message carrying the rumor is lost" }),
  maxRounds: int({ default: 10_000, unit: "rounds", min: 1, max: 1e9, fuzzMax: 200, doc: "rounds after which a trial stops unfinished (counted in censoredTrials)" }),
  series: bool({ default: false, outputOnly: true, doc: "also return the series informed: round, fraction (mean informed fraction of live nodes over trials; a finished trial keeps its last value), meanField (push/pull/push-pull expectation, else NaN); output only" }),
} as const;

export type GossipRoundsParams = ParamsOf<typeof gossipRoundsParams>;

/** Cross-parameter rules, checked before any work. */
export function validateGossipRounds(p: GossipRoundsParams): void {
  if (p.fanout > p.nodes - 1) throw new ParameterError("fanout", p.fanout, `an integer, 1 <= fanout <= nodes - 1 = ${p.nodes - 1}`);
  if (p.protocol === "infect-and-die") {
    const x = infectAndDieMeanFanout(p.nodes, p.c);
    if (!(x >= 0 && x <= p.nodes - 1)) throw new ParameterError("c", p.c, `0 <= ln(nodes) + c <= nodes - 1, i.e. ${(-Math.log(p.nodes)).toFixed(4)} <= c <= ${(p.nodes - 1 - Math.log(p.nodes)).toFixed(4)} for nodes = ${p.nodes}`);
  }
}

/** A finite number, or null (rows hold null for undefined statistics). */
function cell(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** Theory columns for the parameters (null where none applies). */
export function gossipTheory(p: GossipRoundsParams): Record<string, number | null> {
  const live = p.nodes - crashedCount(p.nodes, p.crashFraction);
  const faultFree = p.crashFraction === 0 && p.lossRate === 0;
  const anti = roundProtocol(p.protocol);
  const rumor = rumorVariant(p.protocol);
  const simple = faultFree && p.fanout === 1;
  const bounds = pushRoundsBounds(p.nodes);
  const pushSimple = simple && p.protocol === "push";
  let residueTheory: number | null = null;
  let messagesTheory: number | null = null;
  if (rumor && faultFree) {
    residueTheory = rumorResidue(p.k, rumor.feedback);
    messagesTheory = rumorTraffic(residueTheory);
  }
  let reliabilityTheory: number | null = null;
  let reliabilityLimit: number | null = null;
  if (p.protocol === "infect-and-die") {
    const x = infectAndDieMeanFanout(p.nodes, p.c);
    reliabilityTheory = infectAndDieReliability(p.nodes, x, live, p.lossRate);
    if (faultFree) reliabilityLimit = infectAndDieReliabilityLimit(p.c);
  }
  return {
    roundsTheory: pushSimple ? pushRoundsLeading(p.nodes) : simple && p.protocol === "push-pull" ? pushPullRoundsLeading(p.nodes) : null,
    roundsTheoryLower: pushSimple ? bounds.lower : null,
    roundsTheoryUpper: pushSimple ? bounds.upper : null,
    roundsMeanField: anti && p.lossRate < 1 ? cell(meanField(p.nodes, anti, { fanout: p.fanout, lossRate: p.lossRate, live }).rounds) : null,
    residueTheory,
    messagesTheory,
    reliabilityTheory,
    reliabilityLimit,
  };
}

/** The row of a run: measured means with standard errors, then the theory. */
function gossipRow(p: GossipRoundsParams, s: GossipRoundsSummary): Record<string, number | null> {
  const reliability = s.completeTrials / s.trials;
  // Rounds of a trial cut off at maxRounds are not rounds to the end: the mean is undefined then.
  const uncensored = s.censoredTrials === 0;
  return {
    live: s.live,
    rounds: uncensored ? s.rounds.mean : null,
    roundsSE: uncensored ? cell(s.rounds.standardError) : null,
    lastInformedRound: s.lastInformedRound.mean,
    messagesPerNode: s.messagesPerNode.mean,
    messagesPerNodeSE: cell(s.messagesPerNode.standardError),
    residue: s.residue.mean,
    residueSE: cell(s.residue.standardError),
    reliability,
    reliabilitySE: Math.sqrt((reliability * (1 - reliability)) / s.trials),
    completeTrials: s.completeTrials,
    censoredTrials: s.censoredTrials,
    ...gossipTheory(p),
  };
}

/** The series `informed`: mean informed fraction per round, beside the mean-field expectation where defined. */
function informedSeries(p: GossipRoundsParams, s: GossipRoundsSummary): { round: number[]; fraction: number[]; meanField: number[] } {
  const fraction = s.informedPerRound ?? [];
  const anti = roundProtocol(p.protocol);
  const expected = anti && p.lossRate < 1 ? meanField(p.nodes, anti, { fanout: p.fanout, lossRate: p.lossRate, live: s.live, maxRounds: fraction.length }).informed : [];
  return {
    round: fraction.map((_, t) => t),
    fraction,
    meanField: fraction.map((_, t) => (anti ? (expected[t] ?? expected[expected.length - 1]) : NaN)),
  };
}

export const gossipRounds = defineExperiment({
  name: "gossip-rounds",
  title: "Gossip in rounds on the complete graph: push, pull, push-pull, rumor mongering, infect-and-die",
  reference:
    "Demers et al., Epidemic algorithms for replicated database maintenance, PODC 1987 (sections 1.3-1.4); Pittel, On spreading a rumor, SIAM J. Appl. Math. 1987; Karp, Schindelhauer, Shenker & Vöcking, Randomized rumor spreading, FOCS 2000; Kermarrec, Massoulié & Ganesh, IEEE TPDS 2003; C reference w2_gossip",
  source: __filename,
  params: gossipRoundsParams,
  proportions: { reliability: { successes: "completeTrials", trials: "trials" } },
  presets: {
    w2: { doc: "the C reference w2_gossip workload (push, N = 1e6, 20 trials; use protocol push-pull for its second half)", params: { nodes: 1_000_000, protocol: "push", trials: 20 } },
  },
  validate: validateGossipRounds,
  run(params, rng) {
    const s = runGossipTrials({ ...params, protocol: params.protocol as GossipRoundsProtocol }, gossipRoundsStreams(rng));
    const row = gossipRow(params, s);
    return params.series ? { row, series: { informed: informedSeries(params, s) } } : row;
  },
});

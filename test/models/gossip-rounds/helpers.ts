import { rngFor } from "../../../lib/random/seed";
import { gossipRoundsStreams, runGossipTrials, type GossipRoundsSetup, type GossipRoundsSummary } from "../../../lib/models/gossip-rounds/trials";

/** Defaults of a trial batch: fanout 1, no faults, no series. */
export const BASE: Omit<GossipRoundsSetup, "nodes" | "protocol" | "trials"> = { fanout: 1, k: 1, c: 0, crashFraction: 0, lossRate: 0, maxRounds: 100_000, series: false };

/** Run trials of a setup on the stream named by `seed`. */
export function trials(setup: Partial<GossipRoundsSetup> & Pick<GossipRoundsSetup, "nodes" | "protocol" | "trials">, seed: unknown): GossipRoundsSummary {
  return runGossipTrials({ ...BASE, ...setup }, gossipRoundsStreams(rngFor(["gossip-rounds-test", seed as never])));
}

/** |measured - theory| in standard errors. */
export function zScore(mean: number, se: number, theory: number): number {
  return Math.abs(mean - theory) / se;
}

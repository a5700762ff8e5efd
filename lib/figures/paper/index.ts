/** Every paper figure, by name. Add a figure: one file named after it in this folder, then one line here. */
import type { PaperFigure } from "./figure";
import { doubleSpendConfirmations } from "./double-spend-confirmations";
import { nakamotoStaleRate } from "./nakamoto-stale-rate";
import { selfishMiningRevenue } from "./selfish-mining-revenue";
import { gossipConvergence } from "./gossip-convergence";
import { selfishMiningStrategies } from "./selfish-mining-strategies";
import { ddosThroughput } from "./ddos-throughput";
import { rollupFinalityFigure } from "./rollup-finality";
import { eclipseProbability } from "./eclipse-probability";
import { shardTakeover } from "./shard-takeover";
import { powRelayStale } from "./pow-relay-stale";
import { bftFinalityLatency } from "./bft-finality-latency";

export type { PaperFigure, FigureBuild, FigureBuildOptions } from "./figure";

export const paperFigures: readonly PaperFigure[] = [selfishMiningRevenue, nakamotoStaleRate, doubleSpendConfirmations, gossipConvergence, selfishMiningStrategies, ddosThroughput, rollupFinalityFigure, eclipseProbability, shardTakeover, powRelayStale, bftFinalityLatency];

export function getPaperFigure(name: string): PaperFigure {
  const found = paperFigures.find((f) => f.name === name);
  if (!found) throw new RangeError(`unknown figure: ${JSON.stringify(name)} (known: ${paperFigures.map((f) => f.name).join(", ")})`);
  return found;
}

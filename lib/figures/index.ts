/** Figure export (SVG, PDF, PNG, spec, CSV, manifest) and the paper-figure registry. Rendering itself is ../render. */
export { saveFigure, inlineData, type SaveFigureOptions, type SavedFigure, type FigureManifest, type FileEntry } from "./save-figure";
export { gitState, libraryVersion, type GitState } from "./provenance";
export { paperFigures, getPaperFigure, type PaperFigure, type FigureBuild, type FigureBuildOptions } from "./paper";
export { selfishRevenueChart } from "./paper/selfish-mining-revenue";
export { staleRateFigure, staleRateApprox, meanPropagationBySize } from "./paper/nakamoto-stale-rate";
export { doubleSpendFigure } from "./paper/double-spend-confirmations";
export { gossipRoundsChart, gossipLeadingRounds } from "./paper/gossip-convergence";
export { selfishStrategiesChart, strategyComparison, STRATEGY_GAMMAS, FIGURE_STUBBORN } from "./paper/selfish-mining-strategies";
export { eclipseProbabilityChart, eclipseSweep, ECLIPSE_CONFIGURATIONS } from "./paper/eclipse-probability";
export { ddosThroughputChart } from "./paper/ddos-throughput";
export { rollupFinalityChart, rollupFinalitySweeps, zkPowFinalityHours } from "./paper/rollup-finality";
export { relayStaleFigure, RELAY_FIGURE_PROTOCOLS, RELAY_FIGURE_VALIDATION } from "./paper/pow-relay-stale";
export { bftLatencyChart, bftLatencyPoints } from "./paper/bft-finality-latency";

/**
 * consensus-lab: the public API notebooks and scripts import.
 *   import { sweep, selfishMining, cartesian } from "consensus-lab";
 */
export * from "./random";
export * from "./experiment/params";
export * from "./experiment/experiment";
export * from "./sweep/grid";
export * from "./sweep/summary";
export * from "./stats";
export { runPrecisionSweep, roundSeed, type PrecisionReport } from "./sweep/precision-sweep";
export * from "./sweep/run-point";
export * from "./sweep/sweep";
export { runSweep, SweepInterruptedError, type RunSweepOptions, type RunSweepResult } from "./sweep/run-sweep";
export { loadSweep, openSweep, type LoadOptions, type StoredSweep } from "./sweep/load";
export { mergeShards, type MergeOptions, type MergeResult } from "./sweep/merge";
export type { SweepManifest } from "./sweep/manifest";
export type { UnitError } from "./sweep/result-files";
export * from "./models/registry";
export * from "./models/selfish-mining";
export * from "./engine";
export * from "./network";
export * from "./models/pow-network";
export * from "./models/finality";
export * from "./models/gossip-rounds";
export * from "./models/selfish-network";
// gossip-network's defaultMaxEvents clashes with pow-network's: its experiment by name, the rest as a namespace.
export { gossipNetwork, gossipNetworkParams, gossipConfigOf, type GossipNetworkParams } from "./models/gossip-network/experiment";
export * as gossipNetworkModel from "./models/gossip-network";
export * from "./models/rollup-finality";
export * from "./models/parallel-execution";
export * from "./models/kademlia";
export * from "./models/eclipse";
export * from "./models/merkle";
export * from "./models/shard-security";
export * from "./models/das";
export * from "./models/sybil-cost";
export * from "./models/ddos";
export { bftFinality, bftFinalityParams, type BftFinalityParams } from "./models/bft/experiment";
export * as bftModel from "./models/bft";
export * from "./charts";
export * from "./render";
export * from "./display";
export * from "./figures";
export { runNotebook, NotebookCellError, type RunNotebookOptions, type RunNotebookResult } from "./notebook/run-notebook";
export { NotebookParameterError } from "./notebook/parameters";

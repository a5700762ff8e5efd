/**
 * Proof-of-work network model (block propagation, forks, reorgs). Probabilistic
 * finality and double spends live in ../finality.
 */
export * from "./block-tree";
export * from "./chain-state";
export * from "./config";
export * from "./difficulty";
export * from "./hash-shares";
export * from "./simulate";
export * from "./fast";
export * from "./run";
export * from "./metrics";
export * from "./network-experiment";
export * from "./analysis";
export * from "./finality-empirical";
export * from "./relay-protocol";
export * from "./relay-simulate";
export * from "./hash-schedule";
export * from "./hash-distribution";
export * from "./simblock-preset";
export * from "./relay-fast";
export * from "./double-spend-time";
export * from "./double-spend-network";
export * from "./double-spend-experiment";
export * from "./timestamps";

/**
 * BFT finality: PBFT, Tendermint, basic and chained HotStuff on the shared
 * network, with stake, faults, costs, a safety monitor and metrics.
 */
export * from "./validators";
export * from "./proposer-priority";
export * from "./faults";
export * from "./costs";
export * from "./votes";
export * from "./seen-votes";
export * from "./blocks";
export * from "./safety-monitor";
export * from "./finality";
export * from "./context";
export * from "./block-sync";
export * from "./pbft";
export * from "./pbft-reference";
export * from "./tendermint";
export * from "./tendermint-reference";
export * from "./hotstuff";
export * from "./chained-hotstuff";
export * from "./run";
export * from "./metrics";
export * from "./experiment";

/**
 * Rollup time to finality: optimistic (challenge period, bisection fraud
 * proofs) against ZK (proving, aggregation), over the L1 finality of proof of
 * work (lib/models/finality), proof of stake (Gasper constants) or BFT.
 */
export * from "./l1-chain";
export * from "./l1-pow";
export * from "./l1-pos";
export * from "./l1-bft";
export * from "./fraud-proof";
export * from "./pipeline";
export * from "./closed-form";
export * from "./summarize";
export * from "./simulate";
export { rollupFinality, l1ChainOf } from "./experiment";

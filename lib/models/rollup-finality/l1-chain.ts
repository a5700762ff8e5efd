/**
 * What a rollup needs from its L1: when a transaction posted at time t lands in
 * a block, and when the block it landed in is final. Each L1 model supplies one
 * `L1Chain` (l1-pow.ts, l1-pos.ts, l1-bft.ts); a future lib/models/gasper (or a
 * BFT model's measured latency) plugs in by returning another.
 */
import type { Xoshiro128 } from "../../random/xoshiro128";

export type L1Kind = "pow" | "pos" | "bft";
export const L1_KINDS: readonly L1Kind[] = ["pow", "pos", "bft"];

export interface L1Chain {
  readonly kind: L1Kind;
  /**
   * Start an independent stretch of chain for one rollup transaction. Queries
   * after it come in order of time, and later ones may refer to blocks that
   * earlier ones returned (a proof's verification block after the batch's data
   * block, on the same chain), so a block-by-block model keeps its blocks.
   */
  begin(rng: Xoshiro128): void;
  /** Time of the first block strictly after t: when an L1 transaction submitted at t is in a block. */
  include(t: number): number;
  /** Time at which the block made at `includedAt` (a value `include` returned) is final (>= includedAt). */
  finalize(includedAt: number): number;
  /** Mean of include(t) - t for t uniform over a long horizon, where it is a closed form; null otherwise. */
  readonly meanInclusionDelayS: number | null;
  /** Mean of finalize(x) - x over the blocks `include` returns, where it is a closed form; null otherwise. */
  readonly meanFinalityDelayS: number | null;
}

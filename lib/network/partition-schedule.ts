/**
 * Partition schedules: a sequence of windows during which the network is cut
 * into groups. JSON-valued (a model parameter can hold one), validated with
 * errors that name the field, the value and the allowed range.
 *
 * (Contract written first; the resolver and its tests follow in this file.)
 */

/** How the nodes are split into groups for one window. */
export type GroupSpec =
  /** Group sizes as shares of the node count (the last group takes the rest); members drawn at random. */
  | { readonly by: "fraction"; readonly shares: readonly number[] }
  /** Group sizes as shares of the total weight (hash rate or stake), each within one node's weight; members drawn at random. */
  | { readonly by: "weight"; readonly shares: readonly number[] }
  /** Explicit member lists; nodes listed nowhere form one more group. */
  | { readonly by: "nodes"; readonly groups: readonly (readonly number[])[] };

export interface PartitionWindowSpec {
  /** Start, seconds (>= 0). */
  readonly startS: number;
  /** Duration, seconds (> 0); null: never heals. */
  readonly durationS: number | null;
  readonly groups: GroupSpec;
  /**
   * drop: a message across the cut is lost (checked at send and at arrival);
   * hold: it is delivered after the heal (arrival = max(its own arrival, heal + its latency)),
   *       partial synchrony with the heal as the global stabilisation time.
   * Default drop.
   */
  readonly mode?: "drop" | "hold";
  /** Which group pairs are cut (unordered, group indices): default every pair. A partial partition lists some. */
  readonly cutGroups?: readonly (readonly [number, number])[];
  /** Extra node pairs cut in this window (unordered), beyond the group cuts. */
  readonly cutLinks?: readonly (readonly [number, number])[];
  /** Extra one-way delay from group i to group j, ms, for pairs not cut (asymmetric allowed); g x g. */
  readonly delayMs?: readonly (readonly number[])[];
}

/** Windows in time order; they must not overlap. */
export type PartitionScheduleSpec = readonly PartitionWindowSpec[];

/** One window with its groups drawn. */
export interface ResolvedPartitionWindow {
  readonly startS: number;
  /** Heal time, seconds (Infinity: never). */
  readonly endS: number;
  readonly mode: "drop" | "hold";
  /** Group of every node. */
  readonly group: Int32Array;
  readonly groupCount: number;
  /** 1 where group pair (i, j) is cut, row-major g x g, symmetric. */
  readonly cut: Uint8Array;
  /** Extra delay from group i to group j, seconds, row-major g x g (zeros if none). */
  readonly delayS: Float64Array;
  /** Cut node pairs, each as min * n + max, sorted ascending. */
  readonly cutLinks: Float64Array;
}

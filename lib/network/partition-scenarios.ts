/**
 * Named partition scenarios: small builders of PartitionWindowSpec values
 * (plain JSON data, checked later by validatePartitionSchedule like any
 * hand-written schedule). Concatenate windows into a schedule:
 *
 *   const schedule = [fiftyFifty(600, 1200), weightSplit(0.3, 3600, null, { mode: "hold" })];
 *
 * partialSynchrony follows Dwork, Lynch & Stockmeyer 1988 (J. ACM 35(2),
 * section 2): before the global stabilisation time GST messages across the
 * cut are held, after it they are delivered within the latency bound.
 */
import { ParameterError } from "../experiment/params";
import type { PartitionWindowSpec } from "./partition-schedule";

/** Fields a scenario passes through unchanged (default mode drop, every group pair cut, no delay). */
export type WindowOptions = Pick<PartitionWindowSpec, "mode" | "cutGroups" | "cutLinks" | "delayMs">;

/** Two halves of the nodes (round(n / 2) drawn at random, and the rest), from startS for durationS (null: never heals). */
export function fiftyFifty(startS: number, durationS: number | null, options: WindowOptions = {}): PartitionWindowSpec {
  return { startS, durationS, groups: { by: "fraction", shares: [0.5] }, ...options };
}

/** A minority of round(share * n) nodes drawn at random (group 0), cut from the rest (group 1); 0 < share < 0.5. */
export function minorityCut(share: number, startS: number, durationS: number | null, options: WindowOptions = {}): PartitionWindowSpec {
  if (!(typeof share === "number" && share > 0 && share < 0.5)) throw new ParameterError("share", share, "a minority share, 0 < share < 0.5");
  return { startS, durationS, groups: { by: "fraction", shares: [share] }, ...options };
}

/** Nodes drawn at random until their weight (hash rate or stake) reaches share * total (group 0), cut from the rest (group 1). */
export function weightSplit(share: number, startS: number, durationS: number | null, options: WindowOptions = {}): PartitionWindowSpec {
  return { startS, durationS, groups: { by: "weight", shares: [share] }, ...options };
}

/** The listed nodes (group 0) cut from everyone else (group 1). */
export function isolate(nodes: readonly number[], startS: number, durationS: number | null, options: WindowOptions = {}): PartitionWindowSpec {
  return { startS, durationS, groups: { by: "nodes", groups: [nodes.slice()] }, ...options };
}

/**
 * Partial synchrony with a global stabilisation time: from 0 to gstS the nodes
 * are split by fraction (default halves) and messages across the cut are held,
 * then delivered at gstS plus their latency. gstS > 0.
 */
export function partialSynchrony(gstS: number, share = 0.5): PartitionWindowSpec {
  return { startS: 0, durationS: gstS, groups: { by: "fraction", shares: [share] }, mode: "hold" };
}

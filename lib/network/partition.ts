/**
 * Partition schedule: during a window, the network splits into groups and a
 * message between nodes of different groups is dropped (checked when it is
 * sent and again when it arrives, so a message in flight when the split
 * starts is lost too). Nodes listed in no group of a window form one more
 * group together. Windows must not overlap; a window heals at
 * startS + durationS (Infinity: never).
 */
import { ParameterError } from "../experiment/params";

export interface PartitionWindow {
  readonly groups: readonly ArrayLike<number>[];
  readonly startS: number;
  readonly durationS: number;
}

/** Group of every node during a window (listed groups 0..g-1, the rest g). */
export function partitionGroups(window: PartitionWindow, nodes: number): Int32Array {
  const g = window.groups.length;
  const group = new Int32Array(nodes).fill(g);
  window.groups.forEach((members, i) => {
    for (const v of Array.from(members)) {
      if (!Number.isInteger(v) || v < 0 || v >= nodes) throw new ParameterError("partition node", v, `an integer, 0 <= node < nodes = ${nodes}`);
      if (group[v] !== g) throw new ParameterError("partition node", v, `in at most one group (also in group ${group[v]})`);
      group[v] = i;
    }
  });
  return group;
}

export function validatePartitions(windows: readonly PartitionWindow[], nodes: number): void {
  const sorted = [...windows].sort((a, b) => a.startS - b.startS);
  for (let i = 0; i < sorted.length; i++) {
    const w = sorted[i];
    if (!(w.startS >= 0 && Number.isFinite(w.startS))) throw new ParameterError("partitionStartS", w.startS, "a finite number >= 0");
    if (!(w.durationS > 0)) throw new ParameterError("partitionDurationS", w.durationS, "a number > 0 (Infinity: never heals)");
    if (w.groups.length === 0) throw new ParameterError("partition groups", "[]", "at least one group of nodes");
    partitionGroups(w, nodes);
    if (i > 0 && w.startS < sorted[i - 1].startS + sorted[i - 1].durationS) {
      throw new ParameterError("partitionStartS", w.startS, `after the previous window heals (${sorted[i - 1].startS + sorted[i - 1].durationS})`);
    }
  }
}

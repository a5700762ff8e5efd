/**
 * Safety monitor: agreement (no two honest validators decide different
 * blocks at one height) and validity (an honest decision is a block that was
 * proposed for that height). Every honest decision is recorded; the first
 * conflicting pair is kept for the report. The agreement property of
 * Castro & Liskov 1999 (section 4.5), Buchman et al. 2018 (Lemma 1) and
 * Yin et al. 2019 (Theorem 2): it holds whenever faulty stake is below 1/3.
 */
import type { BlockTable } from "./blocks";

export class SafetyMonitor {
  /** Block the first honest decision at each height chose (-1: none yet). */
  readonly decided: Int32Array;
  /** Honest decisions that disagree with the first at their height. */
  conflicts = 0;
  /** Decisions of a block not proposed at that height. */
  invalid = 0;
  firstConflict: { height: number; a: number; b: number; nodeA: number; nodeB: number; atS: number } | null = null;
  private readonly firstNode: Int32Array;

  constructor(
    readonly heights: number,
    private readonly blocks: BlockTable,
  ) {
    this.decided = new Int32Array(heights).fill(-1);
    this.firstNode = new Int32Array(heights).fill(-1);
  }

  record(node: number, height: number, block: number, nowS: number): void {
    if (block <= 0 || block >= this.blocks.count || this.blocks.height[block] !== height) this.invalid++;
    if (height >= this.heights) return;
    const d = this.decided[height];
    if (d < 0) {
      this.decided[height] = block;
      this.firstNode[height] = node;
    } else if (d !== block) {
      this.conflicts++;
      if (!this.firstConflict) this.firstConflict = { height, a: d, b: block, nodeA: this.firstNode[height], nodeB: node, atS: nowS };
    }
  }

  get safe(): boolean {
    return this.conflicts === 0 && this.invalid === 0;
  }
}

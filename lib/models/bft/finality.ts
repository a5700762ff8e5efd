/**
 * Finality per height: when honest validators decide. A height is final when
 * the honest validators that decided it hold more than 2/3 of the honest
 * stake (with equal stakes and no faults: the (2f + 1)-th decision, the
 * finality of the W4 benchmark kernel bench/pbft-kernel.ts). Per height the
 * log keeps the first decision, the final time, the round or view of the
 * first decision, and per validator how many heights it has decided, so a
 * run can stop once every honest validator has decided every height.
 */
export class FinalityLog {
  readonly firstS: Float64Array;
  readonly finalS: Float64Array;
  readonly round: Int32Array;
  readonly decidedStake: Float64Array;
  readonly decidedBy: Int32Array;
  /** Heights decided per validator. */
  readonly perNode: Int32Array;
  /** Honest validators that have decided every height. */
  done = 0;
  decisions = 0;

  constructor(
    readonly heights: number,
    readonly n: number,
    readonly honestStake: number,
    readonly honestCount: number,
  ) {
    this.firstS = new Float64Array(heights).fill(NaN);
    this.finalS = new Float64Array(heights).fill(NaN);
    this.round = new Int32Array(heights).fill(-1);
    this.decidedStake = new Float64Array(heights);
    this.decidedBy = new Int32Array(heights);
    this.perNode = new Int32Array(n);
  }

  /** An honest validator with `stake` decided `height` in `round` at `nowS`. Returns true once every honest validator is done. */
  record(node: number, stake: number, height: number, round: number, nowS: number): boolean {
    this.decisions++;
    if (height >= this.heights) return this.done === this.honestCount;
    if (this.decidedBy[height]++ === 0) {
      this.firstS[height] = nowS;
      this.round[height] = round;
    }
    const before = this.decidedStake[height];
    this.decidedStake[height] = before + stake;
    if (3 * before <= 2 * this.honestStake && 3 * (before + stake) > 2 * this.honestStake) this.finalS[height] = nowS;
    if (++this.perNode[node] === this.heights) this.done++;
    return this.done === this.honestCount;
  }

  /** Heights final so far (a prefix count: heights are decided in order). */
  finalHeights(): number {
    let h = 0;
    while (h < this.heights && !Number.isNaN(this.finalS[h])) h++;
    return h;
  }
}

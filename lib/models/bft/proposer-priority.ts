/**
 * Tendermint's proposer rotation weighted by voting power: CometBFT's
 * proposer-priority algorithm (cometbft/cometbft, types/validator_set.go,
 * IncrementProposerPriority; spec/consensus/proposer-selection.md).
 *
 * One increment: every validator's priority grows by its voting power; the
 * validator with the highest priority (ties: the lower address, here the
 * lower index) is the proposer and its priority drops by the total power.
 * Before a batch of increments the priorities are rescaled so that
 * max - min <= 2 * total (divided by ceil(diff / (2 total)), truncating as
 * Go's integer division) and centred on their average (floor division, as
 * big.Int's Euclidean Div). Over any window a validator proposes in
 * proportion to its power.
 *
 * Heights and rounds (CometBFT state/execution.go updateState and
 * consensus/state.go enterNewRound): the set of height 0 is the genesis set
 * after one increment; the set of height h + 1 is the set of height h
 * incremented once (whatever round h was decided in); round r of height h
 * is the set of height h incremented r more times.
 */
import type { ValidatorSet } from "./validators";

export class ProposerSchedule {
  /** Priorities of the newest height's set (round 0). */
  private readonly base: Float64Array;
  private readonly work: Float64Array;
  /** Newest height computed. */
  private height = 0;
  /** Per height in a ring of WINDOW heights: the proposers of rounds 0, 1, ... computed so far, and the set's priorities. */
  private readonly rounds: number[][] = [];
  private readonly snapshots: Float64Array[] = [];
  private static readonly WINDOW = 16;

  constructor(private readonly v: ValidatorSet) {
    this.base = new Float64Array(v.n);
    this.work = new Float64Array(v.n);
    const first = incrementPriorities(v, this.base, 1);
    this.remember(0, first);
  }

  /** Proposer of round `round` at height `height` (any of the last 16 heights computed, or a newer one). */
  proposer(height: number, round: number): number {
    const W = ProposerSchedule.WINDOW;
    if (height <= this.height - W) throw new RangeError(`proposer schedule: height ${height} is older than the window (newest ${this.height})`);
    while (this.height < height) {
      const p = incrementPriorities(this.v, this.base, 1);
      this.height++;
      this.remember(this.height, p);
    }
    const k = height % W;
    const list = this.rounds[k];
    if (list.length <= round) {
      // Replay the rounds from the height's snapshot (rounds beyond those computed are rare).
      this.work.set(this.snapshots[k]);
      for (let r = 1; r < list.length; r++) incrementPriorities(this.v, this.work, 1);
      while (list.length <= round) list.push(incrementPriorities(this.v, this.work, 1));
    }
    return list[round];
  }

  private remember(height: number, proposer: number): void {
    const k = height % ProposerSchedule.WINDOW;
    this.rounds[k] = [proposer];
    if (!this.snapshots[k]) this.snapshots[k] = new Float64Array(this.v.n);
    this.snapshots[k].set(this.base);
  }
}

/** IncrementProposerPriority(times) on `priority` in place; returns the last proposer. */
export function incrementPriorities(v: ValidatorSet, priority: Float64Array, times: number): number {
  const n = v.n;
  const total = v.total;
  // RescalePriorities(2 * total)
  let max = -Infinity;
  let min = Infinity;
  for (let i = 0; i < n; i++) {
    if (priority[i] > max) max = priority[i];
    if (priority[i] < min) min = priority[i];
  }
  const diff = max - min;
  const diffMax = 2 * total;
  if (diff > diffMax) {
    const ratio = Math.ceil(diff / diffMax);
    for (let i = 0; i < n; i++) priority[i] = Math.trunc(priority[i] / ratio);
  }
  // shiftByAvgProposerPriority
  let sum = 0;
  for (let i = 0; i < n; i++) sum += priority[i];
  const avg = Math.floor(sum / n);
  for (let i = 0; i < n; i++) priority[i] -= avg;
  let proposer = 0;
  for (let t = 0; t < times; t++) {
    let best = 0;
    for (let i = 0; i < n; i++) {
      priority[i] += v.stake[i];
      if (priority[i] > priority[best]) best = i;
    }
    priority[best] -= total;
    proposer = best;
  }
  return proposer;
}

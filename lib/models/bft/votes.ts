/**
 * Vote tallies per validator, per (height, round or view, phase), in typed
 * arrays: the counting every BFT protocol does ("upon 2f + 1 PREVOTE(h, r,
 * id(v))", Buchman et al. 2018, Algorithm 1; "2f prepares matching the
 * pre-prepare", Castro & Liskov 1999 section 4.2), with no per-message
 * allocation.
 *
 * Layout. Each validator has W x R instance slots: height h and round r use
 * slot (h mod W, r mod R). A slot remembers which (h, r) it holds; a vote for
 * a newer (h, r) than the slot holds clears and takes it, a vote for an older
 * one is dropped (counted in `dropped`): a validator keeps the last W heights
 * and R rounds it has seen. Per (slot, phase) up to V distinct values are
 * tallied (stake per value, plus the stake of all votes of the phase);
 * further distinct values go uncounted (also `dropped`). NIL (-1) is a value
 * like any other.
 *
 * Votes are counted per value as they arrive; a sender's vote is counted
 * once because every sender sends each vote once (faulty double-voters send
 * their two votes to disjoint sides), so no per-sender set is kept.
 */
export const NIL = -1;
const EMPTY = -2;

export class VoteBook {
  readonly slots: number;
  /** Height and round each slot holds (-1: none). */
  readonly slotH: Int32Array;
  readonly slotR: Int32Array;
  /** Per (slot, phase, value slot): the value id and its stake. */
  readonly valueId: Int32Array;
  readonly tally: Float64Array;
  /** Per (slot, phase): stake of all votes. */
  readonly phaseTotal: Float64Array;
  /** Per (slot, phase): bit flags the protocol may set ("timeout scheduled", "acted on quorum"). */
  readonly flags: Int32Array;
  /** Per (slot, aux field): protocol state of the instance (e.g. the accepted proposal), -1 when the slot is claimed. */
  readonly aux: Int32Array;
  dropped = 0;
  private readonly wMask: number;
  private readonly rMask: number;

  constructor(
    readonly n: number,
    readonly phases: number,
    readonly heightWindow = 4,
    readonly roundWindow = 8,
    readonly values = 4,
    readonly auxFields = 0,
  ) {
    if ((heightWindow & (heightWindow - 1)) !== 0 || (roundWindow & (roundWindow - 1)) !== 0) throw new RangeError("vote book windows must be powers of two");
    this.wMask = heightWindow - 1;
    this.rMask = roundWindow - 1;
    this.slots = n * heightWindow * roundWindow;
    this.slotH = new Int32Array(this.slots).fill(-1);
    this.slotR = new Int32Array(this.slots).fill(-1);
    this.valueId = new Int32Array(this.slots * phases * values).fill(EMPTY);
    this.tally = new Float64Array(this.slots * phases * values);
    this.phaseTotal = new Float64Array(this.slots * phases);
    this.flags = new Int32Array(this.slots * phases);
    this.aux = new Int32Array(this.slots * auxFields).fill(-1);
  }

  /** The slot of (h, r) at `node`, claiming it if it holds an older instance; -1 if it holds a newer one. */
  slot(node: number, h: number, r: number): number {
    const s = (node * this.heightWindow + (h & this.wMask)) * this.roundWindow + (r & this.rMask);
    const sh = this.slotH[s];
    if (sh === h && this.slotR[s] === r) return s;
    if (sh > h || (sh === h && this.slotR[s] > r)) {
      this.dropped++;
      return -1;
    }
    this.slotH[s] = h;
    this.slotR[s] = r;
    const p = this.phases;
    const v = this.values;
    this.valueId.fill(EMPTY, s * p * v, (s + 1) * p * v);
    this.tally.fill(0, s * p * v, (s + 1) * p * v);
    this.phaseTotal.fill(0, s * p, (s + 1) * p);
    this.flags.fill(0, s * p, (s + 1) * p);
    if (this.auxFields > 0) this.aux.fill(-1, s * this.auxFields, (s + 1) * this.auxFields);
    return s;
  }

  /** The slot of (h, r) at `node` if it holds it now, else -1 (never claims). */
  find(node: number, h: number, r: number): number {
    const s = (node * this.heightWindow + (h & this.wMask)) * this.roundWindow + (r & this.rMask);
    return this.slotH[s] === h && this.slotR[s] === r ? s : -1;
  }

  /** Add `stake` for `value` in (slot, phase); returns the value's new tally (NaN if the value could not be tallied). */
  add(slot: number, phase: number, value: number, stake: number): number {
    const pp = slot * this.phases + phase;
    this.phaseTotal[pp] += stake;
    const base = pp * this.values;
    for (let i = 0; i < this.values; i++) {
      const id = this.valueId[base + i];
      if (id === value) return (this.tally[base + i] += stake);
      if (id === EMPTY) {
        this.valueId[base + i] = value;
        return (this.tally[base + i] = stake);
      }
    }
    this.dropped++;
    return NaN;
  }

  /** Stake for `value` in (slot, phase). */
  count(slot: number, phase: number, value: number): number {
    const base = (slot * this.phases + phase) * this.values;
    for (let i = 0; i < this.values; i++) {
      const id = this.valueId[base + i];
      if (id === value) return this.tally[base + i];
      if (id === EMPTY) return 0;
    }
    return 0;
  }

  /** Stake of all votes in (slot, phase). */
  total(slot: number, phase: number): number {
    return this.phaseTotal[slot * this.phases + phase];
  }

  /** Set `bit` in (slot, phase)'s flags; returns true if it was not set before. */
  mark(slot: number, phase: number, bit: number): boolean {
    const i = slot * this.phases + phase;
    if ((this.flags[i] & bit) !== 0) return false;
    this.flags[i] |= bit;
    return true;
  }

  /** The value with the most stake in (slot, phase) other than NIL, or NIL. */
  leading(slot: number, phase: number): number {
    const base = (slot * this.phases + phase) * this.values;
    let best = NIL;
    let bestStake = 0;
    for (let i = 0; i < this.values; i++) {
      const id = this.valueId[base + i];
      if (id === EMPTY) break;
      if (id !== NIL && this.tally[base + i] > bestStake) {
        best = id;
        bestStake = this.tally[base + i];
      }
    }
    return best;
  }
}

/**
 * What a gossiping validator has already seen, so it relays and counts each
 * vote once: per (validator, height, round, kind, signer) the first value
 * seen and whether a second, different one was seen (a double vote: relayed
 * and tallied under its own value too, as CometBFT's vote sets keep a
 * conflicting vote for the block a peer claims +2/3 for; a third value from
 * one signer is dropped). Typed arrays over a window of W heights and R
 * rounds per validator (a newer instance overwrites an older one; a message
 * of an instance older than the one its window slot holds is reported as
 * seen, so nothing is counted twice), no allocation per message.
 */
const NONE = -2147483648;

export class SeenVotes {
  private readonly key: Float64Array;
  private readonly first: Int32Array;
  private readonly second: Uint8Array;

  constructor(
    readonly n: number,
    readonly kinds: number,
    readonly heightWindow = 2,
    readonly roundWindow = 4,
  ) {
    const slots = n * heightWindow * roundWindow;
    this.key = new Float64Array(slots).fill(-1);
    this.first = new Int32Array(slots * kinds * n).fill(NONE);
    this.second = new Uint8Array(slots * kinds * n);
  }

  /** True if `node` has not yet seen this (height, round, kind, signer, value) (and it is now marked seen). */
  fresh(node: number, h: number, r: number, kind: number, signer: number, value: number): boolean {
    const s = (node * this.heightWindow + (h % this.heightWindow)) * this.roundWindow + (r % this.roundWindow);
    const k = h * 65536 + r;
    const width = this.kinds * this.n;
    if (this.key[s] > k) return false; // an older instance than the window holds: dropped (as VoteBook drops it)
    if (this.key[s] !== k) {
      this.key[s] = k;
      this.first.fill(NONE, s * width, (s + 1) * width);
      this.second.fill(0, s * width, (s + 1) * width);
    }
    const i = s * width + kind * this.n + signer;
    const f = this.first[i];
    if (f === NONE) {
      this.first[i] = value;
      return true;
    }
    if (f === value || this.second[i] === 1) return false;
    this.second[i] = 1;
    return true;
  }
}

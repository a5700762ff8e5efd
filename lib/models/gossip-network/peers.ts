/**
 * Random peers of a node: distinct, uniform, from its neighbours on a graph
 * overlay or from every other node on a complete one, skipping one node (the
 * sender) and any node a predicate rejects (mesh members, offline peers).
 * Partial Fisher-Yates over the candidates (Durstenfeld 1964); on a complete
 * overlay, when few are wanted, rejection sampling with a visit stamp instead
 * of listing all N - 1 nodes. Draws come from the given stream only.
 */
import type { Network } from "../../network/network";
import type { Xoshiro128 } from "../../random/xoshiro128";

export type PeerFilter = (w: number) => boolean;

export class PeerSampler {
  private readonly scratch: Int32Array;
  private readonly stamp: Uint32Array;
  private epoch = 0;

  constructor(
    private readonly net: Network,
    private readonly rng: Xoshiro128,
  ) {
    this.scratch = new Int32Array(net.n);
    this.stamp = new Uint32Array(net.n);
  }

  /**
   * Up to `count` distinct peers of v, none equal to `exclude` (-1: none) or
   * rejected by `skip`, written to out[0 ..); returns how many.
   */
  sample(v: number, count: number, exclude: number, out: Int32Array, skip?: PeerFilter): number {
    const net = this.net;
    const degree = net.degree(v);
    if (net.graph === null && count * 4 < degree) {
      const got = this.sampleSparse(v, count, exclude, out, skip);
      if (got >= 0) return got;
    }
    const s = this.scratch;
    let c = 0;
    for (let i = 0; i < degree; i++) {
      const w = net.neighbour(v, i);
      if (w !== exclude && (skip === undefined || !skip(w))) s[c++] = w;
    }
    const k = count < c ? count : c;
    for (let i = 0; i < k; i++) {
      const r = i + this.rng.below(c - i);
      const t = s[i];
      s[i] = s[r];
      s[r] = t;
      out[i] = s[i];
    }
    return k;
  }

  /** Rejection sampling over all nodes; -1 when too many draws are rejected (the caller lists the candidates instead). */
  private sampleSparse(v: number, count: number, exclude: number, out: Int32Array, skip?: PeerFilter): number {
    const n = this.net.n;
    const stamp = this.stamp;
    if (++this.epoch === 0xffffffff) {
      stamp.fill(0);
      this.epoch = 1;
    }
    const e = this.epoch;
    let got = 0;
    for (let tries = 0; got < count; tries++) {
      if (tries > 16 * count + 64) return -1;
      const w = this.rng.below(n);
      if (w === v || w === exclude || stamp[w] === e) continue;
      stamp[w] = e;
      if (skip !== undefined && skip(w)) continue;
      out[got++] = w;
    }
    return got;
  }
}

/**
 * Bloom filters (Bloom, "Space/time trade-offs in hash coding with allowable
 * errors", CACM 1970), a bank of `count` filters of m bits and k hash
 * functions each in one Uint32Array: a node's "seen" set of message ids in a
 * gossip protocol, instead of an exact set.
 *
 * Hashing: one 32-bit hash of the message id, salted per filter (so two
 * nodes' false positives are not the same ids), split into two by a second
 * mix; the k bit positions are g_i = h1 + i * h2 mod m, i = 0 .. k-1
 * (double hashing: Kirsch & Mitzenmacher, "Less hashing, same performance:
 * building a better Bloom filter", ESA 2006). The mixer is
 * MurmurHash3's 32-bit finaliser fmix32 (Appleby 2011).
 *
 * False-positive rate after n insertions (Broder & Mitzenmacher, "Network
 * applications of Bloom filters: a survey", Internet Mathematics 2004,
 * section 2.1): p = (1 - e^{-k n / m})^k, minimised by k = (m / n) ln 2.
 * Given the filter itself, a query of an id not inserted is a false positive
 * with probability (set bits / m)^k under ideal hashing.
 */
import { ParameterError } from "../experiment/params";
import { fmix32 } from "../random/fmix32";

export { fmix32 };

/** (1 - e^{-k n / m})^k: the false-positive rate of an m-bit, k-hash filter holding n ids (Broder & Mitzenmacher 2004, section 2.1). */
export function bloomFalsePositiveRate(bits: number, hashes: number, items: number): number {
  return Math.pow(1 - Math.exp((-hashes * items) / bits), hashes);
}

/** The hash count minimising the false-positive rate for n ids: round((m / n) ln 2), at least 1. */
export function optimalBloomHashes(bits: number, items: number): number {
  return Math.max(1, Math.round((bits / Math.max(1, items)) * Math.LN2));
}

export class BloomFilterBank {
  readonly count: number;
  readonly bits: number;
  readonly hashes: number;
  /** Words per filter. */
  readonly words: number;
  readonly data: Uint32Array;
  /** Per-filter hash salt. */
  readonly salts: Uint32Array;
  /** Ids inserted into each filter (insertions of an id already present count again). */
  readonly inserted: Int32Array;
  /** Set bits of each filter, kept as ids are inserted. */
  readonly setCount: Int32Array;

  /** `salts`: one 32-bit salt per filter (draw them from the model's rng), or all 0. */
  constructor(count: number, bits: number, hashes: number, salts?: ArrayLike<number>) {
    if (!(Number.isInteger(count) && count >= 1)) throw new ParameterError("count", count, "an integer >= 1 (filters)");
    if (!(Number.isInteger(bits) && bits >= 1 && bits <= 2 ** 31)) throw new ParameterError("bloomBits", bits, "an integer, 1 <= bloomBits <= 2^31");
    if (!(Number.isInteger(hashes) && hashes >= 1 && hashes <= 64)) throw new ParameterError("bloomHashes", hashes, "an integer, 1 <= bloomHashes <= 64");
    const words = Math.ceil(bits / 32);
    if (count * words * 4 > 2 ** 31) throw new ParameterError("bloomBits", bits, `filters * bloomBits / 8 <= 2 GiB (${count} filters)`);
    if (salts !== undefined && salts.length !== count) throw new ParameterError("salts", `${salts.length} entries`, `one salt per filter (${count})`);
    this.count = count;
    this.bits = bits;
    this.hashes = hashes;
    this.words = words;
    this.data = new Uint32Array(count * words);
    this.salts = salts ? Uint32Array.from(salts) : new Uint32Array(count);
    this.inserted = new Int32Array(count);
    this.setCount = new Int32Array(count);
  }

  /** Bits of memory per filter. */
  get bitsPerFilter(): number {
    return this.bits;
  }

  /** Insert a 32-bit id into filter f. */
  add(f: number, id: number): void {
    const h1 = fmix32((id ^ this.salts[f]) >>> 0);
    const h2 = (fmix32(h1 ^ 0x9e3779b9) | 1) >>> 0;
    const base = f * this.words;
    const m = this.bits;
    const data = this.data;
    let fresh = 0;
    for (let i = 0; i < this.hashes; i++) {
      const bit = (h1 + i * h2) % m; // h1 + i * h2 < 2^32 * 65: exact in a double
      const w = base + (bit >>> 5);
      const mask = 1 << (bit & 31);
      if ((data[w] & mask) === 0) {
        data[w] |= mask;
        fresh++;
      }
    }
    this.inserted[f]++;
    this.setCount[f] += fresh;
  }

  /** True if filter f may hold the id (always true for an inserted id; sometimes for others: a false positive). */
  has(f: number, id: number): boolean {
    const h1 = fmix32((id ^ this.salts[f]) >>> 0);
    const h2 = (fmix32(h1 ^ 0x9e3779b9) | 1) >>> 0;
    const base = f * this.words;
    const m = this.bits;
    const data = this.data;
    for (let i = 0; i < this.hashes; i++) {
      const bit = (h1 + i * h2) % m;
      if ((data[base + (bit >>> 5)] & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }

  /** Set bits of filter f, counted anew (setCount[f] keeps the same number as ids are inserted). */
  setBits(f: number): number {
    let c = 0;
    for (let w = f * this.words, end = w + this.words; w < end; w++) c += popcount32(this.data[w]);
    return c;
  }

  /** (1 - e^{-k n / m})^k for filter f's current number of insertions. */
  theoreticalFalsePositiveRate(f: number): number {
    return bloomFalsePositiveRate(this.bits, this.hashes, this.inserted[f]);
  }

  /**
   * (set bits / m)^k: the false-positive rate of filter f as it is (ideal
   * hashing). It differs from the formula in n when the insertions were not
   * independent of the filter, e.g. when only ids the filter did not claim are
   * inserted (a gossip node accepts only messages it believes new): each of
   * those sets at least one fresh bit, so the filter fills faster.
   */
  falsePositiveRateGivenFill(f: number): number {
    return Math.pow(this.setCount[f] / this.bits, this.hashes);
  }
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * One-way latency of any ordered pair of nodes without a per-pair table, for
 * the implicit complete overlay: O(N) memory for 10,000 validators instead of
 * 10^8 link latencies.
 *
 *   constant     every pair the same value
 *   lognormal    the common case of `hashed`, by inversion of one hashed uniform
 *   hashed       a LatencyModel drawn once per pair, deterministically: the
 *                draw's generator state is a counter-based hash of (stream
 *                key, from, to) (Salmon, Moraes, Dror & Shaw, "Parallel random
 *                numbers: as easy as 1, 2, 3", SC 2011), so latencyS(i, j)
 *                returns the same value every time it is asked, in any order;
 *                `symmetric` hashes the unordered pair
 *   regions      per-node regions and a region-to-region one-way matrix
 *                (data/latency, SimBlock's tables: Aoki et al. 2019), times a
 *                per-pair lognormal spread exp(sigma Z), Z hashed per pair
 *   coordinates  per-node points in the plane: base + distance / speed
 *                (network coordinates, Dabek et al., "Vivaldi", SIGCOMM 2004)
 *
 * The hash is the murmur3 32-bit finalizer (Appleby, MurmurHash3) chained over
 * the key words and the pair; its four outputs seed a xoshiro128** generator
 * (Blackman & Vigna 2018) that is reused, so a lookup allocates nothing.
 * `tabulatedPairLatency` trades the O(N^2) table back for speed when N is small.
 */
import { ParameterError } from "../experiment/params";
import { Xoshiro128 } from "../random/xoshiro128";
import { fmix32 } from "../random/fmix32";
import { standardNormal } from "./latency/draw";
import { normalQuantileAcklam } from "./latency/normal-quantile";
import type { LatencyModel } from "./latency/model";
import type { PairLatency } from "./runtime-config";

export function checkPairNodes(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > 2 ** 26) throw new ParameterError("nodes", n, `an integer, 1 <= nodes <= ${2 ** 26}`);
}

function checkMs(name: string, ms: number): void {
  if (!(ms >= 0 && Number.isFinite(ms))) throw new ParameterError(name, ms, "a finite number >= 0 (milliseconds)");
}

/** The same latency for every pair. */
export function constantPairLatency(n: number, ms: number): PairLatency {
  checkPairNodes(n);
  checkMs("latencyMs", ms);
  const s = ms / 1000;
  return { name: `constant(${ms} ms)`, n, latencyS: () => s };
}

/** For graph overlays whose links carry their own latencies: a non-neighbour pair has none. */
export function linkOnlyLatency(n: number): PairLatency {
  checkPairNodes(n);
  return {
    name: "links only",
    n,
    latencyS(from, to) {
      throw new ParameterError("sendTo", `${from} -> ${to}`, "a pair joined by a link (this graph overlay has no latency for other pairs)");
    },
  };
}

export { fmix32 };

/**
 * A generator whose state is a pure function of (key, a, b): `at(a, b)`
 * re-seeds one reused Xoshiro128 and returns it.
 */
export class PairHash {
  private readonly key: Uint32Array;
  private readonly gen = new Xoshiro128([1, 0, 0, 0]);

  constructor(rng: Xoshiro128) {
    this.key = Uint32Array.from([rng.next(), rng.next(), rng.next(), rng.next()]);
  }

  at(a: number, b: number): Xoshiro128 {
    const s = this.gen.state;
    const ab = fmix32((Math.imul(a, 0x9e3779b1) ^ fmix32(b + 0x7f4a7c15)) >>> 0);
    for (let i = 0; i < 4; i++) s[i] = fmix32((this.key[i] ^ fmix32(ab + Math.imul(i + 1, 0x632be5ab))) >>> 0);
    if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1;
    return this.gen;
  }
}

export interface HashedPairOptions {
  /** latency(i, j) = latency(j, i) (default false: each direction drawn on its own). */
  readonly symmetric?: boolean;
}

/** Any LatencyModel, drawn once per ordered (or unordered) pair from a hash of (stream key, from, to). */
export function hashedPairLatency(n: number, model: LatencyModel, rng: Xoshiro128, options: HashedPairOptions = {}): PairLatency {
  checkPairNodes(n);
  const hash = new PairHash(rng);
  const symmetric = options.symmetric ?? false;
  return {
    name: `${model.name} per pair${symmetric ? " (symmetric)" : ""}`,
    n,
    latencyS(from, to) {
      const g = symmetric && to < from ? hash.at(to, from) : hash.at(from, to);
      return model.sampleMs(g) / 1000;
    },
  };
}

/**
 * Lognormal (median `medianMs`, shape `sigma`) per pair, by inversion:
 * latency(i, j) = median * exp(sigma * Phi^-1(U_ij)), U_ij a uniform from two
 * rounds of the murmur3 finalizer over (stream key, i, j) (32-bit resolution,
 * U in [2^-33, 1 - 2^-33], so |Z| <= 6.3) and Phi^-1 Acklam's approximation
 * (latency/normal-quantile.ts). The same distribution as hashedPairLatency
 * with a lognormal model at about a quarter of its cost (no generator to
 * re-seed, no Box-Muller), for complete overlays where every message asks.
 */
export function lognormalPairLatency(n: number, medianMs: number, sigma: number, rng: Xoshiro128, options: HashedPairOptions = {}): PairLatency {
  checkPairNodes(n);
  checkMs("latencyMedianMs", medianMs);
  if (!(sigma >= 0 && sigma <= 10)) throw new ParameterError("latencySigma", sigma, "a number, 0 <= latencySigma <= 10");
  const k0 = rng.next() >>> 0;
  const k1 = rng.next() >>> 0;
  const medianS = medianMs / 1000;
  const symmetric = options.symmetric ?? false;
  const at = (a: number, b: number): number => {
    const h = fmix32((fmix32((k0 ^ Math.imul(a, 0x9e3779b1)) >>> 0) + Math.imul(b ^ k1, 0x85ebca6b)) >>> 0);
    return medianS * Math.exp(sigma * normalQuantileAcklam((h + 0.5) * 2.3283064365386963e-10));
  };
  return {
    name: `lognormal(median ${medianMs} ms, sigma ${sigma}) per pair${symmetric ? " (symmetric)" : ""}`,
    n,
    latencyS: symmetric ? (from, to) => (to < from ? at(to, from) : at(from, to)) : at,
  };
}

/**
 * Region matrix times a per-pair lognormal spread: latency(i, j) =
 * oneWayMs[r_i][r_j] * exp(sigma Z_ij), Z_ij standard normal hashed from the
 * unordered pair (links are symmetric, as in regions.ts). sigma = 0: the entry.
 */
export function regionPairLatency(regionOf: Int32Array, oneWayMs: readonly (readonly number[])[], sigma: number, rng: Xoshiro128): PairLatency {
  const n = regionOf.length;
  checkPairNodes(n);
  if (!(sigma >= 0 && sigma <= 10)) throw new ParameterError("regionSigma", sigma, "a number, 0 <= regionSigma <= 10");
  const k = oneWayMs.length;
  const matrixS = new Float64Array(k * k);
  for (let r = 0; r < k; r++) {
    if (oneWayMs[r].length !== k) throw new ParameterError("region matrix", `row ${r} has ${oneWayMs[r].length} entries`, `${k} entries (a square matrix)`);
    for (let s = 0; s < k; s++) {
      checkMs(`region latency [${r}][${s}]`, oneWayMs[r][s]);
      matrixS[r * k + s] = oneWayMs[r][s] / 1000;
    }
  }
  for (let v = 0; v < n; v++) {
    const r = regionOf[v];
    if (!(Number.isInteger(r) && r >= 0 && r < k)) throw new ParameterError("regionOf", `node ${v}: ${r}`, `a region index, 0 <= region < ${k}`);
  }
  const hash = new PairHash(rng);
  return {
    name: `regions(${k}, sigma ${sigma})`,
    n,
    latencyS(from, to) {
      const median = matrixS[regionOf[from] * k + regionOf[to]];
      if (sigma === 0) return median;
      const g = to < from ? hash.at(to, from) : hash.at(from, to);
      return median * Math.exp(sigma * standardNormal(g));
    },
  };
}

/** base + Euclidean distance / speed, per-node coordinates (any unit of length; speed in length units per ms). */
export function coordinatePairLatency(x: Float64Array, y: Float64Array, baseMs: number, speedPerMs: number): PairLatency {
  const n = x.length;
  checkPairNodes(n);
  if (y.length !== n) throw new ParameterError("coordinates", `x has ${n}, y ${y.length} entries`, "one x and one y per node");
  checkMs("baseMs", baseMs);
  if (!(speedPerMs > 0)) throw new ParameterError("speedPerMs", speedPerMs, "a number > 0");
  for (let v = 0; v < n; v++) if (!Number.isFinite(x[v]) || !Number.isFinite(y[v])) throw new ParameterError("coordinates", `node ${v}: (${x[v]}, ${y[v]})`, "finite numbers");
  const baseS = baseMs / 1000;
  const perUnitS = 1 / (1000 * speedPerMs);
  return {
    name: `coordinates(base ${baseMs} ms)`,
    n,
    latencyS(from, to) {
      const dx = x[from] - x[to];
      const dy = y[from] - y[to];
      return baseS + Math.sqrt(dx * dx + dy * dy) * perUnitS;
    },
  };
}

/** Every pair computed once into an n x n table (8 n^2 bytes): for small n on hot paths. */
export function tabulatedPairLatency(pair: PairLatency): PairLatency & { readonly tableS: Float64Array } {
  const n = pair.n;
  if (n * n > 2 ** 26) throw new ParameterError("nodes", n, `n^2 <= ${2 ** 26} entries for a latency table (use the pair model directly)`);
  const tableS = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) tableS[i * n + j] = pair.latencyS(i, j);
  return { name: `${pair.name} (table)`, n, tableS, latencyS: (from, to) => tableS[from * n + to] };
}

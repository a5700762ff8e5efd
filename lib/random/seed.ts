/**
 * Seed derivation: one root seed, many independent streams.
 *
 * A stream is named by a path such as (root seed, experiment, parameter point,
 * replicate). Its seed is SHA-256 of the path's canonical JSON, so it depends on
 * what the run is, never on the order in which runs execute, the number of
 * workers or the shard. The digest feeds both a seedrandom generator (general
 * use) and a xoshiro128** generator (hot loops), from disjoint bytes.
 *
 * Common random numbers (Law & Kelton, Simulation Modeling and Analysis, 3rd
 * ed. 2000, section 11.2): `rng.common(label, key)` names a stream by
 * (root seed, "common", label, key, replicate) only, not by the experiment or
 * its other parameters. Two models that draw their network from
 * `rng.common("network", networkParamsOf(params))` get the same network in
 * the same replicate, and a model parameter that does not touch the network
 * does not reseed it, so differences between models or parameter values are
 * not blurred by different networks.
 */
import { sha256 } from "@noble/hashes/sha256";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";
import seedrandom from "seedrandom";
import { Xoshiro128 } from "./xoshiro128";

export type SeedPart = string | number | boolean | null | SeedPart[] | { [key: string]: SeedPart };

/** JSON with object keys sorted at every level, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) return JSON.stringify(String(value));
    return JSON.stringify(value) ?? "null";
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const keys = Object.keys(value as object).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
}

/** 32-byte digest naming a stream. */
export function streamDigest(path: readonly unknown[]): Uint8Array {
  return sha256(utf8ToBytes(canonicalJson(path)));
}

/** Hex seed of a stream (first 16 bytes of the digest): what rows record. */
export function streamSeed(path: readonly unknown[]): string {
  return bytesToHex(streamDigest(path).subarray(0, 16));
}

/** The random sources handed to a model for one run. */
export interface Rng {
  /** Hex seed naming this stream; stored in result rows. */
  readonly seed: string;
  /** seedrandom (xor4096) generator: uniform [0, 1), for set-up and non-hot code. */
  readonly random: seedrandom.PRNG;
  /** xoshiro128** generator for hot loops. */
  readonly fast: Xoshiro128;
  /** An independent child stream, named by `label` (e.g. one per node or phase). */
  child(label: string | number): Rng;
  /**
   * A stream shared by every run with the same root seed, replicate, `label`
   * and `key` (any JSON value, e.g. the network parameters), whatever the
   * experiment. A stream not made by replicateRng (no root seed) derives it
   * from its own path instead, so it is reproducible but not shared.
   */
  common(label: string, key: unknown): Rng;
}

/** What common streams are keyed by besides their label and key. */
export interface CommonContext {
  readonly rootSeed: number;
  readonly replicate: number;
}

/** The random sources of the stream named by `path` (`context`: see Rng.common). */
export function rngFor(path: readonly unknown[], context?: CommonContext): Rng {
  const digest = streamDigest(path);
  const seed = bytesToHex(digest.subarray(0, 16));
  const words = new Uint32Array(4);
  const view = new DataView(digest.buffer, digest.byteOffset + 16, 16);
  for (let i = 0; i < 4; i++) words[i] = view.getUint32(4 * i, true);
  return {
    seed,
    random: seedrandom.xor4096(seed),
    fast: new Xoshiro128(words),
    child: (label) => rngFor([...path, label], context),
    common: (label, key) => (context ? commonRng(context.rootSeed, label, key, context.replicate) : rngFor([...path, "common", label, key])),
  };
}

/**
 * Stream for one Monte Carlo replicate of one parameter point of an
 * experiment. Values that are objects or arrays (JSON parameters) are keyed by
 * their canonical JSON text, as rows store them, so typed parameters and a
 * row's cells name the same stream.
 */
export function replicateRng(rootSeed: number, experiment: string, point: Record<string, unknown>, replicate: number): Rng {
  return rngFor([rootSeed, experiment, pointKey(point), replicate], { rootSeed, replicate });
}

function pointKey(point: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(point)) {
    if (v !== null && typeof v === "object") (out ??= { ...point })[k] = canonicalJson(v);
  }
  return out ?? point;
}

/** The common stream (root seed, "common", label, key, replicate): what `replicateRng(...).common(label, key)` returns. */
export function commonRng(rootSeed: number, label: string, key: unknown, replicate: number): Rng {
  return rngFor([rootSeed, "common", label, key, replicate], { rootSeed, replicate });
}

/**
 * Lossless compression of a batch with Node's zlib: deflate (RFC 1950/1951,
 * levels 0-9), gzip (RFC 1952, levels 0-9) or brotli (RFC 7932, quality 0-11).
 * The compressed bytes are a deterministic function of the input and settings;
 * the times are wall-clock measurements (process.hrtime), not part of it.
 */
import * as zlib from "node:zlib";
import { ParameterError } from "../../experiment/params";

export type Algorithm = "deflate" | "gzip" | "brotli";
export const ALGORITHMS: readonly Algorithm[] = ["deflate", "gzip", "brotli"];

export function maxLevel(algorithm: Algorithm): number {
  return algorithm === "brotli" ? 11 : 9;
}

export function checkCompressionLevel(algorithm: Algorithm, level: number): void {
  if (!Number.isInteger(level) || level < 0 || level > maxLevel(algorithm)) {
    throw new ParameterError("level", level, `an integer, 0 <= level <= ${maxLevel(algorithm)} for ${algorithm}`);
  }
}

export function compress(data: Uint8Array, algorithm: Algorithm, level: number): Uint8Array {
  checkCompressionLevel(algorithm, level);
  if (algorithm === "brotli") {
    return zlib.brotliCompressSync(data, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: level, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length },
    });
  }
  return algorithm === "gzip" ? zlib.gzipSync(data, { level }) : zlib.deflateSync(data, { level });
}

export function decompress(data: Uint8Array, algorithm: Algorithm): Uint8Array {
  if (algorithm === "brotli") return zlib.brotliDecompressSync(data);
  return algorithm === "gzip" ? zlib.gunzipSync(data) : zlib.inflateSync(data);
}

/** Wall-clock milliseconds of fn, best of `repeats` runs, and its result. */
export function timed<T>(fn: () => T, repeats = 1): { value: T; ms: number } {
  let best = Infinity;
  let value!: T;
  for (let r = 0; r < repeats; r++) {
    const t0 = process.hrtime.bigint();
    value = fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { value, ms: best };
}

/**
 * Experiment `batch-compression`: bytes saved against CPU time when a rollup
 * compresses a batch of generated transactions (batch-encoding.ts) with
 * deflate, gzip or brotli at a level. The byte counts are deterministic from
 * the seed; compressMs and decompressMs are wall-clock measurements on this
 * machine (best of `timingRepeats`), not reproducible, and null when
 * timingRepeats is 0.
 */
import { defineExperiment } from "../../experiment/experiment";
import { choice, int, num } from "../../experiment/params";
import { generateBatch, SIGNATURE_RANDOM_BYTES, TX_BYTES } from "./batch-encoding";
import { checkCompressionLevel, compress, decompress, timed, type Algorithm } from "./compress";

export const batchCompression = defineExperiment({
  name: "batch-compression",
  title: "Rollup batch compression: bytes saved against CPU time (zlib deflate, gzip, brotli)",
  reference: "RFC 1951 (deflate), RFC 1952 (gzip), RFC 7932 (brotli); Buterin 2021, An incomplete guide to rollups",
  source: __filename,
  params: {
    algorithm: choice({ default: "brotli", choices: ["deflate", "gzip", "brotli"], doc: "compressor from node:zlib" }),
    level: int({ default: 6, unit: "", min: 0, max: 11, doc: "compression level: 0-9 for deflate and gzip, 0-11 (quality) for brotli" }),
    transactions: int({ default: 2000, unit: "transactions", min: 1, max: 1e6, fuzzMax: 500, doc: "transactions in the batch (141 bytes each)" }),
    addressPool: int({ default: 200, unit: "addresses", min: 1, max: 1e6, doc: "distinct addresses senders and recipients are drawn from" }),
    transferShare: num({ default: 0.7, unit: "", min: 0, max: 1, doc: "fraction of plain transfers (gas limit 21000)" }),
    timingRepeats: int({ default: 0, unit: "runs", min: 0, max: 100, fuzzMax: 0, doc: "wall-clock timing of compress and decompress: best of this many runs (0, the default: no timing, columns null). A measurement, not a result: with timing on, rows differ from run to run in these columns only" }),
  },
  validate({ algorithm, level }) {
    checkCompressionLevel(algorithm as Algorithm, level);
  },
  run(params, rng) {
    const algorithm = params.algorithm as Algorithm;
    // The batch comes from a stream keyed by its own parameters, so every algorithm, level and timing setting of
    // a sweep compresses the same bytes (common random numbers).
    const batchParams = { transactions: params.transactions, addressPool: params.addressPool, transferShare: params.transferShare };
    const batch = generateBatch(batchParams, rng.common("batch-compression-batch", batchParams).fast);
    const packed = compress(batch.bytes, algorithm, params.level);
    const roundTrip = Buffer.compare(Buffer.from(decompress(packed, algorithm)), Buffer.from(batch.bytes)) === 0;
    const time = params.timingRepeats > 0;
    const c = time ? timed(() => compress(batch.bytes, algorithm, params.level), params.timingRepeats).ms : null;
    const d = time ? timed(() => decompress(packed, algorithm), params.timingRepeats).ms : null;
    const rawBytes = batch.bytes.length;
    return {
      rawBytes,
      compressedBytes: packed.length,
      ratio: packed.length / rawBytes,
      savedBytes: rawBytes - packed.length,
      bytesPerTx: packed.length / params.transactions,
      rawBytesPerTx: TX_BYTES,
      // What the parts compress to on their own: the signatures are the floor.
      signatureRandomBytes: SIGNATURE_RANDOM_BYTES * params.transactions,
      compressedSignaturesOnly: compress(batch.signatures, algorithm, params.level).length,
      compressedWithoutSignatures: compress(batch.withoutSignatures, algorithm, params.level).length,
      roundTrip,
      compressMs: c,
      decompressMs: d,
    };
  },
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { rngFor } from "../../../lib/random/seed";
import { ParameterError } from "../../../lib/experiment/params";
import { runPoint } from "../../../lib/sweep/run-point";
import { FIELD_LAYOUT, generateBatch, TX_BYTES } from "../../../lib/models/parallel-execution/batch-encoding";
import { compress, decompress, ALGORITHMS, maxLevel } from "../../../lib/models/parallel-execution/compress";
import { batchCompression } from "../../../lib/models/parallel-execution/compression-experiment";

const params = { transactions: 400, addressPool: 50, transferShare: 0.7 };

test("the field layout adds up to 141 bytes a transaction, and the parts to the whole", () => {
  assert.equal(FIELD_LAYOUT.reduce((s, [, b]) => s + b, 0), TX_BYTES);
  const batch = generateBatch(params, rngFor(["layout"]).fast);
  assert.equal(batch.bytes.length, 400 * TX_BYTES);
  assert.equal(batch.withoutSignatures.length + batch.signatures.length, batch.bytes.length);
  for (let i = 0; i < 400; i++) assert.ok(batch.bytes[(i + 1) * TX_BYTES - 1] === 27 || batch.bytes[(i + 1) * TX_BYTES - 1] === 28);
});

test("batch bytes are a function of the seed", () => {
  const a = generateBatch(params, rngFor(["bytes", 1]).fast).bytes;
  const b = generateBatch(params, rngFor(["bytes", 1]).fast).bytes;
  const c = generateBatch(params, rngFor(["bytes", 2]).fast).bytes;
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test("every algorithm and level round-trips, and gives the same bytes twice", () => {
  const batch = generateBatch(params, rngFor(["roundtrip"]).fast).bytes;
  for (const algorithm of ALGORITHMS) {
    for (const level of [0, 1, maxLevel(algorithm) >> 1, maxLevel(algorithm)]) {
      const packed = compress(batch, algorithm, level);
      assert.deepEqual(new Uint8Array(decompress(packed, algorithm)), batch, `${algorithm} ${level}`);
      assert.deepEqual(compress(batch, algorithm, level), packed, `${algorithm} ${level} deterministic`);
    }
  }
});

test("what compresses: random signature bytes do not (the floor), repeated addresses and zero-padded fields do", () => {
  const r = runPoint(batchCompression, { ...params, algorithm: "brotli", level: 9, timingRepeats: 0 }, 1, 0);
  // A lossless code cannot shorten most uniform strings (counting: fewer than 2^(8m - 8c) strings of m bytes
  // have codes c bytes shorter; Cover & Thomas 2006, section 5.4): the 64 random bytes of each signature stay.
  assert.ok((r.compressedSignaturesOnly as number) >= (r.signatureRandomBytes as number), JSON.stringify(r));
  assert.ok((r.compressedBytes as number) >= (r.signatureRandomBytes as number), JSON.stringify(r));
  // The 76 bytes of fields compress to well under half (few addresses, small nonces, round values).
  assert.ok((r.compressedWithoutSignatures as number) < 0.5 * 76 * 400, JSON.stringify(r));
  // A large address pool leaves the addresses (40 bytes a transaction) nearly incompressible.
  const wide = runPoint(batchCompression, { ...params, addressPool: 100_000, algorithm: "brotli", level: 9, timingRepeats: 0 }, 1, 0);
  assert.ok((wide.compressedBytes as number) > (r.compressedBytes as number) + 20 * 400, `${wide.compressedBytes} vs ${r.compressedBytes}`);
  // Level 0 stores: deflate's stored blocks are larger than the input.
  const stored = runPoint(batchCompression, { ...params, algorithm: "deflate", level: 0, timingRepeats: 0 }, 1, 0);
  assert.ok((stored.ratio as number) > 1);
});

test("rows: deterministic byte counts; wall-clock columns only when timed", () => {
  const a = runPoint(batchCompression, { ...params, timingRepeats: 0 }, 3, 0);
  const b = runPoint(batchCompression, { ...params, timingRepeats: 0 }, 3, 0);
  assert.equal(JSON.stringify(a), JSON.stringify(b));
  assert.equal(a.compressMs, null);
  assert.equal(a.roundTrip, true);
  const timed = runPoint(batchCompression, { ...params, timingRepeats: 1 }, 3, 0);
  assert.ok(typeof timed.compressMs === "number" && timed.compressMs >= 0 && typeof timed.decompressMs === "number");
  assert.equal(timed.compressedBytes, a.compressedBytes);
});

test("bad parameters name the parameter, the value and the allowed range", () => {
  const cases: Array<[Record<string, unknown>, string, RegExp]> = [
    [{ algorithm: "deflate", level: 10 }, "level", /invalid level: 10 \(allowed: an integer, 0 <= level <= 9 for deflate\)/],
    [{ algorithm: "brotli", level: 12 }, "level", /0 <= level <= 11/],
    [{ algorithm: "zstd" }, "algorithm", /deflate, gzip, brotli/],
    [{ addressPool: 0 }, "addressPool", /invalid addressPool: 0/],
  ];
  for (const [given, name, message] of cases) {
    assert.throws(() => batchCompression.resolve(given), (err: unknown) => err instanceof ParameterError && err.parameter === name && message.test(err.message), JSON.stringify(given));
  }
});

/**
 * A batch of generated transactions as bytes, the way a rollup posts them to
 * L1 (a fixed-width cousin of Ethereum's legacy transaction, Wood, Yellow
 * Paper, section 4.2, with the sender written out): per transaction, 141 bytes:
 *
 *   field       bytes  generated as                                    compresses?
 *   nonce         8    per-sender counter from a base < 1000            yes: 6-7 leading zero bytes
 *   gasPrice      8    one of 8 prices (gwei multiples)                 yes: few distinct values
 *   gasLimit      4    21000 (transfer) or one of 3 contract limits     yes: repeated
 *   from         20    drawn from a pool of `addressPool` addresses      yes, if the pool is small
 *   to           20    drawn from the same pool                        (LZ77 back-references)
 *   value        16    1..999 x 10^(12..18) wei, big-endian              mostly: leading zeros, then round numbers
 *   signature    65    r, s: 64 uniform random bytes; v: 27 or 28        no: r and s are incompressible
 *
 * The signatures (64 of 141 bytes) are a floor no lossless compressor gets
 * under; rollups remove them by aggregation (BLS) or validity proofs
 * (Buterin 2021, "An incomplete guide to rollups", section on compression).
 */
import type { Xoshiro128 } from "../../random/xoshiro128";

export const TX_BYTES = 141;
export const SIGNATURE_RANDOM_BYTES = 64;
export const FIELD_LAYOUT: ReadonlyArray<readonly [string, number]> = [
  ["nonce", 8],
  ["gasPrice", 8],
  ["gasLimit", 4],
  ["from", 20],
  ["to", 20],
  ["value", 16],
  ["signature", 65],
];

const GAS_PRICES_GWEI = [1, 2, 3, 5, 8, 10, 15, 20];
const CONTRACT_GAS_LIMITS = [50_000, 100_000, 250_000];

export interface BatchParams {
  transactions: number;
  addressPool: number;
  /** Fraction of plain transfers (gasLimit 21000); the rest are contract calls. */
  transferShare: number;
}

export interface Batch {
  /** The whole batch, TX_BYTES per transaction. */
  bytes: Uint8Array;
  /** The same transactions without their signatures (76 bytes each). */
  withoutSignatures: Uint8Array;
  /** The signatures alone (65 bytes each). */
  signatures: Uint8Array;
}

function fillRandom(out: Uint8Array, at: number, length: number, rng: Xoshiro128): void {
  for (let i = 0; i < length; i += 4) {
    const w = rng.next();
    for (let b = 0; b < 4 && i + b < length; b++) out[at + i + b] = (w >>> (8 * b)) & 0xff;
  }
}

function writeUint(out: Uint8Array, at: number, width: number, value: bigint): void {
  for (let i = width - 1; i >= 0; i--) {
    out[at + i] = Number(value & 0xffn);
    value >>= 8n;
  }
}

export function generateBatch(p: BatchParams, rng: Xoshiro128): Batch {
  const pool = new Uint8Array(p.addressPool * 20);
  fillRandom(pool, 0, pool.length, rng);
  const nonces = new Float64Array(p.addressPool);
  for (let a = 0; a < p.addressPool; a++) nonces[a] = rng.below(1000);
  const bytes = new Uint8Array(p.transactions * TX_BYTES);
  for (let i = 0; i < p.transactions; i++) {
    let at = i * TX_BYTES;
    const from = rng.below(p.addressPool);
    const to = rng.below(p.addressPool);
    writeUint(bytes, at, 8, BigInt(nonces[from]++));
    at += 8;
    writeUint(bytes, at, 8, BigInt(GAS_PRICES_GWEI[rng.below(GAS_PRICES_GWEI.length)]) * 1_000_000_000n);
    at += 8;
    const transfer = rng.nextFloat() < p.transferShare;
    writeUint(bytes, at, 4, BigInt(transfer ? 21_000 : CONTRACT_GAS_LIMITS[rng.below(CONTRACT_GAS_LIMITS.length)]));
    at += 4;
    bytes.set(pool.subarray(from * 20, from * 20 + 20), at);
    at += 20;
    bytes.set(pool.subarray(to * 20, to * 20 + 20), at);
    at += 20;
    writeUint(bytes, at, 16, BigInt(1 + rng.below(999)) * 10n ** BigInt(12 + rng.below(7)));
    at += 16;
    fillRandom(bytes, at, SIGNATURE_RANDOM_BYTES, rng);
    at += SIGNATURE_RANDOM_BYTES;
    bytes[at] = 27 + rng.below(2);
  }
  const sigAt = TX_BYTES - 65;
  const withoutSignatures = new Uint8Array(p.transactions * sigAt);
  const signatures = new Uint8Array(p.transactions * 65);
  for (let i = 0; i < p.transactions; i++) {
    withoutSignatures.set(bytes.subarray(i * TX_BYTES, i * TX_BYTES + sigAt), i * sigAt);
    signatures.set(bytes.subarray(i * TX_BYTES + sigAt, (i + 1) * TX_BYTES), i * 65);
  }
  return { bytes, withoutSignatures, signatures };
}

/**
 * Merkle hashing (lib/models/merkle): hashes per second of @noble/hashes
 * SHA-256 and Keccak-256 on 65-byte inputs (an RFC 6962 inner node: 0x01 ||
 * left || right), against node:crypto's SHA-256 (OpenSSL, native) in the same
 * run; building a tree of 2^16 leaves with the noble hasher against the same
 * level-by-level build on node:crypto; sparse Merkle tree writes per second.
 * Medians of REPEATS, interleaved so both see the same machine load. Also
 * checks that both SHA-256s give the same root (a wrong hash would be fast too).
 *
 * Run alone: node dist/bench/merkle.js
 */
import { createHash } from "node:crypto";
import { sha256 } from "@noble/hashes/sha256";
import { keccak_256 } from "@noble/hashes/sha3";
import { bytesEqual, nodeHasher, type NodeHasher } from "../lib/models/merkle/hash";
import { buildMerkleTree } from "../lib/models/merkle/tree";
import { SparseMerkleTree } from "../lib/models/merkle/sparse";
import { randomBytes32 } from "../lib/models/merkle/experiment";
import { rngFor } from "../lib/random/seed";
import { median, peakRssMB } from "./reference";
import type { BenchRow } from "./types";

const REPEATS = 3;
const HASHES = 100_000;
const LEAVES = 1 << 16;

const nodeSha256 = (data: Uint8Array): Uint8Array => new Uint8Array(createHash("sha256").update(data).digest());

function hashesPerSecond(fn: (d: Uint8Array) => Uint8Array, count: number): number {
  const input = new Uint8Array(65).fill(7);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    input[1] = i & 255;
    fn(input);
  }
  return count / (Number(process.hrtime.bigint() - t0) / 1e9);
}

function nodeCryptoHasher(): NodeHasher {
  const base = nodeHasher("rfc6962");
  return {
    ...base,
    leaf: (data) => nodeSha256(Buffer.concat([Buffer.of(0), data])),
    node: (l, r) => nodeSha256(Buffer.concat([Buffer.of(1), l, r])),
  };
}

function leavesPerSecond(hasher: NodeHasher, leaves: Uint8Array[]): { rate: number; root: Uint8Array } {
  const t0 = process.hrtime.bigint();
  const tree = buildMerkleTree(leaves, hasher);
  return { rate: leaves.length / (Number(process.hrtime.bigint() - t0) / 1e9), root: tree.root };
}

export async function benchMerkle(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const fns: Record<string, (d: Uint8Array) => Uint8Array> = { "noble sha256": sha256, "noble keccak256": keccak_256, "node:crypto sha256": nodeSha256 };
  for (const f of Object.values(fns)) hashesPerSecond(f, 20_000); // warm up
  const rates: Record<string, number[]> = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
  for (let r = 0; r < REPEATS; r++) for (const [name, f] of Object.entries(fns)) rates[name].push(hashesPerSecond(f, HASHES));
  const nodeRate = median(rates["node:crypto sha256"]);
  for (const name of Object.keys(fns)) {
    const value = median(rates[name]);
    rows.push({ name: `merkle: ${name} (65-byte node input)`, value, unit: "hashes/s", baseline: "node:crypto sha256 (OpenSSL)", ratio: value / nodeRate, peakRssMB: peakRssMB() });
  }

  const leaves = randomBytes32(LEAVES, rngFor(["bench", "merkle"]).fast);
  const noble = nodeHasher("rfc6962", "sha256");
  const native = nodeCryptoHasher();
  leavesPerSecond(noble, leaves.slice(0, 4096));
  leavesPerSecond(native, leaves.slice(0, 4096));
  const nobleBuild: number[] = [];
  const nativeBuild: number[] = [];
  let same = true;
  for (let r = 0; r < REPEATS; r++) {
    const a = leavesPerSecond(noble, leaves);
    const b = leavesPerSecond(native, leaves);
    nobleBuild.push(a.rate);
    nativeBuild.push(b.rate);
    same &&= bytesEqual(a.root, b.root);
  }
  if (!same) throw new Error("noble and node:crypto trees disagree: the benchmark compares different hashes");
  const nb = median(nobleBuild);
  const cb = median(nativeBuild);
  rows.push({ name: `merkle: RFC 6962 tree build, 2^16 leaves (noble sha256)`, value: nb, unit: "leaves/s", baseline: "same build on node:crypto sha256", ratio: nb / cb, peakRssMB: peakRssMB(), note: "same root on both" });
  rows.push({ name: `merkle: RFC 6962 tree build, 2^16 leaves (node:crypto sha256)`, value: cb, unit: "leaves/s", peakRssMB: peakRssMB() });

  const keys = randomBytes32(20_000, rngFor(["bench", "smt"]).fast);
  const writes: number[] = [];
  let hashesPerWrite = 0;
  for (let r = 0; r < 3; r++) {
    const t = new SparseMerkleTree(sha256);
    const t0 = process.hrtime.bigint();
    for (const k of keys) t.set(k, k.subarray(0, 8));
    writes.push(keys.length / (Number(process.hrtime.bigint() - t0) / 1e9));
    hashesPerWrite = t.hashesComputed / keys.length;
  }
  rows.push({ name: "merkle: sparse Merkle tree inserts, 20,000 random keys (noble sha256)", value: median(writes), unit: "writes/s", peakRssMB: peakRssMB(), note: `${hashesPerWrite.toFixed(1)} hashes per write (log2 N = ${Math.log2(keys.length).toFixed(1)})` });
  return rows;
}

if (require.main === module) {
  benchMerkle().then((rows) => console.table(rows));
}

import { defineExperiment } from "../../experiment/experiment";
import { choice, int, ParameterError } from "../../experiment/params";
import type { Xoshiro128 } from "../../random/xoshiro128";
import { ceilLog2, hashFunction, nodeHasher, toHex, type HashName, type TreeScheme } from "./hash";
import { merkleMultiProof, verifyMultiProof } from "./multiproof";
import { expectedLeafDepth, SparseMerkleTree, verifyExclusion, verifyInclusion } from "./sparse";
import { buildMerkleTree, merkleProof, verifyMerkleProof } from "./tree";
import { proofSizeModel } from "./verkle";

/** `count` random 32-byte strings. */
export function randomBytes32(count: number, rng: Xoshiro128): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const b = new Uint8Array(32);
    const w = new DataView(b.buffer);
    for (let j = 0; j < 8; j++) w.setUint32(4 * j, rng.next());
    out.push(b);
  }
  return out;
}

/** `k` distinct indices in 0..n-1 (partial Fisher-Yates), sorted. */
export function distinctIndices(n: number, k: number, rng: Xoshiro128): number[] {
  const pool = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + rng.below(n - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, k).sort((a, b) => a - b);
}

export const merkle = defineExperiment({
  name: "merkle",
  title: "Merkle trees: proof sizes, multiproofs, a sparse Merkle tree for accounts and the Verkle width model",
  reference: "Merkle 1987; RFC 6962 section 2.1 (Laurie et al. 2013); Dahlberg, Pulls & Peeters, NordSec 2016 (sparse trees); Kuszmaul 2018 (Verkle)",
  source: __filename,
  params: {
    leaves: int({ default: 1000, unit: "leaves", min: 1, max: 1_000_000, fuzzMax: 300, doc: "leaves of the binary Merkle tree (random 32-byte values)" }),
    hash: choice({ default: "sha256", choices: ["sha256", "keccak256"], doc: "hash function (bitcoin scheme: SHA-256 only)" }),
    scheme: choice({ default: "rfc6962", choices: ["rfc6962", "bitcoin"], doc: "node rule: RFC 6962 prefixes and carried odd nodes, or Bitcoin double SHA-256 with a duplicated odd node" }),
    proofs: int({ default: 64, unit: "proofs", min: 1, max: 100_000, fuzzMax: 16, doc: "random leaves proved and verified (and tampered with: wrong leaf, wrong root)" }),
    multiproofLeaves: int({ default: 16, unit: "leaves", min: 1, max: 1_000_000, fuzzMax: 8, doc: "leaves proved together by one multiproof (at most leaves)" }),
    accounts: int({ default: 1000, unit: "accounts", min: 1, max: 1_000_000, fuzzMax: 200, doc: "accounts in the sparse Merkle tree" }),
    width: int({ default: 16, unit: "", min: 2, max: 1024, doc: "tree width for the Merkle vs Verkle proof-size model" }),
  },
  validate({ leaves, multiproofLeaves, scheme, hash }) {
    if (multiproofLeaves > leaves) throw new ParameterError("multiproofLeaves", multiproofLeaves, `an integer, 1 <= multiproofLeaves <= leaves (${leaves})`);
    if (scheme === "bitcoin" && hash !== "sha256") throw new ParameterError("hash", hash, "sha256 with scheme bitcoin (Bitcoin's tree is double SHA-256)");
  },
  run({ leaves, hash, scheme, proofs, multiproofLeaves, accounts, width }, rng) {
    const hasher = nodeHasher(scheme as TreeScheme, hash as HashName);
    const H = hashFunction(hash as HashName);
    const data = randomBytes32(leaves, rng.child("leaves").fast);
    const tree = buildMerkleTree(data, hasher);
    const pick = rng.child("proofs").fast;
    let sum = 0;
    let max = 0;
    let verified = 0;
    let wrongLeafRejected = 0;
    let wrongRootRejected = 0;
    const badRoot = Uint8Array.from(tree.root);
    badRoot[0] ^= 1;
    for (let p = 0; p < proofs; p++) {
      const i = pick.below(leaves);
      const path = merkleProof(tree, i);
      sum += path.length;
      max = Math.max(max, path.length);
      const leafHash = hasher.leaf(data[i]);
      if (verifyMerkleProof(hasher, leafHash, i, leaves, path, tree.root)) verified++;
      const wrong = Uint8Array.from(data[i]);
      wrong[31] ^= 0x80;
      if (!verifyMerkleProof(hasher, hasher.leaf(wrong), i, leaves, path, tree.root)) wrongLeafRejected++;
      if (!verifyMerkleProof(hasher, leafHash, i, leaves, path, badRoot)) wrongRootRejected++;
    }
    const chosen = distinctIndices(leaves, multiproofLeaves, rng.child("multiproof").fast);
    const multi = merkleMultiProof(tree, chosen);
    const multiOk = verifyMultiProof(hasher, multi, chosen.map((i) => hasher.leaf(data[i])), tree.root);
    let singleSum = 0;
    for (const i of chosen) singleSum += merkleProof(tree, i).length;

    const smt = new SparseMerkleTree(H);
    const keys = randomBytes32(accounts, rng.child("accounts").fast);
    keys.forEach((k, i) => smt.set(k, Uint8Array.of(i & 255, (i >> 8) & 255, (i >> 16) & 255)));
    const hashesPerWrite = smt.hashesComputed / accounts;
    const depths = smt.leafDepths();
    const meanDepth = depths.reduce((a, b) => a + b, 0) / depths.length;
    const probe = keys[rng.child("probe").fast.below(accounts)];
    const inclusion = smt.prove(probe);
    const absent = randomBytes32(1, rng.child("absent").fast)[0];
    const exclusion = smt.prove(absent);
    const model = proofSizeModel(width, leaves);
    return {
      root: toHex(tree.root),
      ceilLog2: ceilLog2(leaves),
      proofHashesMean: sum / proofs,
      proofHashesMax: max,
      proofsVerified: verified / proofs,
      wrongLeafRejected: wrongLeafRejected / proofs,
      wrongRootRejected: wrongRootRejected / proofs,
      multiproofHashes: multi.hashes.length,
      singleProofHashes: singleSum,
      multiproofVerified: multiOk ? 1 : 0,
      smtRoot: toHex(smt.root),
      smtMeanDepth: meanDepth,
      smtMeanDepthTheory: expectedLeafDepth(accounts),
      smtMaxDepth: Math.max(...depths),
      smtHashesPerWrite: hashesPerWrite,
      smtInclusionVerified: verifyInclusion(H, smt.root, probe, smt.get(probe) as Uint8Array, inclusion) ? 1 : 0,
      smtExclusionVerified: verifyExclusion(H, smt.root, absent, exclusion) ? 1 : 0,
      smtInclusionSiblings: inclusion.siblings.length,
      widthDepth: model.depth,
      merkleWidthProofBytes: model.merkleBytes,
      verkleProofBytes: model.verkleBytes,
    };
  },
});

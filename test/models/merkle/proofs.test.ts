import { test } from "node:test";
import assert from "node:assert/strict";
import { ceilLog2, HASH_NAMES, nodeHasher, type NodeHasher } from "../../../lib/models/merkle/hash";
import { merkleMultiProof, multiProofSize, verifyMultiProof } from "../../../lib/models/merkle/multiproof";
import { buildMerkleTree, merkleProof, merkleRootReference, proofLength, verifyMerkleProof } from "../../../lib/models/merkle/tree";
import { distinctIndices, randomBytes32 } from "../../../lib/models/merkle/experiment";
import { Xoshiro128 } from "../../../lib/random/xoshiro128";

const hashers: NodeHasher[] = [nodeHasher("bitcoin"), ...HASH_NAMES.map((h) => nodeHasher("rfc6962", h))];

test("every proof verifies, every proof of a wrong leaf, position or root fails, for n = 1..40 and every leaf", () => {
  const rng = new Xoshiro128([1, 2, 3, 4]);
  for (const hasher of hashers) {
    for (let n = 1; n <= 40; n++) {
      const data = randomBytes32(n, rng);
      const tree = buildMerkleTree(data, hasher);
      assert.deepEqual(tree.root, merkleRootReference(data.map(hasher.leaf), hasher), `${hasher.scheme} n=${n}: level build = recursive reference`);
      const badRoot = Uint8Array.from(tree.root);
      badRoot[5] ^= 4;
      for (let i = 0; i < n; i++) {
        const path = merkleProof(tree, i);
        const leaf = hasher.leaf(data[i]);
        assert.ok(verifyMerkleProof(hasher, leaf, i, n, path, tree.root), `${hasher.scheme} n=${n} i=${i}`);
        const other = hasher.leaf(data[(i + 1) % n]);
        if (n > 1) assert.ok(!verifyMerkleProof(hasher, other, i, n, path, tree.root), `wrong leaf n=${n} i=${i}`);
        assert.ok(!verifyMerkleProof(hasher, leaf, i, n, path, badRoot), `wrong root n=${n} i=${i}`);
        if (path.length > 0) assert.ok(!verifyMerkleProof(hasher, leaf, i, n, path.slice(1), tree.root), "a shortened path");
        if (n > 1 && path.length > 0) {
          const tampered = path.map((p) => Uint8Array.from(p));
          tampered[tampered.length - 1][0] ^= 1;
          assert.ok(!verifyMerkleProof(hasher, leaf, i, n, tampered, tree.root), "a tampered sibling");
        }
      }
    }
  }
});

test("proof size: exactly ceil(log2 n) hashes for every leaf under bitcoin; under RFC 6962 at most that, and exactly that for leaf 0", () => {
  for (const n of [1, 2, 3, 4, 5, 7, 8, 9, 31, 32, 33, 100, 1000, 1023, 1024, 1025, 65_537]) {
    const h = ceilLog2(n);
    assert.equal(h, n === 1 ? 0 : Math.ceil(Math.log2(n) - 1e-12), `ceilLog2(${n})`);
    for (const i of [0, Math.floor(n / 2), n - 1]) {
      assert.equal(proofLength(n, i, true), h, `bitcoin n=${n} i=${i}`);
      assert.ok(proofLength(n, i, false) <= h, `rfc6962 n=${n} i=${i}`);
    }
    assert.equal(proofLength(n, 0, false), h, `rfc6962 leaf 0, n=${n}`);
  }
  // proofLength agrees with the proofs actually built
  const hasher = nodeHasher("rfc6962");
  const rng = new Xoshiro128([9, 9, 9, 9]);
  for (const n of [5, 6, 13, 21]) {
    const tree = buildMerkleTree(randomBytes32(n, rng), hasher);
    for (let i = 0; i < n; i++) assert.equal(merkleProof(tree, i).length, proofLength(n, i, false));
  }
});

test("multiproofs verify and fail when tampered; a multiproof is never larger than the single proofs together", () => {
  const rng = new Xoshiro128([5, 6, 7, 8]);
  for (const hasher of hashers) {
    for (const n of [1, 2, 3, 8, 13, 64, 100]) {
      const data = randomBytes32(n, rng);
      const tree = buildMerkleTree(data, hasher);
      for (const k of [...new Set([1, 2, Math.min(5, n), n])].filter((k) => k <= n)) {
        const idx = distinctIndices(n, k, rng);
        const proof = merkleMultiProof(tree, idx);
        const leaves = idx.map((i) => hasher.leaf(data[i]));
        assert.ok(verifyMultiProof(hasher, proof, leaves, tree.root), `${hasher.scheme} n=${n} k=${k}`);
        assert.equal(proof.hashes.length, multiProofSize(n, idx));
        const singles = idx.reduce((s, i) => s + merkleProof(tree, i).length, 0);
        assert.ok(proof.hashes.length <= singles, `${proof.hashes.length} <= ${singles}`);
        if (k === 1) assert.equal(proof.hashes.length, hasher.duplicateOdd ? merkleProof(tree, idx[0]).filter((_, l) => ((idx[0] >> l) ^ 1) < Math.ceil(n / 2 ** l)).length : singles);
        if (k === n) assert.equal(proof.hashes.length, 0, "all leaves: nothing to add");
        const wrong = leaves.map((l) => Uint8Array.from(l));
        wrong[0][0] ^= 1;
        assert.ok(!verifyMultiProof(hasher, proof, wrong, tree.root), "a wrong leaf");
        if (proof.hashes.length > 0) {
          const bad = { ...proof, hashes: proof.hashes.map((h, j) => (j === 0 ? Uint8Array.from(h).fill(0) : h)) };
          assert.ok(!verifyMultiProof(hasher, bad, leaves, tree.root), "a tampered helper hash");
          assert.ok(!verifyMultiProof(hasher, { ...proof, hashes: proof.hashes.slice(1) }, leaves, tree.root), "a missing helper hash");
        }
      }
    }
  }
  // Two sibling leaves of a full tree of 2^d leaves share everything above them: d - 1 hashes (not 2d).
  assert.equal(multiProofSize(1024, [6, 7]), 9);
  // Two leaves in opposite halves share only the root: 2 (d - 1) hashes.
  assert.equal(multiProofSize(1024, [0, 1023]), 18);
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { fromHex, hashFunction, nodeHasher, reverseBytes, toHex } from "../../../lib/models/merkle/hash";
import { buildMerkleTree, merkleProof, merkleRootReference, verifyMerkleProof } from "../../../lib/models/merkle/tree";

// Certificate Transparency reference tree (google/certificate-transparency, cpp/merkletree/merkle_tree_test.cc,
// kInputs and kSHA256Roots; the same vectors in transparency-dev/merkle rfc6962 tests): the inputs, and the
// RFC 6962 (section 2.1) Merkle tree hash of the first n of them for n = 1..8.
const CT_INPUTS = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"].map(fromHex);
const CT_ROOTS = [
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];
// Inclusion paths from the same reference tests (leaf index 0-based, tree size, path).
const CT_PATHS: [number, number, string[]][] = [
  [0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]],
  [5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]],
  [2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]],
  [1, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]],
  [0, 1, []],
];

test("RFC 6962 Merkle tree hash: the Certificate Transparency reference roots for 1..8 leaves", () => {
  const hasher = nodeHasher("rfc6962", "sha256");
  for (let n = 1; n <= 8; n++) {
    const tree = buildMerkleTree(CT_INPUTS.slice(0, n), hasher);
    assert.equal(toHex(tree.root), CT_ROOTS[n - 1], `n = ${n}`);
    assert.equal(toHex(merkleRootReference(CT_INPUTS.slice(0, n).map(hasher.leaf), hasher)), CT_ROOTS[n - 1], `reference, n = ${n}`);
  }
});

test("RFC 6962 inclusion paths: the Certificate Transparency reference audit paths, and they verify", () => {
  const hasher = nodeHasher("rfc6962", "sha256");
  for (const [index, n, expected] of CT_PATHS) {
    const tree = buildMerkleTree(CT_INPUTS.slice(0, n), hasher);
    const path = merkleProof(tree, index);
    assert.deepEqual(path.map(toHex), expected, `leaf ${index} of ${n}`);
    assert.ok(verifyMerkleProof(hasher, hasher.leaf(CT_INPUTS[index]), index, n, path, fromHex(CT_ROOTS[n - 1])));
  }
});

// Bitcoin block 100,000 (hash 000000000003ba27aa200b1cecaad478d2b00432346c3f1f3986da1afd33e506, 29 Dec 2010):
// its four txids and its header's merkle root, in display (byte-reversed) hex, as `bitcoin-cli getblock` prints them.
const BLOCK_100000_TXIDS = [
  "8c14f0db3df150123e6f3dbbf30f8b955a8249b62ac1d1ff16284aefa3d06d87",
  "fff2525b8931402dd09222c50775608f75787bd2b87e56995a7bdd30f79702c4",
  "6359f0868171b1d194cbee1af2f16ea598ae8fad666d9b012c8ed2b79a236ec4",
  "e9a66845e05d5abc0ad04ec80f774a7e585c6e8db975962d069a522137b80c1d",
];
const BLOCK_100000_ROOT = "f3e94742aca4b5ef85488dc37c06c3282295ffec960994b2c0d5ac2a25a95766";

test("Bitcoin merkle root of block 100,000 from its txids (double SHA-256, internal byte order)", () => {
  const hasher = nodeHasher("bitcoin");
  const leaves = BLOCK_100000_TXIDS.map((t) => reverseBytes(fromHex(t)));
  const tree = buildMerkleTree(leaves, hasher);
  assert.equal(toHex(reverseBytes(tree.root)), BLOCK_100000_ROOT);
  // SPV proof of the second transaction: 2 = ceil(log2 4) hashes, and it verifies against the header's root.
  const path = merkleProof(tree, 1);
  assert.equal(path.length, 2);
  assert.equal(toHex(reverseBytes(path[0])), BLOCK_100000_TXIDS[0]);
  assert.ok(verifyMerkleProof(hasher, leaves[1], 1, 4, path, reverseBytes(fromHex(BLOCK_100000_ROOT))));
  assert.ok(!verifyMerkleProof(hasher, leaves[1], 0, 4, path, reverseBytes(fromHex(BLOCK_100000_ROOT))), "the same path at the wrong position");
});

test("hash functions: SHA-256 and Keccak-256 of the empty string (FIPS 180-4; Ethereum's empty code hash)", () => {
  assert.equal(toHex(hashFunction("sha256")(new Uint8Array(0))), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  // Keccak-256, not FIPS 202 SHA3-256 (which gives a7ffc6f8...): go-ethereum types.EmptyCodeHash.
  assert.equal(toHex(hashFunction("keccak256")(new Uint8Array(0))), "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
});

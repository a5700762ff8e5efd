import { test } from "node:test";
import assert from "node:assert/strict";
import { hashFunction } from "../../../lib/models/merkle/hash";
import { expectedLeafDepth, SparseMerkleTree, verifyExclusion, verifyInclusion } from "../../../lib/models/merkle/sparse";
import { randomBytes32 } from "../../../lib/models/merkle/experiment";
import { Xoshiro128 } from "../../../lib/random/xoshiro128";

const H = hashFunction("sha256");

test("sparse Merkle tree: reads return what was written; the root does not depend on the order of writes", () => {
  const rng = new Xoshiro128([3, 1, 4, 1]);
  const keys = randomBytes32(300, rng);
  const a = new SparseMerkleTree(H);
  const b = new SparseMerkleTree(H);
  keys.forEach((k, i) => a.set(k, Uint8Array.of(i & 255, i >> 8)));
  [...keys.keys()].reverse().forEach((i) => b.set(keys[i], Uint8Array.of(i & 255, i >> 8)));
  assert.deepEqual(a.root, b.root);
  assert.equal(a.size, 300);
  keys.forEach((k, i) => assert.deepEqual(a.get(k), Uint8Array.of(i & 255, i >> 8)));
  // An overwrite changes the root; writing the old value back restores it.
  const before = Uint8Array.from(a.root);
  a.set(keys[7], Uint8Array.of(99));
  assert.notDeepEqual(a.root, before);
  a.set(keys[7], Uint8Array.of(7, 0));
  assert.deepEqual(a.root, before);
  assert.equal(a.size, 300, "an overwrite adds no leaf");
  assert.equal(new SparseMerkleTree(H).get(keys[0]), undefined);
});

test("inclusion proofs verify for every key; wrong values, absent keys, stale roots and foreign paths fail", () => {
  const rng = new Xoshiro128([2, 7, 1, 8]);
  const keys = randomBytes32(200, rng);
  const t = new SparseMerkleTree(H);
  keys.forEach((k, i) => t.set(k, Uint8Array.of(i & 255)));
  for (const [i, k] of keys.entries()) {
    const p = t.prove(k);
    assert.ok(verifyInclusion(H, t.root, k, Uint8Array.of(i & 255), p), `key ${i}`);
    assert.ok(!verifyInclusion(H, t.root, k, Uint8Array.of((i + 1) & 255), p), "a wrong value");
    assert.ok(!verifyExclusion(H, t.root, k, p), "a present key is not excluded");
  }
  // Exclusion proofs for absent keys: they end in an empty subtree or in another key's leaf.
  let endsInLeaf = 0;
  for (const k of randomBytes32(200, rng)) {
    const p = t.prove(k);
    assert.ok(verifyExclusion(H, t.root, k, p));
    assert.ok(!verifyInclusion(H, t.root, k, new Uint8Array(1), p));
    if (p.end.kind === "leaf") {
      endsInLeaf++;
      // The other key's leaf moved to another path does not prove exclusion there.
      const flipped = Uint8Array.from(k);
      flipped[0] ^= 0x80;
      assert.ok(!verifyExclusion(H, t.root, flipped, { ...p, key: flipped }));
    }
  }
  assert.ok(endsInLeaf > 0 && endsInLeaf < 200, `both exclusion kinds occur (${endsInLeaf} end in a leaf)`);
  // A proof against the root before a write fails after it.
  const p0 = t.prove(keys[0]);
  const oldRoot = Uint8Array.from(t.root);
  t.set(keys[1], Uint8Array.of(200));
  assert.ok(verifyInclusion(H, oldRoot, keys[0], Uint8Array.of(0), p0));
  assert.ok(!verifyInclusion(H, t.root, keys[0], Uint8Array.of(0), p0), "stale proof fails under the new root");
});

test("leaf depth: P(D > k) = 1 - (1 - 2^-k)^(N-1) gives E[D]; simulated mean depth within 4 SE over 12 trees (Knuth TAOCP 3, 6.3)", () => {
  for (const N of [100, 2000]) {
    const means: number[] = [];
    for (let r = 0; r < 12; r++) {
      const t = new SparseMerkleTree(H);
      for (const k of randomBytes32(N, new Xoshiro128([N, r, 17, 1]))) t.set(k, Uint8Array.of(1));
      const d = t.leafDepths();
      assert.equal(d.length, N);
      means.push(d.reduce((a, b) => a + b, 0) / N);
      // Proofs are as long as depths: O(log N) siblings.
    }
    const m = means.reduce((a, b) => a + b, 0) / means.length;
    const sd = Math.sqrt(means.reduce((a, b) => a + (b - m) ** 2, 0) / (means.length - 1));
    const se = sd / Math.sqrt(means.length);
    const theory = expectedLeafDepth(N);
    // E[D] = log2 N + gamma/ln 2 + 1/2 + (a periodic term of amplitude < 1e-5) + o(1) (Knuth, TAOCP vol. 3, 6.3, ex. 19-20; Flajolet & Sedgewick 1995).
    assert.ok(Math.abs(theory - (Math.log2(N) + 0.5772156649 / Math.LN2 + 0.5)) < 0.01, `E[D] ${theory} vs asymptotic`);
    assert.ok(se > 0);
    assert.ok(Math.abs(m - theory) <= 4 * se, `N=${N}: mean depth ${m.toFixed(4)} +- ${se.toFixed(4)}, theory ${theory.toFixed(4)}`);
  }
  assert.equal(expectedLeafDepth(1), 0);
  assert.equal(expectedLeafDepth(2), 2, "two keys part at their first differing bit: E = sum_k 2^-k over k >= 0");
});

test("a write costs depth + 1 hashes: the cost of N writes grows as N log2 N, not as N x 256", () => {
  const t = new SparseMerkleTree(H);
  const N = 4000;
  for (const k of randomBytes32(N, new Xoshiro128([8, 8, 8, 8]))) t.set(k, Uint8Array.of(1));
  const perWrite = t.hashesComputed / N;
  assert.ok(perWrite < Math.log2(N) + 4, `${perWrite} hashes per write`);
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { canonicalJson, replicateRng, rngFor, streamSeed } from "../../lib/random/seed";

test("canonicalJson sorts keys at every level", () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: 1 }], c: "x" } }), '{"a":{"c":"x","d":[1,{"y":1,"z":0}]},"b":1}');
  assert.equal(canonicalJson({ a: 1, b: 2 }), canonicalJson({ b: 2, a: 1 }));
});

test("a stream depends on its path only, not on what was drawn before", () => {
  const first = rngFor([7, "exp", { alpha: 0.3 }, 2]);
  const drawsA = [first.fast.next(), first.fast.next(), first.random()];
  rngFor([7, "exp", { alpha: 0.3 }, 1]).fast.next(); // another stream in between
  const again = rngFor([7, "exp", { alpha: 0.3 }, 2]);
  assert.deepEqual([again.fast.next(), again.fast.next(), again.random()], drawsA);
});

test("different seed, point or replicate give different streams", () => {
  const base = replicateRng(1, "e", { a: 1 }, 0).seed;
  assert.notEqual(replicateRng(2, "e", { a: 1 }, 0).seed, base);
  assert.notEqual(replicateRng(1, "e", { a: 2 }, 0).seed, base);
  assert.notEqual(replicateRng(1, "e", { a: 1 }, 1).seed, base);
  assert.notEqual(replicateRng(1, "f", { a: 1 }, 0).seed, base);
  assert.equal(replicateRng(1, "e", { a: 1 }, 0).seed, streamSeed([1, "e", { a: 1 }, 0]));
});

test("child streams are independent of the parent and of each other", () => {
  const rng = rngFor(["x"]);
  assert.notEqual(rng.child(0).seed, rng.child(1).seed);
  assert.notEqual(rng.child(0).seed, rng.seed);
  assert.equal(rng.child("a").seed, rngFor(["x", "a"]).seed);
});

test("seedrandom and fast draws are uniform: mean 1/2 within 4 SE", () => {
  const rng = rngFor(["uniformity"]);
  const n = 200_000;
  let sumSlow = 0;
  let sumFast = 0;
  for (let i = 0; i < n; i++) {
    sumSlow += rng.random();
    sumFast += rng.fast.nextFloat();
  }
  const se = Math.sqrt(1 / 12 / n);
  assert.ok(Math.abs(sumSlow / n - 0.5) < 4 * se, `seedrandom mean ${sumSlow / n}`);
  assert.ok(Math.abs(sumFast / n - 0.5) < 4 * se, `xoshiro mean ${sumFast / n}`);
});

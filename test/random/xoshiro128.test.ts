import { test } from "node:test";
import assert from "node:assert/strict";
import { probabilityToUint32, Xoshiro128 } from "../../lib/random/xoshiro128";

// Reference values computed with the authors' C code (xoshiro128starstar.c, Blackman & Vigna 2018)
// seeded s = {1, 2, 3, 4}: the first outputs are 11520, 0, 5927040, 70819200, 2031721883.
test("xoshiro128** matches the reference output for state {1,2,3,4}", () => {
  const rng = new Xoshiro128([1, 2, 3, 4]);
  assert.deepEqual([rng.next(), rng.next(), rng.next(), rng.next(), rng.next()], [11520, 0, 5927040, 70819200, 2031721883]);
});

test("an all-zero state is repaired (it would be a fixed point)", () => {
  const rng = new Xoshiro128([0, 0, 0, 0]);
  const draws = new Set([rng.next(), rng.next(), rng.next(), rng.next()]);
  assert.ok(draws.size > 1);
});

test("below(n) is unbiased: each of 6 faces within 4 SE of 1/6", () => {
  const rng = new Xoshiro128([9, 8, 7, 6]);
  const n = 120_000;
  const counts = new Array(6).fill(0);
  for (let i = 0; i < n; i++) counts[rng.below(6)]++;
  const se = Math.sqrt(((1 / 6) * (5 / 6)) / n);
  for (const c of counts) assert.ok(Math.abs(c / n - 1 / 6) < 4 * se, `count ${c}`);
  assert.equal(rng.below(1), 0);
});

test("probabilityToUint32 gives P(u < t) = p", () => {
  assert.equal(probabilityToUint32(0), 0);
  assert.equal(probabilityToUint32(1), 4294967296);
  assert.equal(probabilityToUint32(0.25), 1073741824);
  const rng = new Xoshiro128([3, 1, 4, 1]);
  const t = probabilityToUint32(0.3);
  let hits = 0;
  const n = 100_000;
  for (let i = 0; i < n; i++) if (rng.next() < t) hits++;
  assert.ok(Math.abs(hits / n - 0.3) < 4 * Math.sqrt((0.3 * 0.7) / n));
});

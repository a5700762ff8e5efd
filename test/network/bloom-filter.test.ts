/**
 * Bloom filters against their theory: no false negatives; the false-positive
 * rate of ids never inserted against (1 - e^{-kn/m})^k (Broder & Mitzenmacher
 * 2004, section 2.1) and, given the filter, against (set bits / m)^k, within
 * 4 binomial standard errors; the optimum k = (m / n) ln 2.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { ParameterError } from "../../lib/experiment/params";
import { BloomFilterBank, bloomFalsePositiveRate, fmix32, optimalBloomHashes } from "../../lib/network/bloom-filter";
import { Xoshiro128 } from "../../lib/random/xoshiro128";

/** Distinct random 32-bit ids (a set guards against the rare repeat). */
function distinctIds(count: number, rng: Xoshiro128, avoid = new Set<number>()): number[] {
  const out: number[] = [];
  const seen = new Set<number>(avoid);
  while (out.length < count) {
    const id = rng.next();
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
  }
  return out;
}

test("fmix32 is a bijection on a sample and mixes: neighbouring inputs differ in about half their bits", () => {
  const outs = new Set<number>();
  let flips = 0;
  for (let x = 0; x < 20000; x++) {
    outs.add(fmix32(x));
    let d = (fmix32(x) ^ fmix32(x + 1)) >>> 0;
    while (d) {
      flips += d & 1;
      d >>>= 1;
    }
  }
  assert.equal(outs.size, 20000);
  const mean = flips / 20000;
  // Each output bit flips with probability 1/2: mean 16, SE sqrt(8 / 20000).
  assert.ok(Math.abs(mean - 16) < 4 * Math.sqrt(8 / 20000), `mean flipped bits ${mean}`);
});

for (const [bits, hashes, items] of [
  [1 << 16, 4, 8000],
  [1 << 16, 7, 6000],
  [1 << 14, 2, 4000],
] as const) {
  test(`m = ${bits}, k = ${hashes}, n = ${items}: no false negatives, false positives at (1 - e^{-kn/m})^k within 4 SE`, () => {
    const rng = new Xoshiro128([bits, hashes, items, 1]);
    const filters = 4;
    const bank = new BloomFilterBank(filters, bits, hashes, [rng.next(), rng.next(), rng.next(), rng.next()]);
    const queries = 50_000;
    let fp = 0;
    let conditional = 0;
    for (let f = 0; f < filters; f++) {
      const inserted = distinctIds(items, rng);
      for (const id of inserted) bank.add(f, id);
      for (const id of inserted) assert.ok(bank.has(f, id), "an inserted id is always found");
      const probe = distinctIds(queries, rng, new Set(inserted));
      for (const id of probe) if (bank.has(f, id)) fp++;
      conditional += Math.pow(bank.setBits(f) / bits, hashes);
      assert.equal(bank.setCount[f], bank.setBits(f), "the running count of set bits");
      assert.equal(bank.falsePositiveRateGivenFill(f), Math.pow(bank.setBits(f) / bits, hashes));
      assert.equal(bank.inserted[f], items);
    }
    const Q = filters * queries;
    const measured = fp / Q;
    const theory = bloomFalsePositiveRate(bits, hashes, items);
    const se = Math.sqrt((theory * (1 - theory)) / Q);
    // The classic formula's own error is O(k / m) relative (Bose et al., IPL 2008): below 1e-3 of p here, far under 1 SE.
    assert.ok(Math.abs(measured - theory) <= 4 * se, `measured ${measured}, theory ${theory}, SE ${se}`);
    const given = conditional / filters;
    assert.ok(Math.abs(measured - given) <= 4 * Math.sqrt((given * (1 - given)) / Q), `measured ${measured}, (fill)^k ${given}`);
  });
}

test("the optimal hash count is round((m / n) ln 2), and it beats its neighbours", () => {
  assert.equal(optimalBloomHashes(1 << 16, 6000), Math.round((65536 / 6000) * Math.LN2));
  assert.equal(optimalBloomHashes(100, 1000), 1);
  const k = optimalBloomHashes(9600, 1000); // 6.65 -> 7
  assert.equal(k, 7);
  for (const other of [k - 2, k - 1, k + 1, k + 2]) assert.ok(bloomFalsePositiveRate(9600, k, 1000) <= bloomFalsePositiveRate(9600, other, 1000));
  // (1 - e^{-kn/m})^k at the optimum is 2^{-k} up to rounding k: m/n = 9.6 bits per id gives ~1 %.
  assert.ok(Math.abs(bloomFalsePositiveRate(9600, 7, 1000) - 0.0101) < 5e-4);
});

test("filters in one bank are separate: inserting into one sets no bit of another", () => {
  const bank = new BloomFilterBank(2, 4096, 3, [1, 2]);
  const rng = new Xoshiro128([9, 9, 9, 9]);
  const ids = distinctIds(300, rng);
  for (const id of ids) bank.add(0, id);
  let found = 0;
  for (const id of ids) if (bank.has(1, id)) found++;
  assert.equal(found, 0, "filter 1 is empty: no bit is set");
  assert.equal(bank.setBits(1), 0);
});

test("bad sizes are ParameterErrors naming the parameter", () => {
  assert.throws(() => new BloomFilterBank(1, 0, 3), (e: unknown) => e instanceof ParameterError && e.parameter === "bloomBits");
  assert.throws(() => new BloomFilterBank(1, 64, 0), (e: unknown) => e instanceof ParameterError && e.parameter === "bloomHashes");
  assert.throws(() => new BloomFilterBank(0, 64, 3), (e: unknown) => e instanceof ParameterError && e.parameter === "count");
  assert.throws(() => new BloomFilterBank(2, 64, 3, [1]), (e: unknown) => e instanceof ParameterError && e.parameter === "salts");
  assert.throws(() => new BloomFilterBank(1 << 21, 1 << 14, 3), (e: unknown) => e instanceof ParameterError && e.parameter === "bloomBits");
});

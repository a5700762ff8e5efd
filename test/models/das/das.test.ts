import { test } from "node:test";
import assert from "node:assert/strict";
import { add, inv, mul, P, pow } from "../../../lib/models/das/field";
import { rsDecode, rsEncode, rsRecover } from "../../../lib/models/das/reed-solomon";
import { closeMask, extendSquare, isRecoverable, minimalWithholdingMask, recoverSquare } from "../../../lib/models/das/two-d";
import { detectionProbability, detectionProbabilityWithReplacement, minimalWithheld, samplesForConfidence, shareCount } from "../../../lib/models/das/detection";
import { simulateSampling, simulateSamplingReference } from "../../../lib/models/das/simulate";
import { das, withholdingMask } from "../../../lib/models/das/experiment";
import { ParameterError } from "../../../lib/experiment/params";
import { Xoshiro128 } from "../../../lib/random/xoshiro128";
import { rngFor } from "../../../lib/random/seed";

function randomSymbols(count: number, rng: Xoshiro128): number[] {
  return Array.from({ length: count }, () => rng.below(P));
}

/** Every subset of {0..n-1} with exactly r elements. */
function* subsets(n: number, r: number, start = 0, acc: number[] = []): Generator<number[]> {
  if (acc.length === r) {
    yield [...acc];
    return;
  }
  for (let i = start; i < n; i++) {
    acc.push(i);
    yield* subsets(n, r, i + 1, acc);
    acc.pop();
  }
}

test("GF(65537): 3 generates the multiplicative group (Fermat prime 2^16 + 1), inverses invert", () => {
  assert.equal(pow(3, (P - 1) / 2), P - 1, "3 is a quadratic non-residue, so a generator of the group of order 2^16");
  for (const a of [1, 2, 3, 12345, P - 1]) assert.equal(mul(a, inv(a)), 1);
  assert.equal(add(P - 1, 1), 0);
});

test("1-D Reed-Solomon: any k of 2k shares recover the data (every subset for k = 4; random subsets for k = 16, 64)", () => {
  const rng = new Xoshiro128([4, 4, 4, 4]);
  const data = randomSymbols(4, rng);
  const code = rsEncode(data, 8);
  assert.deepEqual(code.slice(0, 4), data, "systematic");
  let subsetsChecked = 0;
  for (const idx of subsets(8, 4)) {
    assert.deepEqual(rsDecode(idx.map((x) => ({ x, y: code[x] })), 4), data, `shares ${idx}`);
    subsetsChecked++;
  }
  assert.equal(subsetsChecked, 70);
  for (const k of [16, 64]) {
    const d = randomSymbols(k, rng);
    const c = rsEncode(d, 2 * k);
    for (let rep = 0; rep < 5; rep++) {
      const order = Array.from({ length: 2 * k }, (_, i) => i);
      for (let i = 0; i < k; i++) {
        const j = i + rng.below(2 * k - i);
        [order[i], order[j]] = [order[j], order[i]];
      }
      assert.deepEqual(rsRecover(order.slice(0, k).map((x) => ({ x, y: c[x] })), k, 2 * k), c);
    }
  }
  // k - 1 shares do not determine the data: two codewords agree on k - 1 positions yet differ.
  const other = [...data];
  other[0] = (other[0] + 1) % P;
  const c2 = rsEncode(other, 8);
  assert.ok(c2.filter((v, i) => v === code[i]).length <= 3, "distinct codewords share at most k - 1 values (MDS: distance n - k + 1)");
});

test("2-D square (k = 2): every pattern of at most (k+1)^2 - 1 = 8 missing shares is recoverable; the 16 unrecoverable 9-patterns are the (k+1) x (k+1) subgrids (Al-Bassam et al. 2019, section 5)", () => {
  const k = 2;
  const w = 2 * k;
  let unrecoverable9 = 0;
  let subgrids = 0;
  for (let mask = 0; mask < 1 << (w * w); mask++) {
    let missing = 0;
    for (let m = mask; m; m &= m - 1) missing++;
    if (missing > 9) continue;
    const available = new Uint8Array(w * w);
    for (let i = 0; i < w * w; i++) available[i] = (mask >> i) & 1 ? 0 : 1;
    const ok = isRecoverable(available, k);
    if (missing <= 8) assert.ok(ok, `mask ${mask.toString(2)} with ${missing} missing`);
    else if (!ok) {
      unrecoverable9++;
      const rows = new Set<number>();
      const cols = new Set<number>();
      for (let i = 0; i < w * w; i++) if (!available[i]) (rows.add(Math.floor(i / w)), cols.add(i % w));
      if (rows.size === k + 1 && cols.size === k + 1) subgrids++;
    }
  }
  assert.equal(unrecoverable9, 16, "C(4,3)^2 choices of 3 rows and 3 columns");
  assert.equal(subgrids, 16);
});

test("2-D square: real decoding recovers the data from random recoverable patterns; the minimal withholding is unrecoverable and one more share fixes it", () => {
  const rng = new Xoshiro128([7, 7, 7, 7]);
  for (const k of [2, 3, 5]) {
    const w = 2 * k;
    const data = Array.from({ length: k }, () => randomSymbols(k, rng));
    const square = extendSquare(data);
    // every row and every column is a codeword
    for (let i = 0; i < w; i++) {
      assert.deepEqual(rsEncode(square[i].slice(0, k), w), square[i]);
      const col = square.map((r) => r[i]);
      assert.deepEqual(rsEncode(col.slice(0, k), w), col);
    }
    let recovered = 0;
    for (let rep = 0; rep < 30; rep++) {
      const available = new Uint8Array(w * w).fill(1);
      const drop = Math.min(w * w, (k + 1) * (k + 1) + rng.below(k * k));
      for (let d = 0; d < drop; d++) available[rng.below(w * w)] = 0;
      const out = recoverSquare(square, available, k);
      if (isRecoverable(available, k)) {
        assert.deepEqual(out, square);
        recovered++;
      } else assert.equal(out, undefined);
    }
    assert.ok(recovered > 0);
    const minimal = minimalWithholdingMask(k);
    assert.equal(minimal.filter((v) => v === 0).length, minimalWithheld(k, "2d"));
    assert.ok(!isRecoverable(minimal, k));
    assert.equal(recoverSquare(square, minimal, k), undefined);
    for (const i of [0, k * w + k]) {
      const plus = Uint8Array.from(minimal);
      plus[i] = 1;
      assert.ok(isRecoverable(plus, k), `serving share ${i} makes it recoverable`);
      assert.deepEqual(recoverSquare(square, plus, k), square);
    }
    // closeMask never marks a share unavailable
    assert.ok(closeMask(minimal, k).every((v, i) => v >= minimal[i]));
  }
});

test("detection probability: product form equals 1 - C(n-m, s)/C(n, s) in exact rationals; with replacement is lower; samples for 99%", () => {
  const choose = (n: number, r: number): bigint => {
    let x = 1n;
    for (let i = 0; i < r; i++) x = (x * BigInt(n - i)) / BigInt(i + 1);
    return x;
  };
  for (const [n, m, s] of [[16, 9, 3], [128, 65, 8], [4096, 1089, 15], [400, 121, 40]]) {
    const num = choose(n - m, s);
    const den = choose(n, s);
    const exact = 1 - Number((num * 10n ** 18n) / den) / 1e18;
    assert.ok(Math.abs(detectionProbability(n, m, s) - exact) < 1e-12, `n=${n} m=${m} s=${s}`);
    assert.ok(detectionProbabilityWithReplacement(n, m, s) <= detectionProbability(n, m, s));
  }
  // Al-Bassam et al. 2019: withholding (k+1)^2 of (2k)^2 shares, more than a quarter, so with replacement s samples
  // miss with probability below (3/4)^s; since m/n > 1/4 strictly and samples are distinct, 16 suffice here (with
  // replacement at m/n = 1/4 exactly it takes 17, as (3/4)^16 = 0.01002).
  for (const k of [8, 32, 128, 1024]) {
    const n = shareCount(k, "2d");
    const m = minimalWithheld(k, "2d");
    assert.ok(m / n > 0.25);
    assert.ok(samplesForConfidence(n, m, 0.99) <= 16);
    assert.ok(detectionProbability(n, m, samplesForConfidence(n, m, 0.99)) >= 0.99);
    assert.ok(detectionProbability(n, m, samplesForConfidence(n, m, 0.99) - 1) < 0.99);
  }
  // ln(0.01) / ln(0.75) = 16.01: with m/n -> 1/4 exactly 17 samples with replacement.
  assert.equal(samplesForConfidence(1_000_000, 250_000, 0.99, true), 17);
});

test("sampling kernel and reference agree exactly; simulated detection within 4 SE of the exact value", () => {
  for (const [k, layout, s, repl] of [[4, "2d", 5, false], [8, "1d", 3, true], [16, "2d", 2, false]] as const) {
    const mask = withholdingMask(k, layout);
    const a = new Xoshiro128([1, 1, 2, 3]);
    const b = new Xoshiro128([1, 1, 2, 3]);
    assert.deepEqual(simulateSampling(mask, s, 500, repl, a), simulateSamplingReference(mask, 2 * k, s, 500, repl, b));
    assert.deepEqual([...a.state], [...b.state]);
  }
  for (const [k, layout, s, repl] of [[32, "2d", 4, false], [64, "1d", 2, false], [16, "2d", 6, true], [2, "2d", 3, false]] as const) {
    const n = shareCount(k, layout);
    const m = minimalWithheld(k, layout);
    const exact = repl ? detectionProbabilityWithReplacement(n, m, s) : detectionProbability(n, m, s);
    const trials = 40_000;
    const c = simulateSampling(withholdingMask(k, layout), s, trials, repl, rngFor(["das", k, layout, s, repl]).fast);
    const se = Math.sqrt((exact * (1 - exact)) / trials);
    assert.ok(Math.abs(c.detected / trials - exact) <= 4 * se, `k=${k} ${layout} s=${s}: ${c.detected / trials} vs ${exact} (se ${se})`);
    // mean hits per client = s m / n (hypergeometric / binomial mean)
    const hitSe = Math.sqrt((s * (m / n) * (1 - m / n)) / trials);
    assert.ok(Math.abs(c.hits / trials - (s * m) / n) <= 4 * hitSe, "mean hits");
  }
});

test("experiment: PeerDAS preset and bad parameters", () => {
  const p = das.resolve({}, { preset: "peerdas" });
  assert.equal(p.layout, "1d");
  const row = das.run(p, rngFor(["peerdas"]));
  assert.equal(row.shares, 128);
  assert.equal(row.withheld, 65);
  assert.equal(row.patternUnrecoverable, 1);
  assert.throws(() => das.resolve({ k: 2, samples: 17 }), (e: unknown) => e instanceof ParameterError && e.parameter === "samples");
  assert.doesNotThrow(() => das.resolve({ k: 2, samples: 17, withReplacement: true }));
  assert.throws(() => das.resolve({ k: 0 }), (e: unknown) => e instanceof ParameterError && e.parameter === "k");
  assert.throws(() => das.resolve({ layout: "3d" }), (e: unknown) => e instanceof ParameterError && e.parameter === "layout");
  assert.throws(() => das.resolve({ target: 1 }), (e: unknown) => e instanceof ParameterError && e.parameter === "target");
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { gammaln } from "simple-statistics";
import { ParameterError } from "../../../lib/experiment/params";
import { gamblersRuinCatchUp, nakamotoCatchUp, nakamotoCatchUpPaper } from "../../../lib/models/finality/finality-nakamoto";
import { rosenfeldSuccess } from "../../../lib/models/finality/finality-rosenfeld";
import { confirmationsNeeded, confirmationsTable, doubleSpendProbability } from "../../../lib/models/finality/finality-confirmations";

// Nakamoto, "Bitcoin: A Peer-to-Peer Electronic Cash System" (2008), section 11 "Calculations":
// the output of his C function AttackerSuccessProbability as printed in the paper (7 decimals).
// Transcribed from the paper's text (e.g. https://www.satoshism.org/bitcoin-white-paper/ and
// https://enbasitbitcoinkitabi.site/english/pages-html/0165.html, both reproducing section 11).
const NAKAMOTO_Q010: Array<[number, string]> = [
  [0, "1.0000000"], [1, "0.2045873"], [2, "0.0509779"], [3, "0.0131722"], [4, "0.0034552"], [5, "0.0009137"],
  [6, "0.0002428"], [7, "0.0000647"], [8, "0.0000173"], [9, "0.0000046"], [10, "0.0000012"],
];
const NAKAMOTO_Q030: Array<[number, string]> = [
  [0, "1.0000000"], [5, "0.1773523"], [10, "0.0416605"], [15, "0.0101008"], [20, "0.0024804"], [25, "0.0006132"],
  [30, "0.0001522"], [35, "0.0000379"], [40, "0.0000095"], [45, "0.0000024"], [50, "0.0000006"],
];
// Same section, "Solving for P less than 0.1%...".
const NAKAMOTO_P_BELOW_0_1_PERCENT: Array<[number, number]> = [
  [0.1, 5], [0.15, 8], [0.2, 11], [0.25, 15], [0.3, 24], [0.35, 41], [0.4, 89], [0.45, 340],
];

test("Nakamoto 2008 section 11: both tables reproduced to the 7 printed decimals, by the stable sum and by the paper's C code", () => {
  for (const [q, rows] of [[0.1, NAKAMOTO_Q010], [0.3, NAKAMOTO_Q030]] as const) {
    for (const [z, printed] of rows) {
      assert.equal(nakamotoCatchUp(q, z).toFixed(7), printed, `q=${q} z=${z}`);
      assert.equal(nakamotoCatchUpPaper(q, z).toFixed(7), printed, `C code, q=${q} z=${z}`);
    }
  }
});

test("Nakamoto 2008 section 11: confirmationsNeeded reproduces the 'P < 0.1%' table", () => {
  for (const [q, z] of NAKAMOTO_P_BELOW_0_1_PERCENT) {
    assert.equal(confirmationsNeeded(q, 0.001, "nakamoto"), z, `q=${q}`);
    assert.ok(nakamotoCatchUp(q, z) < 0.001 && nakamotoCatchUp(q, z - 1) >= 0.001);
  }
  const table = confirmationsTable();
  assert.deepEqual(table.map((r) => [r.q, r.nakamoto]), NAKAMOTO_P_BELOW_0_1_PERCENT);
});

test("the stable Nakamoto sum equals the paper's C code where the C code is accurate, and stays accurate beyond", () => {
  for (const q of [0.01, 0.1, 0.25, 0.3, 0.45, 0.49]) {
    for (const z of [1, 2, 3, 6, 10, 30, 60, 100]) {
      const c = nakamotoCatchUpPaper(q, z);
      if (c < 1e-6) continue; // the C code computes 1 - (sum close to 1): absolute error ~1e-16
      const stable = nakamotoCatchUp(q, z);
      assert.ok(Math.abs(stable - c) <= 1e-9 * c, `q=${q} z=${z}: ${stable} vs ${c}`);
    }
  }
  // Beyond lambda = 745 the C code's exp(-lambda) underflows and it returns 1; the stable sum does not.
  assert.equal(nakamotoCatchUpPaper(0.49, 1000), 1);
  // The value it should return: Nakamoto's sum (section 11) term by term in log space, where e^-lambda
  // (lambda = 960.8) cannot underflow: sum_k Poisson(k; lambda) min(1, (q/p)^(z-k)), to 1e-9 relative.
  const far = nakamotoCatchUp(0.49, 1000);
  const lambda = (1000 * 0.49) / 0.51;
  let expected = 0;
  for (let k = 0; k < 5000; k++) {
    const logPmf = -lambda + k * Math.log(lambda) - gammaln(k + 1);
    expected += Math.exp(logPmf + (k < 1000 ? (1000 - k) * Math.log(0.49 / 0.51) : 0));
  }
  assert.ok(Math.abs(far - expected) <= 1e-9 * expected, `${far} vs ${expected}`);
  // Tiny probabilities keep their relative precision: compare with the formula summed term by term
  // (Poisson(k) min(1, (q/p)^(z-k)), pmf by recurrence from e^-lambda, no 1 - sum), valid while lambda < 700.
  for (const [q, z] of [[0.1, 100], [0.1, 250], [0.3, 200], [0.45, 600]]) {
    const lambda = (z * q) / (1 - q);
    let pmf = Math.exp(-lambda);
    let direct = 0;
    for (let k = 0; ; k++) {
      direct += pmf * (k < z ? Math.pow(q / (1 - q), z - k) : 1);
      if (k > z && pmf < 1e-20 * direct) break;
      pmf *= lambda / (k + 1);
    }
    const stable = nakamotoCatchUp(q, z);
    assert.ok(Math.abs(stable - direct) <= 1e-11 * direct, `q=${q} z=${z}: ${stable} vs ${direct}`);
  }
});

/** Rosenfeld 2014, eq. (1), in exact rational arithmetic for q = a/b: numerator and denominator of r. */
function rosenfeldExact(a: number, b: number, z: number): [bigint, bigint] {
  const A = BigInt(a), P = BigInt(b - a), B = BigInt(b), Z = BigInt(z);
  // r = 1 - sum_{m=0}^{z} C(m+z-1, m) (p^z q^m - p^m q^z), all over b^(2z).
  let sum = 0n;
  let binom = 1n; // C(m+z-1, m) at m = 0
  for (let m = 0n; m <= Z; m++) {
    if (m > 0n) binom = (binom * (m + Z - 1n)) / m;
    sum += binom * (P ** Z * A ** m - P ** m * A ** Z) * B ** (Z - m);
  }
  const den = B ** (2n * Z);
  return [den - sum, den];
}

function ratioToNumber(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const shift = den.toString(2).length - num.toString(2).length + 64;
  const scaled = shift >= 0 ? (num << BigInt(shift)) / den : num / (den << BigInt(-shift));
  return Number(scaled) * 2 ** -shift;
}

test("Rosenfeld eq. (1): the float sum equals exact rational arithmetic to 1e-12 relative, z up to 300", () => {
  for (const [a, b] of [[1, 10], [1, 4], [3, 10], [2, 5], [9, 20], [49, 100]]) {
    for (const z of [0, 1, 2, 3, 6, 10, 24, 50, 100, 200, 300]) {
      const exact = ratioToNumber(...rosenfeldExact(a, b, z));
      const got = rosenfeldSuccess(a / b, z);
      if (exact < 1e-300) continue; // below what a double can carry with full precision
      assert.ok(Math.abs(got - exact) <= 1e-12 * exact, `q=${a}/${b} z=${z}: ${got} vs exact ${exact}`);
    }
  }
});

/**
 * The model behind eq. (1), summed directly: attacker blocks m ~ NegativeBinomial(z, p)
 * while the merchant waits, then catch-up with (q/p)^(z-m) if m < z (pre-mined block and
 * "strictly ahead" cancel), 1 if m >= z. Tail summed term by term (no 1 - CDF).
 */
function rosenfeldDirect(q: number, z: number, premined = true): number {
  if (z === 0) return premined ? 1 : q / (1 - q);
  const p = 1 - q;
  const rho = q / p;
  let nb = Math.pow(p, z); // P(m = 0)
  let behind = 0;
  let ahead = 0;
  for (let m = 0; ; m++) {
    const deficit = premined ? z - m : z - m + 1;
    if (deficit > 0) behind += nb * Math.pow(rho, deficit);
    else {
      ahead += nb;
      if (nb === 0 || nb < 1e-20 * (ahead + behind)) break; // (nb === 0: everything underflowed)
    }
    nb *= ((z + m) / (m + 1)) * q;
  }
  return behind + ahead;
}

test("Rosenfeld eq. (1) equals the negative-binomial race with catch-up (q/p)^(z-m): 1e-12 relative", () => {
  for (const q of [0.01, 0.1, 0.2, 0.3, 0.4, 0.45]) {
    for (const z of [0, 1, 2, 5, 6, 12, 40, 120, 300]) {
      const direct = rosenfeldDirect(q, z);
      if (direct < 1e-280) continue;
      const r = rosenfeldSuccess(q, z);
      assert.ok(Math.abs(r - direct) <= 1e-12 * direct, `q=${q} z=${z}: ${r} vs direct ${direct}`);
    }
  }
  // The indexing matters: without the pre-mined block the catch-up would need z - m + 1 (and m = z would not be
  // enough); that is a different, smaller number, and eq. (1) would not give r(q, 1) = 2q.
  assert.ok(Math.abs(rosenfeldSuccess(0.3, 1) - 0.6) < 1e-15);
  assert.ok(Math.abs(rosenfeldDirect(0.3, 6, false) - rosenfeldSuccess(0.3, 6)) > 0.01);
});

test("Rosenfeld 2014, Table 1: 0.059% at q = 10% and 15.6% at q = 30%, six confirmations", () => {
  // As quoted (Rosenfeld 2014, Table 1) in the Bitcoin glossary entry "Double Spend" (sources field);
  // the paper's own text was not reachable from here.
  assert.equal((100 * rosenfeldSuccess(0.1, 6)).toFixed(3), "0.059");
  assert.equal((100 * rosenfeldSuccess(0.3, 6)).toFixed(1), "15.6");
});

test("Rosenfeld: exact special cases", () => {
  for (const q of [0, 0.1, 0.3, 0.49]) {
    assert.equal(rosenfeldSuccess(q, 0), 1, `z=0 q=${q}`);
    assert.ok(Math.abs(rosenfeldSuccess(q, 1) - 2 * q) <= 1e-15, `z=1 q=${q}`);
  }
  for (const q of [0.5, 0.6, 1]) for (const z of [0, 1, 6, 1000]) assert.equal(rosenfeldSuccess(q, z), 1);
  assert.equal(rosenfeldSuccess(0, 6), 0);
  assert.ok(Math.abs(gamblersRuinCatchUp(0.25, 3) - 1 / 27) < 1e-17);
  assert.equal(gamblersRuinCatchUp(0.5, 3), 1);
});

test("both models decrease strictly in z and increase strictly in q", () => {
  const qs = [0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.49];
  for (const model of ["rosenfeld", "nakamoto"] as const) {
    for (const q of qs) {
      let previous = Infinity;
      for (let z = 0; z <= 400; z++) {
        const P = doubleSpendProbability(q, z, model);
        if (P === 0) break; // underflow
        assert.ok(P < previous, `${model} q=${q} z=${z}: ${P} >= ${previous}`);
        previous = P;
      }
    }
    for (const z of [1, 2, 6, 24, 100]) {
      let previous = -Infinity;
      for (const q of qs) {
        const P = doubleSpendProbability(q, z, model);
        assert.ok(P > previous, `${model} z=${z} q=${q}`);
        previous = P;
      }
    }
  }
  // (Neither model bounds the other for all z: Rosenfeld's value is the smaller one at z = 1 and, for q near 1/2, up to
  // tens of confirmations; it is the larger one at large z, hence the longer confirmation table below.)
});

test("confirmationsNeeded (Rosenfeld) agrees with a linear search over the direct race sum", () => {
  for (const risk of [0.1, 0.01, 0.001, 1e-6]) {
    for (const q of [0.05, 0.1, 0.2, 0.3, 0.4, 0.45]) {
      let z = 0;
      while (rosenfeldDirect(q, z) > risk) z++;
      assert.equal(confirmationsNeeded(q, risk), z, `q=${q} risk=${risk}`);
    }
  }
  // Regression pin, not a published table: this implementation's values for P <= 0.1% (q = 0.10 ... 0.45),
  // recorded when the linear search above first agreed; they are checked by that search, not by a citation.
  // The exact race needs more confirmations than Nakamoto's table (5, 8, 11, 15, 24, 41, 89, 340).
  assert.deepEqual(
    confirmationsTable().map((r) => r.rosenfeld),
    [6, 9, 13, 20, 32, 58, 133, 539],
  );
  assert.equal(confirmationsNeeded(0.3, 1), 0);
  assert.equal(confirmationsNeeded(0, 1e-9), 1);
});

test("bad parameters throw ParameterError naming the parameter, the value and the allowed range", () => {
  const cases: Array<[() => unknown, string, RegExp]> = [
    [() => rosenfeldSuccess(-0.1, 6), "q", /invalid q: -0.1 \(allowed: a number, 0 <= q <= 1\)/],
    [() => rosenfeldSuccess(1.5, 6), "q", /invalid q: 1.5 .*0 <= q <= 1/],
    [() => rosenfeldSuccess(NaN, 6), "q", /invalid q: NaN/],
    [() => rosenfeldSuccess("0.3" as unknown as number, 6), "q", /invalid q: "0.3"/],
    [() => rosenfeldSuccess(0.3, -1), "z", /invalid z: -1 \(allowed: an integer, 0 <= z <= 1000000\)/],
    [() => rosenfeldSuccess(0.3, 2.5), "z", /invalid z: 2.5 .*integer/],
    [() => nakamotoCatchUp(0.3, NaN), "z", /invalid z: NaN/],
    [() => nakamotoCatchUp(0.3, 1e7), "z", /invalid z: 10000000 .*z <= 1000000/],
    [() => nakamotoCatchUp(Infinity, 6), "q", /invalid q: Infinity/],
    [() => gamblersRuinCatchUp(0.3, -2), "deficit", /invalid deficit: -2/],
    [() => confirmationsNeeded(0.5, 0.001), "q", /invalid q: 0.5 \(allowed: a number, 0 <= q < 0.5/],
    [() => confirmationsNeeded(0.3, 0), "risk", /invalid risk: 0 \(allowed: a number, 0 < risk <= 1\)/],
    [() => confirmationsNeeded(0.3, 1.5), "risk", /invalid risk: 1.5/],
    [() => confirmationsNeeded(0.3, NaN), "risk", /invalid risk: NaN/],
    [() => confirmationsNeeded(0.3, 0.01, "poisson" as "nakamoto"), "model", /invalid model: "poisson" \(allowed: one of rosenfeld, nakamoto\)/],
    [() => confirmationsNeeded(0.49, 1e-6, "rosenfeld", { maxConfirmations: 1000 }), "maxConfirmations", /invalid maxConfirmations: 1000 \(no z <= 1000 gives P <= risk for q = 0.49, risk = 0.000001, model rosenfeld/],
  ];
  for (const [call, name, message] of cases) {
    assert.throws(call, (err: unknown) => err instanceof ParameterError && err.parameter === name && message.test(err.message), `${name}: ${message}`);
  }
});

test("subnormal and tiny q (found by the fuzzer): both closed forms return at once, P(q, 1) = 2q to first order, 0 <= P(q, z) <= 2q", () => {
  // One confirmation: Rosenfeld r(q, 1) = 2q exactly; Nakamoto's P(q, 1) = e^-l (q/p) + 1 - e^-l with l = q/p, also 2q + O(q^2).
  for (const q of [5e-324, 1e-323, 1e-310, 1e-300, 1e-200]) {
    for (const f of [nakamotoCatchUp, rosenfeldSuccess]) {
      const p1 = f(q, 1);
      assert.ok(Math.abs(p1 - 2 * q) <= 1e-12 * 2 * q + 5e-324, `${f.name}(${q}, 1) = ${p1}, expected 2q`);
      for (const z of [2, 6, 100, 1000]) {
        const pz = f(q, z);
        assert.ok(pz >= 0 && pz <= p1, `${f.name}(${q}, ${z}) = ${pz} must lie in [0, P(q, 1)]`);
      }
    }
  }
});

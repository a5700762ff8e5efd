/**
 * Paired differences: hand-computed cases, and common random numbers on the
 * selfish-mining model (Eyal & Sirer 2014): gamma = 1 against gamma = 0 at the
 * same alpha on the same streams gives a far narrower interval of the
 * difference than independent streams (Law 2015, section 11.2).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { pairedDifference } from "../../lib/stats/paired-difference";
import { tQuantile } from "../../lib/stats/t-interval";
import { selfishMining } from "../../lib/models/selfish-mining/experiment";
import { selfishRevenue } from "../../lib/models/selfish-mining/closed-form";
import { sweep } from "../../lib/sweep/sweep";

test("by hand: treatment 3, 5, 7 against control 1, 2, 3 gives differences 2, 3, 4: 3 +- t_{0.975,2} / sqrt(3)", () => {
  const rows = [
    { g: 0, seed: 1, replicate: 0, y: 1 },
    { g: 0, seed: 1, replicate: 1, y: 2 },
    { g: 0, seed: 1, replicate: 2, y: 3 },
    { g: 1, seed: 1, replicate: 0, y: 3 },
    { g: 1, seed: 1, replicate: 1, y: 5 },
    { g: 1, seed: 1, replicate: 2, y: 7 },
  ];
  const [d] = pairedDifference(rows, { y: "y", treatment: { g: 1 }, control: { g: 0 } }).objects() as Array<Record<string, number>>;
  assert.equal(d.n, 3);
  assert.equal(d.diff_mean, 3);
  assert.equal(d.diff_sd, 1);
  const half = tQuantile(0.95, 2) / Math.sqrt(3); // 4.303 / 1.732 = 2.484
  assert.ok(Math.abs(d.diff_hi - 3 - half) < 1e-12 && Math.abs(3 - d.diff_lo - half) < 1e-12);
  assert.equal(d.correlation, 1);
});

test("within a row: y minus another column, by groups", () => {
  const rows = [
    { a: 1, replicate: 0, y: 2, base: 1 },
    { a: 1, replicate: 1, y: 4, base: 1 },
    { a: 2, replicate: 0, y: 5, base: 5 },
    { a: 2, replicate: 1, y: 5, base: 5 },
  ];
  const out = pairedDifference(rows, { y: "y", control: "base", by: ["a"] }).objects() as Array<Record<string, number>>;
  assert.deepEqual(out.map((r) => [r.a, r.diff_mean, r.n]), [[1, 2, 2], [2, 0, 2]]);
});

test("a treatment without matching control rows, or an unknown column, is an error naming it", () => {
  const rows = [{ g: 0, replicate: 0, y: 1 }];
  assert.throws(() => pairedDifference(rows, { y: "y", treatment: { g: 2 }, control: { g: 0 } }), /invalid treatment/);
  assert.throws(() => pairedDifference(rows, { y: "nope", control: "y" }), /invalid y\/by: "?nope"?/);
});

test("selfish mining, gamma = 1 vs 0 at alpha = 0.3: common random numbers shrink the paired interval and it covers the closed-form difference", () => {
  const grid = { alpha: [0.3], gamma: [0, 1], blocks: [20_000] };
  const crn = sweep(selfishMining, grid, { replicates: 8, seed: 3, commonRandomNumbers: true });
  const indep = sweep(selfishMining, grid, { replicates: 8, seed: 3 });
  const opts = { y: "revenue", treatment: { gamma: 1 }, control: { gamma: 0 }, by: ["alpha"] };
  const [a] = pairedDifference(crn.rows, opts).objects() as Array<Record<string, number>>;
  const [b] = pairedDifference(indep.rows, opts).objects() as Array<Record<string, number>>;
  // Same streams: the rows of the two gammas share their stream seed, replicate by replicate.
  const streams = crn.rows.objects() as Array<Record<string, unknown>>;
  assert.equal(streams.filter((r) => r.gamma === 0)[0].stream, streams.filter((r) => r.gamma === 1)[0].stream);
  assert.ok(a.correlation > 0.5, `CRN correlation ${a.correlation}`);
  assert.ok(a.diff_se < b.diff_se / 2, `CRN se ${a.diff_se} vs independent ${b.diff_se}`);
  // Eq. 8 difference R(0.3, 1) - R(0.3, 0); a 95% interval, so this fails 5% of seeds: seed 3 is fixed, not tuned
  // (the check is that it is a proper interval of the right quantity; the coverage of the t-interval is tested above).
  const truth = selfishRevenue(0.3, 1) - selfishRevenue(0.3, 0);
  assert.ok(a.diff_lo <= truth && truth <= a.diff_hi, `[${a.diff_lo}, ${a.diff_hi}] vs ${truth}`);
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ParameterError } from "../../lib/experiment/params";
import {
  PartitionState,
  resolvePartitionSchedule,
  validatePartitionSchedule,
  type PartitionScheduleSpec,
  type ResolvedPartitionWindow,
} from "../../lib/network/partition-schedule";
import { fiftyFifty, isolate, minorityCut, partialSynchrony, weightSplit } from "../../lib/network/partition-scenarios";
import { rngFor } from "../../lib/random/seed";
import type { Xoshiro128 } from "../../lib/random/xoshiro128";

/** A seeded stream per test case (SHA-256 derived: nearby seeds give unrelated states). */
const xo = (s: number): Xoshiro128 => rngFor(["partition-schedule-test", s]).fast;

/** Node count of each group, counted from the group array. */
function groupSizes(w: ResolvedPartitionWindow): number[] {
  const sizes = new Array(w.groupCount).fill(0);
  for (const k of w.group) sizes[k]++;
  return sizes;
}

/** Throws a ParameterError naming `parameter`, whose message shows `value` and whose allowed range matches `allowed`. */
function assertParamError(fn: () => unknown, parameter: string, value: string, allowed: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ParameterError, `not a ParameterError: ${String(e)}`);
    assert.equal(e.parameter, parameter);
    assert.ok(e.message.includes(value), `message ${JSON.stringify(e.message)} should show the value ${value}`);
    assert.match(e.allowed, allowed);
    return true;
  });
}

// ---------------------------------------------------------------- splits

/** Weight vectors from several shapes: uniform, exponential, Pareto (alpha 1.2, heavy tail), one whale, small integers with zeros. */
function randomWeights(n: number, shape: number, rng: Xoshiro128): Float64Array {
  const w = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    const u = rng.nextFloat();
    if (shape === 0) w[v] = u;
    else if (shape === 1) w[v] = -Math.log(1 - u);
    else if (shape === 2) w[v] = Math.pow(1 - u, -1 / 1.2);
    else if (shape === 3) w[v] = v === 0 ? n : u;
    else w[v] = rng.below(3);
  }
  if (shape === 4) w[rng.below(n)] += 1; // total > 0
  return w;
}

test("splits by weight: every group's weight (the rest included) is within one node's (largest) weight of share * total, over 1,500 seeded weight vectors", () => {
  const rng = xo(1);
  let checked = 0;
  for (let trial = 0; trial < 1500; trial++) {
    const n = 1 + rng.below(300);
    const weights = randomWeights(n, trial % 5, rng);
    const m = 1 + rng.below(4);
    // m shares in (0, 1) summing to < 1: m + 1 uniform parts, the last one the rest.
    const parts = Array.from({ length: m + 1 }, () => 0.05 + rng.nextFloat());
    const sum = parts.reduce((a, b) => a + b, 0);
    const shares = parts.slice(0, m).map((p) => p / sum);
    const [w] = resolvePartitionSchedule([{ startS: 0, durationS: 1, groups: { by: "weight", shares } }], n, { weights, rng: xo(trial) });
    assert.equal(w.groupCount, m + 1);
    const total = weights.reduce((a, b) => a + b, 0);
    const wmax = Math.max(...weights);
    const got = new Array(m + 1).fill(0);
    for (let v = 0; v < n; v++) {
      assert.ok(w.group[v] >= 0 && w.group[v] <= m, `node ${v} in group ${w.group[v]}`);
      got[w.group[v]] += weights[v];
    }
    const targets = [...shares, 1 - shares.reduce((a, b) => a + b, 0)].map((s) => s * total);
    for (let k = 0; k <= m; k++) {
      // Strict bound from the proof, plus float rounding of sums of n terms.
      assert.ok(Math.abs(got[k] - targets[k]) < wmax + 1e-9 * total, `trial ${trial}, n ${n}, group ${k}: weight ${got[k]}, target ${targets[k]}, largest node ${wmax}`);
      checked++;
    }
  }
  assert.ok(checked > 3000);
});

test("split by weight, equal weights: share 0.35 of 10 nodes takes ceil(3.5) = 4 nodes (the group stops once it reaches its target)", () => {
  for (let seed = 0; seed < 20; seed++) {
    const [w] = resolvePartitionSchedule([{ startS: 0, durationS: 1, groups: { by: "weight", shares: [0.35] } }], 10, { weights: new Array(10).fill(2), rng: xo(seed) });
    assert.deepEqual(groupSizes(w), [4, 6]);
  }
});

test("split by weight: a whale of half the weight, share 0.5, is alone in group 0 when drawn first, otherwise joined by the small nodes drawn before it", () => {
  // weights [5, 1, 1, 1, 1, 1], total 10, target 5: group 0 = the nodes up to and including the whale, unless the five small ones come first.
  const weights = [5, 1, 1, 1, 1, 1];
  const seen = new Set<number>();
  for (let seed = 0; seed < 200; seed++) {
    const [w] = resolvePartitionSchedule([{ startS: 0, durationS: 1, groups: { by: "weight", shares: [0.5] } }], 6, { weights, rng: xo(seed) });
    let weight0 = 0;
    for (let v = 0; v < 6; v++) if (w.group[v] === 0) weight0 += weights[v];
    if (w.group[0] === 0) assert.ok(weight0 >= 5 && weight0 <= 9, `seed ${seed}: group 0 weighs ${weight0}`);
    else assert.equal(weight0, 5, `seed ${seed}: without the whale, five small nodes reach 5`);
    seen.add(weight0);
  }
  assert.ok(seen.has(5) && seen.size >= 3, `weights of group 0 seen: ${[...seen]}`);
});

test("splits by fraction have exactly round(share * n) nodes per group, the rest n minus their sum", () => {
  const cases: [number, number[], number[]][] = [
    [7, [0.3, 0.2], [2, 1, 4]],
    [10, [0.5], [5, 5]],
    [3, [0.5], [2, 1]], // round(1.5) = 2
    [1000, [0.333, 0.25, 0.1], [333, 250, 100, 317]],
    [2, [0.25], [1, 1]],
  ];
  for (const [n, shares, sizes] of cases) {
    for (let seed = 0; seed < 5; seed++) {
      const [w] = resolvePartitionSchedule([{ startS: 0, durationS: 1, groups: { by: "fraction", shares } }], n, { rng: xo(seed) });
      assert.deepEqual(groupSizes(w), sizes, `n ${n}, shares ${shares}`);
    }
  }
});

test("splits by fraction draw members uniformly: over 2,000 seeds each of 10 nodes is in the 30% group 600 +- 4 SE times", () => {
  const R = 2000;
  const p = 0.3;
  const counts = new Array(10).fill(0);
  for (let seed = 0; seed < R; seed++) {
    const [w] = resolvePartitionSchedule([{ startS: 0, durationS: 1, groups: { by: "fraction", shares: [p] } }], 10, { rng: xo(seed + 1) });
    for (let v = 0; v < 10; v++) if (w.group[v] === 0) counts[v]++;
  }
  // Each count is Binomial(R, 0.3): SE = sqrt(R p (1 - p)) = 20.5; 4 SE per node keeps the family-wise false alarm rate below 1e-3.
  const se = Math.sqrt(R * p * (1 - p));
  for (let v = 0; v < 10; v++) assert.ok(Math.abs(counts[v] - R * p) < 4 * se, `node ${v}: ${counts[v]} of ${R}`);
});

test("explicit lists are taken as given, unlisted nodes form one more group, present only if some node is unlisted; no draws", () => {
  const rng = xo(5);
  const before = Array.from(rng.state);
  const [a, b, c] = resolvePartitionSchedule(
    [
      { startS: 0, durationS: 1, groups: { by: "nodes", groups: [[4, 0], [2]] } },
      { startS: 1, durationS: 1, groups: { by: "nodes", groups: [[0, 1, 2], [3, 4, 5]] } },
      { startS: 2, durationS: 1 },
    ],
    6,
    { rng },
  );
  assert.deepEqual(Array.from(a.group), [0, 2, 1, 2, 0, 2]);
  assert.equal(a.groupCount, 3);
  assert.deepEqual(Array.from(a.cut), [0, 1, 1, 1, 0, 1, 1, 1, 0]);
  assert.deepEqual(Array.from(b.group), [0, 0, 0, 1, 1, 1]);
  assert.equal(b.groupCount, 2);
  assert.deepEqual(Array.from(c.group), [0, 0, 0, 0, 0, 0], "groups omitted: one group");
  assert.equal(c.groupCount, 1);
  assert.deepEqual(Array.from(rng.state), before);
});

test("resolved windows: heal times, modes, delays in seconds, cut links sorted and de-duplicated as min * n + max", () => {
  const [a, b] = resolvePartitionSchedule(
    [
      { startS: 10, durationS: 5, mode: "hold", groups: { by: "fraction", shares: [0.5] }, cutGroups: [], delayMs: [[0, 250], [400, 1]] },
      { startS: 15, durationS: null, cutLinks: [[7, 2], [0, 9], [2, 7], [3, 1]] },
    ],
    10,
    { rng: xo(1) },
  );
  assert.equal(a.endS, 15);
  assert.equal(a.mode, "hold");
  assert.deepEqual(Array.from(a.cut), [0, 0, 0, 0]);
  assert.deepEqual(Array.from(a.delayS), [0, 0.25, 0.4, 0.001]);
  assert.equal(b.endS, Infinity);
  assert.equal(b.mode, "drop");
  assert.deepEqual(Array.from(b.cutLinks), [9, 13, 27]);
});

// ---------------------------------------------------------------- determinism, JSON

const SCHEDULE: PartitionScheduleSpec = [
  { startS: 600, durationS: 1200, mode: "hold", groups: { by: "weight", shares: [0.3] } },
  { startS: 1800, durationS: 60, groups: { by: "fraction", shares: [0.2, 0.3] }, cutGroups: [[0, 2]], delayMs: [[0, 5, 0], [0, 0, 7], [0, 9, 0]] },
  { startS: 3600, durationS: null, groups: { by: "nodes", groups: [[0, 1, 2], [3, 4]] }, cutGroups: [[0, 1]], cutLinks: [[5, 6]] },
];
const WEIGHTS = Array.from({ length: 50 }, (_, v) => 1 + (v % 7));

test("same seed, same groups; another seed, other groups", () => {
  const a = resolvePartitionSchedule(SCHEDULE, 50, { weights: WEIGHTS, rng: xo(42) });
  const b = resolvePartitionSchedule(SCHEDULE, 50, { weights: WEIGHTS, rng: xo(42) });
  const c = resolvePartitionSchedule(SCHEDULE, 50, { weights: WEIGHTS, rng: xo(43) });
  assert.deepEqual(a, b);
  assert.notDeepEqual(Array.from(a[0].group), Array.from(c[0].group));
  assert.notDeepEqual(Array.from(a[1].group), Array.from(c[1].group));
  assert.deepEqual(Array.from(a[2].group), Array.from(c[2].group), "explicit lists do not depend on the seed");
});

test("JSON round trip: a schedule survives JSON.stringify / JSON.parse (and its JSON text validates directly); Infinity duration becomes null", () => {
  const text = JSON.stringify(SCHEDULE);
  const parsed = validatePartitionSchedule(JSON.parse(text), 50, WEIGHTS);
  assert.deepEqual(parsed, SCHEDULE);
  assert.deepEqual(validatePartitionSchedule(text, 50, WEIGHTS), SCHEDULE);
  assert.deepEqual(JSON.parse(JSON.stringify(parsed)), JSON.parse(text));
  assert.deepEqual(resolvePartitionSchedule(JSON.parse(text), 50, { weights: WEIGHTS, rng: xo(3) }), resolvePartitionSchedule(SCHEDULE, 50, { weights: WEIGHTS, rng: xo(3) }));
  const forever = validatePartitionSchedule([{ startS: 1, durationS: Infinity }], 4);
  assert.equal(forever[0].durationS, null);
  assert.deepEqual(validatePartitionSchedule(JSON.parse(JSON.stringify([{ startS: 1, durationS: Infinity }])), 4), forever);
});

test("validation returns a copy of the known fields: changing the input afterwards changes nothing", () => {
  const input = JSON.parse(JSON.stringify(SCHEDULE));
  const out = validatePartitionSchedule(input, 50, WEIGHTS);
  input[1].groups.shares[0] = 0.9;
  input[2].groups.groups[0].push(9);
  assert.deepEqual(out, SCHEDULE);
});

test("scenario builders give schedules that validate and resolve as described", () => {
  const weights = Array.from({ length: 20 }, (_, v) => v + 1);
  const schedule = [fiftyFifty(0, 10), minorityCut(0.2, 10, 5, { mode: "hold" }), weightSplit(0.4, 20, 5), isolate([3, 4], 30, 1), partialSynchrony(100, 0.3)].map((w, i) =>
    i === 4 ? { ...w, startS: 40 } : w,
  );
  const [half, minority, byWeight, iso, ps] = resolvePartitionSchedule(schedule, 20, { weights, rng: xo(9) });
  assert.deepEqual(groupSizes(half), [10, 10]);
  assert.deepEqual(groupSizes(minority), [4, 16]);
  assert.equal(minority.mode, "hold");
  assert.equal(byWeight.groupCount, 2);
  assert.deepEqual(Array.from(iso.group).map((k, v) => (k === 0 ? v : -1)).filter((v) => v >= 0), [3, 4]);
  assert.equal(ps.mode, "hold");
  assert.equal(ps.endS, 140);
  assertParamError(() => minorityCut(0.5, 0, 1), "share", "0.5", /0 < share < 0.5/);
});

test("the two-window example in partition-schedule.ts's header validates and resolves as its text says", () => {
  const source = readFileSync(join(__dirname, "../../../lib/network/partition-schedule.ts"), "utf8");
  const block = /--partitions '([\s\S]*?)'/.exec(source);
  assert.ok(block, "example not found");
  const json = block[1].replace(/^\s*\*\s?/gm, "");
  const weights = Array.from({ length: 20 }, (_, v) => v + 1);
  const [first, second] = resolvePartitionSchedule(JSON.parse(json), 20, { weights, rng: xo(1) });
  assert.equal(first.startS, 600);
  assert.equal(first.endS, 1800);
  assert.equal(first.mode, "hold");
  assert.equal(second.endS, Infinity);
  assert.equal(second.groupCount, 3);
  const state = new PartitionState([first, second]);
  state.activate(1);
  assert.equal(state.isCut(0, 3), true);
  assert.equal(state.isCut(0, 7), false);
  assert.equal(state.isCut(6, 5), true);
  assert.equal(state.extraDelayS(0, 7), 0.25);
  assert.equal(state.extraDelayS(7, 0), 0.4);
});

// ---------------------------------------------------------------- errors

const win = (extra: Record<string, unknown>) => [{ startS: 0, durationS: 10, ...extra }];

test("overlapping or unsorted windows name the later window's startS, its value and the previous heal time", () => {
  assertParamError(() => validatePartitionSchedule([{ startS: 0, durationS: 5 }, { startS: 4, durationS: 1 }], 10), "partitions[1].startS", "4", />= 5 .*partitions\[0\] heals at 5/);
  assertParamError(() => validatePartitionSchedule([{ startS: 10, durationS: 5 }, { startS: 0, durationS: 1 }], 10), "partitions[1].startS", "0", />= 15/);
  assertParamError(() => validatePartitionSchedule([{ startS: 0, durationS: null }, { startS: 100, durationS: 1 }], 10), "partitions[1].startS", "100", /never heals/);
  // Touching is allowed: the next starts at the previous heal.
  assert.equal(validatePartitionSchedule([{ startS: 0, durationS: 5 }, { startS: 5, durationS: 1 }], 10).length, 2);
});

test("start and duration: startS finite >= 0, durationS > 0 or null", () => {
  assertParamError(() => validatePartitionSchedule(win({ startS: -1 }), 10), "partitions[0].startS", "-1", />= 0/);
  assertParamError(() => validatePartitionSchedule([{ durationS: 1 }], 10), "partitions[0].startS", "undefined", />= 0/);
  assertParamError(() => validatePartitionSchedule(win({ durationS: 0 }), 10), "partitions[0].durationS", "0", /> 0 .*or null/);
  assertParamError(() => validatePartitionSchedule(win({ durationS: "5" }), 10), "partitions[0].durationS", '"5"', /> 0/);
});

test("cutGroups: a group index beyond the group count (the rest group included) names the index, the value and 0 <= group < g", () => {
  const groups = { by: "fraction", shares: [0.2, 0.3] }; // g = 3: groups 0, 1 and the rest 2
  assert.ok(validatePartitionSchedule(win({ groups, cutGroups: [[0, 2]] }), 10));
  assertParamError(() => validatePartitionSchedule(win({ groups, cutGroups: [[0, 2], [1, 3]] }), 10), "partitions[0].cutGroups[1][1]", "3", /0 <= group index < 3 .*2 the rest/);
  assertParamError(() => validatePartitionSchedule(win({ groups, cutGroups: [[1, 1]] }), 10), "partitions[0].cutGroups[0]", "[1,1]", /two different/);
  assertParamError(() => validatePartitionSchedule(win({ groups, cutGroups: [[0]] }), 10), "partitions[0].cutGroups[0]", "[0]", /pair/);
  // Explicit lists covering every node have no rest group.
  assertParamError(() => validatePartitionSchedule(win({ groups: { by: "nodes", groups: [[0, 1], [2]] }, cutGroups: [[0, 2]] }), 3), "partitions[0].cutGroups[0][1]", "2", /< 2/);
});

test("bad shares name the share, its value and (0, 1) / sum < 1 / at least one node", () => {
  assertParamError(() => validatePartitionSchedule(win({ groups: { by: "fraction", shares: [0.5, 0] } }), 10), "partitions[0].groups.shares[1]", "0", /0 < share < 1/);
  assertParamError(() => validatePartitionSchedule(win({ groups: { by: "weight", shares: [1] } }), 10, new Array(10).fill(1)), "partitions[0].groups.shares[0]", "1", /0 < share < 1/);
  assertParamError(() => validatePartitionSchedule(win({ groups: { by: "fraction", shares: ["0.5"] } }), 10), "partitions[0].groups.shares[0]", '"0.5"', /0 < share < 1/);
  assertParamError(() => validatePartitionSchedule(win({ groups: { by: "fraction", shares: [0.5, 0.5] } }), 10), "partitions[0].groups.shares", "[0.5,0.5]", /summing to < 1 .*\[0\.5\] splits in halves/);
  assertParamError(() => validatePartitionSchedule(win({ groups: { by: "fraction", shares: [] } }), 10), "partitions[0].groups.shares", "[]", /non-empty/);
  assertParamError(() => validatePartitionSchedule(win({ groups: { by: "fraction", shares: [0.5, 0.04] } }), 10), "partitions[0].groups.shares[1]", "0.04", /round\(share \* n\) >= 1.*share >= 0.05/);
  assertParamError(() => validatePartitionSchedule(win({ groups: { by: "fraction", shares: [0.3, 0.3, 0.3] } }), 5), "partitions[0].groups.shares", "[0.3,0.3,0.3]", /2, 2, 2.*at most n - 1 = 4/);
});

test("bad delay matrices name the matrix, the row or the entry, with the g x g shape", () => {
  const groups = { by: "nodes", groups: [[0], [1]] }; // g = 3 with the rest
  const ok = [[0, 0, 1], [0, 0, 0], [2, 0, 0]];
  assert.ok(validatePartitionSchedule(win({ groups, cutGroups: [[0, 1]], delayMs: ok }), 5));
  assertParamError(() => validatePartitionSchedule(win({ groups, cutGroups: [], delayMs: [[0, 0], [0, 0]] }), 5), "partitions[0].delayMs", "[[0,0],[0,0]]", /3 x 3 matrix/);
  assertParamError(() => validatePartitionSchedule(win({ groups, cutGroups: [], delayMs: [[0, 0, 0], [0, 0], [0, 0, 0]] }), 5), "partitions[0].delayMs[1]", "[0,0]", /row of 3 numbers/);
  assertParamError(() => validatePartitionSchedule(win({ groups, cutGroups: [], delayMs: [[0, -1, 0], [0, 0, 0], [0, 0, 0]] }), 5), "partitions[0].delayMs[0][1]", "-1", /finite number >= 0/);
  assertParamError(() => validatePartitionSchedule(win({ groups, cutGroups: [], delayMs: [[0, 0, 0], [0, 0, null], [0, 0, 0]] }), 5), "partitions[0].delayMs[1][2]", "null", /finite number >= 0/);
  // Group 0 and 1 are cut: a delay between them would never apply.
  assertParamError(() => validatePartitionSchedule(win({ groups, cutGroups: [[0, 1]], delayMs: [[0, 3, 0], [0, 0, 0], [0, 0, 0]] }), 5), "partitions[0].delayMs[0][1]", "3", /groups 0 and 1 are cut/);
});

test("unknown fields, kinds and modes are rejected with the list of known ones", () => {
  assertParamError(() => validatePartitionSchedule(win({ heal: 5 }), 10), "partitions[0].heal", "5", /startS, durationS, groups, mode, cutGroups, cutLinks, delayMs/);
  assertParamError(() => validatePartitionSchedule(win({ groups: { by: "fraction", shares: [0.5], groups: [[1]] } }), 10), "partitions[0].groups.groups", "[[1]]", /one of by, shares/);
  assertParamError(() => validatePartitionSchedule(win({ groups: { by: "nodes", groups: [[1]], shares: [0.5] } }), 10), "partitions[0].groups.shares", "[0.5]", /one of by, groups/);
  assertParamError(() => validatePartitionSchedule(win({ groups: { by: "stake", shares: [0.5] } }), 10), "partitions[0].groups.by", '"stake"', /fraction, weight, nodes/);
  assertParamError(() => validatePartitionSchedule(win({ mode: "delay" }), 10), "partitions[0].mode", '"delay"', /drop, hold/);
  const e = (() => {
    try {
      validatePartitionSchedule(win({ heal: 5 }), 10);
    } catch (err) {
      return err as Error;
    }
  })();
  assert.match(String(e?.message), /unknown parameter of partitions\[0\]: partitions\[0\]\.heal = 5 \(known: startS/);
});

test("by weight needs weights of length n, each finite >= 0, total > 0", () => {
  const groups = { by: "weight", shares: [0.5] };
  assertParamError(() => validatePartitionSchedule(win({ groups }), 4), "partitions[0].groups.by", '"weight"', /no node weights were given.*n = 4/);
  assertParamError(() => validatePartitionSchedule(win({ groups }), 4, [1, 1, 1]), "weights", "length 3", /length n = 4/);
  assertParamError(() => validatePartitionSchedule(win({ groups }), 4, [1, -1, 1, 1]), "weights[1]", "-1", /finite number >= 0/);
  assertParamError(() => validatePartitionSchedule(win({ groups }), 4, [0, 0, 0, 0]), "weights", "total 0", /total > 0/);
  // Weights are not needed (nor checked) without a split by weight.
  assert.ok(validatePartitionSchedule(win({ groups: { by: "fraction", shares: [0.5] } }), 4, [0, 0, 0, 0]));
});

test("explicit lists: node ids in range, in at most one group, lists non-empty", () => {
  assertParamError(() => validatePartitionSchedule(win({ groups: { by: "nodes", groups: [[0, 1], [2, 10]] } }), 10), "partitions[0].groups.groups[1][1]", "10", /0 <= node < n = 10/);
  assertParamError(() => validatePartitionSchedule(win({ groups: { by: "nodes", groups: [[0, 1], [2, 1]] } }), 10), "partitions[0].groups.groups[1][1]", "1", /at most one group .*already in partitions\[0\]\.groups\.groups\[0\]/);
  assertParamError(() => validatePartitionSchedule(win({ groups: { by: "nodes", groups: [[0, 1.5]] } }), 10), "partitions[0].groups.groups[0][1]", "1.5", /integer/);
  assertParamError(() => validatePartitionSchedule(win({ groups: { by: "nodes", groups: [[0], []] } }), 10), "partitions[0].groups.groups[1]", "[]", /non-empty/);
  assertParamError(() => validatePartitionSchedule(win({ groups: { by: "nodes", groups: [] } }), 10), "partitions[0].groups.groups", "[]", /non-empty/);
});

test("cut links: node ids in range and two different nodes; the schedule itself must be an array (or its JSON text)", () => {
  assertParamError(() => validatePartitionSchedule(win({ cutLinks: [[0, 1], [3, 12]] }), 10), "partitions[0].cutLinks[1][1]", "12", /0 <= node < 10/);
  assertParamError(() => validatePartitionSchedule(win({ cutLinks: [[4, 4]] }), 10), "partitions[0].cutLinks[0]", "[4,4]", /two different nodes/);
  assertParamError(() => validatePartitionSchedule({ startS: 0, durationS: 1 }, 10), "partitions", '{"startS":0,"durationS":1}', /array of windows/);
  assertParamError(() => validatePartitionSchedule("[{startS: 0}]", 10), "partitions", "[{startS: 0}]", /JSON text/);
  assertParamError(() => validatePartitionSchedule([5], 10, undefined, "partitionSchedule"), "partitionSchedule[0]", "5", /object with fields/);
});

// ---------------------------------------------------------------- run-time state

test("PartitionState.isCut equals a direct reading of the window (group pairs cut or node pair listed), for random windows; nothing is cut when healed", () => {
  const rng = xo(77);
  for (let trial = 0; trial < 60; trial++) {
    const n = 2 + rng.below(40);
    const links: [number, number][] = [];
    for (let k = rng.below(6); k > 0; k--) {
      const a = rng.below(n);
      const b = (a + 1 + rng.below(n - 1)) % n;
      links.push([a, b]);
    }
    const pairs: [number, number][] | undefined = trial % 2 === 0 ? undefined : [[0, 2], [1, 2]].filter(() => rng.below(2) === 1) as [number, number][];
    const spec = [{ startS: 0, durationS: 1, groups: { by: "fraction", shares: [0.3, 0.3] }, cutGroups: pairs, cutLinks: links }];
    if (pairs === undefined) delete spec[0].cutGroups;
    if (n < 6) spec[0].groups = { by: "nodes", groups: [[0], [1]] } as never;
    const windows = resolvePartitionSchedule(spec, n, { rng: xo(trial) });
    const state = new PartitionState(windows);
    const linkSet = new Set(links.map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`));
    const pairSet = pairs && new Set(pairs.map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`));
    const group = windows[0].group;
    assert.equal(state.isCut(0, 1), false, "inactive");
    state.activate(0);
    assert.equal(state.active, 0);
    assert.equal(state.activeWindow, windows[0]);
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        const ga = Math.min(group[a], group[b]);
        const gb = Math.max(group[a], group[b]);
        const groupCut = ga !== gb && (pairSet === undefined || pairSet.has(`${ga}-${gb}`));
        const expected = groupCut || linkSet.has(`${Math.min(a, b)}-${Math.max(a, b)}`);
        assert.equal(state.isCut(a, b), expected, `trial ${trial}: ${a} -> ${b}`);
      }
    }
    state.heal();
    assert.equal(state.active, -1);
    assert.equal(state.activeWindow, null);
    for (let a = 0; a < n; a++) assert.equal(state.isCut(a, (a + 1) % n), false);
  }
});

test("PartitionState: extra delay is per ordered group pair (asymmetric), only while its window is active; windows switch", () => {
  const windows = resolvePartitionSchedule(
    [
      { startS: 0, durationS: 1, groups: { by: "nodes", groups: [[0, 1]] }, cutGroups: [], delayMs: [[1, 250], [400, 0]] },
      { startS: 1, durationS: 1, cutLinks: [[2, 3]] },
    ],
    4,
    { rng: xo(1) },
  );
  const state = new PartitionState(windows);
  assert.equal(state.extraDelayS(0, 2), 0);
  state.activate(0);
  assert.equal(state.extraDelayS(0, 2), 0.25);
  assert.equal(state.extraDelayS(3, 1), 0.4);
  assert.equal(state.extraDelayS(1, 0), 0.001);
  assert.equal(state.extraDelayS(2, 3), 0);
  assert.equal(state.isCut(0, 2), false, "cutGroups [] cuts no group pair");
  state.activate(1);
  assert.equal(state.extraDelayS(0, 2), 0);
  assert.equal(state.isCut(0, 2), false);
  assert.equal(state.isCut(3, 2), true);
  state.heal();
  assert.equal(state.isCut(3, 2), false);
  assert.throws(() => state.activate(2), RangeError);
});

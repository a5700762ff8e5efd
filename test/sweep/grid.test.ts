import { test } from "node:test";
import assert from "node:assert/strict";
import { num } from "../../lib/experiment/params";
import { cartesian, checkGrid, linspace, parseAxis, product, range, zip } from "../../lib/sweep/grid";

test("range excludes stop and has no binary noise", () => {
  assert.deepEqual(range(0, 0.5, 0.1), [0, 0.1, 0.2, 0.3, 0.4]);
  assert.equal(range(0, 0.5, 0.025).length, 20);
  assert.equal(range(0, 0.5, 0.025)[7], 0.175);
  assert.deepEqual(range(1, 0, -0.5), [1, 0.5]);
  assert.throws(() => range(0, 1, 0), /step: 0/);
  assert.throws(() => range(1, 0, 0.1), /empty/);
});

test("linspace includes both ends", () => {
  assert.deepEqual(linspace(0, 1, 5), [0, 0.25, 0.5, 0.75, 1]);
});

test("cartesian: first axis slowest; zip pairs; product combines", () => {
  assert.deepEqual(cartesian({ a: [1, 2], b: ["x", "y"] }), [
    { a: 1, b: "x" },
    { a: 1, b: "y" },
    { a: 2, b: "x" },
    { a: 2, b: "y" },
  ]);
  assert.deepEqual(zip({ n: [4, 7], f: [1, 2] }), [
    { n: 4, f: 1 },
    { n: 7, f: 2 },
  ]);
  assert.throws(() => zip({ n: [4, 7], f: [1] }), /equal lengths/);
  assert.equal(product(zip({ n: [4, 7], f: [1, 2] }), cartesian({ d: [1, 2, 3] })).length, 6);
  assert.throws(() => cartesian({ a: [] }), /non-empty/);
});

test("parseAxis reads values, lists and ranges and checks each value", () => {
  const spec = num({ default: 0, unit: "", min: 0, max: 0.5, maxExclusive: true, doc: "" });
  assert.deepEqual(parseAxis("alpha", spec, "0.3"), [0.3]);
  assert.deepEqual(parseAxis("alpha", spec, "0,0.25"), [0, 0.25]);
  assert.deepEqual(parseAxis("alpha", spec, "0:0.5:0.125"), [0, 0.125, 0.25, 0.375]);
  assert.throws(() => parseAxis("alpha", spec, "0:0.6:0.1"), /invalid alpha: 0.5 .*0 <= alpha < 0.5/);
  assert.throws(() => parseAxis("alpha", spec, "0:0.5"), /invalid alpha: "0:0.5"/);
  assert.throws(() => parseAxis("alpha", spec, "0,x"), /invalid alpha: "x"/);
});

test("checkGrid rejects empty grids and unknown names", () => {
  const schema = { a: num({ default: 0, unit: "", min: 0, max: 1, doc: "" }) };
  assert.throws(() => checkGrid(schema, []), /no points/);
  assert.throws(() => checkGrid(schema, [{ b: 1 }]), /unknown parameter: b = 1/);
});

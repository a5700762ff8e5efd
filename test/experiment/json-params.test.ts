import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineExperiment } from "../../lib/experiment/experiment";
import { describeAllowed, int, json, jsonError, ParameterError, paramCells, parseValue, resolveParams } from "../../lib/experiment/params";
import { jsonOptionValue } from "../../lib/cli/json-option";
import { runPoint } from "../../lib/sweep/run-point";
import { sweep } from "../../lib/sweep/sweep";
import { planRun } from "../../lib/sweep/plan";

/** A stake vector: positive numbers (the validator returns them normalised to sum 1). */
const stake = json<number[]>({
  default: [1, 1],
  allowed: "a non-empty list of positive numbers",
  validate(value, name) {
    if (!Array.isArray(value) || value.length === 0) throw jsonError(name, "", value, "a non-empty list of positive numbers");
    value.forEach((v, i) => {
      if (typeof v !== "number" || !(v > 0)) throw jsonError(name, `[${i}]`, v, "a number > 0");
    });
    const total = (value as number[]).reduce((a, b) => a + b, 0);
    return (value as number[]).map((v) => v / total);
  },
  doc: "stake per validator",
});
const schema = { stake, n: int({ default: 3, unit: "", min: 1, max: 10, doc: "n" }) };

function throwsParam(fn: () => unknown, parameter: string, pieces: string[]) {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof ParameterError, `expected ParameterError, got ${err}`);
    assert.equal(err.parameter, parameter);
    for (const piece of pieces) assert.ok(err.message.includes(piece), `${JSON.stringify(err.message)} lacks ${JSON.stringify(piece)}`);
    return true;
  });
}

test("a json parameter resolves from a value or from JSON text to the validator's typed value; the default is validated too", () => {
  assert.deepEqual(resolveParams(schema, {}).stake, [0.5, 0.5]);
  assert.deepEqual(resolveParams(schema, { stake: [1, 3] }).stake, [0.25, 0.75]);
  assert.deepEqual(resolveParams(schema, { stake: " [2, 6] " }).stake, [0.25, 0.75]);
  assert.equal(describeAllowed("stake", stake), "JSON: a non-empty list of positive numbers");
});

test("bad JSON and bad values name the parameter (and the element), quote what was typed and say what is allowed", () => {
  throwsParam(() => resolveParams(schema, { stake: "[1, 2" }), "stake", ['"[1, 2"', "is not JSON", "allowed: a non-empty list of positive numbers"]);
  throwsParam(() => parseValue("stake", stake, "{oops}"), "stake", ['"{oops}"', "is not JSON"]);
  throwsParam(() => resolveParams(schema, { stake: [1, -2] }), "stake[1]", ["-2", "a number > 0"]);
  throwsParam(() => resolveParams(schema, { stake: "[]" }), "stake", ["[]", "a non-empty list"]);
});

test("a validator that throws a plain Error still gives a ParameterError naming the parameter", () => {
  const odd = json<number>({ default: 1, allowed: "an odd integer", validate: (v) => { if (typeof v !== "number" || v % 2 !== 1) throw new Error("not odd"); return v; }, doc: "odd" });
  throwsParam(() => resolveParams({ odd }, { odd: 4 }), "odd", ["4", "not odd", "an odd integer"]);
});

test("rows, points and streams hold json parameters as canonical JSON text (keys sorted), so equal values give equal rows", () => {
  const shapes = json<Record<string, number>>({ default: {}, allowed: "an object of numbers", validate: (v) => v as Record<string, number>, doc: "d" });
  const e = defineExperiment({
    name: "test-json",
    title: "t",
    reference: "t",
    source: __filename,
    params: { shapes, k: int({ default: 1, unit: "", min: 0, max: 9, doc: "k" }) },
    run: ({ shapes, k }, rng) => ({ keys: Object.keys(shapes).join("+"), y: k + rng.random() }),
  });
  const a = runPoint(e, { shapes: { b: 2, a: 1 } }, 4, 0);
  const b = runPoint(e, { shapes: '{"a":1,"b":2}' }, 4, 0);
  assert.equal(a.shapes, '{"a":1,"b":2}');
  assert.deepEqual(a, b, "a value and its JSON text (any key order) give the same row and stream");
  assert.notEqual(runPoint(e, { shapes: { a: 1, b: 3 } }, 4, 0).stream, a.stream, "another value names another stream");
  assert.deepEqual(paramCells(e.params, e.resolve({ shapes: { z: 0 } })), { shapes: '{"z":0}', k: 1 });
  // The row's text reruns the row.
  assert.deepEqual(runPoint(e, { shapes: a.shapes as string }, 4, 0), a);
});

test("grids sweep json values: one point per value, rows keep the canonical text, the summary groups by it", () => {
  const e = defineExperiment({ name: "test-json-grid", title: "t", reference: "t", source: __filename, params: schema, run: ({ stake, n }) => ({ top: Math.max(...stake) * n }) });
  const result = sweep(e, { stake: [[1, 1], [1, 3], "[1,1,2]"] }, { replicates: 2 });
  const rows = result.rows.objects() as Record<string, unknown>[];
  assert.deepEqual(rows.map((r) => r.stake), ["[0.5,0.5]", "[0.5,0.5]", "[0.25,0.75]", "[0.25,0.75]", "[0.25,0.25,0.5]", "[0.25,0.25,0.5]"]);
  assert.deepEqual(rows.map((r) => r.top), [1.5, 1.5, 2.25, 2.25, 1.5, 1.5]);
  assert.equal(result.summary.numRows(), 3);
  assert.throws(() => planRun(e, { stake: [[1], [2]] }), /point 1 \{"stake":\[2\]\} repeats point 0/, "values equal after validation are the same point");
});

test("CLI: --name '<json>' and --name @file.json give the canonical text; a missing file or bad content quotes the option", () => {
  const dir = mkdtempSync(join(tmpdir(), "cl-json-"));
  writeFileSync(join(dir, "stake.json"), "[3, 1]\n");
  writeFileSync(join(dir, "bad.json"), "[3, -1]");
  assert.equal(jsonOptionValue("stake", stake, "[1, 1]"), "[0.5,0.5]");
  assert.equal(jsonOptionValue("stake", stake, "@stake.json", dir), "[0.75,0.25]");
  throwsParam(() => jsonOptionValue("stake", stake, "@nope.json", dir), "stake", ['"@nope.json"', "cannot read nope.json (no such file"]);
  throwsParam(() => jsonOptionValue("stake", stake, "@bad.json", dir), "stake[1]", ["-1", "in bad.json, from --stake @bad.json"]);
  throwsParam(() => jsonOptionValue("stake", stake, "[1,,2]"), "stake", ['"[1,,2]"', "is not JSON"]);
});

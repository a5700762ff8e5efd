import { test } from "node:test";
import assert from "node:assert/strict";
import { choice, int, num, ParameterError, parseValue, resolveParams } from "../../lib/experiment/params";

const schema = {
  alpha: num({ default: 0.3, unit: "", min: 0, max: 0.5, maxExclusive: true, doc: "share" }),
  n: int({ default: 4, unit: "nodes", min: 1, max: 100, doc: "nodes" }),
  topology: choice({ default: "complete", choices: ["complete", "ring"], doc: "graph" }),
};

function throwsParam(fn: () => unknown, parameter: string, pieces: string[]) {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof ParameterError, `expected ParameterError, got ${err}`);
    assert.equal(err.parameter, parameter);
    for (const piece of pieces) assert.ok(err.message.includes(piece), `${JSON.stringify(err.message)} lacks ${JSON.stringify(piece)}`);
    return true;
  });
}

test("defaults fill what is not given", () => {
  assert.deepEqual(resolveParams(schema, { n: 7 }), { alpha: 0.3, n: 7, topology: "complete" });
});

test("out-of-range, wrong-kind and unknown parameters name the parameter, value and range", () => {
  throwsParam(() => resolveParams(schema, { alpha: 0.5 }), "alpha", ["0.5", "0 <= alpha < 0.5"]);
  throwsParam(() => resolveParams(schema, { alpha: -0.1 }), "alpha", ["-0.1", "0 <= alpha < 0.5"]);
  throwsParam(() => resolveParams(schema, { alpha: "0.3" }), "alpha", ['"0.3"']);
  throwsParam(() => resolveParams(schema, { alpha: NaN }), "alpha", ["NaN"]);
  throwsParam(() => resolveParams(schema, { n: 2.5 }), "n", ["2.5", "an integer", "1 <= n <= 100"]);
  throwsParam(() => resolveParams(schema, { topology: "star" }), "topology", ['"star"', "complete, ring"]);
  throwsParam(() => resolveParams(schema, { alfa: 0.3 }), "alfa", ["unknown parameter: alfa = 0.3", "alpha, n, topology"]);
});

test("parseValue reads command-line text by kind", () => {
  assert.equal(parseValue("alpha", schema.alpha, " 0.25 "), 0.25);
  assert.equal(parseValue("n", schema.n, "1e1"), 10);
  throwsParam(() => parseValue("alpha", schema.alpha, "abc"), "alpha", ['"abc"']);
  throwsParam(() => parseValue("alpha", schema.alpha, ""), "alpha", ['""']);
});

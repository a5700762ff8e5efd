/** Test helper: a spec compiles with vega-lite without warnings and without being mutated (as vega-lite's own examples test does). */
import assert from "node:assert/strict";
import type { VegaLiteSpec } from "../../lib/charts/spec";
import { compileSpec } from "../../lib/render/render";

export function assertCompilesClean(spec: VegaLiteSpec): void {
  const before = JSON.stringify(spec);
  const { vega, warnings } = compileSpec(spec);
  assert.deepEqual(warnings, [], "vega-lite compile warnings");
  assert.equal(JSON.stringify(spec), before, "compile mutated the spec");
  assert.ok(vega && typeof vega === "object");
}

/** The layers of a spec, by name. */
export function layerNames(spec: VegaLiteSpec): string[] {
  return ((spec as unknown as { layer: Array<{ name?: string }> }).layer ?? []).map((l) => l.name ?? "?");
}

export function layerNamed(spec: VegaLiteSpec, name: string): Record<string, any> {
  const found = (spec as unknown as { layer: Array<Record<string, any>> }).layer.find((l) => l.name === name);
  assert.ok(found, `no layer named ${name}; layers: ${layerNames(spec).join(", ")}`);
  return found;
}

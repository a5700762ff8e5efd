import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { selfishThreshold } from "../../lib/models/selfish-mining/closed-form";
import { getPaperFigure, paperFigures } from "../../lib/figures/paper";
import { compileSpec } from "../../lib/render/render";

test("every paper figure builds in quick mode into a spec that compiles without warnings", async () => {
  assert.ok(paperFigures.length >= 1);
  const names = paperFigures.map((f) => f.name);
  assert.equal(new Set(names).size, names.length, "figure names are unique");
  for (const figure of paperFigures) {
    assert.match(figure.name, /^[a-z0-9-]+$/);
    const built = await figure.build({ quick: true });
    assert.deepEqual(compileSpec(built.spec).warnings, [], figure.name);
    assert.ok(JSON.stringify(built.params).length > 2, `${figure.name} records its parameters`);
    assert.ok(built.seeds !== undefined);
  }
});

test("selfish-mining-revenue: 3 gammas x alpha grid, CI columns, closed form on a fine grid, thresholds", async () => {
  const built = await getPaperFigure("selfish-mining-revenue").build({ quick: true });
  const rows = (built.data as { objects(): Array<Record<string, number>> }).objects();
  assert.equal(rows.length, 3 * 10); // gamma in {0, 0.5, 1} x alpha = 0, 0.05, ..., 0.45
  assert.deepEqual(Object.keys(rows[0]), ["gamma", "alpha", "blocks", "n", "revenue_mean", "revenue_sd", "revenue_se", "revenue_lo", "revenue_hi", "revenue_theory"]);
  for (const r of rows) assert.ok(r.revenue_lo <= r.revenue_mean && r.revenue_mean <= r.revenue_hi);
  const layers = (built.spec as unknown as { layer: Array<Record<string, any>> }).layer;
  const theory = layers.find((l) => l.name === "theory")!;
  assert.ok(theory.data.values.length >= 3 * 100, "closed form sampled on a fine grid");
  const thresholds = layers.find((l) => l.name === "rule-x")!.data.values.map((v: Record<string, number>) => v.alpha);
  assert.deepEqual(thresholds, [1 / 3, 0.25, 0].map((x, i) => selfishThreshold([0, 0.5, 1][i])));
  assert.ok(layers.some((l) => l.name === "rule-line"), "honest line R = alpha");
});

test("consensus-lab figures --quick writes the six files per figure", async (t) => {
  const out = mkdtempSync(path.join(tmpdir(), "consensus-lab-figures-"));
  t.after(() => rmSync(out, { recursive: true, force: true }));
  const log = console.log;
  const lines: string[] = [];
  console.log = (...args: unknown[]) => lines.push(args.join(" "));
  let code: number;
  try {
    code = await main(["figures", "--out", out, "--quick", "selfish-mining-revenue"]);
  } finally {
    console.log = log;
  }
  assert.equal(code, 0);
  const files = readdirSync(out).sort();
  assert.deepEqual(files, ["csv", "manifest.json", "pdf", "png", "svg", "vl.json"].map((e) => `selfish-mining-revenue.${e}`).sort());
  assert.match(lines.join("\n"), /selfish-mining-revenue\.pdf/);
  const manifest = JSON.parse(readFileSync(path.join(out, "selfish-mining-revenue.manifest.json"), "utf8"));
  assert.equal(manifest.parameters.quick, true);
  assert.equal(await main(["figures", "--out", out, "no-such-figure"]), 2);
});

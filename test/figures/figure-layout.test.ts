/**
 * Snapshot checks of every paper figure, rendered (lib/render renderSvg) and
 * laid out by Vega (the scenegraph): nothing is clipped (every data mark,
 * dot, bar and label lies inside the plot area), every kind of mark drawn is
 * named in the legend or the subtitle, and the defects of issue 9 item 6 stay
 * fixed (log ticks as powers of ten, the stale-rate axis ends with the data,
 * the gamma = 1 threshold off the y axis and the 0.00 label under its tick).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { getPaperFigure, paperFigures } from "../../lib/figures/paper";
import { renderSvg } from "../../lib/render/render";
import type { VegaLiteSpec } from "../../lib/charts/spec";
import { marksOf, sceneOf, textOf, type SceneItem } from "./scene";

/** For each figure: every layer it draws, and where a reader learns what that layer is. */
const KEYS: Record<string, Record<string, RegExp>> = {
  "selfish-mining-revenue": {
    points: /points and bands: simulated mean and 95% t-interval over \d+ replicates/,
    band: /points and bands: simulated mean and 95% t-interval/,
    theory: /lines: closed form \(Eyal & Sirer 2014, eq\. 8\)/,
    "rule-line": /gray: honest mining R = α/,
    "rule-line-label": /honest \(R = α\)/,
    "rule-x": /dashed: threshold α = \(1−γ\)\/\(3−2γ\)/,
    "rule-x-label": /γ = 0\.5/,
  },
  "nakamoto-stale-rate": {
    points: /points and lines: simulated stale rate/,
    line: /points and lines: simulated stale rate/,
    band: /bands: mean and 95% t-interval over \d+ runs \(between runs\)/,
    theory: /dashed: 1 − exp\(−D\/T\), D the mean propagation delay measured \(D = [\d.]+ s at 0\.5 MB, D = [\d.]+ s at 2 MB\)/,
  },
  "double-spend-confirmations": {
    points: /points and bars: simulated race, pooled rate and 95% Wilson interval over \d+ replicates/,
    band: /points and bars: .*Wilson interval/,
    theory: /lines: Rosenfeld \(2014\) exact/,
    "upper-bounds": /▼: no success in [\d,]+ attacks, drawn at the 95% upper bound/,
  },
  "gossip-convergence": {
    points: /points and bands: mean rounds, mean and 95% t-interval over \d+ replicates \(\d+ trials each\)/,
    band: /points and bands: mean rounds, mean and 95% t-interval/,
    theory: /dashed: push log₂N \+ ln N \(Pittel 1987, \+ O\(1\)\); push-pull log₃N \(Karp et al\. 2000/,
  },
  "ddos-throughput": {
    points: /points and bands: mean and 95% t-interval over \d+ replicates/,
    band: /points and bands: mean and 95% t-interval/,
    theory: /dashed: FIFO share mu Lh\/\(Lh\+La\) \(none\); floor from the buckets/,
  },
  "rollup-finality": {
    points: /points and bands: ZK rollup, mean and 95% t-interval over \d+ replicates/,
    line: /points and bands: ZK rollup/,
    band: /points and bands: ZK rollup, mean and 95% t-interval/,
    theory: /dashed: ZK on PoW, closed form/,
    "rule-y": /dotted gray: optimistic rollup \(no fraud\), simulated mean/,
    "rule-y-label": /optimistic/,
  },
  "eclipse-probability": {
    points: /points and bands: share of restarts eclipsed, pooled rate and 95% Wilson interval over \d+ restarts/,
    band: /points and bands: share of restarts eclipsed/,
    theory: /dashed: analysis of the same poisoned tables/,
  },
  "shard-takeover": {
    theory: /lines: exact \(multivariate hypergeometric over all committees\)/,
    points: /points and bars: Monte Carlo, pooled rate and 95% Wilson interval/,
    band: /points and bars: Monte Carlo, pooled rate and 95% Wilson interval/,
  },
  "pow-relay-stale": {
    points: /points: simulated stale rate/,
    line: /points: simulated stale rate|Stale blocks under the relays/,
    band: /bands: mean and 95% t-interval over \d+ runs/,
    theory: /dashed: 1 − exp\(−D_h\/T\), D_h the hash-weighted delay/,
  },
  "bft-finality-latency": {
    points: /points, lines and bands: latency per height, mean and 95% t-interval over \d+ networks/,
    line: /points, lines and bands: latency per height/,
    band: /points, lines and bands: latency per height, mean and 95% t-interval/,
  },
  "selfish-mining-strategies": {
    band: /stubborn: simulated, mean and 95% t-interval over \d+ replicates/,
    line: /Eyal-Sirer \(eq\. 8\)[\s\S]*honest[\s\S]*optimal \(MDP\)[\s\S]*stubborn LF/,
  },
};

/** The plot areas of a figure: the root group, or each panel of a concatenated figure (hconcat, vconcat, concat). */
function plotAreas(scene: SceneItem): SceneItem[] {
  const panels = (scene.items ?? []).filter((m) => m.marktype === "group" && /^concat_\d+_group$/.test(m.name ?? "")).flatMap((m) => m.items);
  return panels.length ? panels : [scene];
}

/** The layers a figure draws, from its top level or from each panel of a concatenation (panel prefixes c0_, c1_, ... dropped). */
function layersOf(spec: VegaLiteSpec): Array<{ name: string }> {
  const s = spec as unknown as { layer?: Array<{ name: string }>; hconcat?: Array<{ layer?: Array<{ name: string }> }>; vconcat?: Array<{ layer?: Array<{ name: string }> }>; concat?: Array<{ layer?: Array<{ name: string }> }> };
  if (s.layer) return s.layer;
  const panels = s.hconcat ?? s.vconcat ?? s.concat ?? [];
  return panels.flatMap((p) => (p.layer ?? []).map((l) => ({ name: l.name.replace(/^c\d+_/, "") })));
}

const built = new Map<string, { spec: VegaLiteSpec; scene: SceneItem; svg: string }>();
async function figure(name: string) {
  if (!built.has(name)) {
    const { spec } = await getPaperFigure(name).build({ quick: true, progress: "none" });
    const { svg, warnings } = await renderSvg(spec);
    assert.deepEqual(warnings, [], `${name}: Vega warnings`);
    built.set(name, { spec, scene: await sceneOf(spec), svg });
  }
  return built.get(name)!;
}

// 1.25 points: a 1-point stroke (plus antialiasing) of a line drawn to the frame overhangs it by that much, which
// is not clipping; a half-cut dot (radius ~3 points) or label overhangs by more.
const EPS = 1.25;

for (const { name } of paperFigures) {
  test(`${name}: every data mark and label lies inside the plot area`, async () => {
    const { scene } = await figure(name);
    let checked = 0;
    for (const area of plotAreas(scene)) {
      const w = area.width as number;
      const h = area.height as number;
      for (const { mark, dx, dy } of marksOf(area)) {
        if (mark.role !== "mark") continue;
        for (const item of mark.items) {
          const b = item.bounds;
          if (!b || !Number.isFinite(b.x1)) continue;
          checked++;
          const where = `${name}: ${mark.name} item ${textOf(item) || ""} [${(b.x1 + dx).toFixed(1)}, ${(b.x2 + dx).toFixed(1)}] x [${(b.y1 + dy).toFixed(1)}, ${(b.y2 + dy).toFixed(1)}] in 0..${w} x 0..${h}`;
          assert.ok(b.x1 + dx >= -EPS && b.x2 + dx <= w + EPS && b.y1 + dy >= -EPS && b.y2 + dy <= h + EPS, where);
        }
      }
    }
    assert.ok(checked > 10, `${name}: only ${checked} items checked`);
  });

  test(`${name}: every kind of mark is named in the legend or the subtitle`, async () => {
    const { spec, svg } = await figure(name);
    const keys = KEYS[name];
    assert.ok(keys, `${name}: add its layers to KEYS in this test`);
    const s = spec as unknown as { title: { subtitle: string | string[] } };
    const words = [...[s.title.subtitle].flat(), ...Array.from(svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g), (m) => m[1])].join("\n");
    const layers = layersOf(spec);
    assert.ok(layers.length > 0, `${name}: no layers found`);
    for (const layer of layers) {
      assert.ok(layer.name in keys, `${name}: layer ${layer.name} is not described (add it to the subtitle or legend, then to KEYS)`);
      assert.match(words, keys[layer.name], `${name}: layer ${layer.name}`);
    }
  });
}

function axisLabels(scene: SceneItem): SceneItem[][] {
  return marksOf(scene).filter(({ mark }) => mark.role === "axis-label").map(({ mark }) => mark.items);
}

test("double-spend: log ticks read 10⁻ⁿ, not 0.00001; no point is dropped (zero-success points are drawn as upper bounds)", async () => {
  const { scene, spec } = await figure("double-spend-confirmations");
  const labels = axisLabels(scene).flat().map(textOf);
  assert.ok(labels.includes("10⁻²") && labels.includes("1"), labels.join(" "));
  assert.ok(!labels.some((l) => /0\.000/.test(l)), labels.join(" "));
  const layers = (spec as unknown as { layer: Array<{ name: string; data?: { values: unknown[] } }>; data: { values: unknown[] } }).layer;
  const drawn = (spec as unknown as { data: { values: unknown[] } }).data.values.length + (layers.find((l) => l.name === "upper-bounds")?.data?.values.length ?? 0);
  assert.equal(drawn, 4 * 11, "every (q, z) point is drawn");
});

test("stale rate: the x axis ends where the data end (600 s), not at 1,000", async () => {
  const { scene } = await figure("nakamoto-stale-rate");
  const labels = axisLabels(scene).flat().map(textOf);
  assert.ok(labels.includes("600") && !labels.some((l) => /1,?000/.test(l)), labels.join(" "));
});

test("selfish mining: the gamma = 1 threshold is off the y axis and the 0.00 label is centred under its tick", async () => {
  const { scene } = await figure("selfish-mining-revenue");
  const marks = marksOf(scene);
  const rules = marks.find(({ mark }) => mark.name === "rule_x_marks" || (mark.name ?? "").startsWith("rule_x"))!;
  const xs = rules.mark.items.map((i) => i.x as number);
  assert.ok(Math.min(...xs) > 3, `threshold rules at x = ${xs.join(", ")} (the y axis is at 0)`);
  const ticks = marks.filter(({ mark }) => mark.role === "axis-tick").map(({ mark }) => mark.items);
  const labels = axisLabels(scene);
  const k = labels.findIndex((items) => items.some((i) => textOf(i) === "0.00"));
  const label = labels[k].find((i) => textOf(i) === "0.00")!;
  const tick = ticks[k][labels[k].indexOf(label)];
  const centre = ((label.bounds!.x1 + label.bounds!.x2) / 2);
  assert.ok(Math.abs(centre - (tick.x as number)) < 1, `0.00 label centred at ${centre}, its tick at ${tick.x}`);
});

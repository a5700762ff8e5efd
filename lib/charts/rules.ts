/**
 * Reference lines: vertical rules `{ x }`, horizontal rules `{ y }` and
 * straight lines `{ slope, intercept }` (or `{ diagonal: true }` for y = x,
 * e.g. the honest-mining line R = alpha), each with an optional label.
 * A rule's `color` is a value of the chart's color column, drawn with that
 * column's color (e.g. the threshold of each gamma in gamma's color).
 */
import { ChartOptionError, describe, type Datum } from "./data";
import type { SpecObject } from "./spec";

interface RuleStyle {
  /** Text drawn beside the line. Default: none. */
  label?: string;
  /** A value of the chart's color column; the line takes that category's color. Default: gray. */
  color?: unknown;
  /** Dash pattern; [] for solid. Default [4, 3] (x and y rules), [] for sloped lines. */
  strokeDash?: readonly number[];
}
export type RuleOptions =
  | (RuleStyle & { x: number })
  | (RuleStyle & { y: number })
  | (RuleStyle & { slope: number; intercept?: number })
  | (RuleStyle & { diagonal: true });

export interface RuleContext {
  chart: string;
  x: string;
  y: string;
  color?: string;
  xChannel: SpecObject;
  yChannel: SpecObject;
  colorChannel?: SpecObject;
  xDomain?: readonly [number, number];
  yDomain?: readonly [number, number];
}

const GRAY = "#777";
const LABEL_SIZE = 10;

type Kind = "x" | "y" | "line";

function kindOf(rule: RuleOptions, where: string): Kind {
  if (typeof rule !== "object" || rule === null) throw new ChartOptionError(`invalid ${where}: ${describe(rule)} (allowed: { x }, { y }, { slope, intercept } or { diagonal: true })`);
  const keys = (["x", "y", "slope", "diagonal"] as const).filter((k) => k in rule);
  if (keys.length !== 1) throw new ChartOptionError(`invalid ${where}: ${describe(rule)} (give exactly one of x, y, slope or diagonal)`);
  const r = rule as unknown as Record<string, unknown>;
  const k = keys[0];
  if (k === "diagonal") {
    if (r.diagonal !== true) throw new ChartOptionError(`invalid ${where}.diagonal: ${describe(r.diagonal)} (allowed: true, meaning y = x)`);
    return "line";
  }
  if (typeof r[k] !== "number" || !Number.isFinite(r[k])) throw new ChartOptionError(`invalid ${where}.${k}: ${describe(r[k])} (allowed: a finite number)`);
  if (k === "slope" && r.intercept !== undefined && (typeof r.intercept !== "number" || !Number.isFinite(r.intercept)))
    throw new ChartOptionError(`invalid ${where}.intercept: ${describe(r.intercept)} (allowed: a finite number)`);
  return k === "slope" ? "line" : k;
}

/** Segment of y = slope x + intercept over the x domain, cut to the y domain when one is given. */
function segment(slope: number, intercept: number, xd: readonly [number, number], yd?: readonly [number, number]): [number, number, number, number] | undefined {
  let [x0, x1] = xd;
  if (yd && slope !== 0) {
    const xa = (yd[0] - intercept) / slope;
    const xb = (yd[1] - intercept) / slope;
    x0 = Math.max(x0, Math.min(xa, xb));
    x1 = Math.min(x1, Math.max(xa, xb));
    if (x0 >= x1) return undefined;
  }
  return [x0, slope * x0 + intercept, x1, slope * x1 + intercept];
}

/** Layers drawing the rules and their labels (rules of one kind and coloring share a layer). */
export function ruleLayers(rules: readonly RuleOptions[], ctx: RuleContext): SpecObject[] {
  if (!Array.isArray(rules)) throw new ChartOptionError(`invalid ${ctx.chart} option rules: ${describe(rules)} (allowed: an array such as [{ x: 0.25, label: "threshold" }])`);
  const groups = new Map<string, { kind: Kind; colored: boolean; dash: number[]; rows: Datum[] }>();
  rules.forEach((rule, i) => {
    const where = `${ctx.chart} option rules[${i}]`;
    const kind = kindOf(rule, where);
    const colored = rule.color !== undefined;
    if (colored && !ctx.color) throw new ChartOptionError(`invalid ${where}.color: ${describe(rule.color)} (the chart has no color column; use a chart option color first)`);
    const dash = rule.strokeDash ? [...rule.strokeDash] : kind === "line" ? [] : [4, 3];
    if (dash.some((d) => typeof d !== "number" || !(d >= 0))) throw new ChartOptionError(`invalid ${where}.strokeDash: ${describe(rule.strokeDash)} (allowed: [] or [on, off] lengths >= 0)`);
    const row: Datum = { label: rule.label ?? "" };
    if (colored) row[ctx.color as string] = rule.color;
    if (kind === "x") row[ctx.x] = (rule as { x: number }).x;
    else if (kind === "y") row[ctx.y] = (rule as { y: number }).y;
    else {
      const r = rule as { slope?: number; intercept?: number };
      const slope = r.slope ?? 1;
      const intercept = r.intercept ?? 0;
      if (!ctx.xDomain) throw new ChartOptionError(`invalid ${where}: a sloped line needs an x domain (give xAxis.domain or data with numeric x)`);
      const seg = segment(slope, intercept, ctx.xDomain, ctx.yDomain);
      if (!seg) return; // entirely outside the plot
      [row[ctx.x], row[ctx.y], row.x2, row.y2] = seg;
    }
    const key = `${kind}|${colored}|${dash.join(",")}`;
    if (!groups.has(key)) groups.set(key, { kind, colored, dash, rows: [] });
    groups.get(key)!.rows.push(row);
  });
  const layers: SpecObject[] = [];
  for (const { kind, colored, dash, rows } of groups.values()) {
    const name = kind === "line" ? "rule-line" : `rule-${kind}`;
    const mark: SpecObject = { type: "rule", strokeWidth: 1 };
    if (dash.length) mark.strokeDash = dash;
    if (kind === "line") mark.clip = true;
    const encoding: SpecObject = {};
    if (kind === "x" || kind === "line") encoding.x = ctx.xChannel;
    if (kind === "y" || kind === "line") encoding.y = ctx.yChannel;
    if (kind === "line") Object.assign(encoding, { x2: { field: "x2" }, y2: { field: "y2" } });
    if (colored) encoding.color = ctx.colorChannel;
    else mark.color = GRAY;
    layers.push({ name, data: { values: rows }, mark, encoding });
    const labelled = rows.filter((r) => r.label !== "");
    if (labelled.length) layers.push(labelLayer(`${name}-label`, kind, labelled, colored, ctx));
  }
  return layers;
}

function labelLayer(name: string, kind: Kind, rows: Datum[], colored: boolean, ctx: RuleContext): SpecObject {
  // x rules: at the top of the plot, right of the line; y rules: at the left, above the line;
  // sloped lines: at their upper-right end, above the line.
  const mark: SpecObject = { type: "text", fontSize: LABEL_SIZE };
  const encoding: SpecObject = { text: { field: "label" } };
  if (kind === "x") {
    Object.assign(mark, { align: "left", baseline: "top", dx: 3, dy: 3 });
    Object.assign(encoding, { x: ctx.xChannel, y: { value: 0 } });
  } else if (kind === "y") {
    Object.assign(mark, { align: "left", baseline: "bottom", dx: 3, dy: -2 });
    Object.assign(encoding, { x: { value: 0 }, y: ctx.yChannel });
  } else {
    Object.assign(mark, { align: "right", baseline: "bottom", dx: -2, dy: -4 });
    Object.assign(encoding, { x: { ...ctx.xChannel, field: "x2" }, y: { ...ctx.yChannel, field: "y2" } });
  }
  if (colored) encoding.color = ctx.colorChannel;
  else mark.color = "#555";
  return { name, data: { values: rows }, mark, encoding };
}

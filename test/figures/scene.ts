/** Vega scenegraph of a chart, for layout checks in the figure tests (not a test file itself). */
import * as vega from "vega";
import { compileSpec } from "../../lib/render/render";
import type { VegaLiteSpec } from "../../lib/charts/spec";

export interface SceneItem {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  text?: string | string[];
  align?: string;
  bounds?: { x1: number; y1: number; x2: number; y2: number };
  items?: SceneMark[];
  mark?: SceneMark;
}
export interface SceneMark {
  marktype: string;
  name?: string;
  role?: string;
  items: SceneItem[];
}

/** The root group item (its width and height are the plot area) of a rendered chart. */
export async function sceneOf(spec: VegaLiteSpec): Promise<SceneItem> {
  const { vega: vg } = compileSpec(spec);
  const view = new vega.View(vega.parse(vg), { renderer: "none" });
  try {
    await view.runAsync();
    const root = (view.scenegraph() as unknown as { root: SceneMark }).root;
    return root.items[0];
  } finally {
    view.finalize();
  }
}

/** Every mark under `group` with its offset from the plot origin. */
export function marksOf(group: SceneItem, dx = 0, dy = 0): Array<{ mark: SceneMark; dx: number; dy: number }> {
  const out: Array<{ mark: SceneMark; dx: number; dy: number }> = [];
  for (const mark of group.items ?? []) {
    out.push({ mark, dx, dy });
    if (mark.marktype === "group") for (const item of mark.items) out.push(...marksOf(item, dx + (item.x ?? 0), dy + (item.y ?? 0)));
  }
  return out;
}

/** Text of a text item (one line or several). */
export function textOf(item: SceneItem): string {
  return Array.isArray(item.text) ? item.text.join(" ") : String(item.text ?? "");
}

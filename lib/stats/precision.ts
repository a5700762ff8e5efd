/**
 * Precision targets: "replicate until the interval of `measure` is at most
 * +- halfWidth at every point". The logic here is pure (parse, check, which
 * points still fall short); lib/sweep/precision-sweep.ts runs the batches.
 *
 * A target is met at a point when the half-width of its interval,
 * (hi - lo) / 2 at the summary's level, is finite and <= the target. Because
 * the decision reads only the rows (which depend only on the seed, never on
 * worker count), the replicates added are the same for any number of workers.
 */
import { ParameterError } from "../experiment/params";

export type PrecisionTargets = Readonly<Record<string, number>>;

/** "revenue=0.002" (several: "a=0.01,b=0.5" or an array of such) to { revenue: 0.002 }. */
export function parsePrecision(spec: string | readonly string[]): Record<string, number> {
  const parts = (typeof spec === "string" ? [spec] : [...spec]).flatMap((s) => s.split(",")).map((s) => s.trim()).filter((s) => s !== "");
  if (parts.length === 0) throw new ParameterError("precision", spec, "<measure>=<half-width>, e.g. revenue=0.002");
  const out: Record<string, number> = {};
  for (const part of parts) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(part);
    if (!m) throw new ParameterError("precision", part, "<measure>=<half-width>, e.g. revenue=0.002");
    const value = Number(m[2]);
    if (!Number.isFinite(value) || value <= 0) throw new ParameterError(`precision ${m[1]}`, m[2], "a half-width > 0, e.g. 0.002");
    out[m[1]] = value;
  }
  return out;
}

/** Targets name measures the experiment outputs, with positive half-widths. */
export function checkPrecision(targets: PrecisionTargets, measures: readonly string[]): PrecisionTargets {
  if (typeof targets !== "object" || targets === null || Object.keys(targets).length === 0)
    throw new ParameterError("precision", targets, "an object { measure: halfWidth } with at least one measure");
  for (const [name, hw] of Object.entries(targets)) {
    if (!measures.includes(name)) throw new ParameterError("precision", name, `a numeric output of the experiment (${measures.join(", ")})`);
    if (typeof hw !== "number" || !Number.isFinite(hw) || hw <= 0) throw new ParameterError(`precision ${name}`, hw, "a half-width > 0");
  }
  return targets;
}

export interface PointPrecision {
  /** Index of the point in the grid. */
  point: number;
  /** Rows (replicates) at the point. */
  n: number;
  /** Half-width per target measure (NaN if undefined, e.g. one replicate). */
  halfWidth: Record<string, number>;
  met: boolean;
}

/** Half-widths and whether each target is met, per summary row (summary rows in grid order). */
export function pointPrecision(summaryRows: ReadonlyArray<Record<string, unknown>>, targets: PrecisionTargets, countColumn = "n"): PointPrecision[] {
  return summaryRows.map((row, point) => {
    const halfWidth: Record<string, number> = {};
    let met = true;
    for (const [m, target] of Object.entries(targets)) {
      const lo = row[`${m}_lo`];
      const hi = row[`${m}_hi`];
      const hw = typeof lo === "number" && typeof hi === "number" ? (hi - lo) / 2 : NaN;
      halfWidth[m] = hw;
      if (!(hw <= target)) met = false;
    }
    return { point, n: Number(row[countColumn]), halfWidth, met };
  });
}

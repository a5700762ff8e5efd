/**
 * Confidence levels: a number in (0, 1), e.g. 0.95. Every interval of the
 * library takes one, checked here so a typo (95 for 0.95) fails at once.
 */
import { ParameterError } from "../experiment/params";

/** The default confidence level of every summary and interval. */
export const DEFAULT_LEVEL = 0.95;

export function checkLevel(level: number, name = "level"): number {
  if (typeof level !== "number" || !Number.isFinite(level) || level <= 0 || level >= 1) throw new ParameterError(name, level, "a number, 0 < level < 1 (e.g. 0.95)");
  return level;
}

/** "95%" for 0.95, "99.9%" for 0.999. */
export function levelPercent(level: number): string {
  return `${Number((100 * level).toPrecision(6))}%`;
}

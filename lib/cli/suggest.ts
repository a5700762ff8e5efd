/**
 * "Did you mean": the known name nearest to a mistyped one, by Levenshtein
 * edit distance (Levenshtein 1966; fastest-levenshtein's Myers bit-vector
 * algorithm, Myers 1999), ignoring case. A name of up to 3 letters is near
 * at 1 edit, a longer one at a third of its letters (at least 2), and never
 * when every letter differs: `--progres` finds `--progress`, `--alfa` finds
 * `--alpha`, `--seeds` finds `--seed`, while `--x` suggests nothing.
 */
import { distance } from "fastest-levenshtein";

export interface Suggestion {
  name: string;
  distance: number;
}

/** Edits allowed for a name of this length to count as a near miss. */
export function nearLimit(typed: string): number {
  return typed.length <= 3 ? 1 : Math.max(2, Math.ceil(typed.length / 3));
}

/** The nearest of `known` to `typed` within nearLimit, or undefined; ties go to the first listed. */
export function nearest(typed: string, known: readonly string[]): Suggestion | undefined {
  const lower = typed.toLowerCase();
  let best: Suggestion | undefined;
  for (const name of known) {
    const d = distance(lower, name.toLowerCase());
    if (d > nearLimit(typed) || d >= Math.max(typed.length, name.length)) continue;
    if (!best || d < best.distance) best = { name, distance: d };
  }
  return best;
}

/** Every name as near as the nearest (ties are shown together: --replicate or --replicates). */
export function nearestNames(typed: string, known: readonly string[]): string[] {
  const best = nearest(typed, known);
  if (!best) return [];
  return known.filter((name) => distance(typed.toLowerCase(), name.toLowerCase()) === best.distance);
}

/** "; did you mean --alpha?" or "" (for appending to a message). */
export function didYouMean(typed: string, known: readonly string[], prefix = "--"): string {
  const names = nearestNames(typed, known);
  return names.length ? `; did you mean ${names.map((n) => prefix + n).join(" or ")}?` : "";
}

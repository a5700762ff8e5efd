/** Seeded standard normal draws for the stats tests (Box-Muller on xoshiro128**; not a test file). */
import { rngFor } from "../../lib/random/seed";
import type { Xoshiro128 } from "../../lib/random/xoshiro128";

export function normalSource(label: string): () => number {
  const fast: Xoshiro128 = rngFor(["test/stats", label]).fast;
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    const u = 1 - fast.nextFloat(); // (0, 1]
    const v = fast.nextFloat();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

/**
 * The band within which an observed coverage of `trials` independent intervals
 * must lie if the true coverage is `level`: level +- k binomial standard errors.
 */
export function coverageBand(level: number, trials: number, k = 4): [number, number] {
  const se = Math.sqrt((level * (1 - level)) / trials);
  return [level - k * se, level + k * se];
}

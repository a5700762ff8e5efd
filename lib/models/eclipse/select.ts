/**
 * How a restarted node picks the peers of its outbound connections
 * (Heilman et al. 2015, section 2.3, with src/addrman.cpp Select and
 * src/net.cpp ThreadOpenConnections of Bitcoin Core 0.9.3).
 *
 * With omega outbound connections already open, the node draws from tried
 * with probability (the paper's eq. 1, from Select's bias nUnkBias = 10 +
 * 10 omega):
 *
 *   Pr[tried] = sqrt(rho) (9 - omega) / ((omega + 1) + sqrt(rho) (9 - omega)),  rho = |tried| / |new|,
 *
 * then a uniform non-empty bucket and a uniform entry in it, accepted with
 * probability min(1, factor * chance), factor = 1.2^(rejections so far) and
 * chance = 600 / (600 + age of its timestamp) (GetChance; countermeasure 2,
 * "random selection", drops the age factor: chance 1). A pick in a /16 group
 * the node is connected to already is skipped, as is one whose connection
 * fails (trash, or a legitimate peer offline); the node then draws again.
 */
import type { Xoshiro128 } from "../../random/xoshiro128";
import { CHANCE_FACTOR_GROWTH, freshnessChance } from "./bitcoin-constants";
import { EMPTY, type Addrman, type AddrTable } from "./addrman";

/** Eq. 1 of Heilman et al. 2015: probability of drawing from tried with omega outbound connections open. */
export function probabilityTried(triedCount: number, newCount: number, omega: number): number {
  if (triedCount === 0) return 0;
  if (newCount === 0) return 1;
  const s = Math.sqrt(triedCount / newCount) * (9 - omega);
  return s / (omega + 1 + s);
}

/** A uniform non-empty bucket, then a uniform entry in it (list mode); a uniform occupied slot (deterministic mode). */
export function pickEntry(table: AddrTable, deterministic: boolean, rng: Xoshiro128): number {
  if (table.count === 0) return EMPTY;
  if (deterministic) {
    for (;;) {
      const a = table.slots[rng.below(table.slots.length)];
      if (a !== EMPTY) return a;
    }
  }
  for (;;) {
    const b = rng.below(table.buckets);
    const s = table.sizes[b];
    if (s > 0) return table.slots[b * table.bucketSize + rng.below(s)];
  }
}

/** Select(): one address from the table, with the 1.2 chance factor and (if ageBias) the freshness chance. */
export function selectFromTable(man: Addrman, table: AddrTable, ageBias: boolean, rng: Xoshiro128): number {
  let factor = 1;
  for (;;) {
    const a = pickEntry(table, man.policy.deterministic, rng);
    if (a === EMPTY) return EMPTY;
    const chance = ageBias ? freshnessChance(man.book.ageS[a]) : 1;
    if (rng.nextFloat() < factor * chance) return a;
    factor *= CHANCE_FACTOR_GROWTH;
  }
}

/** One draw of an outbound candidate with omega connections open. */
export function selectOutbound(man: Addrman, omega: number, ageBias: boolean, rng: Xoshiro128): number {
  const fromTried = rng.nextFloat() < probabilityTried(man.tried.count, man.new.count, omega);
  return selectFromTable(man, fromTried ? man.tried : man.new, ageBias, rng);
}

/**
 * Monte Carlo of the double-spend race, one kernel per model, each following
 * its model's assumptions (the two differ only in how many blocks the
 * attacker has when the merchant sees z confirmations):
 *
 * - `simulateDoubleSpendRace` (Rosenfeld 2014, exact): block events are
 *   Bernoulli(q) draws, attacker's if u < q, until the honest network has
 *   found z blocks. The attacker's count m is then NegativeBinomial(z, p).
 * - `simulateDoubleSpendPoisson` (Nakamoto 2008, section 11): the attacker's
 *   progress k is drawn from Poisson(z q / p), as if the z honest blocks took
 *   exactly their expected time.
 *
 * What each simulation checks. The block race is the model: it simulates
 * the mining process itself (who finds each block), so its agreement with
 * Rosenfeld's closed form (eq. 1) checks the formula against the process it
 * describes; it is the check of Rosenfeld. The Poisson kernel instead draws
 * the attacker's progress from the very Poisson approximation that Nakamoto's
 * formula assumes, so its agreement with Nakamoto's closed form checks our
 * code (the sampling and the catch-up walk), not the model: it cannot show
 * that the approximation is right, only that formula and sampler agree. That
 * the approximation is wrong for large q is shown by the block race rejecting
 * Nakamoto's value (test/models/finality/double-spend.test.ts).
 *
 * Then, the same catch-up for both: the attacker wins at once if his count is
 * >= z; otherwise he is d = z - count behind and wins if he ever draws level
 * (Nakamoto's "catch up"; for Rosenfeld, his pre-mined block plus the rule that
 * he must get strictly ahead come to the same thing, see finality-rosenfeld.ts).
 * The catch-up is simulated block by block as a random walk on d (d - 1 with
 * probability q, d + 1 with p) until d = 0 (success) or d = walkCap. At the cap
 * the walk stops and the trial succeeds with the exact remaining probability
 * (q/p)^walkCap (gambler's ruin, Nakamoto 2008 section 11; by the strong Markov
 * property the walk from d has no memory of how it got there), drawn as one
 * Bernoulli. So the cap introduces no bias; it only bounds the work of a
 * trial that drifts away (about walkCap / (p - q) steps). walkCap = 0 uses the
 * closed form right after the confirmation phase.
 *
 * Resolution: block events compare a 32-bit draw with floor(q 2^32), so q is
 * used to within 2^-32; the Poisson and closed-form draws use 53-bit uniforms.
 *
 * The kernels keep the xoshiro128** state in locals, allocate nothing per
 * trial (one table per call) and write the state back. The `...Reference`
 * twins are the readable versions they are tested against, draw for draw.
 */
import { ParameterError } from "../../experiment/params";
import { probabilityToUint32, type Xoshiro128 } from "../../random/xoshiro128";
import { checkConfirmations, checkShare } from "./finality-params";

export interface DoubleSpendCounts {
  /** Trials in which the attacker's branch replaced the merchant's payment. */
  successes: number;
  trials: number;
  /** Block events simulated (both phases; excludes the Poisson and closed-form draws). */
  blockEvents: number;
}

/** Default deficit at which a simulated catch-up walk hands over to the closed form. */
export const DEFAULT_WALK_CAP = 64;

/** (q/p)^d for d = 0..maxDeficit (1 for q >= 1/2): the remaining success chance from d behind. */
function catchUpTable(q: number, maxDeficit: number): Float64Array {
  const table = new Float64Array(maxDeficit + 1);
  const rho = q >= 0.5 ? 1 : q / (1 - q);
  for (let d = 0; d <= maxDeficit; d++) table[d] = Math.pow(rho, d);
  return table;
}

/**
 * P(K <= k) for k = 0..z-1, K ~ Poisson(lambda): the inversion table of the
 * Nakamoto kernel. Probabilities come from log p(k) = -lambda + k ln lambda - ln k!,
 * so lambda above 745 (where e^-lambda underflows) still works.
 */
export function poissonCdfTable(lambda: number, z: number): Float64Array {
  const cdf = new Float64Array(z);
  let logFactorial = 0;
  let sum = 0;
  for (let k = 0; k < z; k++) {
    if (k > 0) logFactorial += Math.log(k);
    const pmf = lambda === 0 ? (k === 0 ? 1 : 0) : Math.exp(-lambda + k * Math.log(lambda) - logFactorial);
    sum += pmf;
    cdf[k] = Math.min(1, sum);
  }
  return cdf;
}

function checkKernelArgs(q: number, z: number, trials: number, walkCap: number): void {
  checkShare(q);
  checkConfirmations(z);
  if (!Number.isSafeInteger(trials) || trials < 0) throw new ParameterError("trials", trials, "an integer, 0 <= trials <= 2^53 - 1");
  checkConfirmations(walkCap, "walkCap");
}

/**
 * Rosenfeld's race, simulated: `trials` independent double-spend attempts by
 * an attacker with hash share q against a merchant waiting for z confirmations.
 */
export function simulateDoubleSpendRace(q: number, z: number, trials: number, rng: Xoshiro128, walkCap = DEFAULT_WALK_CAP): DoubleSpendCounts {
  checkKernelArgs(q, z, trials, walkCap);
  const Q = probabilityToUint32(q);
  const remaining = catchUpTable(q, Math.max(z, walkCap));
  const st = rng.state;
  let s0 = st[0] | 0, s1 = st[1] | 0, s2 = st[2] | 0, s3 = st[3] | 0;
  let successes = 0;
  let events = 0;
  for (let trial = 0; trial < trials; trial++) {
    // Phase 1: blocks until the honest network has z (or the attacker already has z).
    let honest = 0;
    let attacker = 0;
    while (honest < z && attacker < z) {
      const m = Math.imul(s1, 5);
      const u = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
      const t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
      events++;
      if (u < Q) attacker++;
      else honest++;
    }
    if (attacker >= z) {
      successes++;
      continue;
    }
    // Phase 2: the catch-up walk from d behind.
    let d = z - attacker;
    while (d > 0 && d < walkCap) {
      const m = Math.imul(s1, 5);
      const u = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
      const t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
      events++;
      if (u < Q) d--;
      else d++;
    }
    if (d === 0) {
      successes++;
      continue;
    }
    // At the cap (or started beyond it): succeed with the exact remaining probability (q/p)^d.
    let m = Math.imul(s1, 5);
    const hi = Math.imul((m << 7) | (m >>> 25), 9) >>> 5;
    let t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
    m = Math.imul(s1, 5);
    const lo = Math.imul((m << 7) | (m >>> 25), 9) >>> 6;
    t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
    if ((hi * 67108864 + lo) / 9007199254740992 < remaining[d]) successes++;
  }
  st[0] = s0;
  st[1] = s1;
  st[2] = s2;
  st[3] = s3;
  return { successes, trials, blockEvents: events };
}

/**
 * Nakamoto's race, simulated: the attacker's progress is Poisson(z q / p)
 * (drawn by inversion of a 53-bit uniform, binary search in the CDF table),
 * then the same catch-up walk as `simulateDoubleSpendRace`.
 */
export function simulateDoubleSpendPoisson(q: number, z: number, trials: number, rng: Xoshiro128, walkCap = DEFAULT_WALK_CAP): DoubleSpendCounts {
  checkKernelArgs(q, z, trials, walkCap);
  const Q = probabilityToUint32(q);
  const remaining = catchUpTable(q, Math.max(z, walkCap));
  const lambda = q >= 1 ? Infinity : (z * q) / (1 - q);
  const cdf = lambda === Infinity ? new Float64Array(z) : poissonCdfTable(lambda, z);
  const belowZ = z > 0 ? cdf[z - 1] : 0; // P(K < z)
  const st = rng.state;
  let s0 = st[0] | 0, s1 = st[1] | 0, s2 = st[2] | 0, s3 = st[3] | 0;
  let successes = 0;
  let events = 0;
  for (let trial = 0; trial < trials; trial++) {
    // The attacker's progress K: smallest k with u < P(K <= k).
    let m = Math.imul(s1, 5);
    let hi = Math.imul((m << 7) | (m >>> 25), 9) >>> 5;
    let t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
    m = Math.imul(s1, 5);
    let lo = Math.imul((m << 7) | (m >>> 25), 9) >>> 6;
    t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
    const u = (hi * 67108864 + lo) / 9007199254740992;
    if (u >= belowZ) {
      successes++; // K >= z: level or ahead already
      continue;
    }
    let a = 0;
    let b = z - 1; // cdf[b] > u
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (u < cdf[mid]) b = mid;
      else a = mid + 1;
    }
    let d = z - a;
    while (d > 0 && d < walkCap) {
      m = Math.imul(s1, 5);
      const w = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
      t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
      events++;
      if (w < Q) d--;
      else d++;
    }
    if (d === 0) {
      successes++;
      continue;
    }
    m = Math.imul(s1, 5);
    hi = Math.imul((m << 7) | (m >>> 25), 9) >>> 5;
    t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
    m = Math.imul(s1, 5);
    lo = Math.imul((m << 7) | (m >>> 25), 9) >>> 6;
    t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
    if ((hi * 67108864 + lo) / 9007199254740992 < remaining[d]) successes++;
  }
  st[0] = s0;
  st[1] = s1;
  st[2] = s2;
  st[3] = s3;
  return { successes, trials, blockEvents: events };
}

/** The catch-up from d behind, one readable step at a time (shared by both references). */
function catchUpReference(q: number, deficit: number, walkCap: number, rng: Xoshiro128, counts: DoubleSpendCounts): boolean {
  const Q = probabilityToUint32(q);
  let d = deficit;
  while (d > 0 && d < walkCap) {
    counts.blockEvents++;
    d += rng.next() < Q ? -1 : 1;
  }
  if (d === 0) return true;
  const rho = q >= 0.5 ? 1 : q / (1 - q);
  return rng.nextFloat() < Math.pow(rho, d);
}

/** `simulateDoubleSpendRace`, readable: the reference the fast kernel must match draw for draw. */
export function simulateDoubleSpendRaceReference(q: number, z: number, trials: number, rng: Xoshiro128, walkCap = DEFAULT_WALK_CAP): DoubleSpendCounts {
  checkKernelArgs(q, z, trials, walkCap);
  const Q = probabilityToUint32(q);
  const counts: DoubleSpendCounts = { successes: 0, trials, blockEvents: 0 };
  for (let trial = 0; trial < trials; trial++) {
    let honest = 0;
    let attacker = 0;
    while (honest < z && attacker < z) {
      counts.blockEvents++;
      if (rng.next() < Q) attacker++;
      else honest++;
    }
    const won = attacker >= z || catchUpReference(q, z - attacker, walkCap, rng, counts);
    if (won) counts.successes++;
  }
  return counts;
}

/** `simulateDoubleSpendPoisson`, readable: Poisson by sequential inversion of the same uniform. */
export function simulateDoubleSpendPoissonReference(q: number, z: number, trials: number, rng: Xoshiro128, walkCap = DEFAULT_WALK_CAP): DoubleSpendCounts {
  checkKernelArgs(q, z, trials, walkCap);
  const lambda = q >= 1 ? Infinity : (z * q) / (1 - q);
  const cdf = lambda === Infinity ? new Float64Array(z) : poissonCdfTable(lambda, z);
  const counts: DoubleSpendCounts = { successes: 0, trials, blockEvents: 0 };
  for (let trial = 0; trial < trials; trial++) {
    const u = rng.nextFloat();
    let k = 0;
    while (k < z && u >= cdf[k]) k++; // k = z means K >= z
    const won = k >= z || catchUpReference(q, z - k, walkCap, rng, counts);
    if (won) counts.successes++;
  }
  return counts;
}

/**
 * Selfish mining in time, before and after the difficulty adjustment:
 * Grunspan & Pérez-Marco, "On profitability of selfish mining", arXiv
 * 1805.08281, 2018. Their point: the relative revenue of Eyal & Sirer (FC
 * 2014, eq. 8) is a share of the main chain, but a miner is paid per unit of
 * time. Withheld and orphaned blocks slow the main chain, so until the
 * difficulty adjusts the pool earns less per day than by mining honestly
 * (for any strategy: their "no strategy beats honest mining before a
 * difficulty adjustment"); once the difficulty has dropped so the main chain
 * again gets a block every blockIntervalS, the pool earns its relative
 * revenue per block, which beats alpha above the Eyal-Sirer threshold. The
 * attack is an attack on the difficulty adjustment.
 *
 * Closed forms, q = alpha, p = 1 - q, tau0 = blockIntervalS, over an attack
 * cycle (from an agreed chain until the next; G&PM's revenue ratio
 * Gamma = E[R] / E[tau]), derived from Eyal & Sirer's Algorithm 1:
 *   honest first (p): 1 block mined, 1 on the main chain, 0 to the pool;
 *   pool, then honest (qp): a race, 3 mined, 2 main, the pool gets 2 (q),
 *     1 (p gamma) or 0 (p (1 - gamma));
 *   pool twice (q^2): the lead walks from 2 (+1 w.p. q, -1 w.p. p) until an
 *     honest block meets lead 2; the walk takes 1 / (p - q) steps on average
 *     of which q / (p - q) are pool blocks: mined 2 + 1/(p - q), main and
 *     pool's 2 + q/(p - q).
 *   E[R] = p q (2q + p gamma) + q^2 (2 + q / (p - q))       pool's main-chain blocks
 *   E[L] = (p^2 q + p - q) / (p - q)                        main-chain blocks
 *   E[N] = 1 + 2 p^2 q / (p - q)                            blocks mined
 * E[R] / E[L] is Eyal & Sirer's eq. 8 (G&PM's "apparent hashrate" q~), and
 * before any adjustment E[tau] = tau0 E[N] (every block, orphan or not,
 * takes tau0 of the whole network's hash power). So, per unit time:
 *   honest mining      q / tau0
 *   selfish, before    E[R] / (E[N] tau0)  <  q / tau0 for gamma < 1: by
 *                      Wald's identity the pool mines q E[N] blocks a cycle
 *                      and loses p^2 q (1 - gamma) of them in races (equal
 *                      at gamma = 1)
 *   selfish, after     q~ / tau0 = E[R] / (E[L] tau0) (difficulty times
 *                      delta = E[L] / E[N]: the main chain back at 1 / tau0)
 * so after the adjustment the ratio to honest mining is q~ / q, the relative
 * revenue over alpha. With a retarget every n main-chain blocks, the first
 * comes after t1 = n tau0 / delta; by then the pool has n q~ blocks against
 * n q / delta for honest mining, and it gains (q~ - q) / tau0 per unit time
 * after, so its cumulative revenue overtakes honest mining at
 *   T* = n tau0 q~ (1 - delta) / (delta (q~ - q))    (q~ > q; never otherwise)
 * (G&PM's "expected duration time before profit", from these quantities;
 * the formulas here are derived from Algorithm 1 in their framework and
 * checked against simulation, not copied from the paper's equations).
 *
 * Simulation: the Eyal-Sirer block race in continuous time. The whole
 * network finds blocks at rate 1 / (tau0 D) at difficulty D; the difficulty
 * is retargeted Bitcoin-style (lib/models/pow-network/difficulty.ts: times
 * n tau0 / actual, clamped to [1/4, 4], actual = found time of the main-chain
 * block at height k n minus that at height (k - 1) n). Blocks enter the main
 * chain when their race is decided (booking as in simulate.ts); the new
 * difficulty applies from that moment, to every miner (Bitcoin applies it
 * per height: the pool's withheld blocks above k n would already use it;
 * this differs only within the one attack cycle that straddles the height).
 *
 * Known offsets of the simulation from the closed forms, both O(1/n) and
 * well inside the tests' standard errors (measured at alpha = 0.45, 1000
 * and 300 replicates): the found time of the block at height n is about
 * 0.3 % earlier than n tau0 / delta (within an attack cycle the pool's main-
 * chain blocks are found early, its orphaning honest blocks later); and
 * revenue per day after the retarget is about 0.2 % below q~ / tau0, because
 * Bitcoin's rule makes the next period last n tau0 E[(1 + e_k+1) / (1 + e_k)]
 * ~ n tau0 (1 + Var e) for a period length n tau0 (1 + e_k) (Jensen; Var e is
 * the squared coefficient of variation of the time of n main-chain blocks).
 */
import { ParameterError } from "../../experiment/params";
import type { Xoshiro128 } from "../../random/xoshiro128";
import { RETARGET_CLAMP } from "../pow-network/difficulty";
import { selfishRevenue } from "./closed-form";

const SECONDS_PER_DAY = 86_400;

/** Expected pool main-chain blocks, main-chain blocks and mined blocks per attack cycle (see the file comment). */
export function selfishCycle(alpha: number, gamma: number): { revenue: number; main: number; mined: number } {
  const q = alpha;
  const p = 1 - q;
  return {
    revenue: p * q * (2 * q + p * gamma) + q * q * (2 + q / (p - q)),
    main: (p * p * q + p - q) / (p - q),
    mined: 1 + (2 * p * p * q) / (p - q),
  };
}

/** delta = E[L] / E[N]: main-chain blocks per mined block, the factor the difficulty settles at. */
export function difficultyFactor(alpha: number, gamma: number): number {
  const c = selfishCycle(alpha, gamma);
  return c.main / c.mined;
}

export interface TimeRevenueTheory {
  honestPerDay: number;
  beforePerDay: number;
  afterPerDay: number;
  /** After / honest = relative revenue / alpha. */
  afterRatio: number;
  delta: number;
  /** Expected time of the first retarget, days. */
  firstRetargetDays: number;
  /** Time until the pool's cumulative revenue overtakes honest mining, days (Infinity: never). */
  breakEvenDays: number;
}

/** Revenue per day of the selfish pool before and after the difficulty adjustment, and the break-even time (file comment). */
export function selfishTimeTheory(alpha: number, gamma: number, retargetBlocks: number, blockIntervalS: number): TimeRevenueTheory {
  const perDay = SECONDS_PER_DAY / blockIntervalS;
  const c = selfishCycle(alpha, gamma);
  const delta = c.main / c.mined;
  const apparent = selfishRevenue(alpha, gamma);
  const t1 = (retargetBlocks * blockIntervalS) / delta;
  const breakEvenS = apparent > alpha ? (retargetBlocks * blockIntervalS * apparent * (1 - delta)) / (delta * (apparent - alpha)) : Infinity;
  return {
    honestPerDay: alpha * perDay,
    beforePerDay: (c.revenue / c.mined) * perDay,
    afterPerDay: apparent * perDay,
    afterRatio: apparent / alpha,
    delta,
    firstRetargetDays: t1 / SECONDS_PER_DAY,
    breakEvenDays: breakEvenS / SECONDS_PER_DAY,
  };
}

export interface TimeDifficultyRun {
  /** When the first retarget took effect (the block at height n was decided), s. */
  firstRetargetS: number;
  /** Found time of the block at height n (its timestamp), s. */
  firstRetargetFoundS: number;
  /** Pool main-chain blocks decided before the first retarget, and after it. */
  poolBefore: number;
  poolAfter: number;
  /** Main-chain blocks decided, all told. */
  mainBlocks: number;
  /** Blocks mined. */
  mined: number;
  /** When the run stopped (at the last retarget), s. */
  endS: number;
  /** First time at or after the first retarget at which the pool's cumulative main-chain blocks reach alpha t / tau0, s (NaN: never). */
  firstCrossS: number;
  /** Difficulty (relative to the start) after each retarget. */
  difficulty: number[];
}

export interface TimeDifficultyConfig {
  alpha: number;
  gamma: number;
  retargetBlocks: number;
  blockIntervalS: number;
  /** Retarget periods to simulate: the run stops at the retarget that ends the last one. */
  periods: number;
}

export function checkTimeDifficultyConfig(c: TimeDifficultyConfig): void {
  if (!(c.alpha >= 0 && c.alpha < 0.5)) throw new ParameterError("alpha", c.alpha, "a number, 0 <= alpha < 0.5");
  if (!(c.gamma >= 0 && c.gamma <= 1)) throw new ParameterError("gamma", c.gamma, "a number, 0 <= gamma <= 1");
  if (!(Number.isInteger(c.retargetBlocks) && c.retargetBlocks >= 1)) throw new ParameterError("retargetBlocks", c.retargetBlocks, "an integer >= 1");
  if (!(c.blockIntervalS > 0 && Number.isFinite(c.blockIntervalS))) throw new ParameterError("blockIntervalS", c.blockIntervalS, "a finite number > 0");
  if (!(Number.isInteger(c.periods) && c.periods >= 2)) throw new ParameterError("periods", c.periods, "an integer >= 2 (one period before the first retarget, at least one after)");
}

/**
 * The block race in time with retargeting (file comment), one readable step
 * per block; a few tens of thousands of events per run, so no inlined
 * generator is needed. Blocks are booked one by one in chain order with the
 * time they were found (the pool's withheld blocks in a queue), so the
 * retarget at height k n measures found times as Bitcoin's timestamps do.
 */
export function simulateSelfishMiningInTime(c: TimeDifficultyConfig, rng: Xoshiro128): TimeDifficultyRun {
  checkTimeDifficultyConfig(c);
  const { alpha, gamma, retargetBlocks: n, blockIntervalS: tau0 } = c;
  const stopHeight = c.periods * n;
  let t = 0;
  let d = 1;
  let tie = false;
  let tiePoolS = 0; // found times of the two blocks of a tie
  let tieHonestS = 0;
  const withheld: number[] = []; // found times of the pool's unpublished blocks, oldest first
  let head = 0; // withheld[head ..] are still private: the lead is withheld.length - head
  let pool = 0;
  let main = 0;
  let mined = 0;
  let boundaryS = 0; // found time of the block at the last multiple of n (genesis: 0)
  let firstRetargetS = NaN;
  let firstRetargetFoundS = NaN;
  let poolAtFirst = 0;
  let firstCrossS = NaN;
  const difficulty: number[] = [];

  /** One block enters the main chain (decided at time t); at a multiple of n the difficulty is retargeted. */
  const book = (byPool: boolean, foundS: number) => {
    if (byPool) pool++;
    main++;
    if (main % n === 0) {
      const factor = foundS > boundaryS ? (n * tau0) / (foundS - boundaryS) : RETARGET_CLAMP;
      d *= Math.min(RETARGET_CLAMP, Math.max(1 / RETARGET_CLAMP, factor));
      difficulty.push(d);
      boundaryS = foundS;
      if (Number.isNaN(firstRetargetS)) {
        firstRetargetS = t;
        firstRetargetFoundS = foundS;
        poolAtFirst = pool;
      }
    }
    if (!Number.isNaN(firstRetargetS) && Number.isNaN(firstCrossS) && pool >= (alpha * t) / tau0) firstCrossS = t;
  };
  const publishOldest = () => book(true, withheld[head++]);

  while (main < stopHeight) {
    t += -tau0 * d * Math.log1p(-rng.nextFloat());
    mined++;
    const u = rng.nextFloat();
    const poolFinds = u < alpha;
    const lead = withheld.length - head;
    if (tie) {
      tie = false;
      if (poolFinds) (book(true, tiePoolS), book(true, t));
      else if (u < alpha + gamma * (1 - alpha)) (book(true, tiePoolS), book(false, t));
      else (book(false, tieHonestS), book(false, t));
    } else if (poolFinds) withheld.push(t);
    else if (lead === 0) book(false, t);
    else if (lead === 1) (tie = true), (tiePoolS = withheld[head++]), (tieHonestS = t);
    else if (lead === 2) (publishOldest(), publishOldest());
    else publishOldest();
    if (head === withheld.length) (withheld.length = 0), (head = 0);
  }
  return { firstRetargetS, firstRetargetFoundS, poolBefore: poolAtFirst, poolAfter: pool - poolAtFirst, mainBlocks: main, mined, endS: t, firstCrossS, difficulty };
}

/** Per-day revenues of a run and the plug-in break-even time: t1 + (honest - pool at t1) / (after - honest rate). */
export function timeRevenueOfRun(r: TimeDifficultyRun, alpha: number, blockIntervalS: number): { beforePerDay: number; afterPerDay: number; breakEvenDays: number; firstCrossDays: number } {
  const t1 = r.firstRetargetS;
  const beforePerDay = r.poolBefore / (t1 / SECONDS_PER_DAY);
  const afterPerDay = r.poolAfter / ((r.endS - t1) / SECONDS_PER_DAY);
  const honestPerDay = (alpha * SECONDS_PER_DAY) / blockIntervalS;
  const deficit = (alpha * t1) / blockIntervalS - r.poolBefore;
  const breakEvenDays = afterPerDay > honestPerDay ? t1 / SECONDS_PER_DAY + deficit / (afterPerDay - honestPerDay) : Infinity;
  return { beforePerDay, afterPerDay, breakEvenDays, firstCrossDays: r.firstCrossS / SECONDS_PER_DAY };
}

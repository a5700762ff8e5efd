/**
 * Stubborn mining strategies of Nayak, Kumar, Miller & Shi, "Stubborn Mining:
 * Generalizing Selfish Mining and Combining with an Eclipse Attack",
 * EuroS&P 2016, section 3, written as rules on the state (a, h, fork) of
 * Sapirshtein et al.'s MDP (mdp.ts), so that each strategy is a policy the
 * MDP can evaluate exactly and the optimum bounds it.
 *
 *   selfish (Eyal & Sirer 2014, Algorithm 1, "SM1"): adopt when behind; when
 *     the honest miners close to one block behind, publish all (override);
 *     in a tie (after a match) publish the next block at once (override).
 *   L, lead-stubborn: when the honest miners find a block and the pool is
 *     ahead, publish only enough to tie (match), never all; the pool wins a
 *     fork only through a tie (its next block, or honest miners on its branch).
 *   F, equal-fork stubborn: in a tie, a block the pool finds is kept private
 *     (wait) instead of published to win the tie.
 *   Tj, j-trail stubborn: when behind, keep mining the private branch (of at
 *     least one block) until it is more than j blocks behind, then adopt. A
 *     pool that catches up to a tie waits, and overrides once it is one block
 *     ahead (unless also L, which waits for the honest miners to catch up).
 *   Combinations: "LF", "LT1", "FT2", "LFT1", ...
 *
 * Interpretation, stated: gamma acts only in ties the pool makes by matching a
 * fresh honest block (Sapirshtein et al.'s match needs fork = relevant). A tie
 * the pool reaches from behind (T_j) was seen second by every honest miner, so
 * here no one switches; a model that lets gamma act in every tie would give
 * T_j more.
 */
import { ACTIVE, ADOPT, MATCH, OVERRIDE, RELEVANT, WAIT } from "./mdp";

export interface StubbornStrategy {
  /** L: match instead of override when the honest miners close to a lead of one. */
  readonly lead: boolean;
  /** F: keep a block found during a tie private. */
  readonly equalFork: boolean;
  /** T_j: blocks the pool may trail by and keep mining its branch (0: adopt as soon as behind). */
  readonly trailDepth: number;
}

export const SELFISH: StubbornStrategy = { lead: false, equalFork: false, trailDepth: 0 };

/** Parse "selfish", "L", "F", "T1", "LF", "LT2", "FT1", "LFT3", ... (letters in the order L, F, T). */
export function parseStubbornStrategy(name: string): StubbornStrategy | undefined {
  if (name === "selfish") return SELFISH;
  const m = /^(L?)(F?)(?:T([1-9][0-9]?))?$/.exec(name);
  if (!m || name === "") return undefined;
  return { lead: m[1] === "L", equalFork: m[2] === "F", trailDepth: m[3] ? Number(m[3]) : 0 };
}

/** The strategy's name, inverse of parseStubbornStrategy. */
export function stubbornStrategyName(s: StubbornStrategy): string {
  const name = `${s.lead ? "L" : ""}${s.equalFork ? "F" : ""}${s.trailDepth > 0 ? `T${s.trailDepth}` : ""}`;
  return name === "" ? "selfish" : name;
}

/** The action the strategy takes in (a, h, fork): the readable rule both Monte Carlo kernels and the MDP evaluation use. */
export function stubbornAction(s: StubbornStrategy, a: number, h: number, fork: number): number {
  if (h > a) return a === 0 || h - a > s.trailDepth ? ADOPT : WAIT; // no private branch: nothing to be stubborn about
  if (h === 0) return WAIT; // nothing public to answer yet
  if (a === h) return fork === RELEVANT ? MATCH : WAIT; // tie: match a fresh honest block; a catch-up tie waits
  if (a === h + 1) {
    if (fork === ACTIVE) return s.equalFork ? WAIT : OVERRIDE; // pool broke its own tie
    if (fork === RELEVANT) return s.lead ? MATCH : OVERRIDE; // honest miners closed to one block
    return s.lead ? WAIT : OVERRIDE; // caught up from behind and one ahead
  }
  // a >= h + 2: publish one block per honest block (match), keep the rest
  return fork === RELEVANT ? MATCH : WAIT;
}

/**
 * Bernoulli trials from 32-bit draws: a draw below p * 2^32 is a success.
 * Used for message loss (each message carrying the rumor is lost with
 * probability lossRate: the stochastic failures of Kermarrec, Massoulié &
 * Ganesh, IEEE TPDS 2003) and for the coin of rumor mongering
 * (stop with probability 1/k: Demers et al., PODC 1987, section 1.4). Each
 * kind draws from its own stream, so switching loss on does not move the
 * partner draws. A draw is taken only when 0 < p < 1.
 */
import { probabilityToUint32, type Xoshiro128 } from "../../random/xoshiro128";

/** 32-bit threshold of a probability: a draw below it is a success (0: never, 2^32: always). */
export function bernoulliThreshold(p: number): number {
  return probabilityToUint32(p);
}

/** One Bernoulli trial; draws from `rng` only when the outcome is random. */
export function bernoulli(rng: Xoshiro128, threshold: number): boolean {
  if (threshold === 0) return false;
  if (threshold >= 4294967296) return true;
  return rng.next() < threshold;
}

/**
 * What an eclipse costs the victim (Heilman et al. 2015, section 1.1 and
 * section 7: "N-confirmation double spending", "engineering block races",
 * "splitting mining power").
 *
 * Double spend against an eclipsed merchant. Everything the victim sees comes
 * from the attacker, so its chain grows only with the attacker's hash share
 * q: blocks at rate q / T (T the block interval). The attacker mines the
 * payment and z - 1 blocks on it in private view of the victim only; the
 * merchant accepts after z confirmations, i.e. after the attacker's z-th
 * block, a Gamma(z, q / T) time. If the eclipse lasts D seconds, the double
 * spend succeeds when that time is at most D:
 *
 *   Pr[success] = Pr[Poisson(q D / T) >= z]        (any q > 0: no race to win)
 *
 * against Rosenfeld's r(q, z) (2014, eq. 1; lib/models/finality) for a
 * merchant who sees the honest chain, which vanishes for q < 1/2 as z grows.
 *
 * Wasted hash rate. An eclipsed miner with share m works on the attacker's
 * view; its blocks never reach the honest chain: the network loses m, and an
 * attacker with share q holds q / (1 - m) of the hash rate that still counts
 * (the "splitting mining power" effect of the paper's section 1.1).
 *
 * Proof of stake, briefly (Casper FFG's 2/3 supermajority; Buterin & Griffith
 * 2017): a victim eclipsed for E epochs sees no attestations but the
 * attacker's; with stake share s < 2/3 the attacker cannot justify or
 * finalize anything, so the victim's finalized checkpoint is E epochs stale
 * (it cannot tell a stalled network from an eclipse), and the attacker can
 * feed it only its own proposals, about s per slot.
 */
import type { Xoshiro128 } from "../../random/xoshiro128";
import { rosenfeldSuccess } from "../finality/finality-rosenfeld";

/** Pr[Poisson(lambda) >= z], summed from the terms below z (z small) in a stable way. */
export function poissonAtLeast(lambda: number, z: number): number {
  if (z <= 0) return 1;
  if (lambda <= 0) return 0;
  let term = Math.exp(-lambda);
  let below = 0;
  for (let j = 0; j < z; j++) {
    below += term;
    term *= lambda / (j + 1);
  }
  return Math.max(0, 1 - below);
}

/** Closed form: a z-confirmation double spend against a victim eclipsed for eclipseS seconds, attacker share q. */
export function eclipsedDoubleSpend(q: number, z: number, eclipseS: number, blockIntervalS: number): number {
  return poissonAtLeast((q * eclipseS) / blockIntervalS, z);
}

/** Mean time the attacker needs to show the eclipsed victim z confirmations: z T / q. */
export function eclipsedConfirmationTimeS(q: number, z: number, blockIntervalS: number): number {
  return q > 0 ? (z * blockIntervalS) / q : Infinity;
}

/** Monte Carlo of the same: `trials` Gamma(z, q/T) times (sums of exponentials) against the eclipse duration. */
export function simulateEclipsedDoubleSpend(q: number, z: number, eclipseS: number, blockIntervalS: number, trials: number, rng: Xoshiro128): { successes: number; meanTimeS: number } {
  const rate = q / blockIntervalS;
  let successes = 0;
  let total = 0;
  for (let i = 0; i < trials; i++) {
    let t = 0;
    for (let j = 0; j < z; j++) t -= Math.log(1 - rng.nextFloat()) / rate;
    total += t;
    if (t <= eclipseS) successes++;
  }
  return { successes, meanTimeS: total / trials };
}

/** The non-eclipsed comparison: Rosenfeld 2014, eq. 1. */
export function honestViewDoubleSpend(q: number, z: number): number {
  return rosenfeldSuccess(q, z);
}

/** Share of the counting hash rate an attacker with share q holds while miners with share m are eclipsed: q / (1 - m). */
export function attackerEffectiveShare(q: number, eclipsedShare: number): number {
  return q / (1 - eclipsedShare);
}

export interface PosStaleView {
  epochsBehind: number;
  attackerCanFinalize: boolean;
  attackerBlocksPerEpoch: number;
}

/** The brief proof-of-stake model (see the header): Ethereum's 32 slots of 12 s per epoch by default. */
export function posStaleView(eclipseS: number, attackerStake: number, slotsPerEpoch = 32, slotS = 12): PosStaleView {
  return {
    epochsBehind: Math.floor(eclipseS / (slotsPerEpoch * slotS)),
    attackerCanFinalize: attackerStake >= 2 / 3,
    attackerBlocksPerEpoch: attackerStake * slotsPerEpoch,
  };
}

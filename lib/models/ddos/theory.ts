/**
 * Closed forms for a victim whose CPU serves mu = 1 / cpuPerRequestS
 * requests per second, honest peers offering Lh = peers * rate and a flood
 * of La (requests per second).
 *
 * FIFO under overload (no defence, queue not bounded): the server never
 * idles once Lh + La > mu and serves requests in arrival order, so in the
 * long run it serves mu requests per second (a busy work-conserving single
 * server; Kleinrock, Queueing Systems vol. 1, 1975, chapter 1), and since it
 * serves in arrival order the served stream has the arrival mix, a share
 * Lh / (Lh + La) honest:
 *     honest served per second = Lh                    if Lh + La <= mu
 *                              = mu Lh / (Lh + La)     otherwise.
 * Token buckets (rate rho, burst beta, per key): an honest peer that sends
 * evenly at <= rho with beta >= 1 is never refused; k attack keys get at most
 * k (rho T + beta) requests through in a window of T seconds. So honest
 * throughput is at least the FIFO share against that admitted flood:
 *     floor = Lh min(1, mu / (Lh + min(La, k (rho + beta / T)))).
 * Known peers first (non-preemptive priority): the unknown flood never delays
 * a known request by more than one service, so honest throughput is
 * min(Lh, mu) less the share of attackers that became known peers.
 * These ignore the access link: they hold while it is not saturated, 8 (Lh S_h + La S_a) < linkBps.
 */
import { ParameterError } from "../../experiment/params";

/** Honest requests served per second by an unbounded FIFO server of rate mu. */
export function fifoHonestThroughput(honestRate: number, attackRate: number, mu: number): number {
  if (!(mu > 0)) throw new ParameterError("mu", mu, "a number > 0, requests per second");
  const total = honestRate + attackRate;
  return total <= mu ? honestRate : (mu * honestRate) / total;
}

/** Requests per second k token buckets (rho, beta) let through at most, over a window of windowS seconds, from an offered attackRate. */
export function admittedAttackBound(attackRate: number, keys: number, rho: number, beta: number, windowS: number): number {
  return Math.min(attackRate, keys * (rho + beta / windowS));
}

/** Lh min(1, mu / (Lh + admitted)): the honest throughput a saturated FIFO keeps against an admitted flood. */
export function honestFloor(honestRate: number, admittedAttack: number, mu: number): number {
  return honestRate * Math.min(1, mu / (honestRate + admittedAttack));
}

/**
 * What a Sybil attack costs under each admission rule, in closed form: the
 * attacker buys the scarce resource the rule counts (Douceur, "The Sybil
 * Attack", IPTPS 2002: without a trusted authority, identities are only as
 * costly as the resource they must show).
 *
 *   pow  hash rate, rented by the day:   X = s/(1-s) H TH/s,  cost = X p days
 *   pos  stake, 32 ETH per validator:    X = s/(1-s) S ETH,   validators = ceil(X/32), cost = 32 validators price
 *   poa  authority seats (fixed set N):  seats = floor(s N) + 1, cost = seats c
 *   ip   IPv4 addresses to fill a node's connection slots: ceil(slots/perIp) addresses for `days`
 *   vps  the same with one VPS (and its address) per identity
 *
 * s is the share of the resource the attacker must hold after joining (1/2
 * for a PoW majority, 1/3 to halt and 2/3 to finalize in BFT-style PoS). The
 * resource of the others (H, S) stays as it is: the attacker adds its own.
 */
import { ParameterError } from "../../experiment/params";
import { HOURS_PER_MONTH } from "./cost-figures";

export interface AttackCost {
  /** What the attacker buys one of. */
  readonly unit: string;
  /** USD per unit (for the whole attack duration where the unit is rented). */
  readonly unitCostUsd: number;
  /** Units the attack needs. */
  readonly unitsNeeded: number;
  /** unitsNeeded * unitCostUsd. */
  readonly attackCostUsd: number;
}

function checkShare(share: number): void {
  if (!(share > 0 && share < 1)) throw new ParameterError("share", share, "a number, 0 < share < 1");
}

function checkPositive(name: string, value: number): void {
  if (!(value > 0 && Number.isFinite(value))) throw new ParameterError(name, value, "a finite number > 0");
}

/** Resource the attacker adds so that it holds `share` of the total: share / (1 - share) * others. */
export function resourceForShare(share: number, others: number): number {
  checkShare(share);
  if (!(others >= 0 && Number.isFinite(others))) throw new ParameterError("others", others, "a finite number >= 0");
  return (share / (1 - share)) * others;
}

/** Rented hash rate for `days`: X = s/(1-s) H TH/s at `usdPerThDay` per TH/s per day. */
export function powAttackCost(share: number, networkThs: number, usdPerThDay: number, days: number): AttackCost {
  checkPositive("hashrateThs", networkThs);
  checkPositive("hashpriceUsdPerThDay", usdPerThDay);
  checkPositive("durationDays", days);
  const ths = resourceForShare(share, networkThs);
  const unitCostUsd = usdPerThDay * days;
  return { unit: "TH/s rented for the duration", unitCostUsd, unitsNeeded: ths, attackCostUsd: ths * unitCostUsd };
}

/** Stake bought at `ethPriceUsd`: ceil(s/(1-s) S / ethPerValidator) validators of ethPerValidator ETH each. */
export function posAttackCost(share: number, stakedEth: number, ethPerValidator: number, ethPriceUsd: number): AttackCost {
  checkPositive("stakedEth", stakedEth);
  checkPositive("ethPerValidator", ethPerValidator);
  checkPositive("ethPriceUsd", ethPriceUsd);
  const validators = Math.ceil(resourceForShare(share, stakedEth) / ethPerValidator);
  const unitCostUsd = ethPerValidator * ethPriceUsd;
  return { unit: "validator", unitCostUsd, unitsNeeded: validators, attackCostUsd: validators * unitCostUsd };
}

/** A fixed set of `authorities`: more than `share` of them, floor(s N) + 1 seats, at `seatCostUsd` each. */
export function poaAttackCost(share: number, authorities: number, seatCostUsd: number): AttackCost {
  checkShare(share);
  if (!(Number.isInteger(authorities) && authorities >= 1)) throw new ParameterError("authorities", authorities, "an integer >= 1");
  checkPositive("poaSeatCostUsd", seatCostUsd);
  const seats = Math.floor(share * authorities) + 1;
  if (seats > authorities) throw new ParameterError("share", share, `a share whose floor(share * authorities) + 1 <= authorities = ${authorities}`);
  return { unit: "authority seat", unitCostUsd: seatCostUsd, unitsNeeded: seats, attackCostUsd: seats * seatCostUsd };
}

/** Addresses to fill `slots` connection slots with `perIp` connections per address, held for `days` at `usdPerHour`. */
export function ipAttackCost(slots: number, perIp: number, usdPerHour: number, days: number): AttackCost {
  if (!(Number.isInteger(slots) && slots >= 1)) throw new ParameterError("slots", slots, "an integer >= 1");
  if (!(Number.isInteger(perIp) && perIp >= 1)) throw new ParameterError("connectionsPerIp", perIp, "an integer >= 1");
  checkPositive("ipUsdPerHour", usdPerHour);
  checkPositive("durationDays", days);
  const ips = Math.ceil(slots / perIp);
  const unitCostUsd = usdPerHour * 24 * days;
  return { unit: "IPv4 address for the duration", unitCostUsd, unitsNeeded: ips, attackCostUsd: ips * unitCostUsd };
}

/** One VPS per address: ceil(slots/perIp) servers for `days` at `usdPerMonth` (a month of HOURS_PER_MONTH hours). */
export function vpsAttackCost(slots: number, perIp: number, usdPerMonth: number, days: number): AttackCost {
  if (!(Number.isInteger(slots) && slots >= 1)) throw new ParameterError("slots", slots, "an integer >= 1");
  if (!(Number.isInteger(perIp) && perIp >= 1)) throw new ParameterError("connectionsPerIp", perIp, "an integer >= 1");
  checkPositive("vpsUsdPerMonth", usdPerMonth);
  checkPositive("durationDays", days);
  const servers = Math.ceil(slots / perIp);
  const unitCostUsd = (usdPerMonth * 24 * days) / HOURS_PER_MONTH;
  return { unit: "VPS for the duration", unitCostUsd, unitsNeeded: servers, attackCostUsd: servers * unitCostUsd };
}

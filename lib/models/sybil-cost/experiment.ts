/**
 * Experiment `sybil-cost`: the price of a Sybil attack under proof of work
 * (rented hash rate), proof of stake (32 ETH validators), proof of authority
 * (seats of a fixed set) and connection limits (IPv4 addresses or VPSs to
 * fill a node's slots), from the cited figures of cost-figures.ts (each a
 * parameter with that default). Closed form, no randomness: every replicate
 * gives the same row.
 */
import { defineExperiment } from "../../experiment/experiment";
import { choice, int, num, type ParamsOf } from "../../experiment/params";
import { ipAttackCost, poaAttackCost, posAttackCost, powAttackCost, vpsAttackCost, type AttackCost } from "./attack-cost";
import {
  BITCOIN_CORE_MAX_CONNECTIONS,
  BITCOIN_HASHRATE_THS,
  ETH_PER_VALIDATOR,
  ETH_PRICE_USD,
  HASHPRICE_USD_PER_TH_DAY,
  IPV4_USD_PER_HOUR,
  STAKED_ETH,
  VPS_USD_PER_MONTH,
} from "./cost-figures";

export const SYBIL_MECHANISMS = ["pow", "pos", "poa", "ip", "vps"] as const;

export const sybilCostParams = {
  mechanism: choice({ default: "pow", choices: SYBIL_MECHANISMS, doc: "what an identity must show: pow (rented hash rate), pos (32 ETH stake per validator), poa (a seat of a fixed authority set), ip (an IPv4 address per connection slot), vps (a VPS per connection slot)" }),
  share: num({ default: 0.5, unit: "", min: 0, max: 1, minExclusive: true, maxExclusive: true, doc: "pow/pos/poa: share of the resource the attacker must hold after joining (1/2 PoW majority; 1/3 halts, 2/3 finalizes in BFT PoS); default 0.5" }),
  durationDays: num({ default: 1, unit: "days", min: 0, max: 36500, minExclusive: true, doc: "pow/ip/vps: how long the resource is rented; default 1" }),
  hashrateThs: num({ default: BITCOIN_HASHRATE_THS, unit: "TH/s", min: 0, max: 1e15, minExclusive: true, doc: "pow: hash rate of everyone else (Bitcoin > 1.1 ZH/s, CoinDesk/Luxor, Nov 2025); default 1.1e9" }),
  hashpriceUsdPerThDay: num({ default: HASHPRICE_USD_PER_TH_DAY, unit: "USD/(TH/s day)", min: 0, max: 1e6, minExclusive: true, doc: "pow: rental price of 1 TH/s for a day (Luxor hashprice $38.2/PH/s/day, CoinDesk, Nov 2025; a lower bound on rental); default 0.0382" }),
  stakedEth: num({ default: STAKED_ETH, unit: "ETH", min: 0, max: 1e12, minExclusive: true, doc: "pos: stake of everyone else (about 36 million ETH on 2025-12-25); default 3.6e7" }),
  ethPerValidator: num({ default: ETH_PER_VALIDATOR, unit: "ETH", min: 0, max: 1e9, minExclusive: true, doc: "pos: stake per validator identity (32 ETH, consensus-specs phase 0 MAX_EFFECTIVE_BALANCE; EIP-7251 minimum); default 32" }),
  ethPriceUsd: num({ default: ETH_PRICE_USD, unit: "USD/ETH", min: 0, max: 1e9, minExclusive: true, doc: "pos: ETH price ($2,921 on 2025-12-25, GlobeNewswire 2025-12-26); default 2921" }),
  authorities: int({ default: 21, unit: "seats", min: 1, max: 1e6, doc: "poa: size of the fixed authority set (21 in BNB Smart Chain's original design); default 21" }),
  poaSeatCostUsd: num({ default: 1e6, unit: "USD", min: 0, max: 1e15, minExclusive: true, doc: "poa: cost of bribing or compromising one authority: an ASSUMPTION (no market price); default 1e6" }),
  slots: int({ default: BITCOIN_CORE_MAX_CONNECTIONS, unit: "connections", min: 1, max: 1e6, doc: "ip/vps: connection slots to occupy (Bitcoin Core default 125, net.h); default 125" }),
  connectionsPerIp: int({ default: 1, unit: "connections", min: 1, max: 1e6, doc: "ip/vps: connections the victim accepts per address; default 1" }),
  ipUsdPerHour: num({ default: IPV4_USD_PER_HOUR, unit: "USD/h", min: 0, max: 1e6, minExclusive: true, doc: "ip: one public IPv4 address per hour (AWS, $0.005 from 2024-02-01); default 0.005" }),
  vpsUsdPerMonth: num({ default: VPS_USD_PER_MONTH, unit: "USD/month", min: 0, max: 1e9, minExclusive: true, doc: "vps: one small VPS per month (DigitalOcean Basic Droplet $4, 2024); default 4" }),
} as const;

export type SybilCostParams = ParamsOf<typeof sybilCostParams>;

/** The attack cost of the chosen mechanism. */
export function sybilAttackCost(p: SybilCostParams): AttackCost {
  switch (p.mechanism) {
    case "pow":
      return powAttackCost(p.share, p.hashrateThs, p.hashpriceUsdPerThDay, p.durationDays);
    case "pos":
      return posAttackCost(p.share, p.stakedEth, p.ethPerValidator, p.ethPriceUsd);
    case "poa":
      return poaAttackCost(p.share, p.authorities, p.poaSeatCostUsd);
    case "ip":
      return ipAttackCost(p.slots, p.connectionsPerIp, p.ipUsdPerHour, p.durationDays);
    default:
      return vpsAttackCost(p.slots, p.connectionsPerIp, p.vpsUsdPerMonth, p.durationDays);
  }
}

export const sybilCost = defineExperiment({
  name: "sybil-cost",
  title: "Sybil attack cost: rented hash rate, 32-ETH validators, authority seats, IPv4 addresses or VPSs per connection slot",
  reference: "Douceur, The Sybil Attack, IPTPS 2002; Heilman et al., Eclipse Attacks on Bitcoin's P2P Network, USENIX Security 2015, section 3; figures cited in cost-figures.ts",
  source: __filename,
  params: sybilCostParams,
  validate: (p) => {
    if (p.mechanism === "poa") poaAttackCost(p.share, p.authorities, p.poaSeatCostUsd);
  },
  run(p) {
    const c = sybilAttackCost(p);
    return { unit: c.unit, unitCostUsd: c.unitCostUsd, unitsNeeded: c.unitsNeeded, attackCostUsd: c.attackCostUsd };
  },
});

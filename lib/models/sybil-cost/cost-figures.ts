/**
 * The market figures behind the Sybil cost model, each with its source and
 * date. They are the defaults of the `sybil-cost` experiment's parameters, so
 * a later price is one `--ethPriceUsd 3500` away; nothing here is fetched.
 *
 *   hash rate rental  Luxor Hashprice Index (USD per TH/s per day), as reported by
 *                     CoinDesk, late November 2025: $38.2 per PH/s per day, "lowest in
 *                     five years", with the network at > 1.1 ZH/s (7-day mean).
 *                     Hashprice is what a TH/s earns; a rental market (NiceHash) sells
 *                     at or above it, so it is a lower bound on the rental price
 *                     (Bonneau, "Why buy when you can rent?", FC 2016 workshops).
 *   stake             32 ETH per validator: MAX_EFFECTIVE_BALANCE of the phase 0
 *                     consensus spec (ethereum/consensus-specs, specs/phase0/beacon-chain.md);
 *                     since Pectra (EIP-7251, May 2025) 32 ETH is still the minimum to
 *                     activate, larger balances are one validator.
 *   ETH price         $2,921 on 2025-12-25 (GlobeNewswire release of 2025-12-26),
 *                     with about 36 million ETH staked (29.57 % of supply) at that date.
 *   IPv4 address      AWS public IPv4 charge, $0.005 per address per hour from
 *                     2024-02-01 (AWS announcement of 2023-07-28).
 *   VPS               DigitalOcean Basic Droplet, $4 per month (digitalocean.com/pricing, 2024).
 *   connection limits Bitcoin Core net.h: DEFAULT_MAX_PEER_CONNECTIONS = 125, of them
 *                     MAX_OUTBOUND_FULL_RELAY_CONNECTIONS = 8 and MAX_BLOCK_RELAY_ONLY_CONNECTIONS = 2
 *                     (v22, 2021); eclipse attacks fill them (Heilman, Kendler, Zohar &
 *                     Goldberg, USENIX Security 2015, section 3).
 *   PoA seat          no market price exists: a modelling assumption (the cost of
 *                     bribing or compromising one authority), not a citation.
 */

/** Luxor hashprice, USD per TH/s per day (CoinDesk, late November 2025: $38.2 per PH/s per day). */
export const HASHPRICE_USD_PER_TH_DAY = 0.0382;
/** Bitcoin network hash rate, TH/s (> 1.1 ZH/s, 7-day mean, same report). */
export const BITCOIN_HASHRATE_THS = 1.1e9;
/** ETH per validator (consensus-specs phase 0, MAX_EFFECTIVE_BALANCE; minimum activation balance after EIP-7251). */
export const ETH_PER_VALIDATOR = 32;
/** ETH price, USD, 2025-12-25. */
export const ETH_PRICE_USD = 2921;
/** ETH staked, 2025-12-25 (about 36 million). */
export const STAKED_ETH = 36e6;
/** AWS public IPv4 address, USD per hour (from 2024-02-01). */
export const IPV4_USD_PER_HOUR = 0.005;
/** Cheapest DigitalOcean droplet, USD per month (2024). */
export const VPS_USD_PER_MONTH = 4;
/** Bitcoin Core's default connection slots (inbound and outbound). */
export const BITCOIN_CORE_MAX_CONNECTIONS = 125;
/** Hours in a mean month (365.25 * 24 / 12), for monthly prices. */
export const HOURS_PER_MONTH = 730.5;

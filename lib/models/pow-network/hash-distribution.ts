/**
 * How the hash rate is spread over the nodes (the miners):
 *   equal       every node 1 / n (or node 0 holds bigMinerShare, the rest split evenly)
 *   normal      SimBlock's rule (SimulationConfiguration.java, AVERAGE_MINING_POWER
 *               400,000 and STDEV_OF_MINING_POWER 100,000; Main.genMiningPower):
 *               each node's power is max(N(1, hashSpread), 1 / 400,000), normalised
 *   pools-<id>  the pools of data/pools/pool-shares.json on nodes 0, 1, ... (largest
 *               first), the rest of the hash rate split evenly over the other nodes
 */
import { ParameterError } from "../../experiment/params";
import { standardNormal } from "../../network/latency/draw";
import type { Xoshiro128 } from "../../random/xoshiro128";
import pools from "../../../data/pools/pool-shares.json";
import { bigMinerShares } from "./hash-shares";

export const POOL_DATASETS = Object.keys(pools) as readonly string[];
export const HASH_DISTRIBUTIONS = ["equal", "normal", ...POOL_DATASETS.map((d) => `pools-${d}`)] as const;

/** Smallest power of a node under `normal`, relative to the mean (SimBlock's floor of 1 hash/ms at mean 400,000). */
export const NORMAL_POWER_FLOOR = 1 / 400_000;

export interface PoolDataset {
  readonly description: string;
  readonly source: string;
  readonly pools: ReadonlyArray<{ name: string; share: number }>;
}

export function poolDataset(id: string): PoolDataset {
  const d = (pools as unknown as Record<string, PoolDataset>)[id];
  if (!d) throw new ParameterError("hashDistribution", `pools-${id}`, `one of ${HASH_DISTRIBUTIONS.join(", ")}`);
  return d;
}

/** Shares of n nodes for the named pools: pool i on node i, the rest even over the others. */
export function poolShares(n: number, id: string): Float64Array {
  const d = poolDataset(id);
  if (n <= d.pools.length) throw new ParameterError("nodes", n, `more than ${d.pools.length} nodes for hashDistribution pools-${id} (one node per pool, at least one for the rest)`);
  const s = new Float64Array(n);
  let named = 0;
  d.pools.forEach((p, i) => {
    s[i] = p.share;
    named += p.share;
  });
  const rest = (1 - named) / (n - d.pools.length);
  for (let i = d.pools.length; i < n; i++) s[i] = rest;
  return s;
}

/** SimBlock's normal mining power, normalised to shares. */
export function normalShares(n: number, spread: number, rng: Xoshiro128): Float64Array {
  const s = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    s[i] = Math.max(1 + spread * standardNormal(rng), NORMAL_POWER_FLOOR);
    sum += s[i];
  }
  for (let i = 0; i < n; i++) s[i] /= sum;
  return s;
}

/**
 * Every node's hash share (null: equal shares), for the parameters. `rng` is used by `normal` only.
 * bigMinerShare > 0 sets node 0's share and scales the others' to the rest (with equal shares:
 * bigMinerShares, node 0 big and the rest even).
 */
export function hashSharesFor(n: number, distribution: string, bigMinerShare: number, spread: number, rng: () => Xoshiro128): Float64Array | null {
  if (distribution === "equal") return bigMinerShares(n, bigMinerShare);
  let s: Float64Array;
  if (distribution === "normal") s = normalShares(n, spread, rng());
  else if (distribution.startsWith("pools-")) s = poolShares(n, distribution.slice("pools-".length));
  else throw new ParameterError("hashDistribution", distribution, `one of ${HASH_DISTRIBUTIONS.join(", ")}`);
  return bigMinerShare > 0 ? withBigMiner(s, bigMinerShare) : s;
}

/** Node 0 gets `big`; the other shares keep their proportions and sum to 1 - big. */
export function withBigMiner(shares: Float64Array, big: number): Float64Array {
  const n = shares.length;
  if (n === 1) return Float64Array.of(1);
  let rest = 0;
  for (let i = 1; i < n; i++) rest += shares[i];
  const out = new Float64Array(n);
  out[0] = big;
  for (let i = 1; i < n; i++) out[i] = rest > 0 ? (shares[i] * (1 - big)) / rest : (1 - big) / (n - 1);
  return out;
}

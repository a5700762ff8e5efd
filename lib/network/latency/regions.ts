/**
 * Region-to-region latency: nodes are placed in regions (at random, with the
 * region weights), and the latency of a link between regions r and s is drawn
 * around the measured matrix entry: lognormal with median M[r][s] and shape
 * `sigma` (sigma = 0 gives the entry itself). Round-trip tables are halved to
 * one-way; a non-symmetric table is symmetrised (links are undirected).
 *
 * Datasets ship in data/latency/regions.json (sources in data/latency/README.md):
 *   "bitcoin-simblock-2019"  6 regions, Bitcoin's 2019 node shares (SimBlock, Aoki et al. 2019)
 *   "ibm-cloud-2024"         10 IBM Cloud regions, measured averages Feb-Mar 2024, equal shares
 */
import { ParameterError } from "../../experiment/params";
import type { Xoshiro128 } from "../../random/xoshiro128";
import { standardNormal } from "./draw";
import type { LinkLatency } from "./model";
import datasets from "../../../data/latency/regions.json";

export interface RegionDataset {
  readonly name: string;
  readonly regions: readonly string[];
  /** Share of nodes in each region (sums to 1). */
  readonly nodeShare: readonly number[];
  /** One-way latency between regions, ms, symmetric, diagonal = within a region. */
  readonly oneWayMs: readonly (readonly number[])[];
  readonly source: string;
}

interface RawDataset {
  source: string;
  latencyKind: string;
  regions: string[];
  nodeShare: number[];
  latencyMs: (number | null)[][];
  intraRegionLatencyMs?: number[][];
}

export const REGION_DATASETS = Object.keys(datasets) as readonly string[];

/** A dataset from data/latency/regions.json, normalised to one-way symmetric milliseconds. */
export function regionDataset(name: string): RegionDataset {
  const raw = (datasets as unknown as Record<string, RawDataset>)[name];
  if (!raw) throw new ParameterError("regionData", name, `one of ${REGION_DATASETS.join(", ")}`);
  const k = raw.regions.length;
  const factor = raw.latencyKind === "round-trip" ? 0.5 : 1;
  const cell = (r: number, s: number): number => {
    if (r === s && raw.latencyMs[r][r] === null) {
      const az = raw.intraRegionLatencyMs?.[r];
      if (!az) throw new Error(`region dataset ${name}: no latency within ${raw.regions[r]}`);
      return az.reduce((x, y) => x + y, 0) / az.length;
    }
    const v = raw.latencyMs[r][s];
    if (v === null) throw new Error(`region dataset ${name}: no latency ${raw.regions[r]} -> ${raw.regions[s]}`);
    return v;
  };
  const oneWayMs: number[][] = [];
  for (let r = 0; r < k; r++) {
    oneWayMs.push([]);
    for (let s = 0; s < k; s++) oneWayMs[r].push((factor * (cell(r, s) + cell(s, r))) / 2);
  }
  return { name, regions: raw.regions, nodeShare: raw.nodeShare, oneWayMs, source: raw.source };
}

export interface RegionLatency extends LinkLatency {
  /** Region index of every node. */
  readonly regionOf: Int32Array;
  readonly dataset: RegionDataset;
}

/** The region of each of `nodes` nodes, drawn independently with the dataset's node shares (one uniform per node). */
export function placeNodesInRegions(dataset: RegionDataset, nodes: number, rng: Xoshiro128): Int32Array {
  const cumulative: number[] = [];
  let acc = 0;
  for (const w of dataset.nodeShare) cumulative.push((acc += w));
  const regionOf = new Int32Array(nodes);
  for (let v = 0; v < nodes; v++) {
    const u = rng.nextFloat() * acc;
    let r = 0;
    while (r < cumulative.length - 1 && u >= cumulative[r]) r++;
    regionOf[v] = r;
  }
  return regionOf;
}

/**
 * Place `nodes` nodes in the dataset's regions (independently, by nodeShare)
 * and return the link latency model. `sigma` is the lognormal spread of a
 * link around its matrix entry.
 */
export function regionLatency(dataset: RegionDataset, nodes: number, sigma: number, rng: Xoshiro128): RegionLatency {
  if (!(sigma >= 0 && sigma <= 10)) throw new ParameterError("regionSigma", sigma, "a number, 0 <= regionSigma <= 10");
  const regionOf = placeNodesInRegions(dataset, nodes, rng);
  const m = dataset.oneWayMs;
  return {
    name: `regions(${dataset.name}, sigma ${sigma})`,
    regionOf,
    dataset,
    linkMs(a, b, r) {
      const median = m[regionOf[a]][regionOf[b]];
      return sigma === 0 ? median : median * Math.exp(sigma * standardNormal(r));
    },
  };
}

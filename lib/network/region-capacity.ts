/**
 * Per-node link capacities from a region table: a node's uplink and downlink
 * are those of its region (the region placement of the `regions` latency
 * model). The table ships in data/latency/region-bandwidth.json: SimBlock's
 * UPLOAD_BANDWIDTH_2019 / DOWNLOAD_BANDWIDTH_2019 (Aoki et al., "SimBlock: a
 * blockchain network simulator", IEEE INFOCOM 2019 Workshops), which uses
 * min(upload of the sender, download of the receiver) per transfer, the rule
 * of lib/network/node-resources.ts.
 */
import { ParameterError } from "../experiment/params";
import tables from "../../data/latency/region-bandwidth.json";

export interface RegionBandwidth {
  readonly name: string;
  readonly regions: readonly string[];
  readonly uplinkBps: readonly number[];
  readonly downlinkBps: readonly number[];
  readonly source: string;
}

export const REGION_BANDWIDTH_DATASETS = Object.keys(tables) as readonly string[];

/** The bandwidth table of a region dataset; `regions` must match the latency dataset's, in order. */
export function regionBandwidth(name: string, regions: readonly string[]): RegionBandwidth {
  const raw = (tables as unknown as Record<string, Omit<RegionBandwidth, "name">>)[name];
  if (!raw) throw new ParameterError("capacity", "regions", `uniform, or regions with regionData one of ${REGION_BANDWIDTH_DATASETS.join(", ")} (${name} has no bandwidth table in data/latency/region-bandwidth.json)`);
  if (raw.regions.join() !== regions.join()) throw new Error(`region bandwidth table ${name}: regions ${raw.regions.join(", ")} differ from the latency dataset's ${regions.join(", ")}`);
  return { name, ...raw };
}

/** Uplink and downlink of every node, bit/s, from its region. */
export function regionCapacities(table: RegionBandwidth, regionOf: Int32Array): { uplinkBps: Float64Array; downlinkBps: Float64Array } {
  const n = regionOf.length;
  const uplinkBps = new Float64Array(n);
  const downlinkBps = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    uplinkBps[v] = table.uplinkBps[regionOf[v]];
    downlinkBps[v] = table.downlinkBps[regionOf[v]];
  }
  return { uplinkBps, downlinkBps };
}

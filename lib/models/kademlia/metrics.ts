/**
 * A run's row: how often lookups found the closest live node, their hops
 * beside log2 N (Maymounkov & Mazieres 2002, section 3: O(log N) contacted
 * nodes), latency and messages; and the per-lookup series.
 */
import type { KademliaRun, LookupRecord } from "./config";

function mean(xs: readonly number[]): number {
  return xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
}

/** The q-quantile (nearest rank) of xs. */
function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

export function summarizeKademlia(run: KademliaRun): Record<string, number> {
  const r: readonly LookupRecord[] = run.records;
  const hops = r.map((x) => x.hops);
  const lat = r.map((x) => x.latencyS);
  return {
    log2N: Math.log2(run.nodes),
    completed: r.length,
    unfinished: run.unfinished,
    exactLookups: r.filter((x) => x.found >= 0 && x.found === x.trueClosest).length,
    exactRate: r.length > 0 ? r.filter((x) => x.found >= 0 && x.found === x.trueClosest).length / r.length : NaN,
    hopsMean: mean(hops),
    hopsMax: hops.length > 0 ? Math.max(...hops) : NaN,
    latencyMeanS: mean(lat),
    latencyP50S: quantile(lat, 0.5),
    latencyP95S: quantile(lat, 0.95),
    latencyToFoundMeanS: mean(r.map((x) => x.latencyToFoundS)),
    queriesMean: mean(r.map((x) => x.queries)),
    timeoutsMean: mean(r.map((x) => x.timeouts)),
    joinsCompleted: run.joins.length,
    joinContactsMean: mean(run.joins.map((j) => j.contacts)),
    joinSettledContactsMean: mean(run.joins.map((j) => j.settledContacts)),
    joinFailedRate: run.joins.length > 0 ? run.joins.filter((j) => j.contacts === 0).length / run.joins.length : NaN,
    joinDurationMeanS: mean(run.joins.map((j) => j.durationS)),
    maintenanceLookups: run.maintenanceLookups,
    events: run.events,
  };
}

/** One row per measured lookup: hops, latency, queries, whether it found the closest live node. */
export function lookupSeries(run: KademliaRun): Record<string, number[]> {
  return {
    lookup: run.records.map((_, j) => j),
    hops: run.records.map((x) => x.hops),
    latencyS: run.records.map((x) => x.latencyS),
    queries: run.records.map((x) => x.queries),
    exact: run.records.map((x) => (x.found >= 0 && x.found === x.trueClosest ? 1 : 0)),
  };
}

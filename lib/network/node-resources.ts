/**
 * What a node's hardware costs a message: link capacity and processing time.
 *
 * Transmission. A message of S bytes from i to j takes
 *   tx = S * 8 / min(uplink[i], downlink[j])
 * seconds (the slower end sets the rate, as in SimBlock: Aoki et al.,
 * "SimBlock: a blockchain network simulator", INFOCOM workshops 2019).
 * - Without upload queueing transfers do not slow each other (the C
 *   reference w3_pownet): it starts now.
 * - With upload queueing a node's uplink serves its uploads one at a time,
 *   FIFO, in the order they were sent: start = max(now, uplinkFree[i]) and
 *   the uplink stays busy for the whole transfer, tx at the rate
 *   min(uplink[i], downlink[j]) (SimBlock's rule: a slow receiver holds the
 *   sender's upload slot). Downlinks do not queue: a receiver's concurrent
 *   downloads each get their min(up, down) rate.
 * CPU. Every node has one receive-side processor serving the messages that
 * reach it FIFO in arrival order: a message arriving at t is handled at
 *   t' = max(t, cpuFree[j]) + cost,   cpuFree[j] = t',
 * cost = fixedS + perByteS * size for its kind (signature verification,
 * aggregation). Sending costs nothing. This is the CPU model of the C
 * reference w4_pbft.c (VERIFY_US).
 */
import { ParameterError } from "../experiment/params";
import type { NodeResourcesConfig } from "./runtime-config";

/** Every node with the same capacities (bit/s; Infinity: no transmission delay). */
export function uniformResources(n: number, uplinkBps: number, downlinkBps = uplinkBps, extra: Omit<NodeResourcesConfig, "uplinkBps" | "downlinkBps"> = {}): NodeResourcesConfig {
  return { ...extra, uplinkBps: new Float64Array(n).fill(uplinkBps), downlinkBps: new Float64Array(n).fill(downlinkBps) };
}

/** Check a resources config against a node count; throws ParameterError naming the field, value and range. */
export function validateResources(r: NodeResourcesConfig, n: number): void {
  for (const name of ["uplinkBps", "downlinkBps"] as const) {
    const a = r[name];
    if (!a || a.length !== n) throw new ParameterError(`resources.${name}`, a ? `${a.length} entries` : a, `one capacity per node (${n} entries)`);
    for (let v = 0; v < n; v++) if (!(a[v] > 0)) throw new ParameterError(`resources.${name}`, `node ${v}: ${a[v]}`, "a number > 0, bit/s (Infinity: no transmission delay)");
  }
  if (r.uploadQueueing !== undefined && typeof r.uploadQueueing !== "boolean") throw new ParameterError("resources.uploadQueueing", r.uploadQueueing, "true or false");
  for (const [kind, c] of Object.entries(r.cpuCostS ?? {})) {
    if (!(c.fixedS >= 0 && Number.isFinite(c.fixedS))) throw new ParameterError(`resources.cpuCostS.${kind}.fixedS`, c.fixedS, "a finite number >= 0, seconds");
    const pb = c.perByteS ?? 0;
    if (!(pb >= 0 && Number.isFinite(pb))) throw new ParameterError(`resources.cpuCostS.${kind}.perByteS`, pb, "a finite number >= 0, seconds per byte");
  }
}

/** The run-time side: capacities, the uplink and CPU clocks, per-kind CPU costs. */
export class NodeResources {
  readonly uplinkBps: Float64Array;
  readonly downlinkBps: Float64Array;
  readonly uploadQueueing: boolean;
  /** Time each node's uplink is free again (upload queueing). */
  readonly uplinkFreeS: Float64Array;
  /** Time each node's CPU is free again. */
  readonly cpuFreeS: Float64Array;
  /** True if some message kind has a CPU cost. */
  readonly hasCpu: boolean;
  /** All capacities Infinity: transmission is 0 everywhere. */
  readonly unlimited: boolean;
  private readonly costs: Readonly<Record<string, { readonly fixedS: number; readonly perByteS?: number }>>;

  constructor(readonly n: number, config: NodeResourcesConfig | undefined) {
    if (config) validateResources(config, n);
    this.uplinkBps = config ? config.uplinkBps : new Float64Array(n).fill(Infinity);
    this.downlinkBps = config ? config.downlinkBps : new Float64Array(n).fill(Infinity);
    this.uploadQueueing = config?.uploadQueueing ?? false;
    this.uplinkFreeS = new Float64Array(this.uploadQueueing ? n : 0);
    this.costs = config?.cpuCostS ?? {};
    this.hasCpu = Object.values(this.costs).some((c) => c.fixedS > 0 || (c.perByteS ?? 0) > 0);
    this.cpuFreeS = new Float64Array(this.hasCpu ? n : 0);
    let unlimited = true;
    for (let v = 0; v < n; v++) if (this.uplinkBps[v] !== Infinity || this.downlinkBps[v] !== Infinity) unlimited = false;
    this.unlimited = unlimited;
  }

  /** Transmission time of sizeBytes from `from` to `to`, seconds. */
  transmissionS(from: number, to: number, sizeBytes: number): number {
    const up = this.uplinkBps[from];
    const down = this.downlinkBps[to];
    const bps = up < down ? up : down;
    return bps === Infinity ? 0 : (sizeBytes * 8) / bps;
  }

  /** The rate of every link of a graph, min(uplink[v], downlink[w]) per CSR position (v -> w), bit/s. */
  linkRates(graph: { readonly n: number; readonly offsets: ArrayLike<number>; readonly neighbors: ArrayLike<number> }): Float64Array {
    const rate = new Float64Array(graph.neighbors.length);
    for (let v = 0; v < graph.n; v++) {
      for (let k = graph.offsets[v]; k < graph.offsets[v + 1]; k++) {
        const up = this.uplinkBps[v];
        const down = this.downlinkBps[graph.neighbors[k]];
        rate[k] = up < down ? up : down;
      }
    }
    return rate;
  }

  /** CPU cost (fixed, per byte) of a message kind by its name in defineMessage; "*" is the default for kinds not listed. */
  cpuCost(kindName: string): { fixedS: number; perByteS: number } {
    const c = this.costs[kindName] ?? this.costs["*"];
    return { fixedS: c?.fixedS ?? 0, perByteS: c?.perByteS ?? 0 };
  }

  /** Names with a configured cost (to check they name defined kinds). */
  costKinds(): string[] {
    return Object.keys(this.costs);
  }
}

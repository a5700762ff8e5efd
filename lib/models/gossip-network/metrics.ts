/**
 * From a run to its measures. "Live" nodes are those that had not crashed by
 * the end of the run (nodes churned out at some point count: a protocol is
 * expected to reach them when they are back). Times are latencies from each
 * message's publication.
 *
 *   informedFraction   mean over messages of (live nodes holding it) / (live nodes)
 *   reliability        share of messages that reached every live node
 *   t50S, t90S, t99S   per message, the time by which ceil(q * live) live nodes held it
 *   tAllS              ... all live nodes; each the mean over the messages that got that far (NaN if none)
 *   redundancy         data messages sent / (messages * (N - 1)); 1 for a tree, ~ 2|E| / N for flooding
 *   messagesPerNode    every message sent (data and control) / (N * messages)
 *   bytesPerNode       bytes sent / (N * messages)
 * Sends count one per recipient, lost and dropped ones included (the sender paid for them).
 */
import type { GossipRun } from "./config";

export interface GossipSummary {
  liveNodes: number;
  informedFraction: number;
  reliability: number;
  t50S: number;
  t90S: number;
  t99S: number;
  tAllS: number;
  redundancy: number;
  dataPerMessage: number;
  controlPerNode: number;
  messagesPerNode: number;
  bytesPerNode: number;
  duplicatesPerMessage: number;
  lost: number;
  droppedCrashed: number;
  droppedOffline: number;
  seenBitsPerNode: number;
  bloomHashesUsed: number;
  /** Share of first queries of unseen (node, message) pairs that the Bloom filter answered "seen" (NaN: exact set). */
  falsePositiveRate: number;
  /** Its expectation, the mean of (1 - e^{-kn/m})^k over those queries. */
  falsePositiveRateTheory: number;
  /** The mean of (set bits / m)^k over those queries: the expectation given each filter as it was. */
  falsePositiveRateGivenFill: number;
  falsePositiveDrops: number;
  missedByFalsePositive: number;
  endS: number;
  events: number;
}

/** Latency of message j at each live node that got it, ascending (NaN-free). */
function latencies(run: GossipRun, j: number, out: Float64Array): number {
  const { nodes, messages, receivedS, crashed, publishS } = run;
  let c = 0;
  for (let v = 0; v < nodes; v++) {
    if (crashed[v] === 1) continue;
    const t = receivedS[v * messages + j];
    if (t === t) out[c++] = t - publishS[j];
  }
  out.subarray(0, c).sort();
  return c;
}

export function liveNodes(run: GossipRun): number {
  let live = 0;
  for (let v = 0; v < run.nodes; v++) if (run.crashed[v] === 0) live++;
  return live;
}

export function summarizeGossip(run: GossipRun): GossipSummary {
  const { nodes: n, messages: M } = run;
  const live = liveNodes(run);
  const lat = new Float64Array(n);
  const qs = [0.5, 0.9, 0.99, 1];
  const sums = [0, 0, 0, 0];
  const counts = [0, 0, 0, 0];
  let informed = 0;
  let reliable = 0;
  for (let j = 0; j < M; j++) {
    const c = latencies(run, j, lat);
    informed += live > 0 ? c / live : 0;
    if (c === live) reliable++;
    qs.forEach((q, i) => {
      const k = Math.ceil(q * live);
      if (k >= 1 && c >= k) {
        sums[i] += lat[k - 1];
        counts[i]++;
      }
    });
  }
  const data = run.statsByKind.data;
  const control = run.stats.sent - data.sent;
  return {
    liveNodes: live,
    informedFraction: informed / M,
    reliability: reliable / M,
    t50S: counts[0] ? sums[0] / counts[0] : NaN,
    t90S: counts[1] ? sums[1] / counts[1] : NaN,
    t99S: counts[2] ? sums[2] / counts[2] : NaN,
    tAllS: counts[3] ? sums[3] / counts[3] : NaN,
    redundancy: n > 1 ? data.sent / (M * (n - 1)) : 0,
    dataPerMessage: data.sent / M,
    controlPerNode: control / (n * M),
    messagesPerNode: run.stats.sent / (n * M),
    bytesPerNode: run.stats.bytes / (n * M),
    duplicatesPerMessage: run.duplicates / M,
    lost: run.stats.lost,
    droppedCrashed: run.stats.droppedCrashed,
    droppedOffline: run.stats.droppedOffline,
    seenBitsPerNode: run.seenBitsPerNode,
    bloomHashesUsed: run.bloomHashes,
    falsePositiveRate: run.bloomHashes > 0 && run.firstQueries > 0 ? run.firstFalsePositives / run.firstQueries : NaN,
    falsePositiveRateTheory: run.bloomHashes > 0 && run.firstQueries > 0 ? run.expectedFirstFalsePositives / run.firstQueries : NaN,
    falsePositiveRateGivenFill: run.bloomHashes > 0 && run.firstQueries > 0 ? run.expectedFirstFalsePositivesGivenFill / run.firstQueries : NaN,
    falsePositiveDrops: run.falsePositiveDrops,
    missedByFalsePositive: run.missedByFalsePositive,
    endS: run.endS,
    events: run.events,
  };
}

/**
 * The informed fraction over time: at `points` times from 0 to the latest
 * latency, the share of (live node, message) pairs whose latency is <= t.
 */
export function informedSeries(run: GossipRun, points = 101): { timeS: number[]; fraction: number[] } {
  const { nodes: n, messages: M } = run;
  const live = liveNodes(run);
  const all = new Float64Array(n * M);
  const lat = new Float64Array(n);
  let c = 0;
  for (let j = 0; j < M; j++) {
    const k = latencies(run, j, lat);
    all.set(lat.subarray(0, k), c);
    c += k;
  }
  const sorted = all.subarray(0, c).sort();
  const maxS = c > 0 ? sorted[c - 1] : 0;
  const timeS: number[] = [];
  const fraction: number[] = [];
  let i = 0;
  for (let p = 0; p < points; p++) {
    const t = points > 1 ? (maxS * p) / (points - 1) : maxS;
    while (i < c && sorted[i] <= t) i++;
    timeS.push(t);
    fraction.push(live > 0 ? i / (live * M) : 0);
  }
  return { timeS, fraction };
}

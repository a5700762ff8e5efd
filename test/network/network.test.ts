/**
 * The Network on explicit peer graphs: floods against shortest paths, loss,
 * partitions, churn, upload queueing, jitter and bad configs.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Simulation } from "../../lib/engine/simulation";
import { ParameterError } from "../../lib/experiment/params";
import { completeGraph, randomKOut } from "../../lib/network/topology";
import { graphFromEdges, type Graph } from "../../lib/network/graph";
import { constantLatency, exponentialJitter, lognormalLatency } from "../../lib/network/latency";
import { sampleLinkLatencies } from "../../lib/network/link-latencies";
import { graphNetworkConfig, type GraphNetworkOptions } from "../../lib/network/graph-network";
import { Network } from "../../lib/network/network";
import type { NetworkConfig } from "../../lib/network/runtime-config";
import { constantPairLatency } from "../../lib/network/pair-latency";
import { hopDelays, shortestPathTimes } from "../../lib/network/shortest-paths";
import { rngFor } from "../../lib/random/seed";
import { Xoshiro128 } from "../../lib/random/xoshiro128";

const xo = (s: number) => new Xoshiro128([s, 17, 29, 31]);

/** Flood one message from `source` at `startS`: every node relays on first receipt. Returns first-arrival times. */
function flood(graph: Graph, latencyS: Float64Array, options: GraphNetworkOptions, source: number, startS: number, sizeBytes: number, seed = 1) {
  const sim = new Simulation();
  const net = new Network(sim, graphNetworkConfig(graph, latencyS, options), rngFor(["flood", seed]));
  const arrival = new Float64Array(graph.n).fill(NaN);
  let deliveries = 0;
  const MSG = net.defineMessage("flood", (to) => {
    deliveries++;
    if (!Number.isNaN(arrival[to])) return;
    arrival[to] = sim.now;
    net.broadcast(MSG, to, net.arena.alloc(0, 0, 0, 0, to, sizeBytes));
  });
  const START = sim.defineKind("start", () => {
    arrival[source] = sim.now;
    net.broadcast(MSG, source, net.arena.alloc(0, 0, 0, 0, source, sizeBytes));
  });
  sim.scheduleAt(startS, START, source);
  const report = sim.run({ maxEvents: 1e7 });
  return { arrival, net, sim, report, deliveries };
}

test("without congestion a flood reaches every node at exactly t0 + shortest-path delay (latency + size * 8 / bandwidth per hop)", () => {
  const g = randomKOut(500, 4, xo(1));
  const lat = sampleLinkLatencies(g, lognormalLatency(100, 0.5), xo(2));
  const sizeBytes = 1e6;
  const bandwidthBps = 10e6;
  for (const [source, t0] of [[0, 0], [137, 1234.5678], [499, 6.07e6]]) {
    const { arrival, report, net } = flood(g, lat, { bandwidthBps }, source, t0, sizeBytes);
    const expected = shortestPathTimes(g, hopDelays(lat, sizeBytes, bandwidthBps), source, t0);
    assert.equal(report.stop, "drained");
    for (let v = 0; v < g.n; v++) assert.equal(arrival[v], expected[v], `source ${source}, node ${v}`);
    assert.equal(net.arena.live, 0, "every relayed message was freed after its last delivery");
  }
});

test("loss 1 delivers nothing; loss p delivers a fraction 1 - p of the sends (within 4 SE)", () => {
  const g = completeGraph(60);
  const lat = sampleLinkLatencies(g, constantLatency(50), xo(3));
  const none = flood(g, lat, { lossRate: 1 }, 0, 0, 100);
  assert.equal(none.deliveries, 0);
  assert.equal(none.net.stats.lost, 59);
  assert.equal(none.net.arena.live, 0, "a multicast that scheduled nothing frees its message at once");
  assert.ok(none.arrival.every((t, v) => (v === 0 ? t === 0 : Number.isNaN(t))));
  const some = flood(g, lat, { lossRate: 0.3 }, 0, 0, 100, 9);
  const { sent, lost, delivered } = some.net.stats;
  assert.equal(sent, lost + delivered);
  // Binomial: SE of the lost share is sqrt(p (1 - p) / sent).
  const se = Math.sqrt((0.3 * 0.7) / sent);
  assert.ok(Math.abs(lost / sent - 0.3) < 4 * se, `lost ${lost} of ${sent}`);
});

test("a drop partition stops delivery across groups during its window, in flight too, and heals", () => {
  // A path 0 - 1 - 2 - 3 with 1 s links, split {0, 1} | {2, 3} during [0.5, 10).
  const g = graphFromEdges(4, [0, 1, 2], [1, 2, 3]);
  const lat = sampleLinkLatencies(g, constantLatency(1000), xo(4));
  const partitions = [{ startS: 0.5, durationS: 9.5, groups: { by: "nodes" as const, groups: [[0, 1]] } }];
  // Sent at 0 from 0: reaches 1 at 1 s; 1 -> 2 is cut.
  const during = flood(g, lat, { partitions }, 0, 0, 0);
  assert.deepEqual([...during.arrival].map((t) => (Number.isNaN(t) ? null : t)), [0, 1, null, null]);
  assert.equal(during.net.stats.droppedPartition, 1);
  // From 1 at time 0: 1 -> 2 leaves before the split and arrives at 1 s, during it: dropped in flight.
  const inFlight = flood(g, lat, { partitions }, 1, 0, 0);
  assert.ok(Number.isNaN(inFlight.arrival[2]));
  assert.equal(inFlight.arrival[0], 1);
  assert.equal(inFlight.net.arena.live, 0);
  // After the heal everything gets through.
  const after = flood(g, lat, { partitions }, 0, 10, 0);
  assert.deepEqual([...after.arrival], [10, 11, 12, 13]);
  // Listeners hear the split and the heal at their times.
  const sim = new Simulation();
  const net = new Network(sim, graphNetworkConfig(g, lat, { partitions }), rngFor(["listeners"]));
  const log: string[] = [];
  net.onPartition((w) => log.push(`split ${w} at ${sim.now}, cut(1,2)=${net.isCut(1, 2)}, cut(0,1)=${net.isCut(0, 1)}`));
  net.onHeal((w) => log.push(`heal ${w} at ${sim.now}, cut(1,2)=${net.isCut(1, 2)}`));
  sim.run();
  assert.deepEqual(log, ["split 0 at 0.5, cut(1,2)=true, cut(0,1)=false", "heal 0 at 10, cut(1,2)=false"]);
});

test("churned-out nodes receive nothing while offline, and hear again once back", () => {
  const g = completeGraph(5);
  const lat = sampleLinkLatencies(g, constantLatency(1000), xo(6));
  const churn = { kind: "schedule" as const, intervals: [{ node: 3, fromS: 0.5, toS: 20 }, { node: 4, fromS: 0, toS: 0.5 }] };
  const first = flood(g, lat, { churn }, 0, 0, 0);
  assert.ok(Number.isNaN(first.arrival[3]), "offline at arrival time 1 s");
  assert.equal(first.arrival[4], 1, "back online before the message arrives");
  assert.ok(first.net.stats.droppedOffline >= 1);
  const later = flood(g, lat, { churn }, 0, 30, 0);
  assert.equal(later.arrival[3], 31);
  // Rate churn: the long-run share of offline time is off / (on + off) (alternating renewal process).
  const sim = new Simulation();
  const big = completeGraph(200);
  const net = new Network(sim, graphNetworkConfig(big, sampleLinkLatencies(big, constantLatency(1), xo(7)), { churn: { kind: "rates", meanSessionS: 30, meanOfflineS: 10 } }), rngFor(["churn-share"]));
  let offlineSamples = 0;
  let samples = 0;
  const PROBE = sim.defineKind("probe", () => {
    for (let v = 0; v < 200; v++) offlineSamples += 1 - net.online[v];
    samples += 200;
    if (sim.now < 5000) sim.schedule(50, PROBE);
  });
  sim.schedule(0, PROBE);
  sim.run({ maxTimeS: 5001 });
  // 200 nodes x 101 probes 50 s apart (> the 7.5 s correlation time): ~20,000 nearly independent samples.
  const share = offlineSamples / samples;
  assert.ok(Math.abs(share - 0.25) < 4 * Math.sqrt((0.25 * 0.75) / samples), `offline share ${share}`);
});

test("upload queueing serialises a node's sends (in a random order); without it they leave together; jitter only adds delay", () => {
  const star = graphFromEdges(4, [0, 0, 0], [1, 2, 3]);
  const lat = sampleLinkLatencies(star, constantLatency(100), xo(9));
  const sizeBytes = 125_000; // 1 Mbit: 0.1 s at 10 Mbit/s
  const queued = flood(star, lat, { bandwidthBps: 10e6, uploadQueueing: true }, 0, 0, sizeBytes);
  // One upload after the other, 0.1 s each, then 0.1 s of latency: the leaves get it at 0.2, 0.3 and 0.4 in some order.
  assert.deepEqual([...queued.arrival.subarray(1)].map((t) => +t.toFixed(12)).sort(), [0.2, 0.3, 0.4]);
  assert.equal(queued.arrival[0], 0);
  const parallel = flood(star, lat, { bandwidthBps: 10e6 }, 0, 0, sizeBytes);
  assert.deepEqual([...parallel.arrival].map((t) => +t.toFixed(12)), [0, 0.2, 0.2, 0.2]);
  const g = completeGraph(40);
  const glat = sampleLinkLatencies(g, constantLatency(100), xo(10));
  const jittered = flood(g, glat, { jitter: exponentialJitter(5) }, 0, 0, 0);
  for (let v = 1; v < 40; v++) assert.ok(jittered.arrival[v] >= 0.1 && jittered.arrival[v] < 0.2 + 0.1);
});

test("bad network configs are rejected before any event, naming the parameter", () => {
  const g = completeGraph(3);
  const lat = sampleLinkLatencies(g, constantLatency(1), xo(11));
  const base = graphNetworkConfig(g, lat);
  const cases: Array<[NetworkConfig, string]> = [
    [graphNetworkConfig(g, lat, { bandwidthBps: 0 }), "resources.uplinkBps"],
    [graphNetworkConfig(g, lat, { bandwidthBps: -5 }), "resources.uplinkBps"],
    [{ ...base, resources: { uplinkBps: new Float64Array(3).fill(1e6), downlinkBps: new Float64Array(2).fill(1e6) } }, "resources.downlinkBps"],
    [{ ...base, resources: { uplinkBps: new Float64Array(3).fill(1e6), downlinkBps: new Float64Array(3).fill(1e6), cpuCostS: { x: { fixedS: -1 } } } }, "resources.cpuCostS.x.fixedS"],
    [{ ...base, overlay: { kind: "ring" } as unknown as NetworkConfig["overlay"] }, "overlay.kind"],
    [{ ...base, linkLatencyS: new Float64Array(5) }, "linkLatencyS"],
    [{ ...base, latency: constantPairLatency(4, 1) }, "latency.n"],
    [{ overlay: { kind: "complete", n: 3 }, latency: constantPairLatency(3, 1), linkLatencyS: lat }, "linkLatencyS"],
    [{ ...base, lossRate: 1.5 }, "lossRate"],
    [{ ...base, lossRate: -0.1 }, "lossRate"],
    [{ ...base, weights: [1, 2] }, "weights"],
    [{ ...base, crashes: [{ node: 3, atS: 1 }] }, "crashes[0].node"],
    [{ ...base, churn: { kind: "rates", meanSessionS: 0, meanOfflineS: 1 } }, "meanSessionS"],
    [{ ...base, churn: { kind: "schedule", intervals: [{ node: 5, fromS: 0, toS: 1 }] } }, "node"],
    [{ ...base, churn: { kind: "schedule", intervals: [{ node: 1, fromS: 0, toS: 2 }, { node: 1, fromS: 1, toS: 3 }] } }, "offline interval"],
  ];
  for (const [config, name] of cases) {
    const sim = new Simulation();
    assert.throws(
      () => new Network(sim, config, rngFor(["bad"])),
      (e: unknown) => e instanceof ParameterError && e.parameter === name && e.message.includes("allowed"),
      name,
    );
    assert.equal(sim.queue.size, 0);
  }
  // Partition schedules are checked by the partition-schedule validator; the error names the field.
  const sim = new Simulation();
  assert.throws(
    () => new Network(sim, { ...base, partitions: [{ startS: -1, durationS: 1, groups: { by: "nodes", groups: [[0]] } }] }, rngFor(["bad"])),
    (e: unknown) => e instanceof ParameterError && /startS/.test(e.parameter),
  );
  assert.equal(sim.queue.size, 0);
});

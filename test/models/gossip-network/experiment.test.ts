/**
 * The `gossip-network` experiment: bad parameters are ParameterErrors naming
 * the parameter, runs repeat byte for byte from their seed, the five
 * protocols share one network (common random numbers), the informed series
 * is a CDF ending at the informed fraction; push-pull anti-entropy reaches
 * every live node despite loss, crashes and churn.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { ParameterError } from "../../../lib/experiment/params";
import { rngFor } from "../../../lib/random/seed";
import { runPointOutput } from "../../../lib/sweep/run-point";
import { constantPairLatency } from "../../../lib/network/pair-latency";
import { gossipNetwork } from "../../../lib/models/gossip-network/experiment";
import { gossipConfig, PROTOCOLS } from "../../../lib/models/gossip-network/config";
import { simulateGossip } from "../../../lib/models/gossip-network/simulate";
import { summarizeGossip } from "../../../lib/models/gossip-network/metrics";

type Out = { row: Record<string, unknown>; series: Record<string, Record<string, ArrayLike<number>>> };
/** One replicate as a sweep runs it (the stream named without output-only parameters). */
function runExperiment(given: Record<string, unknown>, seed = 1): Out {
  return runPointOutput(gossipNetwork as never, given, seed, 0) as Out;
}

test("bad parameters are rejected with their name before any work", () => {
  const cases: Array<[Record<string, unknown>, string, RegExp]> = [
    [{ fanout: 0 }, "fanout", /1 <= fanout/],
    [{ crashFraction: 1 }, "crashFraction", /0 <= crashFraction < 1/],
    [{ crashFraction: -0.1 }, "crashFraction", /0 <= crashFraction < 1/],
    [{ lossRate: 1.5 }, "lossRate", /0 <= lossRate <= 1/],
    [{ gossipFactor: 1.5 }, "gossipFactor", /0 <= gossipFactor <= 1/],
    [{ protocol: "bogus" }, "protocol", /one of flood, gossip, push-pull, tree, gossipsub/],
    [{ Dlow: 9 }, "Dlow", /Dlow <= D = 8/],
    [{ Dhigh: 7 }, "Dhigh", /Dhigh >= D = 8/],
    [{ mcacheGossip: 6 }, "mcacheGossip", /mcacheGossip <= mcacheLen = 5/],
    [{ messages: 0 }, "messages", /1 <= messages/],
    [{ nodes: 1_000_000, messages: 40 }, "messages", /nodes \* messages <= 2\^25/],
    [{ nodes: 100_000, bloomBits: 2 ** 20 }, "bloomBits", /2 GiB/],
    [{ periodS: 0 }, "periodS", /0.01 <= periodS/],
    [{ heartbeatS: 0 }, "heartbeatS", /0.01 <= heartbeatS/],
    [{ nodes: 8, degree: 8 }, "degree", /degree < nodes = 8/],
  ];
  for (const [given, name, message] of cases) {
    assert.throws(
      () => gossipNetwork.resolve(given),
      (e: unknown) => e instanceof ParameterError && e.parameter === name && message.test(e.message),
      `${JSON.stringify(given)} -> ${name}`,
    );
  }
  // The kernel checks its own configuration too.
  const network = { overlay: { kind: "complete" as const, n: 10 }, latency: constantPairLatency(10, 10) };
  const bad: Array<[Record<string, unknown>, string]> = [
    [{ protocol: "bogus" }, "protocol"],
    [{ sources: [1, 2] }, "sources"],
    [{ sources: [10] }, "sources[0]"],
    [{ fanout: 0 }, "fanout"],
    [{ bloomHashes: 65 }, "bloomHashes"],
    [{ gossipsub: { Dlow: 10 } }, "Dlow"],
  ];
  for (const [given, name] of bad) {
    assert.throws(
      () => simulateGossip({ network }, gossipConfig({ protocol: "flood", ...given } as never), rngFor(["bad"])),
      (e: unknown) => e instanceof ParameterError && e.parameter === name,
      name,
    );
  }
});

test("presets resolve to the spec's numbers and run", () => {
  const eth = gossipNetwork.resolve({ nodes: 200 }, { preset: "ethereum" });
  assert.deepEqual([eth.D, eth.Dlow, eth.Dhigh, eth.Dlazy, eth.heartbeatS, eth.mcacheLen, eth.mcacheGossip], [8, 6, 12, 6, 0.7, 6, 3]);
  const v10 = gossipNetwork.resolve({ nodes: 200 }, { preset: "libp2p-v1-0" });
  assert.deepEqual([v10.D, v10.Dlow, v10.Dhigh, v10.Dlazy, v10.heartbeatS, v10.mcacheLen, v10.gossipFactor], [6, 4, 12, 6, 1, 5, 0]);
  assert.equal(runExperiment({ ...v10, nodes: 200 }).row.reliability, 1);
});

test("same seed, same result (row and series, byte for byte); another seed differs", () => {
  for (const protocol of PROTOCOLS) {
    const given = { protocol, nodes: 150, degree: 4, messages: 3, lossRate: 0.1, jitterMs: 5, meanSessionS: 50, meanOfflineS: 5, crashFraction: 0.05, series: true };
    const a = runExperiment(given, 7);
    const b = runExperiment(given, 7);
    assert.equal(JSON.stringify(a), JSON.stringify(b), protocol);
    const c = runExperiment(given, 8);
    assert.notEqual(JSON.stringify(a.row), JSON.stringify(c.row), protocol);
  }
});

test("the protocols run on the same network (common random numbers) and order as expected in messages and speed", () => {
  const rows = Object.fromEntries(PROTOCOLS.map((protocol) => [protocol, runExperiment({ protocol, nodes: 300, fanout: 6 }).row]));
  for (const p of PROTOCOLS) assert.equal(rows[p].edges, rows.flood.edges);
  assert.equal(rows.tree.redundancy, 1);
  assert.ok((rows.flood.redundancy as number) > (rows.gossipsub.redundancy as number), "gossipsub sends less than flooding");
  assert.ok((rows.flood.tAllS as number) <= (rows.gossipsub.tAllS as number), "flooding takes the shortest paths: nobody is faster");
  assert.ok((rows.flood.tAllS as number) <= (rows.tree.tAllS as number));
  assert.ok((rows["push-pull"].t50S as number) > (rows.flood.tAllS as number), "periodic contacts are slower than eager pushes");
  for (const p of ["flood", "tree", "gossipsub", "push-pull"]) assert.equal(rows[p].reliability, 1, p);
});

test("the informed series is a CDF over time since publication ending at the informed fraction", () => {
  const { row, series } = runExperiment({ protocol: "gossip", nodes: 400, fanout: 3, messages: 4, series: true });
  const timeS = Array.from(series.informed.timeS);
  const fraction = Array.from(series.informed.fraction);
  assert.equal(timeS.length, fraction.length);
  assert.equal(timeS[0], 0);
  assert.ok(fraction[0] >= 1 / 400, "the sources hold their messages at time 0");
  for (let i = 1; i < fraction.length; i++) {
    assert.ok(timeS[i] > timeS[i - 1]);
    assert.ok(fraction[i] >= fraction[i - 1]);
  }
  assert.ok(Math.abs(fraction[fraction.length - 1] - (row.informedFraction as number)) < 1e-12);
  const plain = runExperiment({ protocol: "gossip", nodes: 400, fanout: 3, messages: 4 });
  assert.deepEqual({ ...plain.row, series: true }, row, "series is output only: the same run");
  assert.deepEqual(plain.series, {});
});

test("push-pull reaches every live node despite 30 % loss, crashes and churn, and stops once all are informed", () => {
  const n = 300;
  const network = { overlay: { kind: "complete" as const, n }, latency: constantPairLatency(n, 20), lossRate: 0.3, churn: { kind: "schedule" as const, intervals: [{ node: 11, fromS: 0, toS: 15 }] } };
  const r = simulateGossip({ network }, gossipConfig({ protocol: "push-pull", messages: 5, crashFraction: 0.2, periodS: 1, horizonS: 200, sources: [0, 1, 2, 3, 4] }), rngFor(["push-pull"]));
  const s = summarizeGossip(r);
  assert.equal(s.liveNodes, n - Math.floor(0.2 * n));
  assert.equal(s.reliability, 1);
  assert.equal(r.stop, "stopped");
  for (let v = 0; v < n; v++) for (let j = 0; j < 5; j++) if (r.crashed[v]) assert.ok(Number.isNaN(r.receivedS[v * 5 + j]));
  if (!r.crashed[11]) for (let j = 0; j < 5; j++) assert.ok(r.receivedS[11 * 5 + j] >= 15, "the churned node gets the messages only once back");
  assert.ok(r.stats.lost > 0 && r.stats.droppedCrashed > 0);
});

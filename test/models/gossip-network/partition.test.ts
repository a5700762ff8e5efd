/**
 * A partition of the shared network (lib/network/partition-schedule.ts, drop
 * mode) seen from the protocols: nothing crosses the cut while it lasts, so
 * flooding from one side informs exactly that side, while push-pull
 * anti-entropy carries the message across after the heal and reaches
 * everyone, no node of the far side before the heal time.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { rngFor } from "../../../lib/random/seed";
import { Xoshiro128 } from "../../../lib/random/xoshiro128";
import { constantPairLatency } from "../../../lib/network/pair-latency";
import { resolvePartitionSchedule } from "../../../lib/network/partition-schedule";
import { gossipConfig, type GossipProtocol } from "../../../lib/models/gossip-network/config";
import { simulateGossip } from "../../../lib/models/gossip-network/simulate";
import { summarizeGossip } from "../../../lib/models/gossip-network/metrics";

test("a partition stops flooding at the cut; push-pull crosses it only after the heal", () => {
  const n = 120;
  const healS = 10;
  const windows = resolvePartitionSchedule([{ startS: 0, durationS: healS, groups: { by: "fraction", shares: [0.5] } }], n, { rng: new Xoshiro128([3, 3, 3, 3]) });
  const side = windows[0].group;
  const source = side.indexOf(0);
  const network = { overlay: { kind: "complete" as const, n }, latency: constantPairLatency(n, 20), partitions: windows };
  const run = (protocol: GossipProtocol) => simulateGossip({ network }, gossipConfig({ protocol, sources: [source], periodS: 1, horizonS: 60 }), rngFor(["partition", protocol]));
  const flood = run("flood");
  for (let v = 0; v < n; v++) assert.equal(Number.isNaN(flood.receivedS[v]), side[v] !== side[source], `flood, node ${v}`);
  assert.ok(flood.stats.droppedPartition > 0);
  const pp = run("push-pull");
  assert.equal(summarizeGossip(pp).reliability, 1);
  for (let v = 0; v < n; v++) if (side[v] !== side[source]) assert.ok(pp.receivedS[v] >= healS, `push-pull, node ${v} at ${pp.receivedS[v]}`);
});

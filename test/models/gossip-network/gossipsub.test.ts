/**
 * gossipsub (libp2p specs, pubsub/gossipsub/gossipsub-v1.0.md "Heartbeat",
 * "Mesh Maintenance", "Gossip Emission"; v1.1.md "Adaptive Gossip
 * Dissemination") against its invariants: after each heartbeat a node's mesh
 * holds between D_low and D_high peers and never more than D_high; without
 * loss every node gets every message; IHAVE/IWANT gossip recovers what lossy
 * mesh links drop (higher reliability than the mesh alone at the same loss),
 * and a node back from churn within the gossip windows gets the message.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { rngFor } from "../../../lib/random/seed";
import { Xoshiro128 } from "../../../lib/random/xoshiro128";
import { randomKOut } from "../../../lib/network/topology";
import { lognormalLatency } from "../../../lib/network/latency";
import { sampleLinkLatencies } from "../../../lib/network/link-latencies";
import { graphNetworkConfig, type GraphNetworkOptions } from "../../../lib/network/graph-network";
import { lognormalPairLatency } from "../../../lib/network/pair-latency";
import { gossipConfig, type GossipConfig, type GossipsubConfig } from "../../../lib/models/gossip-network/config";
import { simulateGossip } from "../../../lib/models/gossip-network/simulate";
import { summarizeGossip } from "../../../lib/models/gossip-network/metrics";

const graph = randomKOut(300, 8, new Xoshiro128([1, 2, 3, 4]));
const linkS = sampleLinkLatencies(graph, lognormalLatency(100, 0.5), new Xoshiro128([5, 6, 7, 8]));

function gossipsub(options: GraphNetworkOptions, config: Partial<GossipConfig>, g: Partial<GossipsubConfig>, seed: unknown) {
  return simulateGossip(
    { network: graphNetworkConfig(graph, linkS, options) },
    gossipConfig({ protocol: "gossipsub", messages: 10, startS: 5, horizonS: 20, ...config, gossipsub: g as GossipsubConfig }),
    rngFor(["gossipsub", seed]),
  );
}

test("after every heartbeat a node's mesh holds D_low .. D_high peers; no mesh ever exceeds D_high", () => {
  for (const g of [{}, { D: 4, Dlow: 3, Dhigh: 5, Dlazy: 3 }] as Partial<GossipsubConfig>[]) {
    const { D = 8, Dlow = 6, Dhigh = 12 } = g;
    const sizes: number[] = [];
    let early = 0;
    const r = gossipsub({}, { onHeartbeat: (_v, size, t) => (t >= 1 ? sizes.push(size) : early++) }, g, `mesh-${D}`);
    assert.ok(sizes.length > 300 * 5, `${sizes.length} heartbeats`);
    for (const s of sizes) assert.ok(s >= Dlow && s <= Dhigh, `mesh of ${s} after a heartbeat (D_low ${Dlow}, D_high ${Dhigh})`);
    assert.equal(early, 300, "one heartbeat per node in the first second (uniform phase)");
    for (const s of r.meshSize!) assert.ok(s <= Dhigh, `mesh of ${s} at the end`);
    // Below D_low a node grafts up to D, so post-heartbeat sizes below D come from prunes or grafts of others only.
    assert.ok(sizes.filter((s) => s >= D).length > sizes.length / 2);
  }
});

test("without loss every node gets every message, on a graph and on a complete overlay", () => {
  for (const seed of [1, 2, 3]) {
    const s = summarizeGossip(gossipsub({}, {}, {}, seed));
    assert.equal(s.reliability, 1);
    assert.equal(s.informedFraction, 1);
  }
  const n = 400;
  const rng = new Xoshiro128([4, 4, 4, 4]);
  const complete = simulateGossip(
    { network: { overlay: { kind: "complete", n }, latency: lognormalPairLatency(n, 80, 0.5, rng) } },
    gossipConfig({ protocol: "gossipsub", messages: 5, startS: 5 }),
    rngFor(["complete-gossipsub"]),
  );
  const s = summarizeGossip(complete);
  assert.equal(s.reliability, 1);
  assert.ok(complete.meshSize!.every((m) => m >= 6 && m <= 12), "meshes of D_low .. D_high peers out of N - 1");
  // Mesh forwarding: each node sends to its mesh minus the sender, so data per message stays near mean mesh degree * N, far below flooding's (N - 1)^2.
  assert.ok(s.dataPerMessage < 13 * n, `${s.dataPerMessage} data messages per message`);
});

test("IHAVE/IWANT recovers messages that lossy mesh links drop: higher reliability than the mesh alone at the same loss", () => {
  let gossipInformed = 0;
  let meshInformed = 0;
  let gossipAll = 0;
  let meshAll = 0;
  const seeds = [1, 2, 3, 4];
  for (const seed of seeds) {
    const withGossip = gossipsub({ lossRate: 0.5 }, {}, {}, `loss-${seed}`);
    const meshOnly = gossipsub({ lossRate: 0.5 }, {}, { Dlazy: 0, gossipFactor: 0 }, `loss-${seed}`);
    assert.equal(meshOnly.statsByKind.ihave.sent, 0, "no gossip");
    assert.ok(withGossip.statsByKind.iwant.delivered > 0, "IWANTs were answered");
    const a = summarizeGossip(withGossip);
    const b = summarizeGossip(meshOnly);
    gossipInformed += a.informedFraction;
    meshInformed += b.informedFraction;
    gossipAll += a.reliability;
    meshAll += b.reliability;
  }
  assert.ok(gossipInformed > meshInformed, `informed ${gossipInformed / seeds.length} vs mesh only ${meshInformed / seeds.length}`);
  assert.ok(gossipAll > meshAll, `reliability ${gossipAll / seeds.length} vs mesh only ${meshAll / seeds.length}`);
  console.log(`loss 0.5: informed ${gossipInformed / seeds.length} vs mesh only ${meshInformed / seeds.length}; reliability ${gossipAll / seeds.length} vs ${meshAll / seeds.length}`);
});

test("a node offline when a message is published gets it through IHAVE/IWANT once back within the gossip windows", () => {
  const node = 17;
  const back = 6.5;
  const churn = { kind: "schedule" as const, intervals: [{ node, fromS: 4.5, toS: back }] };
  const r = gossipsub({ churn }, { messages: 1, sources: [3] }, {}, "churn");
  assert.ok(r.receivedS[node] >= back, `received at ${r.receivedS[node]}`);
  assert.equal(summarizeGossip(r).reliability, 1);
  // Its peers dropped it from their meshes when it went away and gossip only to online peers: nothing was sent to it meanwhile.
  assert.equal(r.stats.droppedOffline, 0);
});

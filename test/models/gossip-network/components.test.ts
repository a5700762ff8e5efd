/**
 * The parts the protocols share: random peer choice is uniform over the
 * allowed peers (each chosen with probability count / candidates, within 4
 * binomial SE) on both sampling paths, distinct and never the excluded node;
 * the message cache serves a message for mcache_len windows and gossips it
 * for mcache_gossip (gossipsub-v1.0.md "Message Cache"); id sets survive the
 * arena's growth.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Simulation } from "../../../lib/engine/simulation";
import { Network } from "../../../lib/network/network";
import { MessageArena } from "../../../lib/network/message-arena";
import { constantPairLatency } from "../../../lib/network/pair-latency";
import { graphNetworkConfig } from "../../../lib/network/graph-network";
import { randomKOut } from "../../../lib/network/topology";
import { rngFor } from "../../../lib/random/seed";
import { Xoshiro128 } from "../../../lib/random/xoshiro128";
import { PeerSampler } from "../../../lib/models/gossip-network/peers";
import { MessageCache } from "../../../lib/models/gossip-network/message-cache";
import { IdSets } from "../../../lib/models/gossip-network/id-sets";

function checkUniform(net: Network, v: number, count: number, exclude: number, skip: ((w: number) => boolean) | undefined, trials: number) {
  const sampler = new PeerSampler(net, new Xoshiro128([v, count, exclude + 2, 5]));
  const out = new Int32Array(net.n);
  const hits = new Float64Array(net.n);
  const allowed: number[] = [];
  for (let i = 0; i < net.degree(v); i++) {
    const w = net.neighbour(v, i);
    if (w !== exclude && !(skip && skip(w))) allowed.push(w);
  }
  for (let t = 0; t < trials; t++) {
    const k = sampler.sample(v, count, exclude, out, skip);
    assert.equal(k, Math.min(count, allowed.length));
    const picked = new Set(Array.from(out.subarray(0, k)));
    assert.equal(picked.size, k, "distinct");
    for (const w of picked) hits[w]++;
  }
  const p = Math.min(count, allowed.length) / allowed.length;
  const se = Math.sqrt((p * (1 - p)) / trials);
  for (let w = 0; w < net.n; w++) {
    if (allowed.includes(w)) assert.ok(Math.abs(hits[w] / trials - p) <= 4 * se + 1e-12, `peer ${w}: ${hits[w] / trials} vs ${p}`);
    else assert.equal(hits[w], 0, `peer ${w} is not allowed`);
  }
}

test("peer sampling is uniform over the allowed peers: complete overlay (sparse and listing paths) and graph neighbours", () => {
  const n = 60;
  const complete = new Network(new Simulation(), { overlay: { kind: "complete", n }, latency: constantPairLatency(n, 10) }, rngFor(["peers"]));
  checkUniform(complete, 4, 3, 9, undefined, 20_000); // 3 * 4 < 59: rejection sampling
  checkUniform(complete, 4, 20, 9, (w) => w % 5 === 0, 5_000); // listing
  checkUniform(complete, 4, 3, -1, (w) => w < 40, 20_000); // rejection with many skipped
  const graph = randomKOut(80, 6, new Xoshiro128([3, 1, 4, 1]));
  const g = new Network(new Simulation(), graphNetworkConfig(graph, new Float64Array(graph.neighbors.length).fill(0.01)), rngFor(["peers-graph"]));
  checkUniform(g, 10, 4, graph.neighbors[graph.offsets[10]], undefined, 20_000);
  checkUniform(g, 10, 100, -1, undefined, 100); // more than the degree: every neighbour
});

test("the message cache serves a message for mcache_len windows and gossips it for mcache_gossip", () => {
  const c = new MessageCache(2, 3, 5, 3);
  c.put(0, 1);
  for (let shifts = 0; shifts < 7; shifts++) {
    assert.equal(c.has(0, 1), shifts < 5, `after ${shifts} shifts`);
    assert.equal(c.gossips(0, 1), shifts < 3, `after ${shifts} shifts`);
    assert.equal(c.has(1, 1) || c.has(0, 2), false, "nothing else is cached");
    c.shift(0);
  }
});

test("id sets keep each arena message's ids, also after the arena grows", () => {
  const arena = new MessageArena(16);
  const sets = new IdSets(arena, 70);
  const ids: number[] = [];
  for (let i = 0; i < 100; i++) {
    const id = arena.alloc(1, 0, 0, 0, 0, 0);
    sets.clear(id);
    sets.add(id, i % 70);
    sets.add(id, 69);
    ids.push(id);
  }
  ids.forEach((id, i) => {
    for (let j = 0; j < 70; j++) assert.equal(sets.has(id, j), j === i % 70 || j === 69, `message ${i}, id ${j}`);
  });
});

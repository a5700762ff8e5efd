/**
 * Duplicate suppression with per-node Bloom filters inside the protocols:
 * false positives at first queries of unseen (node, message) pairs against
 * (1 - e^{-kn/m})^k (Broder & Mitzenmacher 2004, section 2.1) where false
 * positives are rare, and against (set bits / m)^k, the rate given the
 * filter, where they are frequent (a node inserts only the ids its filter did
 * not claim, so its filter fills faster than n independent insertions: see
 * seen-filter.ts); in a tree every false positive costs its node the message
 * for good; with m large the run is the exact-set run, delivery for delivery.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { rngFor } from "../../../lib/random/seed";
import { Xoshiro128 } from "../../../lib/random/xoshiro128";
import { randomKOut } from "../../../lib/network/topology";
import { lognormalLatency } from "../../../lib/network/latency";
import { sampleLinkLatencies } from "../../../lib/network/link-latencies";
import { graphNetworkConfig } from "../../../lib/network/graph-network";
import { gossipConfig, type GossipConfig, type GossipProtocol } from "../../../lib/models/gossip-network/config";
import { simulateGossip } from "../../../lib/models/gossip-network/simulate";
import { summarizeGossip } from "../../../lib/models/gossip-network/metrics";

const graph = randomKOut(200, 4, new Xoshiro128([1, 2, 3, 4]));
const linkS = sampleLinkLatencies(graph, lognormalLatency(100, 0.5), new Xoshiro128([5, 6, 7, 8]));

function run(protocol: GossipProtocol, config: Partial<GossipConfig>, seed: unknown) {
  return simulateGossip({ network: graphNetworkConfig(graph, linkS) }, gossipConfig({ protocol, messageIntervalS: 0.5, ...config }), rngFor(["bloom", seed]));
}

test("tree: false positives at first queries match (1 - e^{-kn/m})^k when rare and (fill)^k always, within 4 binomial SE; each costs its node the message", () => {
  for (const [bits, hashes, classic] of [
    [4096, 4, true],
    [8192, 3, true],
    [2048, 3, false],
    [1024, 2, false],
  ] as const) {
    const r = run("tree", { messages: 300, bloomBits: bits, bloomHashes: hashes }, bits);
    const s = summarizeGossip(r);
    const Q = r.firstQueries;
    assert.ok(Q > 40_000, `${Q} first queries`);
    const within = (expected: number, what: string) => {
      const se = Math.sqrt((expected * (1 - expected)) / Q); // a bound: Bernoullis with unequal p vary less than a binomial at their mean
      assert.ok(Math.abs(s.falsePositiveRate - expected) <= 4 * se, `m = ${bits}, k = ${hashes}: measured ${s.falsePositiveRate}, ${what} ${expected}, SE ${se}`);
    };
    within(s.falsePositiveRateGivenFill, "(fill)^k");
    if (classic) within(s.falsePositiveRateTheory, "(1 - e^{-kn/m})^k");
    // A tree node gets each message once: a false positive is its only chance, and the subtree below never hears of it.
    assert.ok(r.falsePositiveDrops > 0);
    assert.equal(r.falsePositiveDrops, r.firstFalsePositives);
    assert.equal(r.missedByFalsePositive, r.falsePositiveDrops);
    assert.ok(s.informedFraction < 1 && s.informedFraction <= 1 - r.missedByFalsePositive / (300 * 200));
    assert.equal(s.seenBitsPerNode, bits);
  }
});

test("flooding: a false positive is for good (later copies are refused too) and its shadow reaches further; an exact set misses nothing", () => {
  const r = run("flood", { messages: 100, bloomBits: 512, bloomHashes: 3 }, "flood");
  const s = summarizeGossip(r);
  // A flooded delivery of an unseen message is accepted unless the filter claims it, and a filter only gains bits:
  // the pairs hit by a false positive are exactly the pairs whose first query was one, and none is ever accepted.
  assert.equal(r.missedByFalsePositive, r.firstFalsePositives);
  assert.ok(r.falsePositiveDrops > r.missedByFalsePositive, "repeat deliveries to a node that refused once are refused again, counted each time");
  // Misses also include nodes whose every relay refused the message (the shadow of the false positives).
  const missed = Math.round((1 - s.informedFraction) * 100 * 200);
  assert.ok(r.missedByFalsePositive > 0 && r.missedByFalsePositive <= missed);
  const exact = summarizeGossip(run("flood", { messages: 100 }, "flood"));
  assert.equal(exact.informedFraction, 1);
  assert.equal(exact.seenBitsPerNode, 100 * 20 * 8, "an exact set of 100 ids of 20 bytes");
});

test("with m large (no false positive) every protocol's run equals the exact-set run, delivery for delivery", () => {
  for (const protocol of ["flood", "gossip", "push-pull", "tree", "gossipsub"] as const) {
    const config = { messages: 20, startS: 3, horizonS: 30 };
    const exact = run(protocol, config, protocol);
    const bloom = run(protocol, { ...config, bloomBits: 1 << 18, bloomHashes: 7 }, protocol);
    assert.equal(bloom.falsePositiveDrops, 0);
    assert.ok(bloom.firstQueries > 0);
    assert.deepEqual(bloom.receivedS, exact.receivedS, protocol);
    assert.deepEqual(bloom.statsByKind, exact.statsByKind, protocol);
    assert.equal(bloom.duplicates, exact.duplicates);
    assert.equal(bloom.events, exact.events);
  }
});

/**
 * Bitcoin Core's inbound eviction (src/node/eviction.cpp SelectNodeToEvict):
 * property tests over random peer sets that the victim is never one of the
 * peers a protection claims (4 highest keyed netgroups, 8 lowest pings, 4
 * latest novel transactions, 4 latest novel blocks, the older half of the
 * rest), that nobody is evicted when at most 20 peers are candidates, and
 * that without protections the victim is the newest peer of a largest /16.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { selectNodeToEvict, type EvictionCandidate } from "../../../lib/models/connection-manager/eviction";

const candidate = fc.record({
  netgroup: fc.integer({ min: 0, max: 6 }),
  keyedNetgroup: fc.integer({ min: 0, max: 1000 }),
  minPingMs: fc.integer({ min: 1, max: 40 }),
  lastTxS: fc.oneof(fc.constant(-Infinity), fc.integer({ min: 0, max: 50 })),
  lastBlockS: fc.oneof(fc.constant(-Infinity), fc.integer({ min: 0, max: 50 })),
  connectedS: fc.integer({ min: 0, max: 100 }),
});
const peerSet = (min: number, max: number) =>
  fc.array(candidate, { minLength: min, maxLength: max }).map((a) => a.map((c, id): EvictionCandidate => ({ ...c, id })));

/** Peers other than v that are at least as good as v by `key` (larger is better). */
function atLeastAsGood(c: readonly EvictionCandidate[], v: EvictionCandidate, key: (p: EvictionCandidate) => number): number {
  return c.filter((p) => p !== v && key(p) >= key(v)).length;
}

test("the victim is never a peer the protections claim: >= 4 peers with a keyed netgroup at least as high, >= 8 with ping at least as low, >= 4 with a tx and >= 4 with a block at least as recent", () => {
  fc.assert(
    fc.property(peerSet(21, 60), (c) => {
      const id = selectNodeToEvict(c);
      assert.notEqual(id, null);
      const v = c.find((p) => p.id === id)!;
      assert.ok(atLeastAsGood(c, v, (p) => p.keyedNetgroup) >= 4);
      assert.ok(atLeastAsGood(c, v, (p) => -p.minPingMs) >= 8);
      assert.ok(atLeastAsGood(c, v, (p) => p.lastTxS) >= 4);
      assert.ok(atLeastAsGood(c, v, (p) => p.lastBlockS) >= 4);
      // The uptime half: after the 20 protected, half of the r left are protected by age, so at least floor(r/2) are as old.
      const r = c.length - 20;
      assert.ok(atLeastAsGood(c, v, (p) => -p.connectedS) >= Math.floor(r / 2));
    }),
    { seed: 17, numRuns: 300 },
  );
});

test("with 20 or fewer inbound peers every one is protected and nobody is evicted", () => {
  fc.assert(fc.property(peerSet(0, 20), (c) => selectNodeToEvict(c) === null), { seed: 18, numRuns: 200 });
});

test("without protections the victim is a newest peer of a /16 group with the most peers", () => {
  fc.assert(
    fc.property(peerSet(1, 40), (c) => {
      const v = c.find((p) => p.id === selectNodeToEvict(c, { protections: false }))!;
      const size = (g: number) => c.filter((p) => p.netgroup === g).length;
      const largest = Math.max(...c.map((p) => size(p.netgroup)));
      assert.equal(size(v.netgroup), largest);
      assert.ok(c.every((p) => p.netgroup !== v.netgroup || p.connectedS <= v.connectedS));
    }),
    { seed: 19, numRuns: 300 },
  );
});

test("eviction is a pure function of the peer set (input order does not matter)", () => {
  fc.assert(
    fc.property(peerSet(21, 50), (c) => selectNodeToEvict(c) === selectNodeToEvict([...c].reverse())),
    { seed: 20, numRuns: 200 },
  );
});

test("a discouraged peer that earns no protection (worst keyed netgroup, ping, tx, block; newest) is the one evicted", () => {
  fc.assert(
    fc.property(peerSet(21, 60), (c) => {
      const worst: EvictionCandidate = { id: 999, netgroup: 0, keyedNetgroup: -1, minPingMs: 1e9, lastTxS: -Infinity, lastBlockS: -Infinity, connectedS: 1e9, preferEvict: true };
      assert.equal(selectNodeToEvict([...c, worst]), 999);
    }),
    { seed: 22, numRuns: 200 },
  );
});

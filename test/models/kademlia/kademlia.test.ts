/**
 * Kademlia (Maymounkov & Mazieres, IPTPS 2002) against independent answers:
 * the XOR metric and common prefix lengths against BigInt arithmetic; the
 * settled tables hold min(k, m_b) contacts per bucket (m_b counted by brute
 * force); lookups in a static network return exactly the k closest nodes of
 * a brute-force XOR sort, networked and in rounds; hop counts stay within
 * log2 N (section 3: O(log N)); the k-bucket invariants (size <= k, each
 * contact in the bucket of its common prefix length, no duplicates, never
 * the owner) hold after churn with refreshes and rejoins; the section 2.2
 * update rule keeps live old contacts; bad parameters are named.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { rngFor } from "../../../lib/random/seed";
import { Xoshiro128 } from "../../../lib/random/xoshiro128";
import { ParameterError } from "../../../lib/experiment/params";
import { buildNetworkConfig } from "../../../lib/network/build";
import { networkParamsOf } from "../../../lib/network/params";
import { commonPrefixLength, compareDistance, randomIds } from "../../../lib/models/kademlia/ids";
import { buildIdealTables } from "../../../lib/models/kademlia/build-tables";
import { RoutingTables } from "../../../lib/models/kademlia/routing-table";
import { bruteForceClosest, lookupInRounds } from "../../../lib/models/kademlia/reference";
import { simulateKademlia } from "../../../lib/models/kademlia/simulate";
import { kademlia, kademliaConfigOf } from "../../../lib/models/kademlia/experiment";

function big(ids: Uint32Array, i: number, words: number): bigint {
  let x = 0n;
  for (let w = 0; w < words; w++) x = (x << 32n) | BigInt(ids[i * words + w]);
  return x;
}

test("XOR distance order and common prefix length agree with BigInt arithmetic", () => {
  const words = 5;
  const ids = randomIds(200, words, new Xoshiro128([1, 2, 3, 4]));
  // Force shared prefixes: copy the first words of some ids into others.
  for (let i = 1; i < 200; i += 3) for (let w = 0; w < (i % 5); w++) ids[i * words + w] = ids[(i - 1) * words + w];
  const target = ids.subarray(0, words);
  for (let i = 0; i < 199; i++) {
    const a = big(ids, i, words);
    const b = big(ids, i + 1, words);
    const t = big(ids, 0, words);
    const cpl = a === b ? 160 : 160 - (a ^ b).toString(2).length;
    assert.equal(commonPrefixLength(ids, i * words, ids, (i + 1) * words, words), cpl);
    const da = a ^ t;
    const db = b ^ t;
    assert.equal(compareDistance(ids, i * words, (i + 1) * words, target, 0, words), da < db ? -1 : da > db ? 1 : 0);
  }
});

test("settled tables: bucket b holds min(k, m_b) contacts, m_b = nodes sharing exactly b leading bits (brute-force count)", () => {
  const n = 600;
  const words = 5;
  const k = 8;
  const ids = randomIds(n, words, new Xoshiro128([9, 8, 7, 6]));
  const tables = buildIdealTables(ids, n, words, k, new Xoshiro128([1, 1, 1, 1]));
  for (let i = 0; i < n; i += 7) {
    const m = new Map<number, number>();
    for (let v = 0; v < n; v++) if (v !== i) m.set(tables.bucketIndex(i, v), (m.get(tables.bucketIndex(i, v)) ?? 0) + 1);
    for (let b = 0; b < 160; b++) {
      const contacts = tables.bucket(i, b);
      assert.equal(contacts.length, Math.min(k, m.get(b) ?? 0), `node ${i} bucket ${b}`);
      assert.equal(new Set(contacts).size, contacts.length);
      for (const x of contacts) assert.equal(tables.bucketIndex(i, x), b);
    }
  }
});

/** A static network: constant 50 ms latency, so no query ever times out. */
function staticRun(nodes: number, lookups: number, idBits: "160" | "256", k: number, seed: string) {
  const params = kademlia.resolve({ nodes, lookups, idBits, k, latency: "constant", latencyMedianMs: 50, rpcTimeoutS: 10 });
  const net = networkParamsOf(params);
  return simulateKademlia({ network: buildNetworkConfig(net, rngFor(["kad-net", seed]).common("network", net)) }, kademliaConfigOf(params), rngFor(["kad", seed]));
}

test("static network: every lookup returns exactly the k closest nodes of a brute-force XOR sort; hops <= log2 N", () => {
  for (const [nodes, idBits, k] of [[1000, "160", 20], [10_000, "256", 16]] as const) {
    const { run, world } = staticRun(nodes, 300, idBits, k, `static-${nodes}`);
    assert.equal(run.records.length, 300);
    assert.equal(run.unfinished, 0);
    const measured = world.lookups.filter((l) => l.measured);
    for (const l of measured) {
      const truth = bruteForceClosest(world.ids, nodes, world.words, world.targets, l.targetOffset, k, (v) => v !== l.initiator);
      assert.deepEqual(Array.from(l.nodes.subarray(0, l.length)), truth, `lookup ${l.id} from ${l.initiator}`);
    }
    for (const r of run.records) {
      assert.equal(r.found, r.trueClosest);
      assert.equal(r.timeouts, 0);
      assert.ok(r.hops >= 1 && r.hops <= Math.log2(nodes), `hops ${r.hops} > log2 N = ${Math.log2(nodes)}`);
    }
  }
});

test("the readable round-based lookup finds the same brute-force k closest, in at most log2 N rounds of productive queries", () => {
  const n = 2000;
  const words = 5;
  const k = 20;
  const ids = randomIds(n, words, new Xoshiro128([3, 1, 4, 1]));
  const tables = buildIdealTables(ids, n, words, k, new Xoshiro128([5, 9, 2, 6]));
  const rng = new Xoshiro128([2, 7, 1, 8]);
  for (let j = 0; j < 100; j++) {
    const target = randomIds(1, words, rng);
    const initiator = rng.below(n);
    const res = lookupInRounds(tables, initiator, target, 0, 3);
    assert.deepEqual(res.closest, bruteForceClosest(ids, n, words, target, 0, k, (v) => v !== initiator));
    assert.ok(res.queries >= k && res.rounds <= Math.ceil(res.queries / 3));
  }
});

test("k-bucket invariants hold after churn with refreshes and rejoins; lookups still mostly end at the closest live node", () => {
  const params = kademlia.resolve({ nodes: 1500, lookups: 300, lookupIntervalS: 1, meanSessionS: 300, meanOfflineS: 300, refreshS: 120, k: 10 });
  const net = networkParamsOf(params);
  const { run, world } = simulateKademlia({ network: buildNetworkConfig(net, rngFor(["churn-net"]).common("network", net)) }, kademliaConfigOf(params), rngFor(["churn"]));
  const t = world.tables;
  let replaced = 0;
  for (let i = 0; i < 1500; i++) {
    for (let b = 0; b < t.bits; b++) {
      const contacts = t.bucket(i, b);
      assert.ok(contacts.length <= t.k, `node ${i} bucket ${b}: ${contacts.length} > k`);
      assert.equal(new Set(contacts).size, contacts.length, `duplicate in node ${i} bucket ${b}`);
      for (const x of contacts) {
        assert.notEqual(x, i);
        assert.equal(t.bucketIndex(i, x), b, `node ${i}: contact ${x} in bucket ${b}`);
      }
      replaced += contacts.length;
    }
  }
  assert.ok(replaced > 0);
  assert.ok(run.maintenanceLookups > 1000, `maintenance lookups ${run.maintenanceLookups}`);
  const timeouts = run.records.reduce((a, r) => a + r.timeouts, 0);
  assert.ok(timeouts > 0, "half the nodes are offline at any time: some queries must time out");
  const exact = run.records.filter((r) => r.found === r.trueClosest).length / run.records.length;
  assert.ok(exact > 0.8, `exact rate under churn ${exact}`);
});

test("RoutingTables.closest (nearest bucket class first, early stop) equals a sort of all the node's contacts by XOR distance", () => {
  const n = 3000;
  const words = 8;
  const k = 16;
  const ids = randomIds(n, words, new Xoshiro128([4, 4, 4, 4]));
  const tables = buildIdealTables(ids, n, words, k, new Xoshiro128([6, 6, 6, 6]));
  const rng = new Xoshiro128([7, 7, 7, 7]);
  const out = new Int32Array(k);
  for (let j = 0; j < 300; j++) {
    const i = rng.below(n);
    // Targets: uniform ids, and ids sharing a long prefix with node i (the nearest bucket matters most).
    const target = randomIds(1, words, rng);
    if (j % 2 === 0) for (let w = 0; w < j % 7; w++) target[w] = ids[i * words + w];
    const contacts: number[] = [];
    for (let b = 0; b < tables.bits; b++) contacts.push(...tables.bucket(i, b));
    contacts.sort((a, b) => compareDistance(ids, a * words, b * words, target, 0, words));
    const m = tables.closest(i, target, 0, k, out);
    assert.deepEqual(Array.from(out.subarray(0, m)), contacts.slice(0, k), `node ${i}, target ${j}`);
  }
});

test("joining from bootstrap nodes: one reachable bootstrap node is enough to rebuild a settled-size table; with all censored every join fails", () => {
  const base = { nodes: 1500, lookups: 50, warmupS: 30, joiners: 30, bootstrapNodes: 3, k: 12 };
  const ok = kademlia.run(kademlia.resolve({ ...base, censoredBootstrap: 2 }), rngFor(["join-ok"])) as Record<string, number>;
  assert.equal(ok.joinsCompleted, 30);
  assert.equal(ok.joinFailedRate, 0);
  // The self-lookup and one lookup per far bucket touch every bucket's subtree: the joiner ends near a settled table's size.
  assert.ok(ok.joinContactsMean > 0.9 * ok.joinSettledContactsMean, `${ok.joinContactsMean} vs settled ${ok.joinSettledContactsMean}`);
  assert.equal(ok.exactRate, 1);
  const cut = kademlia.run(kademlia.resolve({ ...base, censoredBootstrap: 3 }), rngFor(["join-cut"])) as Record<string, number>;
  assert.equal(cut.joinsCompleted, 30);
  assert.equal(cut.joinFailedRate, 1);
  assert.equal(cut.joinContactsMean, 0);
  assert.throws(() => kademlia.resolve({ bootstrapNodes: 2, censoredBootstrap: 3 }), (e: unknown) => e instanceof ParameterError && e.parameter === "censoredBootstrap");
});

test("a bucket-refresh target falls in the bucket it refreshes", async () => {
  const { randomIdInBucket } = await import("../../../lib/models/kademlia/ids");
  const words = 8;
  const ids = randomIds(50, words, new Xoshiro128([3, 3, 3, 3]));
  const out = new Uint32Array(words);
  const rng = new Xoshiro128([8, 8, 8, 8]);
  for (let v = 0; v < 50; v++) for (let b = 0; b < 256; b += 1 + (v % 5)) {
    randomIdInBucket(ids, v, words, b, rng, out, 0);
    assert.equal(commonPrefixLength(ids, v * words, out, 0, words), b, `node ${v} bucket ${b}`);
  }
});

test("the section 2.2 update rule: a full bucket keeps its live head and drops the newcomer, replaces a dead head", () => {
  const words = 1;
  // Node 0 has id 0; nodes 1..4 share no leading bit with it (bucket 0), node 5 too.
  const ids = new Uint32Array([0, 0x80000001, 0x80000002, 0x80000003, 0x80000004, 0x80000005]);
  const t = new RoutingTables(ids, 6, words, 4);
  for (const x of [1, 2, 3, 4]) assert.equal(t.touch(0, x, () => true), "added");
  assert.equal(t.touch(0, 2, () => true), "moved");
  assert.deepEqual(t.bucket(0, 0), [1, 3, 4, 2]);
  assert.equal(t.touch(0, 5, () => true), "dropped");
  assert.deepEqual(t.bucket(0, 0), [3, 4, 2, 1]);
  assert.equal(t.touch(0, 5, (y) => y !== 3), "replaced");
  assert.deepEqual(t.bucket(0, 0), [4, 2, 1, 5]);
  assert.equal(t.touch(0, 0, () => true), "self");
  assert.ok(t.remove(0, 2));
  assert.deepEqual(t.bucket(0, 0), [4, 1, 5]);
});

test("same seed, same row; mean hops grow with N and stay below log2 N", () => {
  const a = kademlia.run(kademlia.resolve({ nodes: 500, lookups: 100 }), rngFor(["det"]));
  const b = kademlia.run(kademlia.resolve({ nodes: 500, lookups: 100 }), rngFor(["det"]));
  assert.deepEqual(a, b);
  const small = kademlia.run(kademlia.resolve({ nodes: 200, lookups: 300 }), rngFor(["h1"])) as Record<string, number>;
  const large = kademlia.run(kademlia.resolve({ nodes: 20_000, lookups: 300 }), rngFor(["h2"])) as Record<string, number>;
  assert.ok(large.hopsMean > small.hopsMean, `${large.hopsMean} <= ${small.hopsMean}`);
  assert.ok(large.hopsMean < large.log2N && large.hopsMax <= large.log2N);
});

test("bad parameters name the parameter, the value and the allowed range", () => {
  const cases: Array<[Record<string, unknown>, string, RegExp]> = [
    [{ alpha: 5, k: 4 }, "alpha", /invalid alpha: 5 .*alpha <= k = 4/],
    [{ k: 0 }, "k", /invalid k: 0/],
    [{ k: 300 }, "k", /invalid k: 300/],
    [{ idBits: "128" }, "idBits", /invalid idBits: "128"/],
    [{ rpcTimeoutS: 0 }, "rpcTimeoutS", /invalid rpcTimeoutS: 0/],
    [{ lookups: 0 }, "lookups", /invalid lookups: 0/],
  ];
  for (const [given, name, message] of cases) {
    assert.throws(() => kademlia.resolve(given), (err: unknown) => err instanceof ParameterError && err.parameter === name && message.test(err.message), JSON.stringify(given));
  }
});

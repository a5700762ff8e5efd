/**
 * The Network's message path: addressing (sendTo, multicast, broadcast on
 * both overlays), arrival = pair latency + size * 8 / min(up, down), the
 * arena's lifetime rule, the receive CPU's FIFO arithmetic (w4_pbft.c's
 * model), send-order fairness with upload queueing, independent fault
 * streams, crashes, and two networks in one simulation.
 *
 * Where exact equality is asserted, the inputs are dyadic (latencies of
 * 0.125 s, sizes and capacities giving 0.5 s or 0.25 s), so every sum is
 * exact whatever the order of the additions.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Simulation } from "../../lib/engine/simulation";
import { ParameterError } from "../../lib/experiment/params";
import { completeGraph, randomKOut } from "../../lib/network/topology";
import { constantLatency, exponentialJitter, lognormalLatency } from "../../lib/network/latency";
import { sampleLinkLatencies } from "../../lib/network/link-latencies";
import { graphNetworkConfig } from "../../lib/network/graph-network";
import { Network } from "../../lib/network/network";
import { constantPairLatency, hashedPairLatency } from "../../lib/network/pair-latency";
import { uniformResources } from "../../lib/network/node-resources";
import type { NetworkConfig, NodeResourcesConfig } from "../../lib/network/runtime-config";
import { rngFor } from "../../lib/random/seed";
import { Xoshiro128 } from "../../lib/random/xoshiro128";

const complete = (n: number, ms: number, extra: Partial<NetworkConfig> = {}): NetworkConfig => ({ overlay: { kind: "complete", n }, latency: constantPairLatency(n, ms), ...extra });

test("sendTo: arrival = send time + size * 8 / min(uplink[from], downlink[to]) + pair latency, on a complete overlay", () => {
  const n = 4;
  // Node 1: uplink 16 kbit/s, node 2: downlink 32 kbit/s, so 1 -> 2 runs at 16 kbit/s and 2 -> 1 at 8 kbit/s (node 1's downlink).
  const resources: NodeResourcesConfig = { uplinkBps: Float64Array.from([Infinity, 16e3, 64e3, Infinity]), downlinkBps: Float64Array.from([Infinity, 8e3, 32e3, Infinity]) };
  const sim = new Simulation();
  const net = new Network(sim, complete(n, 125, { resources }), rngFor(["sendTo"]));
  const got: Array<[number, number, number]> = [];
  const MSG = net.defineMessage("m", (to, msg, from) => got.push([from, to, sim.now]));
  const SEND = sim.defineKind("send", (from, to) => {
    net.sendTo(MSG, from, to, net.arena.alloc(0, 0, 0, 0, from, 1000)); // 8000 bits
  });
  sim.scheduleAt(2, SEND, 1, 2);
  sim.scheduleAt(3, SEND, 2, 1);
  sim.scheduleAt(4, SEND, 0, 3);
  sim.run();
  // 8000 / 16000 = 0.5 s; 8000 / 8000 = 1 s; unlimited: 0. Latency 0.125 s each.
  assert.deepEqual(got, [[1, 2, 2.625], [2, 1, 4.125], [0, 3, 4.125]]);

  // Any latency model, drawn per pair: arrival - send - transmission is exactly the model's value for that pair.
  const pair = hashedPairLatency(30, lognormalLatency(80, 0.6), new Xoshiro128([5, 6, 7, 8]));
  const sim2 = new Simulation();
  const net2 = new Network(sim2, { overlay: { kind: "complete", n: 30 }, latency: pair, resources: uniformResources(30, 1e6) }, rngFor(["sendTo2"]));
  let checked = 0;
  const M2 = net2.defineMessage("m", (to, msg, from) => {
    const expected = 10 + (125_000 * 8) / 1e6 + pair.latencyS(from, to);
    assert.ok(Math.abs(sim2.now - expected) < 1e-12, `${from} -> ${to}: ${sim2.now} vs ${expected}`);
    checked++;
  });
  const S2 = sim2.defineKind("send", (from) => {
    for (let to = 0; to < 30; to++) if (to !== from) net2.sendTo(M2, from, to, net2.arena.alloc(0, 0, 0, 0, from, 125_000));
  });
  for (let v = 0; v < 30; v++) sim2.scheduleAt(10, S2, v);
  sim2.run();
  assert.equal(checked, 30 * 29);
});

test("graph overlay: sendTo a neighbour uses the link's latency, any other pair the pair model; broadcast reaches the neighbours only", () => {
  const g = randomKOut(40, 2, new Xoshiro128([1, 2, 3, 4]));
  const lat = sampleLinkLatencies(g, lognormalLatency(100, 0.5), new Xoshiro128([4, 3, 2, 1]));
  const sim = new Simulation();
  const net = new Network(sim, graphNetworkConfig(g, lat, { latency: constantPairLatency(40, 1000) }), rngFor(["graph"]));
  const arrivals = new Map<string, number>();
  const MSG = net.defineMessage("m", (to, msg, from) => arrivals.set(`${net.arena.type[msg]}:${from}-${to}`, sim.now));
  const GO = sim.defineKind("go", () => {
    for (let to = 1; to < 40; to++) net.sendTo(MSG, 0, to, net.arena.alloc(1, 0, 0, 0, 0, 0));
    net.broadcast(MSG, 0, net.arena.alloc(2, 0, 0, 0, 0, 0));
  });
  sim.schedule(0, GO);
  sim.run();
  const neighbours = new Set(Array.from(g.neighbors.subarray(g.offsets[0], g.offsets[1])));
  for (let to = 1; to < 40; to++) {
    const k = g.offsets[0] + Array.from(g.neighbors.subarray(g.offsets[0], g.offsets[1])).indexOf(to);
    assert.equal(arrivals.get(`1:0-${to}`), neighbours.has(to) ? lat[k] : 1, `sendTo 0 -> ${to}`);
    assert.equal(arrivals.has(`2:0-${to}`), neighbours.has(to), `broadcast 0 -> ${to}`);
  }
  assert.equal(net.degree(0), neighbours.size);
  // Without a pair model a graph overlay refuses to reach a non-neighbour, naming the pair.
  const strict = new Network(new Simulation(), graphNetworkConfig(g, lat), rngFor(["strict"]));
  const K = strict.defineMessage("m", () => {});
  const far = Array.from({ length: 40 }, (_, v) => v).find((v) => v !== 0 && !neighbours.has(v)) as number;
  assert.throws(() => strict.sendTo(K, 0, far, strict.arena.alloc(0, 0, 0, 0, 0, 0)), (e: unknown) => e instanceof ParameterError && e.parameter === "sendTo");
});

test("multicast: one arena message shared by every recipient, freed after the last delivery (and at once if nothing was scheduled)", () => {
  const n = 10;
  const sim = new Simulation();
  const net = new Network(sim, complete(n, 125), rngFor(["multicast"]));
  const arena = net.arena;
  const seen: number[] = [];
  let liveDuring = -1;
  const MSG = net.defineMessage("vote", (to, msg) => {
    assert.deepEqual([arena.type[msg], arena.height[msg], arena.round[msg], arena.value[msg], arena.signer[msg], arena.sizeBytes[msg]], [7, 12, 3, 99, 2, 250]);
    seen.push(msg);
    liveDuring = arena.live;
  });
  const GO = sim.defineKind("go", () => {
    const msg = arena.alloc(7, 12, 3, 99, 2, 250);
    const scheduled = net.multicast(MSG, 2, [0, 1, 2, 3, 5, 8], msg); // 2 itself is skipped
    assert.equal(scheduled, 5);
    assert.equal(arena.refs[msg], 5);
    assert.equal(arena.live, 1);
  });
  sim.schedule(0, GO);
  sim.run();
  assert.equal(seen.length, 5);
  assert.ok(seen.every((id) => id === seen[0]), "all recipients see the same id");
  assert.equal(liveDuring, 1, "still live while the last delivery's handler runs");
  assert.equal(arena.live, 0, "freed after the last delivery");
  assert.equal(arena.isLive(seen[0]), false);
  // Everything lost: the message is freed by the send itself.
  const lossy = new Network(new Simulation(), complete(n, 125, { lossRate: 1 }), rngFor(["lossy"]));
  const L = lossy.defineMessage("m", () => assert.fail("nothing arrives"));
  const id = lossy.arena.alloc(0, 0, 0, 0, 0, 0);
  assert.equal(lossy.broadcast(L, 0, id), 0);
  assert.equal(lossy.arena.live, 0);
  // Dropped at arrival (receiver offline) also releases.
  const sim3 = new Simulation();
  const off = new Network(sim3, complete(3, 125, { churn: { kind: "schedule", intervals: [{ node: 1, fromS: 0.1, toS: 5 }] } }), rngFor(["off"]));
  const O = off.defineMessage("m", () => {});
  sim3.schedule(0, sim3.defineKind("go", () => off.broadcast(O, 0, off.arena.alloc(0, 0, 0, 0, 0, 0))));
  sim3.run();
  assert.equal(off.stats.droppedOffline, 1);
  assert.equal(off.stats.delivered, 1);
  assert.equal(off.arena.live, 0);
});

test("CPU queue: a message arriving at t is handled at max(t, cpuFree) + fixed + perByte * size, FIFO per node", () => {
  const n = 5;
  // Costs: "sig" 0.25 s + 2^-10 s per byte; "free" nothing (but it waits its turn behind the queue).
  const resources: NodeResourcesConfig = { ...uniformResources(n, Infinity), cpuCostS: { sig: { fixedS: 0.25, perByteS: 2 ** -10 } } };
  const sim = new Simulation();
  const net = new Network(sim, complete(n, 125, { resources }), rngFor(["cpu"]));
  const handled: Array<[string, number, number]> = [];
  const SIG = net.defineMessage("sig", (to, msg, from) => handled.push(["sig", from, sim.now]));
  const FREE = net.defineMessage("free", (to, msg, from) => handled.push(["free", from, sim.now]));
  // Sends to node 0 (arrival = send + 0.125): from 1 at 0 (size 0), from 2 at 0 (size 256: +0.25 s), from 3 at 0.25 (free), from 4 at 2 (size 0).
  const plan: Array<[number, number, number, number]> = [
    [0, 1, SIG, 0],
    [0, 2, SIG, 256],
    [0.25, 3, FREE, 0],
    [2, 4, SIG, 0],
  ];
  const SEND = sim.defineKind("send", (i) => {
    const [, from, kind, size] = plan[i];
    net.sendTo(kind, from, 0, net.arena.alloc(0, 0, 0, 0, from, size));
  });
  plan.forEach(([t], i) => sim.scheduleAt(t, SEND, i));
  sim.run();
  // By hand: arrivals 0.125, 0.125, 0.375, 2.125.
  //   1: max(0.125, 0) + 0.25 = 0.375;  2: max(0.125, 0.375) + 0.25 + 0.25 = 0.875;
  //   3: max(0.375, 0.875) + 0 = 0.875 (after 2, FIFO);  4: max(2.125, 0.875) + 0.25 = 2.375.
  assert.deepEqual(handled, [["sig", 1, 0.375], ["sig", 2, 0.875], ["free", 3, 0.875], ["sig", 4, 2.375]]);
  assert.equal(net.arena.live, 0);
  // The same arithmetic on a random arrival stream, against the recurrence d_i = max(a_i, d_{i-1}) + c.
  const sim2 = new Simulation();
  const net2 = new Network(sim2, complete(2, 0, { resources: { ...uniformResources(2, Infinity), cpuCostS: { m: { fixedS: 0.001 } } } }), rngFor(["cpu2"]));
  const out: number[] = [];
  const M = net2.defineMessage("m", () => out.push(sim2.now));
  const r = new Xoshiro128([9, 9, 9, 9]);
  const arrivals: number[] = [];
  let t = 0;
  for (let i = 0; i < 2000; i++) arrivals.push((t += -0.001 * Math.log1p(-r.nextFloat()))); // load 1: long busy periods
  const S = sim2.defineKind("send", () => net2.sendTo(M, 1, 0, net2.arena.alloc(0, 0, 0, 0, 1, 0)));
  for (const a of arrivals) sim2.scheduleAt(a, S);
  sim2.run();
  let d = 0;
  arrivals.forEach((a, i) => {
    d = Math.max(a, d) + 0.001;
    assert.equal(out[i], d, `message ${i}`);
  });
});

test("send-order fairness: with upload queueing node 0's mean arrival rank equals any node's (within 4 SE)", () => {
  // Every node broadcasts B times on a complete overlay with one queued uplink: the recipients of one broadcast get it
  // 1 transmission time apart, in the order the sender serves them. Rank of a recipient = its place (0 .. n - 2).
  const n = 40;
  const B = 10;
  const sim = new Simulation();
  const net = new Network(sim, complete(n, 50, { resources: uniformResources(n, 8e6, 8e6, { uploadQueueing: true }) }), rngFor(["fairness"]));
  const firstArrival = new Float64Array(n * B * n).fill(NaN); // [sender, round, recipient]
  const MSG = net.defineMessage("m", (to, msg, from) => (firstArrival[(from * B + net.arena.round[msg]) * n + to] = sim.now));
  const GO = sim.defineKind("go", (v, round) => net.broadcast(MSG, v, net.arena.alloc(0, 0, round, 0, v, 10_000)));
  for (let round = 0; round < B; round++) for (let v = 0; v < n; v++) sim.scheduleAt(round * 100, GO, v, round);
  sim.run();
  const rankSum = new Float64Array(n);
  const rankCount = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    for (let round = 0; round < B; round++) {
      const row = firstArrival.subarray((s * B + round) * n, (s * B + round + 1) * n);
      const order = Array.from({ length: n }, (_, v) => v).filter((v) => v !== s).sort((a, b) => row[a] - row[b]);
      order.forEach((v, rank) => {
        rankSum[v] += rank;
        rankCount[v]++;
      });
    }
  }
  // Under a uniformly random order a recipient's rank is uniform on 0 .. m - 1 (m = n - 1): mean (m - 1) / 2,
  // variance (m^2 - 1) / 12, independent across broadcasts; node 0 has (n - 1) B ranks.
  const m = n - 1;
  const mean0 = rankSum[0] / rankCount[0];
  const se = Math.sqrt((m * m - 1) / 12 / rankCount[0]);
  assert.ok(Math.abs(mean0 - (m - 1) / 2) < 4 * se, `node 0 mean rank ${mean0} vs ${(m - 1) / 2} +- ${se}`);
  // And node 0 against the others' pooled mean (difference of two means: SE sqrt(se0^2 + se_rest^2)).
  let restSum = 0;
  let restCount = 0;
  for (let v = 1; v < n; v++) {
    restSum += rankSum[v];
    restCount += rankCount[v];
  }
  const seDiff = Math.sqrt((m * m - 1) / 12 * (1 / rankCount[0] + 1 / restCount));
  assert.ok(Math.abs(mean0 - restSum / restCount) < 4 * seDiff, `node 0 ${mean0} vs the rest ${restSum / restCount}`);
  // The old ascending order would give node 0 rank 0 in every broadcast (and node 1 rank 0 from node 0): far outside.
  assert.ok((m - 1) / 2 > 20 * se, "the test can tell the old order apart");
});

test("fault streams are independent: adding jitter or another kind's traffic leaves a kind's loss pattern", () => {
  const n = 30;
  const run = (jitter: boolean, otherTraffic: boolean) => {
    const sim = new Simulation();
    const net = new Network(sim, complete(n, 100, { lossRate: 0.3, jitter: jitter ? exponentialJitter(20) : null }), rngFor(["streams"]));
    const delivered = new Uint8Array(n * n * 5);
    const A = net.defineMessage("a", (to, msg, from) => (delivered[(net.arena.round[msg] * n + from) * n + to] = 1));
    const B = net.defineMessage("b", () => {});
    const GO = sim.defineKind("go", (v, round) => {
      if (otherTraffic) net.broadcast(B, v, net.arena.alloc(0, 0, 0, 0, v, 0));
      net.broadcast(A, v, net.arena.alloc(0, 0, round, 0, v, 0));
      if (otherTraffic) net.broadcast(B, v, net.arena.alloc(0, 0, 0, 0, v, 0));
    });
    for (let round = 0; round < 5; round++) for (let v = 0; v < n; v++) sim.scheduleAt(round, GO, v, round);
    sim.run();
    return { delivered, lostA: net.statsByKind().a.lost };
  };
  const base = run(false, false);
  assert.ok(base.lostA > 0);
  assert.deepEqual(run(true, false).delivered, base.delivered, "jitter draws do not shift the loss draws");
  assert.deepEqual(run(false, true).delivered, base.delivered, "kind b's loss draws do not shift kind a's");
  assert.deepEqual(run(true, true).delivered, base.delivered);
  // Churn has its own stream too: the times nodes go down and come back do not depend on loss or jitter draws.
  const churnLog = (lossRate: number, jitter: boolean) => {
    const sim = new Simulation();
    const net = new Network(sim, complete(n, 100, { lossRate, jitter: jitter ? exponentialJitter(20) : null, churn: { kind: "rates", meanSessionS: 3, meanOfflineS: 1 } }), rngFor(["streams"]));
    const log: string[] = [];
    net.onNodeDown((v) => log.push(`down ${v} ${sim.now}`));
    net.onNodeUp((v) => log.push(`up ${v} ${sim.now}`));
    const A = net.defineMessage("a", () => {});
    const GO = sim.defineKind("go", (v) => net.broadcast(A, v, net.arena.alloc(0, 0, 0, 0, v, 0)));
    for (let i = 0; i < 200; i++) sim.scheduleAt(i * 0.05, GO, i % n);
    sim.run({ maxTimeS: 20 });
    return log;
  };
  const quiet = churnLog(0, false);
  assert.ok(quiet.length > 50);
  assert.deepEqual(churnLog(0.4, true), quiet);
});

test("crashes: a crashed node neither sends nor receives, for good; drops are counted by cause and per kind", () => {
  const sim = new Simulation();
  const net = new Network(sim, complete(4, 125, { crashes: [{ node: 2, atS: 1 }], churn: { kind: "schedule", intervals: [{ node: 2, fromS: 2, toS: 3 }] } }), rngFor(["crash"]));
  const got: string[] = [];
  const log: string[] = [];
  net.onCrash((v) => log.push(`crash ${v} at ${sim.now}`));
  net.onNodeUp((v) => log.push(`up ${v}`));
  const M = net.defineMessage("m", (to, msg, from) => got.push(`${from}->${to}@${sim.now}`));
  const GO = sim.defineKind("go", (from) => net.broadcast(M, from, net.arena.alloc(0, 0, 0, 0, from, 0)));
  sim.scheduleAt(0, GO, 0); // before the crash: reaches 1, 2, 3
  sim.scheduleAt(0.9375, GO, 0); // in flight at the crash (arrives 1.0625): 2 drops it
  sim.scheduleAt(4, GO, 2); // the crashed node sends nothing
  sim.run();
  assert.deepEqual(got, ["0->1@0.125", "0->2@0.125", "0->3@0.125", "0->1@1.0625", "0->3@1.0625"]);
  assert.deepEqual(log, ["crash 2 at 1"], "the churn schedule does not bring a crashed node back");
  const s = net.statsByKind().m;
  assert.equal(s.sent, 9);
  assert.equal(s.delivered, 5);
  assert.equal(s.droppedCrashed, 4);
  assert.deepEqual(net.stats, s, "one kind: the totals are its counts");
  assert.equal(net.arena.live, 0);
});

test("two networks in one simulation: kinds are scoped, a reused scope name throws", () => {
  const sim = new Simulation();
  const a = new Network(sim, complete(3, 125), rngFor(["a"]));
  const b = new Network(sim, complete(3, 250, { name: "gossip" }), rngFor(["b"]));
  const got: string[] = [];
  const MA = a.defineMessage("m", (to) => got.push(`net ${to} ${sim.now}`));
  const MB = b.defineMessage("m", (to) => got.push(`gossip ${to} ${sim.now}`));
  sim.schedule(0, sim.defineKind("go", () => {
    a.sendTo(MA, 0, 1, a.arena.alloc(0, 0, 0, 0, 0, 0));
    b.sendTo(MB, 0, 2, b.arena.alloc(0, 0, 0, 0, 0, 0));
  }));
  sim.run();
  assert.deepEqual(got, ["net 1 0.125", "gossip 2 0.25"]);
  const counts = sim.eventCounts();
  assert.equal(counts["net:m"], 1);
  assert.equal(counts["gossip:m"], 1);
  assert.throws(() => new Network(sim, complete(3, 1), rngFor(["c"])), /scope "net" is already used/);
  assert.throws(() => a.sendTo(MB, 0, 1, a.arena.alloc(0, 0, 0, 0, 0, 0)), /invalid message kind/);
});

test("10,000 validators on a complete overlay: O(N) memory; every multicast delivery at send time + its pair latency, in time order", () => {
  const n = 10_000;
  const before = process.memoryUsage().arrayBuffers;
  const sim = new Simulation();
  const latency = hashedPairLatency(n, lognormalLatency(50, 0.5), new Xoshiro128([7, 7, 7, 7]));
  const net = new Network(sim, { overlay: { kind: "complete", n }, latency }, rngFor(["ten-thousand"]));
  const everyone = Int32Array.from({ length: n }, (_, i) => i);
  const arrivals = new Float64Array(n).fill(-1);
  let last = 0;
  let inOrder = true;
  let echoes = 0;
  const ECHO = net.defineMessage("echo", () => echoes++);
  const VOTE = net.defineMessage("vote", (to, _msg, from) => {
    if (sim.now < last) inOrder = false;
    last = sim.now;
    arrivals[to] = sim.now;
    if (to % 1000 === 1) net.multicast(ECHO, to, everyone, net.arena.alloc(1, 0, 0, 0, to, 100)); // multicasts from inside handlers too
    assert.equal(from, 0);
  });
  sim.schedule(1, sim.defineKind("go", () => net.multicast(VOTE, 0, everyone, net.arena.alloc(0, 1, 0, 0, 0, 100))));
  sim.run();
  assert.ok(inOrder, "deliveries pop in time order");
  for (let j = 1; j < n; j++) assert.equal(arrivals[j], 1 + latency.latencyS(0, j), `arrival at ${j}`);
  assert.equal(echoes, 10 * (n - 1));
  assert.equal(net.arena.live, 0);
  const grownMB = (process.memoryUsage().arrayBuffers - before) / 2 ** 20;
  // A latency matrix alone would take n^2 * 4 bytes = 381 MiB; the runtime's buffers grow with N (runs, arena, queue).
  assert.ok(grownMB < 40, `typed arrays grew by ${grownMB.toFixed(1)} MiB`);
});

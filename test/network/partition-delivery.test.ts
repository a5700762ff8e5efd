/**
 * Partition schedules applied by the Network (network.ts): `drop` loses
 * messages across the cut (at send and at arrival), `hold` delivers them at
 * heal + latency (Dwork, Lynch & Stockmeyer 1988, J. ACM 35(2), section 2:
 * the heal is the global stabilisation time), windows apply only in their
 * time, extra group-to-group delay adds exactly, a cut link alone is cut.
 *
 * A tiny complete overlay with a constant latency of 125 ms and no size or
 * bandwidth cost: every expected arrival is a sum of dyadic numbers (0.125,
 * 0.25, 0.5, whole seconds), so exact equality holds whatever the order of
 * the additions. The expected times follow from the contract, by hand.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Simulation } from "../../lib/engine/simulation";
import { Network } from "../../lib/network/network";
import { constantPairLatency } from "../../lib/network/pair-latency";
import type { PartitionScheduleSpec } from "../../lib/network/partition-schedule";
import { rngFor } from "../../lib/random/seed";

const LATENCY_S = 0.125;

/** One send: at time atS from `from` to `to`. */
type Send = readonly [atS: number, from: number, to: number];

/** Run the sends through a 4-node network with the schedule; returns each send's arrival time (NaN: not delivered) and the stats. */
function deliver(partitions: PartitionScheduleSpec, sends: readonly Send[], n = 4) {
  const sim = new Simulation();
  const net = new Network(sim, { overlay: { kind: "complete", n }, latency: constantPairLatency(n, LATENCY_S * 1000), partitions }, rngFor(["partition-delivery-test"]));
  const arrival = new Float64Array(sends.length).fill(NaN);
  const MSG = net.defineMessage("m", (to, msg, from) => {
    const i = net.arena.value[msg];
    assert.equal(to, sends[i][2]);
    assert.equal(from, sends[i][1]);
    assert.ok(Number.isNaN(arrival[i]), `send ${i} delivered twice`);
    arrival[i] = sim.now;
  });
  const SEND = sim.scope("test").defineKind("send", (i) => {
    const [, from, to] = sends[i];
    net.sendTo(MSG, from, to, net.arena.alloc(0, 0, 0, i, from, 0));
  });
  sends.forEach(([atS], i) => sim.scheduleAt(atS, SEND, i));
  const report = sim.run({ maxEvents: 1e5 });
  assert.equal(report.stop, "drained");
  return { arrival: Array.from(arrival), stats: net.stats, byKind: net.statsByKind().m, net };
}

// Window [1, 3): nodes 0, 1 (group 0) against 2, 3 (the rest, group 1).
const halves = (mode: "drop" | "hold"): PartitionScheduleSpec => [{ startS: 1, durationS: 2, mode, groups: { by: "nodes", groups: [[0, 1]] } }];
const SENDS: Send[] = [
  [0.5, 0, 2], // before the window: 0.625
  [1.5, 0, 2], // across the cut during the window
  [1.5, 3, 1], // across, the other way
  [1.5, 0, 1], // within group 0: 1.625
  [1.5, 2, 3], // within the rest: 1.625
  [0.9375, 2, 0], // in flight when the cut starts (arrives 1.0625)
  [3.5, 1, 3], // after the heal: 3.625
];

test("hold: a message sent across the cut arrives at heal + latency, one in flight when the cut starts too; others are untouched", () => {
  const { arrival, stats } = deliver(halves("hold"), SENDS);
  assert.deepEqual(arrival, [0.625, 3.125, 3.125, 1.625, 1.625, 3.125, 3.625]);
  assert.equal(stats.delivered, 7);
  assert.equal(stats.droppedPartition, 0);
  assert.equal(stats.held, 3);
});

test("drop: messages across the cut are lost at send and at arrival, counted as dropped by partition", () => {
  const { arrival, stats, byKind } = deliver(halves("drop"), SENDS);
  assert.deepEqual(arrival, [0.625, NaN, NaN, 1.625, 1.625, NaN, 3.625]);
  assert.equal(stats.sent, 7);
  assert.equal(stats.delivered, 4);
  assert.equal(stats.droppedPartition, 3);
  assert.equal(byKind.droppedPartition, 3);
  assert.equal(stats.held, 0);
});

test("hold in a window that never heals loses the messages (there is no heal to deliver them at)", () => {
  const { arrival, stats } = deliver([{ startS: 1, durationS: null, mode: "hold", groups: { by: "nodes", groups: [[0, 1]] } }], [
    [1.5, 0, 2],
    [1.5, 0, 1],
  ]);
  assert.deepEqual(arrival, [NaN, 1.625]);
  assert.equal(stats.droppedPartition, 1);
});

test("two windows in sequence each cut only in their own time", () => {
  // A = [1, 2): node 0 alone; B = [2, 3): node 1 alone.
  const schedule: PartitionScheduleSpec = [
    { startS: 1, durationS: 1, groups: { by: "nodes", groups: [[0]] } },
    { startS: 2, durationS: 1, groups: { by: "nodes", groups: [[1]] } },
  ];
  const { arrival, stats } = deliver(schedule, [
    [0.5, 0, 1], // no window: 0.625
    [1.5, 0, 1], // A cuts 0 from 1
    [1.5, 2, 1], // A: 1 and 2 are both in the rest: 1.625
    [2.5, 0, 1], // B cuts 1 from 0
    [2.5, 0, 2], // B: 0 and 2 both in the rest: 2.625
    [2.5, 2, 1], // B cuts 1 from 2
    [3.5, 0, 1], // healed: 3.625
  ]);
  assert.deepEqual(arrival, [0.625, NaN, 1.625, NaN, 2.625, NaN, 3.625]);
  assert.equal(stats.droppedPartition, 3);
});

test("extra delay between groups adds exactly, per direction, only during its window", () => {
  // Groups {0, 1} and {2, 3}, nothing cut; 0 -> 1 groups +250 ms, 1 -> 0 +500 ms, within a group +0.
  const schedule: PartitionScheduleSpec = [{ startS: 1, durationS: 9, groups: { by: "nodes", groups: [[0, 1]] }, cutGroups: [], delayMs: [[0, 250], [500, 0]] }];
  const { arrival, stats } = deliver(schedule, [
    [2, 0, 2],
    [2, 3, 1],
    [2, 0, 1],
    [2, 2, 3],
    [0.5, 0, 2], // before
    [11, 1, 2], // after
  ]);
  assert.deepEqual(arrival, [2 + 0.125 + 0.25, 2 + 0.125 + 0.5, 2.125, 2.125, 0.625, 11.125]);
  assert.equal(stats.droppedPartition, 0);
});

test("a cut link alone is cut (both ways) while every other pair connects", () => {
  const schedule: PartitionScheduleSpec = [{ startS: 1, durationS: 2, cutLinks: [[2, 0]] }];
  const { arrival, stats } = deliver(schedule, [
    [1.5, 0, 2],
    [1.5, 2, 0],
    [1.5, 0, 1],
    [1.5, 1, 2],
    [1.5, 3, 0],
    [3.5, 0, 2], // healed
  ]);
  assert.deepEqual(arrival, [NaN, NaN, 1.625, 1.625, 1.625, 3.625]);
  assert.equal(stats.droppedPartition, 2);
});

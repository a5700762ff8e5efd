/**
 * Priority among simultaneous events: (time, priority, insertion), SimPy's
 * rule (Scherfke & Lünsdorf, SimPy 3 `Environment.schedule`). The reference
 * is a plain stable sort of the pushed events by (time, priority, seq).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { EventQueue } from "../../lib/engine/event-queue";
import { Simulation } from "../../lib/engine/simulation";
import { Xoshiro128 } from "../../lib/random/xoshiro128";

type Ev = [time: number, priority: number, seq: number];
const byKey = (x: Ev, y: Ev) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2];

test("simultaneous events pop by priority (smaller first), then insertion order; default priority is 0", () => {
  const q = new EventQueue(16);
  const pushed: Ev[] = [
    [1, 5, 0],
    [1, 0, 1],
    [1, -3, 2],
    [0, 9, 3],
    [1, 0, 4],
    [2, -9, 5],
    [1, 5, 6],
  ];
  for (const [t, p, s] of pushed) q.push(t, 0, 0, s, 0, p);
  q.push(1, 0, 0, 7, 0); // no priority argument: 0
  const order: number[] = [];
  while (q.pop()) order.push(q.a);
  assert.deepEqual(order, [3, 2, 1, 4, 7, 0, 6, 5]);
});

test("random pushes and pops follow a reference sort by (time, priority, seq) (property, 300 cases)", () => {
  const rng = new Xoshiro128([11, 22, 33, 44]);
  for (let trial = 0; trial < 300; trial++) {
    const q = new EventQueue(16);
    const model: Ev[] = [];
    let seq = 0;
    let floor = 0; // as in a simulation: nothing is pushed before the last pop
    const ops = 1 + rng.below(1500);
    const distinctTimes = 1 + rng.below(6); // few times: large tie groups (> the insertion-sort cutoff of 32)
    const distinctPrios = 1 + rng.below(5);
    for (let i = 0; i < ops; i++) {
      if (rng.below(5) < 3 || q.size === 0) {
        const t = floor + rng.below(distinctTimes);
        const p = rng.below(distinctPrios) - 2;
        q.push(t, 0, 0, seq, 0, p);
        model.push([t, p, seq++]);
      } else {
        model.sort(byKey);
        const want = model.shift()!;
        assert.equal(q.peekTime(), want[0]);
        assert.ok(q.pop());
        assert.deepEqual([q.time, q.a], [want[0], want[2]], `trial ${trial}, op ${i}`);
        floor = q.time;
      }
      assert.equal(q.size, model.length);
    }
    model.sort(byKey);
    const rest: number[] = [];
    while (q.pop()) rest.push(q.a);
    assert.deepEqual(rest, model.map((e) => e[2]), `trial ${trial}`);
  }
});

test("a higher-priority event scheduled at the current instant runs before the remaining lower-priority ones", () => {
  const sim = new Simulation();
  const log: string[] = [];
  const LOW = sim.defineKind("low", (t) => log.push(`low${t}`));
  const URGENT = sim.defineKind("urgent", (t) => log.push(`urgent${t}`));
  const FIRST = sim.defineKind("first", () => {
    log.push("first");
    sim.schedule(0, URGENT, 1, 0, 0, 1); // before LOW (priority 5), after nothing else at priority <= 1
    sim.schedule(0, LOW, 9, 0, 0, 5); // equal priority to the buffered LOWs: after them
  });
  sim.schedule(1, LOW, 0, 0, 0, 5);
  sim.schedule(1, FIRST, 0, 0, 0, 0);
  sim.schedule(1, LOW, 1, 0, 0, 5);
  sim.run();
  assert.deepEqual(log, ["first", "urgent1", "low0", "low1", "low9"]);
});

test("Simulation.schedule rejects a non-integer or out-of-range priority, naming it", () => {
  const sim = new Simulation();
  const K = sim.defineKind("k", () => {});
  assert.throws(() => sim.schedule(1, K, 0, 0, 0, 0.5), /invalid priority for k: 0\.5/);
  assert.throws(() => sim.scheduleAt(1, K, 0, 0, 0, 2 ** 31), /invalid priority for k: 2147483648 \(allowed: an integer/);
  sim.schedule(1, K, 0, 0, 0, -(2 ** 31)); // the int32 range is allowed
});

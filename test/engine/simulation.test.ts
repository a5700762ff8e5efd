import { test } from "node:test";
import assert from "node:assert/strict";
import { Simulation } from "../../lib/engine/simulation";

test("handlers run in time order with the clock at the event time; simultaneous events in scheduling order", () => {
  const sim = new Simulation();
  const log: string[] = [];
  const A = sim.defineKind("a", (target, a) => log.push(`${sim.now}:a${target}/${a}`));
  const B = sim.defineKind("b", (target) => {
    log.push(`${sim.now}:b${target}`);
    if (target < 2) sim.schedule(0, B, target + 1); // zero delay: after everything already queued for now
  });
  sim.schedule(2, A, 1, 10);
  sim.schedule(1, B, 0);
  sim.schedule(1, A, 2, 20);
  sim.scheduleAt(2, A, 3, 30);
  const report = sim.run();
  assert.deepEqual(log, ["1:b0", "1:a2/20", "1:b1", "1:b2", "2:a1/10", "2:a3/30"]);
  assert.deepEqual(report, { events: 6, timeS: 2, stop: "drained", pending: 0 });
  assert.equal(sim.kindName(A), "a");
});

test("a self-rescheduling process is stopped by the event cap and by the time cap, and says so", () => {
  const sim = new Simulation();
  const TICK = sim.defineKind("tick", () => sim.schedule(1, TICK));
  sim.schedule(0, TICK);
  const byEvents = sim.run({ maxEvents: 1000 });
  assert.equal(byEvents.stop, "max-events");
  assert.equal(byEvents.events, 1000);
  assert.equal(byEvents.pending, 1);
  const byTime = sim.run({ maxTimeS: 5000.5 });
  assert.equal(byTime.stop, "max-time");
  assert.equal(byTime.timeS, 5000.5);
  assert.equal(sim.events, 1000 + byTime.events);
  assert.equal(sim.queue.peekTime(), 5001);
});

test("a handler can stop the run; bad delays and unknown names are rejected", () => {
  const sim = new Simulation();
  let count = 0;
  const K = sim.defineKind("k", () => {
    if (++count === 3) sim.stop();
    sim.schedule(1, K);
  });
  sim.schedule(0, K);
  assert.equal(sim.run().stop, "stopped");
  assert.equal(count, 3);
  assert.throws(() => sim.schedule(-1, K), /invalid delay for k: -1/);
  assert.throws(() => sim.schedule(NaN, K), /invalid delay for k: NaN/);
  assert.throws(() => sim.scheduleAt(0, K), /invalid time for k: 0 \(allowed: a number >= now = 2\)/);
  assert.throws(() => sim.defineKind("k", () => {}), /already defined/);
});

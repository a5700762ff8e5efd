import { test } from "node:test";
import assert from "node:assert/strict";
import { Simulation } from "../../lib/engine/simulation";
import { Timers } from "../../lib/engine/timers";
import { Xoshiro128 } from "../../lib/random/xoshiro128";

function setup(count = 4, priority = 0) {
  const sim = new Simulation();
  const fired: Array<[time: number, target: number, a: number]> = [];
  const timers = new Timers(sim.scope("p"), "timeout", count, (t, a) => fired.push([sim.now, t, a]), priority);
  return { sim, timers, fired };
}

test("a timer fires once at its deadline with its payload; isSet and deadline follow it", () => {
  const { sim, timers, fired } = setup();
  timers.set(2, 1.5, 42);
  assert.equal(timers.isSet(2), true);
  assert.equal(timers.deadline(2), 1.5);
  assert.equal(timers.isSet(1), false);
  assert.equal(timers.deadline(1), Infinity);
  sim.run();
  assert.deepEqual(fired, [[1.5, 2, 42]]);
  assert.equal(timers.isSet(2), false);
  assert.equal(timers.fired, 1);
  assert.equal(sim.eventCounts()["p:timeout"], 1);
});

test("a cancelled timer never fires; its event is popped and counted stale", () => {
  const { sim, timers, fired } = setup();
  timers.set(0, 1, 7);
  timers.set(1, 2, 8);
  timers.cancel(0);
  timers.cancel(3); // nothing pending: no-op
  assert.equal(timers.isSet(0), false);
  sim.run();
  assert.deepEqual(fired, [[2, 1, 8]]);
  assert.equal(timers.stale, 1);
  assert.equal(sim.eventCounts()["p:timeout"], 2);
});

test("reset moves the deadline (later and earlier) and keeps the payload; it fires at the new deadline only", () => {
  const { sim, timers, fired } = setup();
  const K = sim.defineKind("probe", (t) => {
    if (t === 0) timers.reset(0, 3); // at t = 1: move the t = 2 deadline to 4
    if (t === 1) timers.reset(1, 0.5); // at t = 1: move the t = 5 deadline to 1.5
  });
  timers.set(0, 2, 10);
  timers.set(1, 5, 11);
  sim.schedule(1, K, 0);
  sim.schedule(1, K, 1);
  sim.run();
  assert.deepEqual(fired, [
    [1.5, 1, 11],
    [4, 0, 10],
  ]);
  assert.equal(timers.stale, 2);
  assert.equal(sim.now, 5); // the superseded t = 5 event of target 1 was popped last
  timers.reset(0, 1); // not pending: restarts with the payload it last had
  sim.run();
  assert.deepEqual(fired[2], [6, 0, 10]);
});

test("set replaces a pending timer (one per target); the handler may set it again", () => {
  const { sim, timers, fired } = setup();
  let rounds = 0;
  const again = new Timers(sim, "tick", 1, (t, a) => {
    fired.push([sim.now, 100 + t, a]);
    if (++rounds < 3) again.set(0, 1, a + 1);
  });
  timers.set(3, 1, 1);
  timers.set(3, 2, 2); // replaces: fires once, at 2 with payload 2
  timers.setAt(3, 2.5, 3); // replaces again
  again.set(0, 0.25, 0);
  sim.run();
  assert.deepEqual(fired, [
    [0.25, 100, 0],
    [1.25, 100, 1],
    [2.25, 100, 2],
    [2.5, 3, 3],
  ]);
  assert.equal(timers.stale, 2);
  assert.equal(sim.kindName(again.kind), "tick");
});

test("random set/cancel/reset sequences fire exactly the timers of a reference model (property, 100 cases)", () => {
  const rng = new Xoshiro128([3, 1, 4, 1]);
  type Fire = [time: number, target: number, a: number];
  for (let trial = 0; trial < 100; trial++) {
    const n = 1 + rng.below(5);
    const { sim, timers, fired } = setup(n);
    // Operations at integer times; code picks the operation (set / cancel / reset) and the delay 1..7.
    const ops: Array<[time: number, target: number, code: number]> = [];
    for (let i = 0; i < 30; i++) ops.push([rng.below(20), rng.below(n), rng.below(1000)]);
    ops.sort((x, y) => x[0] - y[0]);
    const OP = sim.defineKind("op", (target, code) => {
      const delay = 1 + (code % 7);
      if (code % 3 === 0) timers.set(target, delay, code);
      else if (code % 3 === 1) timers.cancel(target);
      else timers.reset(target, delay);
    });
    // Priority -1: an op at a timer's deadline acts before the timer fires (the model below assumes so).
    for (const [t, target, code] of ops) sim.scheduleAt(t, OP, target, code, 0, -1);
    sim.run();

    // Reference: per target the pending (deadline, payload); a deadline before the next op's time fires.
    const want: Fire[] = [];
    const pending: Array<[number, number] | null> = new Array(n).fill(null);
    const lastA: number[] = new Array(n).fill(0);
    const fireBefore = (time: number) => {
      for (let j = 0; j < n; j++) {
        const p = pending[j];
        if (p && p[0] < time) {
          want.push([p[0], j, p[1]]);
          pending[j] = null;
        }
      }
    };
    for (const [t, target, code] of ops) {
      fireBefore(t);
      const delay = 1 + (code % 7);
      if (code % 3 === 0) {
        pending[target] = [t + delay, code];
        lastA[target] = code;
      } else if (code % 3 === 1) pending[target] = null;
      else pending[target] = [t + delay, lastA[target]];
    }
    fireBefore(Infinity);
    const key = (x: Fire, y: Fire) => x[0] - y[0] || x[1] - y[1];
    assert.deepEqual([...fired].sort(key), want.sort(key), `trial ${trial}`);
    assert.equal(timers.fired, want.length);
  }
});

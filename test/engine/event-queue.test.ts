import { test } from "node:test";
import assert from "node:assert/strict";
import { EventQueue } from "../../lib/engine/event-queue";
import { Xoshiro128 } from "../../lib/random/xoshiro128";

function drain(q: EventQueue): Array<[number, number, number, number, number]> {
  const out: Array<[number, number, number, number, number]> = [];
  while (q.pop()) out.push([q.time, q.kind, q.target, q.a, q.b]);
  return out;
}

test("equal times pop in insertion order (FIFO ties), whatever the heap shape", () => {
  const q = new EventQueue(16);
  // Interleave three time values; within a time, payload a records the insertion order.
  const times = [5, 1, 5, 3, 1, 5, 3, 1, 1, 5, 3, 3, 1, 5, 5, 1, 3, 1, 5, 3];
  times.forEach((t, i) => q.push(t, 7, i, i, -i));
  const popped = drain(q);
  const expected = times.map((t, i) => [t, i] as const).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  assert.deepEqual(
    popped.map((e) => [e[0], e[3]]),
    expected.map((e) => [e[0], e[1]]),
  );
  assert.deepEqual(popped[0], [1, 7, 1, 1, -1]); // payload travels with its event
});

test("random pushes pop sorted by (time, insertion), as a stable sort would order them (property, 200 cases)", () => {
  const rng = new Xoshiro128([1, 2, 3, 4]);
  for (let trial = 0; trial < 200; trial++) {
    const q = new EventQueue(16); // small start: the queue grows several times
    const count = 1 + rng.below(600);
    const distinct = 1 + rng.below(50); // few distinct times: many ties
    // Mix pushes and pops as a simulation does (no push earlier than the last pop); the model is a sorted list.
    let seq = 0;
    let floor = 0;
    const model: Array<[number, number]> = [];
    for (let i = 0; i < count; i++) {
      const t = floor + rng.below(distinct);
      q.push(t, 0, 0, seq, 0);
      model.push([t, seq++]);
      if (rng.below(3) === 0 && q.size > 0) {
        model.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
        const want = model.shift()!;
        assert.ok(q.pop());
        assert.deepEqual([q.time, q.a], want, `trial ${trial}`);
        floor = q.time;
      }
    }
    model.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    const rest = drain(q).map((e) => [e[0], e[3]] as [number, number]);
    assert.deepEqual(rest, model, `trial ${trial}`);
    assert.equal(q.size, 0);
  }
});

test("fractional times sort exactly; size, peekTime and maxSize track the queue", () => {
  const rng = new Xoshiro128([9, 8, 7, 6]);
  const q = new EventQueue();
  const ts: number[] = [];
  for (let i = 0; i < 5000; i++) {
    const t = rng.nextFloat() * 100;
    ts.push(t);
    q.push(t, 1, i, 0, 0);
  }
  assert.equal(q.size, 5000);
  assert.equal(q.maxSize, 5000);
  ts.sort((a, b) => a - b);
  assert.equal(q.peekTime(), ts[0]);
  assert.deepEqual(
    drain(q).map((e) => e[0]),
    ts,
  );
  assert.equal(q.peekTime(), Infinity);
  assert.equal(q.pop(), false);
});

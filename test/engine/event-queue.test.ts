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

test("any push order (earlier than events already popped at a tie too) still pops by (time, insertion) (property, 200 cases)", () => {
  const rng = new Xoshiro128([4, 3, 2, 1]);
  for (let trial = 0; trial < 200; trial++) {
    const q = new EventQueue(16);
    const model: Array<[number, number]> = [];
    let seq = 0;
    const ops = 1 + rng.below(800);
    const distinct = 1 + rng.below(20);
    for (let i = 0; i < ops; i++) {
      if (rng.below(5) < 3 || q.size === 0) {
        const t = rng.below(distinct); // no floor: pushes may be earlier than what was popped
        q.push(t, 0, 0, seq, 0);
        model.push([t, seq++]);
      } else {
        model.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
        const want = model.shift()!;
        assert.equal(q.peekTime(), want[0]);
        assert.ok(q.pop());
        assert.deepEqual([q.time, q.a], want, `trial ${trial}, op ${i}`);
      }
      assert.equal(q.size, model.length);
    }
    model.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    assert.deepEqual(drain(q).map((e) => [e[0], e[3]]), model, `trial ${trial}`);
  }
});

test("a large group of simultaneous events (more than the insertion-sort cutoff) pops in insertion order", () => {
  const q = new EventQueue(8);
  const rng = new Xoshiro128([5, 5, 5, 5]);
  for (let i = 0; i < 3000; i++) q.push(rng.below(3), 0, 0, i, 0); // three groups of ~1000 ties, interleaved
  const popped = drain(q);
  for (let i = 1; i < popped.length; i++) {
    const [t0, , , a0] = popped[i - 1];
    const [t1, , , a1] = popped[i];
    assert.ok(t0 < t1 || (t0 === t1 && a0 < a1), `at ${i}: (${t0}, ${a0}) before (${t1}, ${a1})`);
  }
  assert.equal(popped.length, 3000);
});

/**
 * Runs (EventQueue.pushRun): a batch of events must pop exactly as if its
 * entries had been pushed one by one in index order, interleaved with single
 * pushes, ties (within a run, across runs, with singles), priorities and
 * pushes at the instant being served. The reference is a stable sort by
 * (time, priority, seq), as in priority.test.ts.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { EventQueue } from "../../lib/engine/event-queue";
import { RunStore } from "../../lib/engine/run-store";
import { Xoshiro128 } from "../../lib/random/xoshiro128";

type Ev = [time: number, priority: number, seq: number, target: number];
const byKey = (x: Ev, y: Ev) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2];

test("runs and single pushes pop by (time, priority, seq) as one-by-one pushes would (property, 300 cases)", () => {
  const rng = new Xoshiro128([3, 1, 4, 1]);
  for (let trial = 0; trial < 300; trial++) {
    const q = new EventQueue(16); // small: runs and ties make it grow
    const model: Ev[] = [];
    let seq = 0;
    let floor = 0;
    const ops = 1 + rng.below(400);
    const distinct = 1 + rng.below(trial % 3 === 0 ? 4 : 60); // sometimes few times: big tie groups mixing runs
    const prios = 1 + rng.below(3);
    const times = new Float64Array(200);
    const targets = new Int32Array(200);
    for (let i = 0; i < ops; i++) {
      const r = rng.below(10);
      if (r < 3 || q.size === 0) {
        const count = rng.below(trial % 5 === 0 ? 200 : 40);
        const p = rng.below(prios) - 1;
        for (let j = 0; j < count; j++) {
          times[j] = floor + rng.below(distinct) / 4;
          targets[j] = seq + j;
          model.push([times[j], p, seq + j, seq + j]);
        }
        q.pushRun(times, targets, count, 5, 77, 88, p);
        seq += count;
      } else if (r < 5) {
        const t = floor + rng.below(distinct) / 4;
        const p = rng.below(prios) - 1;
        q.push(t, 5, seq, 77, 88, p);
        model.push([t, p, seq, seq]);
        seq++;
      } else {
        model.sort(byKey);
        const want = model.shift()!;
        assert.equal(q.peekTime(), want[0], `trial ${trial}, op ${i}: peekTime`);
        assert.ok(q.pop());
        assert.deepEqual([q.time, q.target, q.kind, q.a, q.b], [want[0], want[3], 5, 77, 88], `trial ${trial}, op ${i}`);
        floor = q.time;
      }
      assert.equal(q.size, model.length);
    }
    model.sort(byKey);
    const rest: number[] = [];
    while (q.pop()) rest.push(q.target);
    assert.deepEqual(rest, model.map((e) => e[3]), `trial ${trial}`);
    assert.equal(q.size, 0);
  }
});

test("a run pushed at the instant being served (tie buffer) keeps its place by priority and seq", () => {
  const q = new EventQueue(16);
  for (let i = 0; i < 4; i++) q.push(1, 0, i, 0, 0, 2); // a tie group at t = 1, priority 2
  assert.ok(q.pop());
  assert.equal(q.target, 0);
  // While the group is served: a run with entries at t = 1 (priorities 1: before the rest; 2: after) and later.
  q.pushRun([1, 3, 1], [10, 11, 12], 3, 0, 0, 0, 1);
  q.pushRun([2, 1], [20, 21], 2, 0, 0, 0, 2);
  const order: number[] = [];
  while (q.pop()) order.push(q.target);
  assert.deepEqual(order, [10, 12, 1, 2, 3, 21, 20, 11]);
});

test("RunStore stores a block sorted stably by (time, push index) and reuses freed blocks", () => {
  const store = new RunStore();
  const rng = new Xoshiro128([9, 9, 9, 9]);
  for (const count of [1, 2, 7, 8, 9, 15, 16, 17, 33, 100, 1000, 4097]) {
    const h = store.alloc(count);
    const c = h & 31;
    const off = (h - c) / 32;
    assert.ok(2 ** c >= count && (c === 0 || 2 ** (c - 1) < count), `class of ${count}`);
    const times = Array.from({ length: count }, () => rng.below(count >> 2 || 1) / 8);
    const targets = Array.from({ length: count }, (_, i) => 1000 + i);
    store.fill(h, times, targets, count);
    const want = Array.from({ length: count }, (_, i) => i).sort((x, y) => times[x] - times[y] || x - y);
    assert.deepEqual(Array.from(store.order[c].subarray(off, off + count)), want, `count ${count}: order`);
    assert.deepEqual(Array.from(store.times[c].subarray(off, off + count)), want.map((i) => times[i]), `count ${count}: times`);
    assert.deepEqual(Array.from(store.targets[c].subarray(off, off + count)), want.map((i) => targets[i]), `count ${count}: targets`);
    store.free(h);
    assert.equal(store.alloc(count), h, `freed block of ${count} reused`);
    store.free(h);
  }
});

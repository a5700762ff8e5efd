/**
 * The event queue of the discrete-event engine: events come out ordered by
 * (time, priority, insertion sequence), from a binary min-heap stored in
 * typed arrays. This is SimPy's rule (Scherfke & Lünsdorf, SimPy 3
 * `Environment.schedule`: heap keys (time, priority, eid)): among
 * simultaneous events a smaller priority runs first (default 0; negative
 * allowed, any int32), and equal priorities run in insertion order.
 *
 * Layout (structure of arrays, no object per event):
 *   heap order   times: Float64Array   the heap's keys, 0-based (children of
 *                slots: Int32Array     node i at 2i+1, 2i+2) and where each
 *                                      event's payload lives
 *   per slot     seqs: Float64Array    insertion sequence
 *                prios: Int32Array     priority (tie-break before seq)
 *                payload: Int32Array   (kind, target, a, b) at 4 slot .. 4 slot + 3
 *                runLen, runPos,       a run's entry count (0: a single event),
 *                runHandle: Int32Array its next entry and its block in `runs`
 *   free         free: Int32Array      a stack of unused slots
 * Sifting moves only (time, slot); the payload is written once at push and
 * read once at pop, in one 16-byte block per slot. Measured on the w3
 * workload (heap of ~1.1e4 events, in cache): separate time and slot arrays
 * are ~7 % faster than (time, slot) pairs interleaved in one Float64Array
 * (the slot then round-trips through a double), a software prefetch of the
 * great-grandchildren cost ~3 %, and a 4-ary heap was no faster; on the
 * PBFT workload (~1.2e5 events) the layouts were within noise.
 *
 * Pop uses Floyd's bottom-up sift-down (walk the hole to a leaf along the
 * smaller children, then sift the former last element up), as the C
 * reference w3_pownet does: it saves about half the comparisons, because the
 * last element usually belongs near the bottom. The child choice is written
 * branch-free (`(tr < tl) | 0`): on the w3 workload that alone took the
 * engine from 8.6e6 to 1.4e7 events/s, the comparison being a coin flip the
 * branch predictor cannot learn.
 *
 * Ties. Equal times pop by (priority, insertion), so runs repeat exactly
 * whatever the heap shape. The heap itself orders by time only (a tie test
 * at every level cost ~9 %, and priority would make it a two-level key);
 * when the event just popped shares its time with the new top, all events
 * at that time are taken out together, sorted by (priority, sequence) and
 * served from a small tie buffer. So priorities cost nothing on the hot
 * path: they are read only when a tie group is sorted. Events pushed at the
 * buffered time meanwhile have later sequence numbers: with a priority
 * greater than or equal to the buffer's last (largest) one they rightly wait
 * in the heap until the buffer is empty; with a smaller priority they are
 * inserted into the buffer at their place (rare: it needs mixed priorities
 * at one instant). A push earlier than the buffered time (never in a
 * simulation, where nothing is scheduled in the past) returns the buffer to
 * the heap first.
 *
 * Runs (pushRun). A multicast schedules one delivery per recipient, all at
 * once: N - 1 events that would each sift through a heap of N^2 others (the
 * PBFT workload queues ~1.1e5 events, beyond the caches). pushRun stores
 * such a batch as one run (run-store.ts): its entries sorted by (time,
 * push index), one heap node per run keyed by the run's next time. Popping
 * a run's entry advances it and sifts the run down to its next time, so
 * the heap holds runs, not deliveries: the k-way merge of sorted
 * sequences (Knuth, TAOCP vol. 3, 5.4.1). Each entry keeps the sequence
 * number it would have had if pushed alone (the run's first plus its push
 * index), and an entry that shares its time with other events is taken out
 * as a single event into the tie group, so the order is exactly that of
 * pushing the entries one by one (the tests compare both).
 *
 * Capacity doubles when full; nothing is allocated per event otherwise.
 */
import { MAX_RUN, RunStore } from "./run-store";

/**
 * Shorter batches are pushed one by one: a run pays for its sort, and on the
 * w3 workload (broadcasts to ~16 peers, ~1e4 queued events) runs were ~5 %
 * slower; on PBFT (multicasts to 299, ~1.1e5 queued) they are ~45 % faster.
 */
export const RUN_MIN = 64;

export class EventQueue {
  private times: Float64Array;
  private slots: Int32Array;
  private seqs: Float64Array;
  private prios: Int32Array;
  private payload: Int32Array;
  private free: Int32Array;
  private freeTop: number;
  /** Per slot: entries of its run (0: a single event), the next one's position, the run's handle in `runs`. */
  private runLen: Int32Array;
  private runPos: Int32Array;
  private runHandle: Int32Array;
  private readonly runs = new RunStore();
  private capacity: number;
  private heapSize = 0;
  private nextSeq = 0;
  /** Slots of the events at time `tieTime`, sorted by (priority, sequence); served from tieHead to tieEnd. */
  private tieSlots: Int32Array;
  private tieHead = 0;
  private tieEnd = 0;
  private tieTime = 0;
  /** Sequence number of the run entry last taken by takeRunEntry. */
  private runSeq = 0;

  /** Events currently queued. */
  size = 0;
  /** Largest size reached (memory high-water mark). */
  maxSize = 0;

  /** The event returned by the last `pop()`: time, kind, target and two integer payload words. */
  time = 0;
  kind = 0;
  target = 0;
  a = 0;
  b = 0;

  constructor(initialCapacity = 1024) {
    const cap = Math.max(16, Math.ceil(initialCapacity));
    this.capacity = cap;
    this.times = new Float64Array(cap + 1).fill(Infinity); // one more: the sentinel right child of the last node
    this.slots = new Int32Array(cap);
    this.seqs = new Float64Array(cap);
    this.prios = new Int32Array(cap);
    this.payload = new Int32Array(4 * cap);
    this.runLen = new Int32Array(cap);
    this.runPos = new Int32Array(cap);
    this.runHandle = new Int32Array(cap);
    this.tieSlots = new Int32Array(cap);
    this.free = new Int32Array(cap);
    for (let i = 0; i < cap; i++) this.free[i] = cap - 1 - i;
    this.freeTop = cap;
  }

  /** Time of the next event; Infinity when empty. */
  peekTime(): number {
    if (this.tieHead < this.tieEnd) return this.tieTime;
    return this.heapSize > 0 ? this.times[0] : Infinity;
  }

  /**
   * Queue an event. `time` must not be NaN (callers check it; see
   * Simulation.schedule). `priority` (an int32, default 0) orders events at
   * the same time: smaller first, then insertion order.
   */
  push(time: number, kind: number, target: number, a: number, b: number, priority = 0): void {
    if (this.freeTop === 0) this.grow();
    const slot = this.free[--this.freeTop];
    this.seqs[slot] = this.nextSeq++;
    this.prios[slot] = priority;
    const pl = this.payload;
    const o = 4 * slot;
    pl[o] = kind;
    pl[o + 1] = target;
    pl[o + 2] = a;
    pl[o + 3] = b;
    if (++this.size > this.maxSize) this.maxSize = this.size;
    // Kept small so that kernels' JIT inlines it: the rare cases are calls.
    if (this.tieHead < this.tieEnd && time <= this.tieTime) this.pushAtTies(time, slot, priority);
    else this.heapInsert(time, slot);
  }

  /**
   * Queue `count` events of one kind, payload (a, b) and priority, entry i at
   * times[i] for targets[i]: the same events, in the same order, as count
   * push() calls in index order, stored as one run (see Runs above).
   * times must not be NaN (callers check them).
   */
  pushRun(times: ArrayLike<number>, targets: ArrayLike<number>, count: number, kind: number, a: number, b: number, priority = 0): void {
    if (count < RUN_MIN || count > MAX_RUN || (this.tieHead < this.tieEnd && minOf(times, count) <= this.tieTime)) {
      // One event, or entries at the buffered ties' time (rare): pushed one by one.
      for (let i = 0; i < count; i++) this.push(times[i], kind, targets[i], a, b, priority);
      return;
    }
    if (this.freeTop === 0) this.grow();
    const slot = this.free[--this.freeTop];
    const runs = this.runs;
    const h = runs.alloc(count);
    const c = h & 31;
    const off = (h - c) / 32;
    runs.fill(h, times, targets, count);
    this.seqs[slot] = this.nextSeq;
    this.nextSeq += count;
    this.prios[slot] = priority;
    const pl = this.payload;
    const o = 4 * slot;
    pl[o] = kind;
    pl[o + 1] = -1;
    pl[o + 2] = a;
    pl[o + 3] = b;
    this.runLen[slot] = count;
    this.runPos[slot] = 0;
    this.runHandle[slot] = h;
    this.size += count;
    if (this.size > this.maxSize) this.maxSize = this.size;
    this.heapInsert(runs.times[c][off], slot);
  }

  /** A push at or before the buffered ties' time (rare: see Ties above). */
  private pushAtTies(time: number, slot: number, priority: number): void {
    if (time < this.tieTime) this.returnTies();
    else if (priority < this.prios[this.tieSlots[this.tieEnd - 1]]) {
      this.insertTie(slot, priority);
      return;
    }
    this.heapInsert(time, slot);
  }

  /**
   * Remove the earliest event and copy it into `time`, `kind`, `target`, `a`,
   * `b`. Returns false (and changes nothing) when the queue is empty.
   */
  pop(): boolean {
    return this.popUntil(Infinity);
  }

  /**
   * pop(), but only an event at a time <= `limitS`: returns false (and
   * changes nothing) when the queue is empty or its next event is later
   * (tell the two apart by `size`). One call instead of peekTime() + pop().
   */
  popUntil(limitS: number): boolean {
    // Small on purpose (the rare paths are calls), so that kernels' JIT inlines it.
    if (this.tieHead < this.tieEnd) {
      if (this.tieTime > limitS) return false;
      this.time = this.tieTime;
      this.takeSingle(this.tieSlots[this.tieHead++]);
      return true;
    }
    if (this.heapSize === 0) return false;
    const t = this.times[0];
    if (t > limitS) return false;
    this.time = t;
    const slot = this.slots[0];
    if (this.runLen[slot] !== 0) {
      this.takeRun(slot, t);
      return true;
    }
    this.heapRemoveTop();
    this.takeSingle(this.heapSize > 0 && this.times[0] === t ? this.gatherTies(t, slot) : slot);
    return true;
  }

  /** Copy a single event's slot into the public fields and free it. */
  private takeSingle(slot: number): void {
    const pl = this.payload;
    const o = 4 * slot;
    this.kind = pl[o];
    this.target = pl[o + 1];
    this.a = pl[o + 2];
    this.b = pl[o + 3];
    this.free[this.freeTop++] = slot;
    this.size--;
  }

  /** The top of the heap is a run: take its next entry (at time t), or the tie group it starts. */
  private takeRun(slot: number, t: number): void {
    const priority = this.prios[slot];
    this.takeRunEntry(slot);
    if (this.heapSize > 0 && this.times[0] === t) this.takeSingle(this.gatherTies(t, this.materialize(priority, this.runSeq)));
  }

  /**
   * Copy run `slot`'s next entry into the public fields (its sequence number
   * into runSeq) and advance the run: sift it down to its next time, or
   * remove it and free its slot when this was its last entry.
   */
  private takeRunEntry(slot: number): void {
    const runs = this.runs;
    const h = this.runHandle[slot];
    const c = h & 31;
    const off = (h - c) / 32;
    const pos = this.runPos[slot];
    const i = runs.order[c][off + pos];
    const pl = this.payload;
    const o = 4 * slot;
    this.kind = pl[o];
    this.target = runs.targets[c][off + pos];
    this.a = pl[o + 2];
    this.b = pl[o + 3];
    this.runSeq = this.seqs[slot] + i;
    this.size--;
    if (pos + 1 < this.runLen[slot]) {
      this.runPos[slot] = pos + 1;
      this.heapReplaceTop(runs.times[c][off + pos + 1], slot);
    } else {
      this.heapRemoveTop();
      this.runLen[slot] = 0;
      runs.free(h);
      this.free[this.freeTop++] = slot;
    }
  }

  /** Put the public fields back as a single event with the given priority and sequence number; returns its slot. */
  private materialize(priority: number, seq: number): number {
    if (this.freeTop === 0) this.grow();
    const slot = this.free[--this.freeTop];
    this.seqs[slot] = seq;
    this.prios[slot] = priority;
    const pl = this.payload;
    const o = 4 * slot;
    pl[o] = this.kind;
    pl[o + 1] = this.target;
    pl[o + 2] = this.a;
    pl[o + 3] = this.b;
    this.size++;
    return slot;
  }

  /** Drop every event (capacity is kept; the sequence counter keeps counting). */
  clear(): void {
    while (this.pop());
  }

  private heapInsert(time: number, slot: number): void {
    const times = this.times;
    const slots = this.slots;
    let i = this.heapSize++;
    // Sift up: move later parents down into the hole.
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p];
      if (pt <= time) break;
      times[i] = pt;
      slots[i] = slots[p];
      i = p;
    }
    times[i] = time;
    slots[i] = slot;
  }

  /** Remove the root (earliest time; any of several equal ones) and return its slot. */
  private heapRemoveTop(): number {
    const times = this.times;
    const slots = this.slots;
    const top = slots[0];
    const n = --this.heapSize;
    const lastTime = times[n];
    const lastSlot = slots[n];
    times[n] = Infinity; // positions >= heapSize hold +Infinity: a missing right child is never chosen
    // Walk the hole down to a leaf along the earlier child.
    let i = 0;
    let c = 1;
    while (c < n) {
      c += ((times[c + 1] < times[c]) as unknown as number) | 0; // branch-free: bool -> 0/1
      times[i] = times[c];
      slots[i] = slots[c];
      i = c;
      c = 2 * i + 1;
    }
    // Sift the former last element up from the leaf.
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p];
      if (pt <= lastTime) break;
      times[i] = pt;
      slots[i] = slots[p];
      i = p;
    }
    times[i] = lastTime;
    slots[i] = lastSlot;
    return top;
  }

  /** Give the root (a run) the later time `time` and sift it down (top-down: a run's next time is usually near the top). */
  private heapReplaceTop(time: number, slot: number): void {
    const times = this.times;
    const slots = this.slots;
    const n = this.heapSize;
    let i = 0;
    let c = 1;
    while (c < n) {
      c += ((times[c + 1] < times[c]) as unknown as number) | 0; // times[n] is +Infinity
      const ct = times[c];
      if (ct >= time) break;
      times[i] = ct;
      slots[i] = slots[c];
      i = c;
      c = 2 * i + 1;
    }
    times[i] = time;
    slots[i] = slot;
  }

  /**
   * Several events at time t: take them all out (a run's entry as a single
   * event with its own sequence number), sort by (priority, sequence), serve
   * the first, buffer the rest.
   */
  private gatherTies(t: number, first: number): number {
    let k = 0;
    this.tieSlots[k++] = first;
    while (this.heapSize > 0 && this.times[0] === t) {
      const slot = this.slots[0];
      if (this.runLen[slot] === 0) {
        this.heapRemoveTop();
        this.tieSlots[k++] = slot;
      } else {
        const priority = this.prios[slot];
        this.takeRunEntry(slot);
        const single = this.materialize(priority, this.runSeq); // may grow tieSlots: indexed through `this`
        this.tieSlots[k++] = single;
      }
    }
    sortTies(this.tieSlots, k, this.prios, this.seqs);
    this.tieTime = t;
    this.tieHead = 1;
    this.tieEnd = k;
    return this.tieSlots[0];
  }

  /**
   * A push at the buffered time with a smaller priority than the buffer's
   * last: its sequence is the largest, so it goes after every buffered event
   * of priority <= its own. The front moves down one place when there is
   * room before it (tieHead >= 1 once the buffer is being served), else the
   * tail moves up one (the buffer then starts at 0 and holds at most
   * size - 1 < capacity events, the new one not among them).
   */
  private insertTie(slot: number, priority: number): void {
    const ties = this.tieSlots;
    const prios = this.prios;
    if (this.tieHead > 0) {
      let i = this.tieHead - 1;
      while (i + 1 < this.tieEnd && prios[ties[i + 1]] <= priority) {
        ties[i] = ties[i + 1];
        i++;
      }
      ties[i] = slot;
      this.tieHead--;
    } else {
      let j = this.tieEnd;
      while (j > 0 && prios[ties[j - 1]] > priority) {
        ties[j] = ties[j - 1];
        j--;
      }
      ties[j] = slot;
      this.tieEnd++;
    }
  }

  /** A push earlier than the buffered ties: put them back in the heap (they regroup when popped). */
  private returnTies(): void {
    for (let i = this.tieHead; i < this.tieEnd; i++) this.heapInsert(this.tieTime, this.tieSlots[i]);
    this.tieHead = this.tieEnd = 0;
  }

  private grow(): void {
    const old = this.capacity;
    const cap = old * 2;
    const times = new Float64Array(cap + 1).fill(Infinity);
    times.set(this.times);
    this.times = times;
    this.slots = growInt(this.slots, cap);
    this.seqs = growFloat(this.seqs, cap);
    this.prios = growInt(this.prios, cap);
    this.payload = growInt(this.payload, 4 * cap);
    this.runLen = growInt(this.runLen, cap);
    this.runPos = growInt(this.runPos, cap);
    this.runHandle = growInt(this.runHandle, cap);
    this.tieSlots = growInt(this.tieSlots, cap);
    // Every old slot is in use (the free stack is empty): the new ones are free.
    this.free = new Int32Array(cap);
    for (let i = 0; i < cap - old; i++) this.free[i] = cap - 1 - i;
    this.freeTop = cap - old;
    this.capacity = cap;
  }
}

/** Is event slot x before slot y among simultaneous events: (priority, sequence) ascending. */
function tieBefore(x: number, y: number, prios: Int32Array, seqs: Float64Array): boolean {
  const px = prios[x];
  const py = prios[y];
  return px < py || (px === py && seqs[x] < seqs[y]);
}

/** Sort the first k slots by (priority, sequence), in place (insertion sort, then heapsort for large groups). */
function sortTies(a: Int32Array, k: number, prios: Int32Array, seqs: Float64Array): void {
  if (k <= 32) {
    for (let i = 1; i < k; i++) {
      const x = a[i];
      let j = i - 1;
      while (j >= 0 && tieBefore(x, a[j], prios, seqs)) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = x;
    }
    return;
  }
  // Heapsort (max-heap on (priority, seq)), no allocation.
  for (let s = (k >> 1) - 1; s >= 0; s--) siftDownTies(a, prios, seqs, s, k);
  for (let end = k - 1; end > 0; end--) {
    const t = a[0];
    a[0] = a[end];
    a[end] = t;
    siftDownTies(a, prios, seqs, 0, end);
  }
}

function siftDownTies(a: Int32Array, prios: Int32Array, seqs: Float64Array, start: number, end: number): void {
  let root = start;
  for (;;) {
    let child = 2 * root + 1;
    if (child >= end) return;
    if (child + 1 < end && tieBefore(a[child], a[child + 1], prios, seqs)) child++;
    if (!tieBefore(a[root], a[child], prios, seqs)) return;
    const t = a[root];
    a[root] = a[child];
    a[child] = t;
    root = child;
  }
}

function growFloat(a: Float64Array, cap: number): Float64Array {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}

function growInt(a: Int32Array, cap: number): Int32Array {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

/** Smallest of values[0 .. count). */
function minOf(values: ArrayLike<number>, count: number): number {
  let m = Infinity;
  for (let i = 0; i < count; i++) if (values[i] < m) m = values[i];
  return m;
}

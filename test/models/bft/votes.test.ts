/**
 * The typed-array vote tallies (votes.ts) and gossip's seen-set
 * (seen-votes.ts) against readable reference versions built on Maps: the
 * same random stream of votes gives exactly the same answers.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { NIL, VoteBook } from "../../../lib/models/bft/votes";
import { SeenVotes } from "../../../lib/models/bft/seen-votes";

/** Reference VoteBook: per node, the newest (h, r) per window slot; tallies in Maps keyed by text. */
class ReferenceVoteBook {
  private readonly holder = new Map<string, [number, number]>();
  private readonly tallies = new Map<string, Map<number, number>>();
  constructor(
    readonly W: number,
    readonly R: number,
    readonly V: number,
  ) {}
  /** Returns false when the window slot holds a newer instance (the vote is dropped). */
  add(node: number, h: number, r: number, phase: number, value: number, stake: number): number | null {
    const slot = `${node}/${h % this.W}/${r % this.R}`;
    const held = this.holder.get(slot);
    if (!held || held[0] < h || (held[0] === h && held[1] < r)) {
      this.holder.set(slot, [h, r]);
      for (const key of [...this.tallies.keys()]) if (key.startsWith(`${slot}/`)) this.tallies.delete(key);
    } else if (held[0] !== h || held[1] !== r) return null;
    const key = `${slot}/${phase}`;
    const t = this.tallies.get(key) ?? new Map<number, number>();
    this.tallies.set(key, t);
    if (!t.has(value) && t.size === this.V) return NaN;
    t.set(value, (t.get(value) ?? 0) + stake);
    return t.get(value) as number;
  }
  total(node: number, h: number, r: number, phase: number): number {
    const t = this.tallies.get(`${node}/${h % this.W}/${r % this.R}/${phase}`);
    let s = 0;
    for (const [, x] of t ?? []) s += x;
    return s;
  }
}

test("VoteBook equals the Map-based reference on random vote streams (tallies, totals, drops)", () => {
  const vote = fc.record({
    node: fc.integer({ min: 0, max: 2 }),
    h: fc.integer({ min: 0, max: 9 }),
    r: fc.integer({ min: 0, max: 11 }),
    phase: fc.integer({ min: 0, max: 1 }),
    value: fc.constantFrom(NIL, 3, 4, 5, 6, 7),
    stake: fc.integer({ min: 1, max: 5 }),
  });
  fc.assert(
    fc.property(fc.array(vote, { maxLength: 300 }), (votes) => {
      const book = new VoteBook(3, 2, 4, 8, 4);
      const ref = new ReferenceVoteBook(4, 8, 4);
      for (const v of votes) {
        const want = ref.add(v.node, v.h, v.r, v.phase, v.value, v.stake);
        const s = book.slot(v.node, v.h, v.r);
        if (want === null) {
          assert.equal(s, -1);
          continue;
        }
        assert.ok(s >= 0);
        const got = book.add(s, v.phase, v.value, v.stake);
        if (Number.isNaN(want)) assert.ok(Number.isNaN(got));
        else {
          assert.equal(got, want);
          assert.equal(book.count(s, v.phase, v.value), want);
        }
        // Totals count every vote of the phase, tallied or not (the reference counts tallied ones only when no drop happened).
        if (!Number.isNaN(want)) assert.ok(book.total(s, v.phase) >= ref.total(v.node, v.h, v.r, v.phase));
      }
    }),
    { numRuns: 300, seed: 3 },
  );
});

test("SeenVotes equals the reference: a signer's first two distinct values per (height, round, kind) are fresh once each; older instances never", () => {
  const msg = fc.record({
    node: fc.integer({ min: 0, max: 2 }),
    h: fc.integer({ min: 0, max: 5 }),
    r: fc.integer({ min: 0, max: 5 }),
    kind: fc.integer({ min: 0, max: 2 }),
    signer: fc.integer({ min: 0, max: 3 }),
    value: fc.integer({ min: -1, max: 3 }),
  });
  fc.assert(
    fc.property(fc.array(msg, { maxLength: 300 }), (msgs) => {
      const seen = new SeenVotes(4, 3, 2, 4);
      const holder = new Map<string, [number, number]>();
      const values = new Map<string, number[]>();
      for (const m of msgs) {
        const slot = `${m.node}/${m.h % 2}/${m.r % 4}`;
        const held = holder.get(slot);
        if (held !== undefined && held[0] * 65536 + held[1] > m.h * 65536 + m.r) {
          assert.equal(seen.fresh(m.node, m.h, m.r, m.kind, m.signer, m.value), false, "older instance");
          continue;
        }
        if (held === undefined || held[0] !== m.h || held[1] !== m.r) {
          holder.set(slot, [m.h, m.r]);
          for (const k of [...values.keys()]) if (k.startsWith(`${slot}/`)) values.delete(k);
        }
        const key = `${slot}/${m.kind}/${m.signer}`;
        const vs = values.get(key) ?? [];
        values.set(key, vs);
        const want = !vs.includes(m.value) && vs.length < 2;
        if (want) vs.push(m.value);
        else if (!vs.includes(m.value)) vs.push(m.value); // a third value is dropped, and stays dropped
        assert.equal(seen.fresh(m.node, m.h, m.r, m.kind, m.signer, m.value), want, JSON.stringify(m));
      }
    }),
    { numRuns: 300, seed: 4 },
  );
});

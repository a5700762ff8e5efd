/** The message arena: columns, refcounts, the free list and doubling growth. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { MessageArena } from "../../lib/network/message-arena";

test("alloc writes every column; release of the last reference frees the id, which is reused (LIFO)", () => {
  const a = new MessageArena(16);
  const x = a.alloc(1, 2, 3, 4, 5, 6.5);
  const y = a.alloc(7, 8, 9, 10, 11, 12);
  assert.deepEqual([a.type[x], a.height[x], a.round[x], a.value[x], a.signer[x], a.sizeBytes[x]], [1, 2, 3, 4, 5, 6.5]);
  assert.notEqual(x, y);
  a.retain(x, 3);
  a.release(x);
  a.release(x);
  assert.ok(a.isLive(x));
  a.release(x);
  assert.ok(!a.isLive(x));
  assert.equal(a.live, 1);
  assert.equal(a.alloc(0, 0, 0, 0, 0, 0), x, "the freed id comes back first");
  a.releaseIfUnreferenced(y);
  assert.ok(!a.isLive(y));
  assert.equal(a.live, 1);
});

test("the arena doubles when every id is live and keeps the contents; live and maxLive count", () => {
  const a = new MessageArena(16);
  const ids: number[] = [];
  for (let i = 0; i < 100; i++) ids.push(a.alloc(i, i + 1, i + 2, i + 3, i + 4, i * 10));
  assert.equal(a.capacity, 128);
  assert.equal(new Set(ids).size, 100);
  ids.forEach((id, i) => assert.deepEqual([a.type[id], a.signer[id], a.sizeBytes[id]], [i, i + 4, i * 10]));
  for (const id of ids) a.releaseIfUnreferenced(id);
  assert.equal(a.live, 0);
  assert.equal(a.maxLive, 100);
  for (let i = 0; i < 100; i++) a.alloc(0, 0, 0, 0, 0, 0);
  assert.equal(a.capacity, 128, "freed ids are reused before the arena grows");
});

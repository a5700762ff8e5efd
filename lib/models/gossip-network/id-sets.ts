/**
 * Sets of message indices carried by control messages (a push-pull digest,
 * an IHAVE or IWANT list), one bitset of ceil(messages / 32) words per arena
 * message id: the arena (lib/network/message-arena.ts) holds only scalar
 * columns, so the list a message carries lives here, under its arena id, and
 * is valid while that id is live (until its last delivery is handled).
 * Nothing is allocated per message; the pool grows with the arena.
 */
import type { MessageArena } from "../../network/message-arena";

export class IdSets {
  readonly words: number;
  private pool: Uint32Array;

  constructor(
    private readonly arena: MessageArena,
    readonly messages: number,
  ) {
    this.words = Math.max(1, Math.ceil(messages / 32));
    this.pool = new Uint32Array(this.words * arena.capacity);
  }

  /** Empty the set of arena message `id` (call right after alloc). */
  clear(id: number): void {
    if ((id + 1) * this.words > this.pool.length) this.grow(id);
    this.pool.fill(0, id * this.words, (id + 1) * this.words);
  }

  add(id: number, j: number): void {
    this.pool[id * this.words + (j >>> 5)] |= 1 << (j & 31);
  }

  has(id: number, j: number): boolean {
    return (this.pool[id * this.words + (j >>> 5)] & (1 << (j & 31))) !== 0;
  }

  private grow(id: number): void {
    const capacity = Math.max(this.arena.capacity, id + 1);
    const next = new Uint32Array(this.words * capacity);
    next.set(this.pool);
    this.pool = next;
  }
}

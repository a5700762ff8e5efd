/**
 * Message arena: the payload of every network message is a small integer, a
 * message id, into typed-array columns, so a protocol's votes, blocks and
 * proposals need no per-message objects and no side tables.
 *
 * Columns (one entry per id):
 *   type       protocol-defined message type (e.g. PREPARE, COMMIT, BLOCK)
 *   height     height or slot
 *   round      round or view
 *   value      block id, digest id or vote value
 *   signer     the node that signed / created it
 *   sizeBytes  size on the wire (drives the transmission time)
 *
 * Lifetime. A message is shared by all recipients of one send call (a
 * multicast of one PREPARE to 299 replicas is one id). The Network counts a
 * reference per scheduled delivery and releases it after the delivery
 * handler returns or when the delivery is dropped; the last release returns
 * the id to a free list (LIFO, so hot ids stay in cache). A send call takes
 * over the message: when nothing was scheduled (all recipients lost), the id
 * is freed at once. A model that keeps a message beyond a send (to send it
 * again later) takes its own reference with `retain` and gives it back with
 * `release`.
 *
 * Capacity doubles when every id is live; nothing is allocated per message
 * otherwise. The same structure-of-arrays layout as the event queue
 * (lib/engine/event-queue.ts), after the arena allocators of game engines
 * and of the C references (w4_pbft.c keeps type and height in the event).
 */
export class MessageArena {
  type: Int32Array;
  height: Int32Array;
  round: Int32Array;
  value: Int32Array;
  signer: Int32Array;
  sizeBytes: Float64Array;
  /** Outstanding references (scheduled deliveries plus explicit retains). */
  refs: Int32Array;
  private free: Int32Array;
  private freeTop = 0;
  /** Ids handed out so far (ids >= this were never used). */
  private used = 0;
  /** Messages currently live (allocated and not yet freed). */
  live = 0;
  /** Largest number of live messages (memory high-water mark). */
  maxLive = 0;

  constructor(initialCapacity = 1024) {
    const c = Math.max(16, initialCapacity | 0);
    this.type = new Int32Array(c);
    this.height = new Int32Array(c);
    this.round = new Int32Array(c);
    this.value = new Int32Array(c);
    this.signer = new Int32Array(c);
    this.sizeBytes = new Float64Array(c);
    this.refs = new Int32Array(c);
    this.free = new Int32Array(c);
  }

  get capacity(): number {
    return this.type.length;
  }

  /** A new message with no references yet; hand it to one send call (which takes it over). */
  alloc(type: number, height: number, round: number, value: number, signer: number, sizeBytes: number): number {
    let id: number;
    if (this.freeTop > 0) id = this.free[--this.freeTop];
    else {
      if (this.used === this.type.length) this.grow();
      id = this.used++;
    }
    this.type[id] = type;
    this.height[id] = height;
    this.round[id] = round;
    this.value[id] = value;
    this.signer[id] = signer;
    this.sizeBytes[id] = sizeBytes;
    this.refs[id] = 0;
    if (++this.live > this.maxLive) this.maxLive = this.live;
    return id;
  }

  /** Take `count` references (default 1). */
  retain(id: number, count = 1): void {
    this.refs[id] += count;
  }

  /** Give one reference back; the last one frees the id. */
  release(id: number): void {
    if (--this.refs[id] <= 0) this.freeId(id);
  }

  /** Free a message nobody references (what a send call does when it scheduled nothing). */
  releaseIfUnreferenced(id: number): void {
    if (this.refs[id] <= 0) this.freeId(id);
  }

  private freeId(id: number): void {
    this.refs[id] = -1; // marks a freed id (a second free is a model bug)
    this.free[this.freeTop++] = id;
    this.live--;
  }

  /** True while the id is allocated. */
  isLive(id: number): boolean {
    return id >= 0 && id < this.used && this.refs[id] >= 0;
  }

  private grow(): void {
    const c = 2 * this.type.length;
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(c);
      b.set(a);
      return b;
    };
    this.type = i32(this.type);
    this.height = i32(this.height);
    this.round = i32(this.round);
    this.value = i32(this.value);
    this.signer = i32(this.signer);
    this.refs = i32(this.refs);
    this.free = i32(this.free);
    const s = new Float64Array(c);
    s.set(this.sizeBytes);
    this.sizeBytes = s;
  }
}

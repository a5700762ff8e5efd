/**
 * gossipsub's message cache (mcache; libp2p specs, gossipsub-v1.0.md
 * "Message Cache"), for all nodes at once: a node's cache is a sequence of
 * history windows, one per heartbeat; `put` stores a message in the current
 * window, `shift` (at the end of a heartbeat) opens a new one. A message is
 * served to IWANT for mcache_len windows (the current one included) and its
 * id goes into IHAVE for mcache_gossip windows.
 *
 * Stored as the window number at which node v put message j
 * (putAt[v * messages + j], -1: never) and each node's current window, so a
 * shift costs nothing and no message lists are kept.
 */
export class MessageCache {
  /** Current window of each node (its heartbeat count). */
  readonly window: Int32Array;
  private readonly putAt: Int32Array;

  constructor(
    readonly nodes: number,
    readonly messages: number,
    readonly mcacheLen: number,
    readonly mcacheGossip: number,
  ) {
    this.window = new Int32Array(nodes);
    this.putAt = new Int32Array(nodes * messages).fill(-1);
  }

  put(v: number, j: number): void {
    this.putAt[v * this.messages + j] = this.window[v];
  }

  /** mcache.get: j is still in v's cache (put fewer than mcache_len windows ago). */
  has(v: number, j: number): boolean {
    const at = this.putAt[v * this.messages + j];
    return at >= 0 && this.window[v] - at < this.mcacheLen;
  }

  /** j is in one of v's last mcache_gossip windows (its id goes into IHAVE). */
  gossips(v: number, j: number): boolean {
    const at = this.putAt[v * this.messages + j];
    return at >= 0 && this.window[v] - at < this.mcacheGossip;
  }

  shift(v: number): void {
    this.window[v]++;
  }
}

/**
 * A FIFO of requests waiting at the victim (on its access link or for its
 * CPU): typed-array columns in a ring that doubles when full, so a flood of
 * 10^5 queued requests costs no objects. Columns: sender, size in bytes,
 * honest (1) or attack (0), and the time the request was sent.
 */
export class RequestRing {
  from: Int32Array;
  sizeBytes: Float64Array;
  honest: Uint8Array;
  sentS: Float64Array;
  private head = 0;
  length = 0;

  constructor(capacity = 256) {
    this.from = new Int32Array(capacity);
    this.sizeBytes = new Float64Array(capacity);
    this.honest = new Uint8Array(capacity);
    this.sentS = new Float64Array(capacity);
  }

  push(from: number, sizeBytes: number, honest: number, sentS: number): void {
    if (this.length === this.from.length) this.grow();
    const i = (this.head + this.length) % this.from.length;
    this.from[i] = from;
    this.sizeBytes[i] = sizeBytes;
    this.honest[i] = honest;
    this.sentS[i] = sentS;
    this.length++;
  }

  /** Index of the oldest entry (read its columns, then shift()). */
  get first(): number {
    return this.head;
  }

  /** Index of the newest entry. */
  get last(): number {
    return (this.head + this.length - 1) % this.from.length;
  }

  shift(): void {
    this.head = (this.head + 1) % this.from.length;
    this.length--;
  }

  /** Drop the newest entry. */
  pop(): void {
    this.length--;
  }

  private grow(): void {
    const cap = this.from.length;
    const order = (a: { length: number; [i: number]: number }, b: { [i: number]: number }) => {
      for (let k = 0; k < this.length; k++) b[k] = a[(this.head + k) % cap];
    };
    const from = new Int32Array(2 * cap);
    const size = new Float64Array(2 * cap);
    const honest = new Uint8Array(2 * cap);
    const sent = new Float64Array(2 * cap);
    order(this.from, from);
    order(this.sizeBytes, size);
    order(this.honest, honest);
    order(this.sentS, sent);
    this.from = from;
    this.sizeBytes = size;
    this.honest = honest;
    this.sentS = sent;
    this.head = 0;
  }
}

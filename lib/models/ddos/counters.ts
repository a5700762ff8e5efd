/**
 * What the victim counts, per traffic class (honest, attack), inside the
 * measurement window [startS, endS): requests that arrived, were dropped on
 * the access link (buffer full), refused by the rate limiter, dropped for
 * want of memory (CPU queue full), and served, with the latency (send to end
 * of service) of the served ones. Streaming sums, no history.
 */
export const ARRIVED = 0;
export const LINK_DROP = 1;
export const LIMIT_DROP = 2;
export const MEMORY_DROP = 3;
export const SERVED = 4;
export const LATENCY_SUM = 5;
export const LATENCY_MAX = 6;
const NSTAT = 7;

export const ATTACK = 0;
export const HONEST = 1;

export class DdosCounters {
  /** [class * NSTAT + stat]. */
  readonly stats = new Float64Array(2 * NSTAT);
  /** CPU busy seconds inside the window. */
  busyS = 0;

  constructor(readonly startS: number, readonly endS: number) {}

  inWindow(t: number): boolean {
    return t >= this.startS && t < this.endS;
  }

  count(cls: number, stat: number, t: number): void {
    if (t >= this.startS && t < this.endS) this.stats[cls * NSTAT + stat]++;
  }

  served(cls: number, t: number, latencyS: number): void {
    if (!(t >= this.startS && t < this.endS)) return;
    const s = this.stats;
    s[cls * NSTAT + SERVED]++;
    s[cls * NSTAT + LATENCY_SUM] += latencyS;
    if (latencyS > s[cls * NSTAT + LATENCY_MAX]) s[cls * NSTAT + LATENCY_MAX] = latencyS;
  }

  /** Add the part of a busy period [fromS, toS) inside the window. */
  busy(fromS: number, toS: number): void {
    const a = fromS > this.startS ? fromS : this.startS;
    const b = toS < this.endS ? toS : this.endS;
    if (b > a) this.busyS += b - a;
  }

  get(cls: number, stat: number): number {
    return this.stats[cls * NSTAT + stat];
  }
}

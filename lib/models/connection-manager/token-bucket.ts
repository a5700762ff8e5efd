/**
 * Per-IP connection rate limit as a token bucket (Turner, "New directions in
 * communications", 1986; the generic cell-rate algorithm): each IP holds up
 * to `burst` tokens, refilled at `ratePerS`; an attempt spends one token or
 * is refused. Bitcoin Core has no inbound connection rate limit of its own;
 * this is the countermeasure under study.
 */
export class TokenBuckets {
  private readonly tokens = new Map<number, number>();
  private readonly stamp = new Map<number, number>();
  constructor(readonly ratePerS: number, readonly burst: number) {}

  /** Spend a token of `ip` at time `nowS`; false (refused) if the bucket is empty. */
  tryTake(ip: number, nowS: number): boolean {
    const last = this.stamp.get(ip);
    let t = last === undefined ? this.burst : Math.min(this.burst, this.tokens.get(ip)! + (nowS - last) * this.ratePerS);
    this.stamp.set(ip, nowS);
    // A small slack absorbs the rounding of (now - last) * rate for attempts exactly 1/rate apart.
    if (t >= 1 - 1e-9) {
      t = Math.max(0, t - 1);
      this.tokens.set(ip, t);
      return true;
    }
    this.tokens.set(ip, t);
    return false;
  }
}

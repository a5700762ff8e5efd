/**
 * Running mean and variance in one pass (Welford, Technometrics 4(3), 1962;
 * Knuth, TAOCP vol. 2, section 4.2.2): trials are aggregated as they finish,
 * never stored.
 */
export class RunningMoments {
  count = 0;
  mean = 0;
  private m2 = 0;

  add(x: number): void {
    this.count++;
    const d = x - this.mean;
    this.mean += d / this.count;
    this.m2 += d * (x - this.mean);
  }

  /** Sample variance (n - 1 denominator); NaN with fewer than 2 values. */
  get variance(): number {
    return this.count > 1 ? this.m2 / (this.count - 1) : NaN;
  }

  /** Standard error of the mean; NaN with fewer than 2 values. */
  get standardError(): number {
    return Math.sqrt(this.variance / this.count);
  }
}

/**
 * Token buckets, one per key (a peer or an address): tokens refill at `rate`
 * per second up to `burst`; a request takes one token or is refused (the
 * single-rate bucket of RFC 2697, Heinanen & Guerin 1999, with one colour).
 * A source that sends at most `rate` requests per second, evenly spaced, into
 * a bucket with burst >= 1 is never refused: each gap refills at least one
 * token. Buckets start full. Typed arrays, no allocation per request.
 */
import { ParameterError } from "../../experiment/params";

/** Slack for floating-point refills (a token of 1 - 1e-9 counts as whole). */
const EPS = 1e-9;

export class TokenBuckets {
  readonly tokens: Float64Array;
  readonly lastS: Float64Array;

  constructor(keys: number, readonly rate: number, readonly burst: number) {
    if (!(Number.isInteger(keys) && keys >= 1)) throw new ParameterError("keys", keys, "an integer >= 1");
    if (!(rate > 0 && Number.isFinite(rate))) throw new ParameterError("bucketRate", rate, "a finite number > 0, tokens per second");
    if (!(burst >= 1 && Number.isFinite(burst))) throw new ParameterError("bucketBurst", burst, "a finite number >= 1, tokens");
    this.tokens = new Float64Array(keys).fill(burst);
    this.lastS = new Float64Array(keys);
  }

  /** Refill key's bucket to `nowS`, then take a token if there is one; true if the request passes. */
  take(key: number, nowS: number): boolean {
    let t = this.tokens[key] + (nowS - this.lastS[key]) * this.rate;
    if (t > this.burst) t = this.burst;
    this.lastS[key] = nowS;
    if (t + EPS >= 1) {
      this.tokens[key] = t - 1;
      return true;
    }
    this.tokens[key] = t;
    return false;
  }
}

/**
 * Sums of positive series given by a ratio recurrence, in scaled arithmetic:
 *
 *   log( sum_{k=0}^{terms-1} t_k ),  t_0 = exp(logFirst),  t_{k+1} = t_k * ratio(k).
 *
 * Terms are carried as a mantissa times exp(logScale) and rescaled by exact
 * powers of two, so a sum whose terms under- or overflow a double (q^z for
 * z = 1000, binomial coefficients of 2000) keeps full relative precision: each
 * step costs one rounding (about 2^-53 relative), so n terms are accurate to a
 * few times n * 2^-53. All terms must be positive; nothing cancels.
 *
 * With `terms = Infinity` the series stops once the ratio is below 1 and the
 * geometric bound on the remainder, t * r / (1 - r), is below 2^-60 of the
 * sum; that bound holds when the ratios never increase again (true for the
 * Poisson tail, ratio lambda / (k + 1)).
 */
const SCALE_BITS = 600;
const BIG = 2 ** SCALE_BITS;
const DOWN = 2 ** -SCALE_BITS;
const LOG_SCALE_STEP = SCALE_BITS * Math.LN2;
const TAIL_TOLERANCE = 2 ** -60;

export function logSumRatioSeries(logFirst: number, ratio: (k: number) => number, terms: number): number {
  if (!(terms > 0) || logFirst === -Infinity) return -Infinity;
  let sum = 0;
  let term = 1;
  let logScale = logFirst;
  for (let k = 0; ; k++) {
    sum += term;
    if (k + 1 >= terms) break;
    const r = ratio(k);
    if (!(r >= 0 && r < Infinity)) throw new RangeError(`logSumRatioSeries: ratio(${k}) = ${r} is not a finite non-negative number`);
    if (terms === Infinity && r < 1 && (term * r) / (1 - r) <= sum * TAIL_TOLERANCE) break;
    // Rescale before the product could overflow; earlier terms shrink with it (they are negligible if they underflow).
    while (term * r > BIG || sum > BIG) {
      term *= DOWN;
      sum *= DOWN;
      logScale += LOG_SCALE_STEP;
    }
    term *= r;
  }
  return logScale + Math.log(sum);
}

/**
 * log(t_steps) for t_0 = exp(logFirst), t_{k+1} = t_k * ratio(k): the same
 * scaled arithmetic for a single term (e.g. a Poisson probability far in a
 * tail, e^-lambda lambda^z / z!), relative error about steps * 2^-53.
 */
export function logRatioProduct(logFirst: number, ratio: (k: number) => number, steps: number): number {
  let term = 1;
  let logScale = logFirst;
  for (let k = 0; k < steps; k++) {
    const r = ratio(k);
    if (r === 0) return -Infinity;
    if (r < DOWN || r > BIG) {
      // A ratio outside [2^-600, 2^600] (e.g. lambda / k for a subnormal lambda) goes straight into
      // the scale: rescaling the mantissa for it could overflow it to Infinity.
      logScale += Math.log(r);
      continue;
    }
    while (term * r > BIG) {
      term *= DOWN;
      logScale += LOG_SCALE_STEP;
    }
    while (term * r < DOWN) {
      term *= BIG;
      logScale -= LOG_SCALE_STEP;
    }
    term *= r;
  }
  return logScale + Math.log(term);
}

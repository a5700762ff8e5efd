import { readFileSync } from "node:fs";
import { ParameterError } from "../../experiment/params";
import type { LatencyModel } from "./model";

/**
 * Resample measured latencies: each draw is one of the samples, uniformly
 * (the bootstrap of Efron 1979). Moments are those of the sample itself.
 */
export function empiricalLatency(samplesMs: ArrayLike<number>, name = "empirical"): LatencyModel {
  if (samplesMs.length === 0) throw new ParameterError("latency samples", "[]", "at least one sample");
  const xs = Float64Array.from(samplesMs);
  for (const x of xs) if (!(x >= 0 && Number.isFinite(x))) throw new ParameterError("latency sample", x, "finite numbers >= 0");
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) * (x - mean);
  const sorted = Float64Array.from(xs).sort();
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return {
    name: `${name} (${xs.length} samples)`,
    sampleMs: (rng) => xs[rng.below(xs.length)],
    meanMs: mean,
    medianMs: median,
    varianceMs2: ss / xs.length,
  };
}

/** Samples from text: numbers separated by whitespace, commas or newlines; '#' starts a comment. */
export function parseLatencySamples(text: string): number[] {
  const out: number[] = [];
  for (const line of text.split(/\r?\n/)) {
    const body = line.replace(/#.*/, "").trim();
    if (body === "") continue;
    for (const field of body.split(/[\s,;]+/)) {
      const x = Number(field);
      if (!Number.isFinite(x)) throw new ParameterError("latency sample", field, "numbers (ms) separated by spaces, commas or newlines");
      out.push(x);
    }
  }
  return out;
}

export function empiricalLatencyFromFile(path: string): LatencyModel {
  return empiricalLatency(parseLatencySamples(readFileSync(path, "utf8")), path);
}

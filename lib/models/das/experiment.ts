import { defineExperiment } from "../../experiment/experiment";
import { bool, choice, int, num, ParameterError } from "../../experiment/params";
import { detectionProbability, detectionProbabilityWithReplacement, minimalWithheld, samplesForConfidence, shareCount, type Layout } from "./detection";
import { simulateSampling } from "./simulate";
import { isRecoverable, minimalWithholdingMask } from "./two-d";

/** Availability mask of the adversary's minimal unrecoverable withholding (1 = served). */
export function withholdingMask(k: number, layout: Layout): Uint8Array {
  if (layout === "2d") return minimalWithholdingMask(k);
  const m = new Uint8Array(2 * k).fill(1);
  m.fill(0, 0, k + 1);
  return m;
}

export const das = defineExperiment({
  name: "das",
  title: "Data availability sampling: probability that a light client's samples detect minimal withholding, exact and simulated; samples for a target confidence",
  reference: "Al-Bassam, Sonnino & Buterin, Fraud and Data Availability Proofs, FC 2019 (arXiv 1809.09044), sections 5.1 and 5.4; PeerDAS, EIP-7594",
  source: __filename,
  params: {
    k: int({ default: 32, unit: "shares", min: 1, max: 4096, fuzzMax: 32, doc: "data width: a k x k square extended to 2k x 2k (2d), or k shares extended to 2k (1d)" }),
    layout: choice({ default: "2d", choices: ["2d", "1d"], doc: "2-D Reed-Solomon square or 1-D extension" }),
    samples: int({ default: 15, unit: "samples", min: 1, max: 100_000, fuzzMax: 40, doc: "shares a light client samples (at most the number of shares unless with replacement)" }),
    withReplacement: bool({ default: false, doc: "sample with replacement (default: distinct shares)" }),
    trials: int({ default: 20_000, unit: "clients", min: 1, max: 1e9, fuzzMax: 200, doc: "independent light clients simulated" }),
    target: num({ default: 0.99, unit: "", min: 0, max: 1, minExclusive: true, maxExclusive: true, doc: "detection probability for which the needed number of samples is reported" }),
  },
  presets: {
    peerdas: { doc: "Ethereum PeerDAS (EIP-7594, consensus-specs das-core): 128 columns = 64 extended to 128 (1-D), SAMPLES_PER_SLOT = 8", params: { layout: "1d", k: 64, samples: 8 } },
  },
  proportions: { simulated: { successes: "detected", trials: "trials" } },
  validate({ k, layout, samples, withReplacement }) {
    const n = shareCount(k, layout as Layout);
    if (!withReplacement && samples > n) throw new ParameterError("samples", samples, `an integer, 1 <= samples <= ${n} (the shares of a ${layout} layout with k = ${k}) unless withReplacement`);
    if (layout === "1d" && 2 * k > 65_536) throw new ParameterError("k", k, "k <= 32768 for 1d (the field has 65536 evaluation points)");
  },
  run({ k, layout, samples, withReplacement, trials, target }, rng) {
    const lay = layout as Layout;
    const n = shareCount(k, lay);
    const m = minimalWithheld(k, lay);
    const mask = withholdingMask(k, lay);
    const mc = simulateSampling(mask, samples, trials, withReplacement, rng.fast);
    const exact = withReplacement ? detectionProbabilityWithReplacement(n, m, samples) : detectionProbability(n, m, samples);
    return {
      shares: n,
      withheld: m,
      withheldFraction: m / n,
      // The pattern really is unrecoverable, and serving any one withheld share makes it recoverable (2-D: iterated row/column decoding).
      patternUnrecoverable: lay === "2d" ? (isRecoverable(mask, k) ? 0 : 1) : 1,
      detectExact: exact,
      detectWithReplacement: detectionProbabilityWithReplacement(n, m, samples),
      simulated: mc.detected / trials,
      detected: mc.detected,
      trials,
      samplesForTarget: samplesForConfidence(n, m, target, withReplacement),
    };
  },
});

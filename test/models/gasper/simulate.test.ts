// Agent-level Gasper runs (lib/models/gasper/simulate.ts) against what the spec's FFG rules imply
// (ethereum/consensus-specs v1.4.0 phase0 beacon-chain.md, weigh_justification_and_finalization;
// Buterin et al. 2020, Gasper, section 4):
// - full participation, fixed delays: epoch e is justified by its own votes at its end (bits 0
//   and 1 set, old current justified = e - 1), so rule 4 finalizes e - 1 in the first block of
//   e + 1; at the end of e + 1 the store's finalized epoch is e - 1: a lag of exactly 2 epochs
//   (12.8 min on mainnet, 1.6 min on minimal), from the end of epoch 4 on (no FFG update while
//   current_epoch <= GENESIS_EPOCH + 1);
// - online stake below 2/3 (42 of 64): no checkpoint is ever justified, so none is finalized;
// - online stake at least 2/3 (43 of 64): every epoch e - 1 is justified at the end of epoch e
//   from its now-included votes (previous-epoch balance), so at each boundary rule 1 or rule 2
//   (or 3/4) fires and the lag stays within 2..4 epochs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ParameterError } from "../../../lib/experiment/params";
import { MAINNET, MINIMAL } from "../../../lib/models/gasper/presets";
import { GasperRunParams, simulateGasper } from "../../../lib/models/gasper/simulate";
import { rngFor } from "../../../lib/random/seed";

const run = (p: Partial<GasperRunParams>, seed: unknown) =>
  simulateGasper({ preset: MAINNET, validators: 64, offlineValidators: 0, epochs: 10, delayS: 1, ...p }, rngFor(["gasper-test", seed]).fast);

test("full participation: the finalized epoch lags exactly 2 epochs after warm-up (12.8 min mainnet, 1.6 min minimal)", () => {
  for (const [preset, validators, minutes] of [[MAINNET, 64, 12.8], [MAINNET, 1024, 12.8], [MINIMAL, 256, 1.6]] as const) {
    const r = run({ preset, validators, epochs: 12 }, `${preset.name}-${validators}`);
    const { epoch, justifiedEpoch, finalizedEpoch, finalityLagEpochs } = r.series;
    assert.deepEqual(epoch, Array.from({ length: 12 }, (_, i) => i));
    for (let i = 0; i < epoch.length; i++) {
      if (epoch[i] < 4) continue;
      assert.equal(finalityLagEpochs[i], 2, `${preset.name} n=${validators} epoch ${epoch[i]}`);
      assert.equal(finalizedEpoch[i], epoch[i] - 2);
      assert.equal(justifiedEpoch[i], epoch[i] - 1);
    }
    // Warm-up: nothing before the end of epoch 2 (processed in epoch 3's first block).
    assert.deepEqual(finalizedEpoch.slice(0, 4), [0, 0, 0, 0]);
    assert.equal(r.finalityLagEpochs, 2);
    assert.ok(Math.abs(r.finalityLagMinutes - minutes) < 1e-12, `${r.finalityLagMinutes}`);
    assert.equal(r.blocks, 12 * preset.slotsPerEpoch - 1, "every slot after genesis has a block");
  }
});

test("more than a third offline (42 of 64 online, 3 * 42 < 2 * 64): nothing is ever justified or finalized", () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const r = run({ offlineValidators: 22, epochs: 12 }, seed);
    assert.ok(r.series.justifiedEpoch.every((e) => e === 0), `seed ${seed}`);
    assert.ok(r.series.finalizedEpoch.every((e) => e === 0), `seed ${seed}`);
    assert.equal(r.finalityLagEpochs, 11);
  }
  const big = run({ validators: 1024, offlineValidators: 342, epochs: 10 }, "big"); // 682 * 3 < 2048
  assert.equal(big.lastFinalizedEpoch, 0);
  assert.equal(big.lastJustifiedEpoch, 0);
});

test("exactly 2/3+ online (43 of 64, 683 of 1024): it finalizes, with a lag of 2 to 4 epochs after warm-up", () => {
  const cases: Array<[number, number, unknown]> = [[64, 21, 1], [64, 21, 2], [64, 21, 3], [1024, 341, 4]];
  for (const preset of [MAINNET, MINIMAL]) {
    for (const [validators, offlineValidators, seed] of cases) {
      const r = run({ preset, validators, offlineValidators, epochs: 14 }, `${preset.name}-${seed}`);
      const label = `${preset.name} n=${validators} seed ${seed}`;
      assert.ok(r.blocks < 14 * preset.slotsPerEpoch - 1, `${label}: offline proposers miss slots`);
      for (let i = 0; i < r.series.epoch.length; i++) {
        if (r.series.epoch[i] < 6) continue;
        const lag = r.series.finalityLagEpochs[i];
        assert.ok(lag >= 2 && lag <= 4, `${label} epoch ${r.series.epoch[i]}: lag ${lag}`);
      }
      assert.ok(r.lastFinalizedEpoch >= 14 - 1 - 4, label);
    }
  }
});

test("same seed, same run; series are non-decreasing; bad parameters raise ParameterError", () => {
  const a = run({ offlineValidators: 10 }, "det");
  const b = run({ offlineValidators: 10 }, "det");
  assert.deepEqual(a, b);
  for (const key of ["justifiedEpoch", "finalizedEpoch"] as const) {
    const s = a.series[key];
    for (let i = 1; i < s.length; i++) assert.ok(s[i] >= s[i - 1], key);
  }
  for (let i = 0; i < a.series.epoch.length; i++) assert.ok(a.series.finalizedEpoch[i] <= a.series.justifiedEpoch[i]);
  assert.throws(() => run({ delayS: 4 }, 0), ParameterError);
  assert.throws(() => run({ validators: 16 }, 0), ParameterError);
  assert.throws(() => run({ offlineValidators: 65 }, 0), ParameterError);
  assert.throws(() => run({ epochs: 0 }, 0), ParameterError);
});

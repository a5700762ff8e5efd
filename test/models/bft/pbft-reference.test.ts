/**
 * The optimized PBFT model (pbft.ts: typed vote tallies, view changes,
 * checkpoints, block sync armed) against its readable reference of the
 * normal case (pbft-reference.ts: Maps and objects): without faults, on
 * lognormal pair latencies and with CPU costs, the same seed gives exactly
 * the same final times per height and the same message statistics.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { rngFor } from "../../../lib/random/seed";
import { runPbft } from "../../../lib/models/bft/pbft";
import { runPbftReference } from "../../../lib/models/bft/pbft-reference";
import { setupOf } from "./helpers";

test("PBFT model = readable reference, exactly (no faults; lognormal latency; with and without signature costs)", () => {
  for (const n of [4, 7, 16, 31]) {
    for (const seed of [1, 2, 3]) {
      for (const sigVerifyUs of [0, 40]) {
        const make = () => setupOf({ n, heights: 12, sigma: 0.6, seed, costs: { sigVerifyUs } });
        const fast = runPbft(make(), { viewTimeoutS: 100, checkpointInterval: 0 }, rngFor(["ref", seed]));
        const ref = runPbftReference(make(), rngFor(["ref", seed]));
        const where = `N=${n} seed ${seed} verify ${sigVerifyUs} us`;
        assert.equal(fast.finalHeights, 12, where);
        assert.deepEqual(Array.from(fast.finalS), Array.from(ref.finalS), where);
        for (const kind of ["pre-prepare", "prepare", "commit"]) assert.deepEqual(fast.stats[kind], ref.stats[kind], `${where} ${kind}`);
        assert.equal(fast.bytes, ref.bytes, where);
      }
    }
  }
});

/**
 * The optimized Tendermint model (tendermint.ts: typed tallies, rules of the
 * current round re-checked only when a vote crosses a 2/3 threshold,
 * retransmission and block sync armed) against its readable reference
 * (tendermint-reference.ts: every rule after every message, Maps): without
 * loss or partitions the same seed gives exactly the same final times,
 * rounds and message statistics, also with crashed proposers (round
 * changes through the timeouts) and CometBFT's timeout_commit.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { rngFor } from "../../../lib/random/seed";
import { runTendermint, COMETBFT_TIMEOUTS } from "../../../lib/models/bft/tendermint";
import { runTendermintReference } from "../../../lib/models/bft/tendermint-reference";
import { setupOf } from "./helpers";

test("Tendermint model = readable reference, exactly (lognormal latency; stake-weighted proposers; crashed proposers (equal stakes, f of N); timeout_commit)", () => {
  const cases = [
    { n: 4, faulty: 0, commit: 0 },
    { n: 7, faulty: 0, commit: 0 },
    { n: 16, faulty: 0, commit: 1 },
    { n: 31, faulty: 0, commit: 0 },
    { n: 10, faulty: 3, commit: 0 },
    { n: 13, faulty: 4, commit: 1 },
  ];
  for (const c of cases) {
    for (const seed of [1, 2]) {
      const make = () => setupOf({ n: c.n, heights: 10, sigma: 0.6, seed, faulty: c.faulty, fault: c.faulty ? "crash" : "none", placement: "random", faultAtS: 0.4, stake: c.faulty ? "equal" : { dist: "lognormal", sigma: 0.5 }, maxTimeS: 1e4 });
      // Retransmission after 1e6 s: never, so both send exactly the algorithm's messages.
      const opts = { ...COMETBFT_TIMEOUTS, timeoutCommitS: c.commit, regossipS: 1e6 };
      const fast = runTendermint(make(), opts, rngFor(["tref", seed]));
      const ref = runTendermintReference(make(), opts, rngFor(["tref", seed]));
      const where = `N=${c.n} faulty ${c.faulty} commit ${c.commit} seed ${seed}`;
      assert.equal(fast.finalHeights, 10, where);
      assert.deepEqual(Array.from(fast.finalS), Array.from(ref.finalS), where);
      assert.deepEqual(Array.from(fast.rounds), Array.from(ref.rounds), where);
      for (const kind of ["proposal", "prevote", "precommit"]) assert.deepEqual(fast.stats[kind], ref.stats[kind], `${where} ${kind}`);
    }
  }
});

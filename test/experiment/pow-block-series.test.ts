/** A real model's series: nakamoto-network with blockSeries returns one entry per mined block, consistent with its row. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { nakamotoNetwork } from "../../lib/models/pow-network/network-experiment";
import { runPointOutput } from "../../lib/sweep/run-point";

test("nakamoto-network blockSeries: per-block entries agree with the row's counts and means; the row is the same as without series", () => {
  const given = { nodes: 60, degree: 4, blocks: 300, blockIntervalS: 2, latencyMedianMs: 200, blockSeries: true };
  const { row, series } = runPointOutput(nakamotoNetwork, given, 5, 0);
  const s = series.blocks;
  const mined = row.blocksMined as number;
  assert.equal(s.block.length, mined);
  let main = 0;
  let sum100 = 0;
  let all = 0;
  for (let i = 0; i < mined; i++) {
    assert.equal(s.block[i], i + 1);
    if (i > 0) assert.ok(s.foundS[i] >= s.foundS[i - 1], "blocks in the order they were found");
    assert.ok(s.reached[i] >= 1 && s.reached[i] <= 60);
    assert.ok(s.t50S[i] <= s.t90S[i] || Number.isNaN(s.t90S[i]));
    main += s.main[i];
    if (!Number.isNaN(s.t100S[i])) {
      sum100 += s.t100S[i];
      all++;
    }
  }
  assert.equal(main, row.mainChainBlocks, "main-chain blocks");
  assert.equal(mined - main, row.staleBlocks, "stale blocks");
  assert.ok(row.staleBlocks as number > 0, "a fast block rate on slow links gives stale blocks (the test means something)");
  assert.ok(Math.abs(sum100 / all - (row.propagationP100S as number)) < 1e-9, "mean time to reach every node");
  assert.ok(Math.abs(all / mined - (row.reachedAllShare as number)) < 1e-12);
  // blockSeries only selects outputs: without it the run (stream and every output) is the same.
  const plain = runPointOutput(nakamotoNetwork, { ...given, blockSeries: false }, 5, 0);
  assert.deepEqual(plain.series, {});
  assert.deepEqual({ ...plain.row, blockSeries: true }, row);
});

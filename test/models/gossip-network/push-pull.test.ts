/**
 * Push-pull anti-entropy with synchronous contacts against the round model of
 * Karp, Schindelhauer, Shenker & Vocking ("Randomized rumor spreading", FOCS
 * 2000): with latency far below the period, a round that starts with k of N
 * nodes informed informs each uninformed node with probability
 *   1 - (1 - k / (N - 1)) (1 - 1 / (N - 1))^k
 * (it calls an informed node, or an informed node calls it; the two are
 * independent), so E[k' | k] = k + (N - k) (that probability), exactly. The
 * residuals k' - E[k' | k] are martingale differences: their mean over all
 * rounds of all runs must be 0 within 4 standard errors. In particular the
 * first round ends with 3 - 1 / (N - 1) informed on average.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { rngFor } from "../../../lib/random/seed";
import { constantPairLatency } from "../../../lib/network/pair-latency";
import { gossipConfig } from "../../../lib/models/gossip-network/config";
import { simulateGossip } from "../../../lib/models/gossip-network/simulate";

test("synchronous push-pull follows E[k' | k] = k + (N - k)(1 - (1 - k/(N-1))(1 - 1/(N-1))^k) round by round", () => {
  const n = 500;
  const periodS = 1;
  const latencyS = 0.001;
  const residuals: number[] = [];
  const first: number[] = [];
  let roundsTotal = 0;
  const R = 60;
  for (let r = 0; r < R; r++) {
    const run = simulateGossip(
      { network: { overlay: { kind: "complete", n }, latency: constantPairLatency(n, latencyS * 1000) } },
      gossipConfig({ protocol: "push-pull", synchronous: true, periodS, horizonS: 100, sources: [r % n] }),
      rngFor(["push-pull rounds", r]),
    );
    assert.equal(run.stop, "stopped", "everyone informed before the horizon");
    const times = Array.from(run.receivedS).sort((a, b) => a - b);
    let k = 1;
    for (let m = 1; k < n; m++) {
      // Round m: calls at m * periodS; digests, answers and pushes take 3 latencies, long before the next round.
      const end = m * periodS + 3 * latencyS + 1e-9;
      let next = k;
      while (next < n && times[next] <= end) next++;
      const p = 1 - (1 - k / (n - 1)) * Math.pow(1 - 1 / (n - 1), k);
      residuals.push(next - (k + (n - k) * p));
      if (m === 1) first.push(next);
      k = next;
      roundsTotal = Math.max(roundsTotal, m);
    }
  }
  const mean = residuals.reduce((a, b) => a + b, 0) / residuals.length;
  const se = Math.sqrt(residuals.reduce((a, b) => a + (b - mean) ** 2, 0) / (residuals.length - 1) / residuals.length);
  assert.ok(Math.abs(mean) <= 4 * se, `mean residual ${mean}, SE ${se} over ${residuals.length} rounds`);
  const firstMean = first.reduce((a, b) => a + b, 0) / R;
  const firstSe = Math.sqrt(first.reduce((a, b) => a + (b - firstMean) ** 2, 0) / (R - 1) / R);
  assert.ok(Math.abs(firstMean - (3 - 1 / (n - 1))) <= 4 * firstSe, `first round: ${firstMean} +- ${firstSe}`);
  // Karp et al.: log3 N + O(log log N) rounds; here log3 500 = 5.7.
  assert.ok(roundsTotal >= 6 && roundsTotal <= 14, `${roundsTotal} rounds at most`);
});

/**
 * Tendermint with gossip vote delivery (Buchman et al. 2018, section 2: a
 * correct process relays what it receives): on a peer graph, each proposal
 * and vote crosses the graph by relays, counted once per signer.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { rngFor } from "../../../lib/random/seed";
import { Xoshiro128 } from "../../../lib/random/xoshiro128";
import { randomRegular } from "../../../lib/network/topology";
import { sampleLinkLatencies } from "../../../lib/network/link-latencies";
import { constantLatency } from "../../../lib/network/latency";
import { graphNetworkConfig } from "../../../lib/network/graph-network";
import { constantPairLatency } from "../../../lib/network/pair-latency";
import type { Graph } from "../../../lib/network/graph";
import { runTendermint, COMETBFT_TIMEOUTS } from "../../../lib/models/bft/tendermint";
import { FAULTS } from "../../../lib/models/bft/faults";
import { maxFaulty } from "../../../lib/models/bft/validators";
import { runPoint } from "../../../lib/sweep/run-point";
import { bftFinality } from "../../../lib/models/bft/experiment";
import { setupOf } from "./helpers";

const D = 0.05;

function diameter(g: Graph): number {
  let best = 0;
  for (let s = 0; s < g.n; s++) {
    const dist = new Int32Array(g.n).fill(-1);
    dist[s] = 0;
    const queue = [s];
    for (let q = 0; q < queue.length; q++) {
      const v = queue[q];
      for (let k = g.offsets[v]; k < g.offsets[v + 1]; k++) {
        const w = g.neighbors[k];
        if (dist[w] < 0) {
          dist[w] = dist[v] + 1;
          queue.push(w);
        }
      }
    }
    for (const x of dist) best = Math.max(best, x);
  }
  return best;
}

function gossipSetup(n: number, faulty: number, fault: string, seed: number) {
  const graph = randomRegular(n, 4, new Xoshiro128([seed, 2, 3, 4]));
  const network = graphNetworkConfig(graph, sampleLinkLatencies(graph, constantLatency(50), new Xoshiro128([1, 2, 3, seed])), { latency: constantPairLatency(n, 50) });
  return { setup: { ...setupOf({ n, heights: 4, faulty, fault, placement: "random", seed, faultAtS: 0.1 }), network }, graph };
}

test("gossip, no faults: every height final between 3 d and 3 x diameter x d; votes counted once per signer", () => {
  const { setup, graph } = gossipSetup(20, 0, "none", 1);
  const run = runTendermint(setup, { ...COMETBFT_TIMEOUTS, timeoutCommitS: 0, voteDelivery: "gossip" }, rngFor(["g"]));
  const diam = diameter(graph);
  assert.ok(diam >= 2);
  assert.equal(run.finalHeights, 4);
  for (const x of run.latencyS) assert.ok(x >= 3 * D - 1e-9 && x <= 3 * diam * D + 1e-9, `latency ${x}, diameter ${diam}`);
  // Relays: each of the 2N + 1 messages of a height is forwarded by nodes that have not left the height, to at most
  // degree - 1 neighbours, so at most (2N + 1)(N (d - 1) + 1) sends per height.
  assert.ok(run.messages <= 4 * 41 * (20 * 3 + 1), `${run.messages}`);
  assert.ok(run.messages > 4 * 41 * 4, `${run.messages}`); // more than the originals' first hop
});

test("gossip: agreement and termination with f = floor((N-1)/3) faulty of every kind", () => {
  for (const fault of FAULTS.filter((k) => k !== "none")) {
    for (const seed of [1, 2, 3]) {
      const { setup } = gossipSetup(16, maxFaulty(16), fault, seed);
      const run = runTendermint(setup, { ...COMETBFT_TIMEOUTS, timeoutCommitS: 0, voteDelivery: "gossip" }, rngFor(["g", seed]));
      assert.equal(run.conflicts, 0, `${fault} seed ${seed}`);
      assert.equal(run.finalHeights, 4, `${fault} seed ${seed}`);
    }
  }
});

test("the experiment runs gossip on a graph overlay; other protocols ignore voteDelivery", () => {
  const row = runPoint(bftFinality, { protocol: "tendermint", validators: 30, overlay: "graph", topology: "random-regular", degree: 6, voteDelivery: "gossip", heights: 5 }, 1, 0);
  assert.equal(row.outcome, "safe");
  const plain = runPoint(bftFinality, { protocol: "pbft", validators: 7, heights: 5 }, 1, 0);
  const ignored = runPoint(bftFinality, { protocol: "pbft", validators: 7, heights: 5, voteDelivery: "gossip" }, 1, 0);
  assert.equal(ignored.latencyMeanS, plain.latencyMeanS);
  assert.equal(ignored.messages, plain.messages);
});

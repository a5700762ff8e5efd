/**
 * Proof-of-work block propagation and forks on a peer-to-peer network, the
 * readable version: a Simulation with two event kinds (a mining event, a
 * block message) on top of the shared Network, which applies bandwidth,
 * loss, churn and partitions.
 *
 * Model (Nakamoto 2008; the network model of Decker & Wattenhofer,
 * "Information propagation in the Bitcoin network", P2P 2013, and of the C
 * reference w3_pownet):
 * - Mining: the miners together are one Poisson process of rate
 *   1 / (blockIntervalS * difficulty); each event goes to miner i with
 *   probability equal to its hash share, and the miner extends its own tip.
 *   An offline miner finds nothing (the event is thinned away). With
 *   retargeting, tips can differ in difficulty: the process runs at the rate
 *   of the easiest tip any node holds and a miner on a harder tip keeps the
 *   event with probability dMin / d (thinning, Lewis & Shedler 1979); when a
 *   node adopts an easier tip the pending event is redrawn (memorylessness
 *   makes this exact).
 * - Relay: a node that sees a block for the first time sends it to every
 *   neighbour that does not have it yet (an inv/getdata exchange costs no
 *   time here). A delivery to a node that got the block meanwhile is a
 *   duplicate: an event that is popped and dropped, as in w3_pownet.
 * - Fork choice: most cumulative work, first seen on ties (chain-state.ts).
 * - A node that comes back online, or the two sides of a healed partition,
 *   resynchronise: each side sends its tip to a neighbour that lacks it. A
 *   lost block is not sent again; a node gets it with the next block that
 *   builds on it (missing ancestors come along, chain-state.ts).
 * - After `blocks` blocks mining stops and the queue drains (churn ends:
 *   offline nodes come back, nobody leaves).
 */
import { Simulation } from "../../engine/simulation";
import { Network } from "../../network/network";
import { edgeIndex } from "../../network/graph";
import { exponential } from "../../network/latency/draw";
import type { Rng } from "../../random/seed";
import { ChainState } from "./chain-state";
import { checkNakamotoConfig, defaultMaxEvents, defaultMaxTimeS, type NakamotoConfig, type NakamotoRun, type NakamotoSetup } from "./config";
import { nextDifficulty } from "./difficulty";
import { HashShares } from "./hash-shares";

export function simulateNakamoto(setup: NakamotoSetup, config: NakamotoConfig, rng: Rng): NakamotoRun {
  const { graph } = setup;
  const n = graph.n;
  checkNakamotoConfig(config, n);
  const shares = new HashShares(n, config.hashShares);
  const miningRng = rng.child("mining").fast;
  const sim = new Simulation(4096);
  const net = new Network(sim, graph, setup.linkLatencyS, setup.network ?? {}, rng.child("network").fast);
  const state = new ChainState(n, { blocks: config.blocks, genesisDifficulty: config.initialDifficulty ?? 1, recordArrivals: config.recordArrivals });
  const tree = state.tree;
  const T = config.blockIntervalS;
  const retarget = config.retargetBlocks ?? 0;
  const size = config.blockSizeBytes;
  // Difficulty of a block built on each block, fixed when the block is found.
  const childDifficulty = new Float64Array(config.blocks + 1);
  childDifficulty[0] = nextDifficulty(tree, 0, retarget, T);

  let mined = 0;
  let miningEvents = 0;
  let deliveries = 0;
  let duplicates = 0;
  let generation = 0; // mining events of older generations are stale (rate changed)
  let dMin = childDifficulty[0]; // easiest difficulty any node mines at: the rate bound

  const relay = (v: number, b: number) => {
    for (let k = graph.offsets[v]; k < graph.offsets[v + 1]; k++) {
      if (!state.hasSeen(b, graph.neighbors[k])) net.send(BLOCK, v, k, b, size);
    }
  };

  const adopted = (v: number) => {
    // A tip that is easier to extend raises the mining rate: redraw the next event.
    if (retarget > 0 && childDifficulty[state.tip[v]] < dMin && mined < config.blocks) {
      dMin = childDifficulty[state.tip[v]];
      sim.schedule(exponential(miningRng, T * dMin), MINE, 0, ++generation);
    }
  };

  const BLOCK = net.defineMessage("block", (v, b) => {
    deliveries++;
    if (state.hasSeen(b, v)) {
      duplicates++;
      return;
    }
    state.receive(v, b, sim.now);
    relay(v, b);
    adopted(v);
  });

  const MINE = sim.defineKind("mine", (_target, gen) => {
    miningEvents++;
    if (gen !== generation) return;
    const v = shares.pick(miningRng);
    let found = net.online[v] === 1;
    if (found && retarget > 0) {
      const d = childDifficulty[state.tip[v]];
      if (d > dMin) found = miningRng.nextFloat() < dMin / d;
    }
    if (found) {
      const b = state.mine(v, sim.now, childDifficulty[state.tip[v]]);
      childDifficulty[b] = nextDifficulty(tree, b, retarget, T);
      mined++;
      relay(v, b);
      if (retarget > 0) dMin = minTipDifficulty(state.tip, childDifficulty);
    }
    if (mined < config.blocks) sim.schedule(exponential(miningRng, T * dMin), MINE, 0, generation);
    else net.endChurn();
  });

  // Resynchronisation after churn and partitions: tips go both ways over every link of the node.
  const exchangeTips = (v: number) => {
    for (let k = graph.offsets[v]; k < graph.offsets[v + 1]; k++) {
      const w = graph.neighbors[k];
      if (net.online[w] === 0) continue;
      if (!state.hasSeen(state.tip[w], v)) net.send(BLOCK, w, edgeIndex(graph, w, v), state.tip[w], size);
      if (!state.hasSeen(state.tip[v], w)) net.send(BLOCK, v, k, state.tip[v], size);
    }
  };
  net.onNodeUp(exchangeTips);
  net.onHeal(() => {
    for (let v = 0; v < n; v++) if (net.online[v] === 1) exchangeTips(v);
  });

  sim.schedule(exponential(miningRng, T * dMin), MINE, 0, generation);
  const report = sim.run({ maxEvents: defaultMaxEvents(config, setup), maxTimeS: defaultMaxTimeS(config) });
  return {
    state,
    config,
    setup,
    mined,
    miningEvents,
    deliveries,
    duplicates,
    events: sim.events,
    stop: report.stop,
    endTimeS: sim.now,
    kernel: "reference",
    networkStats: { ...net.stats },
  };
}

function minTipDifficulty(tip: Int32Array, childDifficulty: Float64Array): number {
  let m = Infinity;
  for (let v = 0; v < tip.length; v++) if (childDifficulty[tip[v]] < m) m = childDifficulty[tip[v]];
  return m;
}

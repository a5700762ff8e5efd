/**
 * Proof-of-work block propagation and forks on a peer-to-peer network, the
 * readable version: a Simulation with a mining timer ("pow:mine") and a
 * block message ("net:block") on the shared Network, which applies
 * bandwidth, loss, churn, crashes and partitions. A block message is an
 * arena message of type BLOCK_MESSAGE with value = block id, height = its
 * height, signer = its miner and sizeBytes = the block size.
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
 *   time here): one broadcast, filtered. A delivery to a node that got the
 *   block meanwhile is a duplicate: an event that is popped and dropped, as
 *   in w3_pownet. With upload queueing the neighbours are served in a random
 *   order (the Network's send-order rule), not by ascending id.
 * - Fork choice: most cumulative work, first seen on ties (chain-state.ts).
 * - A node that comes back online, or the two sides of a healed partition,
 *   resynchronise: each side sends its tip to a neighbour that lacks it. A
 *   lost block is not sent again; a node gets it with the next block that
 *   builds on it (missing ancestors come along, chain-state.ts).
 * - After `blocks` blocks mining stops and the queue drains (churn ends:
 *   offline nodes come back, nobody leaves).
 */
import { Simulation } from "../../engine/simulation";
import { Timers } from "../../engine/timers";
import { Network } from "../../network/network";
import { exponential } from "../../network/latency/draw";
import type { Rng } from "../../random/seed";
import { ChainState } from "./chain-state";
import { checkNakamotoConfig, defaultMaxEvents, defaultMaxTimeS, setupNodes, type NakamotoConfig, type NakamotoRun, type NakamotoSetup } from "./config";
import { nextDifficulty } from "./difficulty";
import { HashShares } from "./hash-shares";
import { HashSchedule } from "./hash-schedule";
import { chooseTimestamp } from "./timestamps";

/** Arena message type of a block message. */
export const BLOCK_MESSAGE = 1;

export function simulateNakamoto(setup: NakamotoSetup, config: NakamotoConfig, rng: Rng): NakamotoRun {
  const n = setupNodes(setup);
  checkNakamotoConfig(config, n);
  const shares = new HashShares(n, config.hashShares);
  const miningRng = rng.child("mining").fast;
  const sim = new Simulation(4096);
  const net = new Network(sim, setup.network, rng.child("network"));
  const arena = net.arena;
  const state = new ChainState(n, { blocks: config.blocks, genesisDifficulty: config.initialDifficulty ?? 1, recordArrivals: config.recordArrivals, hashShares: config.hashShares });
  const tree = state.tree;
  const T = config.blockIntervalS;
  const retarget = config.retargetBlocks ?? 0;
  const size = config.blockSizeBytes;
  // Hash-rate schedule (miners joining and leaving) and timestamp rule: none by default (then the draws are the same as without them).
  const schedule = new HashSchedule(config.hashSchedule ?? []);
  const timestampRule = config.timestamps ?? "true";
  const meanWaitS = () => (T * dMin) / schedule.factorAt(sim.now);
  // Difficulty of a block built on each block, fixed when the block is found.
  const childDifficulty = new Float64Array(config.blocks + 1);
  childDifficulty[0] = nextDifficulty(tree, 0, retarget, T);

  let mined = 0;
  let deliveries = 0;
  let duplicates = 0;
  let dMin = childDifficulty[0]; // easiest difficulty any node mines at: the rate bound

  const blockMessage = (b: number) => arena.alloc(BLOCK_MESSAGE, tree.height[b], 0, b, tree.miner[b], size);
  let relayed = 0; // the block being relayed, read by the filter (no closure per relay)
  const lacksBlock = (w: number) => !state.hasSeen(relayed, w);
  const relay = (v: number, b: number) => {
    relayed = b;
    net.broadcast(BLOCK, v, blockMessage(b), lacksBlock);
  };

  const adopted = (v: number) => {
    // A tip that is easier to extend raises the mining rate: redraw the next event (memorylessness makes this exact).
    if (retarget > 0 && childDifficulty[state.tip[v]] < dMin && mined < config.blocks) {
      dMin = childDifficulty[state.tip[v]];
      mining.set(0, exponential(miningRng, meanWaitS()));
    }
  };

  const BLOCK = net.defineMessage("block", (v, msg) => {
    deliveries++;
    const b = arena.value[msg];
    if (state.hasSeen(b, v)) {
      duplicates++;
      return;
    }
    state.receive(v, b, sim.now);
    relay(v, b);
    adopted(v);
  });

  const pow = sim.scope("pow");
  const mining = new Timers(pow, "mine", 1, () => {
    const v = shares.pick(miningRng);
    let found = net.online[v] === 1;
    if (found && retarget > 0) {
      const d = childDifficulty[state.tip[v]];
      if (d > dMin) found = miningRng.nextFloat() < dMin / d;
    }
    if (found) {
      const b = state.mine(v, sim.now, childDifficulty[state.tip[v]]);
      if (timestampRule !== "true") tree.timestampS[b] = chooseTimestamp(tree, b, timestampRule, retarget);
      childDifficulty[b] = nextDifficulty(tree, b, retarget, T);
      mined++;
      relay(v, b);
      if (retarget > 0) dMin = minTipDifficulty(state.tip, childDifficulty);
    }
    if (mined < config.blocks) mining.set(0, exponential(miningRng, meanWaitS()));
    else net.endChurn();
  });
  if (schedule.changes.length > 0) {
    const rateChange = pow.defineKind("hash-rate", () => {
      if (mined < config.blocks) mining.set(0, exponential(miningRng, meanWaitS()));
    });
    for (const c of schedule.changes) sim.scheduleAt(c.atS, rateChange);
  }

  // Resynchronisation after churn and partitions: tips go both ways over every link of the node.
  const exchangeTips = (v: number) => {
    for (let i = 0, d = net.degree(v); i < d; i++) {
      const w = net.neighbour(v, i);
      if (net.online[w] === 0) continue;
      if (!state.hasSeen(state.tip[w], v)) net.sendTo(BLOCK, w, v, blockMessage(state.tip[w]));
      if (!state.hasSeen(state.tip[v], w)) net.sendTo(BLOCK, v, w, blockMessage(state.tip[v]));
    }
  };
  net.onNodeUp(exchangeTips);
  net.onHeal(() => {
    for (let v = 0; v < n; v++) if (net.online[v] === 1) exchangeTips(v);
  });

  mining.set(0, exponential(miningRng, meanWaitS()));
  const report = sim.run({ maxEvents: defaultMaxEvents(config, setup), maxTimeS: defaultMaxTimeS(config) });
  return {
    state,
    config,
    setup,
    mined,
    // Superseded draws (retargeting) are popped and ignored: they count as mining events, as before.
    miningEvents: mining.fired + mining.stale,
    deliveries,
    duplicates,
    events: sim.events,
    stop: report.stop,
    endTimeS: sim.now,
    kernel: "reference",
    networkStats: net.stats,
    eventCounts: sim.eventCounts(),
  };
}

function minTipDifficulty(tip: Int32Array, childDifficulty: Float64Array): number {
  let m = Infinity;
  for (let v = 0; v < tip.length; v++) if (childDifficulty[tip[v]] < m) m = childDifficulty[tip[v]];
  return m;
}

/**
 * A selfish pool on the proof-of-work network, readable kernel: the model of
 * lib/models/pow-network/simulate.ts (one Poisson mining process split by
 * hash share, blocks relayed to neighbours on the shared Network, most work
 * wins) with the pool's nodes playing Eyal & Sirer's Algorithm 1
 * (pool-strategy.ts) instead of publishing at once. No difficulty
 * retargeting (the revenue of Eyal & Sirer is a share of the main chain; for
 * time and difficulty see ../selfish-mining/time-difficulty.ts).
 *
 * Pool nodes (pool-network.ts):
 * - mine on the pool's private tip; a block they find is known to every pool
 *   node at once (colluding nodes share their chain) and sent to nobody until
 *   the strategy publishes it;
 * - publish by sending the block to their honest peers;
 * - hear honest blocks from their peers but do not relay them (an honest
 *   block the pool helps to spread would only compete with its own).
 * Honest nodes relay every block they see for the first time to their
 * neighbours (pool nodes only if they are their peers), as in pow-network.
 *
 * Fork choice of honest nodes, `tieBreak`:
 *   first-seen  most work, the block received first on ties (Bitcoin Core;
 *               Nakamoto 2008, section 5)
 *   uniform     most work, a uniformly random one among the equal-work tips
 *               seen (Eyal & Sirer 2014, section 6, the proposed fix: gamma
 *               becomes 1/2); drawn by reservoir sampling on stream "tie-break"
 */
import { Simulation } from "../../engine/simulation";
import { Timers } from "../../engine/timers";
import { Network } from "../../network/network";
import { exponential } from "../../network/latency/draw";
import type { Rng } from "../../random/seed";
import { ChainState } from "../pow-network/chain-state";
import { HashShares } from "../pow-network/hash-shares";
import type { PoolNetwork } from "./pool-network";
import { SelfishPool } from "./pool-strategy";

export const TIE_BREAKS = ["first-seen", "uniform"] as const;
export type TieBreak = (typeof TIE_BREAKS)[number];

export interface SelfishNetworkConfig {
  /** Hash share of the pool, split evenly over its nodes; honest nodes share the rest evenly. */
  readonly alpha: number;
  readonly blocks: number;
  readonly blockIntervalS: number;
  readonly blockSizeBytes: number;
  readonly tieBreak: TieBreak;
}

export interface SelfishNetworkRun {
  readonly state: ChainState;
  readonly pool: SelfishPool;
  readonly net: PoolNetwork;
  readonly mined: number;
  readonly events: number;
  readonly endTimeS: number;
}

/** Hash share of every node: the pool's alpha over its nodes, the rest over the honest ones. */
export function poolHashShares(n: number, poolNodes: number, alpha: number): Float64Array {
  const s = new Float64Array(n);
  for (let v = 0; v < n; v++) s[v] = v < poolNodes ? alpha / poolNodes : (1 - alpha) / (n - poolNodes);
  return s;
}

/** Arena message type of a block message (as in pow-network). */
const BLOCK_MESSAGE = 1;

export function simulateSelfishNetwork(pn: PoolNetwork, config: SelfishNetworkConfig, rng: Rng): SelfishNetworkRun {
  const { n, poolNodes: m, isPool, peers, isPeer } = pn;
  const shares = new HashShares(n, poolHashShares(n, m, config.alpha));
  const miningRng = rng.child("mining").fast;
  const tieRng = rng.child("tie-break").fast;
  const uniformTies = config.tieBreak === "uniform";
  const sim = new Simulation(4096);
  const net = new Network(sim, pn.network, rng.child("network"));
  const arena = net.arena;
  const state = new ChainState(n, { blocks: config.blocks });
  const tree = state.tree;
  const T = config.blockIntervalS;
  const size = config.blockSizeBytes;
  const equalTips = new Int32Array(n).fill(1); // equal-work tips seen at the current tip's work (uniform tie-break)
  let mined = 0;

  const blockMessage = (b: number) => arena.alloc(BLOCK_MESSAGE, tree.height[b], 0, b, tree.miner[b], size);

  // Honest relay: to neighbours lacking the block; to a pool node only over a pool link.
  let relayed = 0;
  let sender = 0;
  const honestRelayFilter = (w: number) => !state.hasSeen(relayed, w) && (isPool[w] === 0 || isPeer[w * n + sender] === 1);
  const relay = (v: number, b: number) => {
    relayed = b;
    sender = v;
    net.broadcast(BLOCK, v, blockMessage(b), honestRelayFilter);
  };

  const scratch = new Int32Array(n);
  const publish = (b: number) => {
    for (let i = 0; i < m; i++) {
      let c = 0;
      for (const w of peers[i]) if (!state.hasSeen(b, w)) scratch[c++] = w;
      if (c > 0) net.multicast(BLOCK, i, scratch, blockMessage(b), c);
    }
  };
  const pool = new SelfishPool(tree, isPool, publish);

  /** Honest node v's fork choice after receiving (or mining) block b. */
  const choose = (v: number, b: number, oldTip: number) => {
    if (state.tip[v] !== oldTip) {
      equalTips[v] = 1;
      return;
    }
    if (!uniformTies || b === oldTip || tree.work[b] !== tree.work[oldTip]) return;
    equalTips[v]++;
    if (tieRng.below(equalTips[v]) === 0) state.tip[v] = b;
  };

  const BLOCK = net.defineMessage("block", (v, msg) => {
    const b = arena.value[msg];
    if (state.hasSeen(b, v)) return;
    if (isPool[v] === 1) {
      state.receive(v, b, sim.now);
      for (let i = 0; i < m; i++) if (!state.hasSeen(b, i)) state.receive(i, b, sim.now);
      if (isPool[tree.miner[b]] === 0) pool.heard(b);
      return;
    }
    const old = state.tip[v];
    state.receive(v, b, sim.now);
    choose(v, b, old);
    relay(v, b);
  });

  const mining = new Timers(sim.scope("pow"), "mine", 1, () => {
    const v = shares.pick(miningRng);
    if (isPool[v] === 1) {
      const b = tree.add(pool.privateTip, v, sim.now, 1);
      for (let i = 0; i < m; i++) state.receive(i, b, sim.now);
      pool.mined(b);
    } else {
      const old = state.tip[v];
      const b = state.mine(v, sim.now, 1);
      choose(v, b, old);
      relay(v, b);
    }
    mined++;
    if (mined < config.blocks) mining.set(0, exponential(miningRng, T));
  });

  mining.set(0, exponential(miningRng, T));
  sim.run({ maxEvents: 1e12 });
  return { state, pool, net: pn, mined, events: sim.events, endTimeS: sim.now };
}

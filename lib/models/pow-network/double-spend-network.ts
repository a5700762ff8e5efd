/**
 * The double spend on the network: an attacker node with hash share q races
 * a private branch against the honest network, whose blocks spread with the
 * delays of the network (ideal relay of simulate.ts), so honest forks waste
 * honest work and lower the honest chain's growth rate.
 *
 * One run holds many attacks, one after the other (node 0 is the attacker,
 * node 1 the merchant, every other node honest with an equal share of 1 - q):
 * - Idle: the attacker mines honestly (publishes its blocks).
 * - Start: when, idle and past its cool-down, the attacker finds a block, it
 *   keeps it secret: Rosenfeld's pre-mined block (Rosenfeld 2014, section 3).
 *   Its parent is the base; the payment goes into the honest chain above it.
 * - Race: the attacker extends its private branch; the merchant counts
 *   confirmations = height of its tip above the base (if its tip descends
 *   from the base). Once the merchant has z and the private branch is longer
 *   than the best public chain the attacker knows, the attacker releases it
 *   (floods it; receivers take the missing ancestors with it).
 * - End: success when the merchant's tip moves onto the private branch;
 *   failure when the attacker's public view is giveUpDeficit blocks ahead of
 *   its private branch (the chance of a later catch-up is at most
 *   (q_eff / p_eff)^giveUpDeficit, q_eff the attacker's share of the chain
 *   growth). Then the attacker rejoins the public chain and waits
 *   cooldownBlocks public blocks before the next attack.
 *
 * With negligible delay the race is the isolated one of lib/models/finality
 * (Rosenfeld 2014, eq. 1). With delay the honest chain grows at
 * (1 - q)(1 - s_h) / T, s_h the honest stale rate, and Rosenfeld at the
 * effective share q_eff = q / (q + (1 - q)(1 - s_h)) is the first-order
 * comparison (it ignores that forks cluster and that the release itself
 * takes time to spread).
 */
import { Simulation } from "../../engine/simulation";
import { Timers } from "../../engine/timers";
import { Network } from "../../network/network";
import { exponential } from "../../network/latency/draw";
import { ParameterError } from "../../experiment/params";
import type { Rng } from "../../random/seed";
import { ChainState } from "./chain-state";
import { setupNodes, type NakamotoSetup } from "./config";
import { HashShares } from "./hash-shares";

export interface NetworkDoubleSpendConfig {
  /** Attacker's hash share (node 0). */
  q: number;
  /** Confirmations the merchant (node 1) waits for. */
  z: number;
  /** Attacks to run. */
  trials: number;
  blockIntervalS: number;
  blockSizeBytes: number;
  /** The attacker gives up this many blocks behind (default 20). */
  giveUpDeficit?: number;
  /** Public blocks between attacks (default 3). */
  cooldownBlocks?: number;
  /** Stop after this many blocks even if not every attack has ended (default: a generous bound from trials, z and q). */
  maxBlocks?: number;
}

export interface NetworkDoubleSpendResult {
  successes: number;
  /** Attacks that ended (fewer than asked if maxBlocks stopped the run). */
  trials: number;
  /** Per attack: 1 success, 0 failure. */
  outcome: Uint8Array;
  /** Per attack: time the merchant's z confirmations took over their expectation z T / (1 - q) (NaN if never reached). */
  kappa: Float64Array;
  /** Honest blocks mined, and those lost to forks among honest miners (not the ones a successful attack replaced). */
  honestBlocks: number;
  honestStale: number;
  /** Blocks mined in all. */
  blocks: number;
  events: number;
  endTimeS: number;
  /** Why the run ended: done (every attack ended), max-blocks, or the simulation's stop reason (max-events, ...). */
  stop: string;
}

const IDLE = 0;
const RACE = 1;
const RELEASED = 2;

export function simulateNetworkDoubleSpend(setup: NakamotoSetup, config: NetworkDoubleSpendConfig, rng: Rng): NetworkDoubleSpendResult {
  const n = setupNodes(setup);
  const { q, z, trials } = config;
  if (n < 3) throw new ParameterError("nodes", n, "at least 3 (attacker, merchant and an honest miner)");
  if (!(q > 0 && q < 0.5)) throw new ParameterError("q", q, "0 < q < 0.5 (a minority attacker)");
  if (!(Number.isInteger(z) && z >= 1)) throw new ParameterError("z", z, "an integer >= 1");
  if (!(Number.isInteger(trials) && trials >= 1)) throw new ParameterError("trials", trials, "an integer >= 1");
  const giveUp = config.giveUpDeficit ?? 20;
  const cooldown = config.cooldownBlocks ?? 3;
  const T = config.blockIntervalS;
  const shares = new Float64Array(n).fill((1 - q) / (n - 1));
  shares[0] = q;
  const pick = new HashShares(n, shares);
  const miningRng = rng.child("mining").fast;
  // Capacity: each attack takes about (z + cooldown + catch-up) / (1 - 2q) blocks; grow generously.
  const bound = Math.ceil(trials * (z + cooldown + 4 + giveUp / (1 - 2 * q)) * 1.5 + 1000);
  if (config.maxBlocks !== undefined && !(Number.isInteger(config.maxBlocks) && config.maxBlocks >= 1)) throw new ParameterError("maxBlocks", config.maxBlocks, "an integer >= 1");
  const capacity = Math.min(bound, config.maxBlocks ?? bound);
  const sim = new Simulation(4096);
  const net = new Network(sim, setup.network, rng.child("network"));
  const arena = net.arena;
  const state = new ChainState(n, { blocks: capacity, hashShares: shares });
  const tree = state.tree;
  const outcome = new Uint8Array(trials);
  const kappa = new Float64Array(trials).fill(NaN);
  const expectedConfS = (z * T) / (1 - q);

  let phase = IDLE;
  let trial = 0;
  let base = 0;
  let privateTip = 0;
  let privateRoot = 0;
  let publicTip = 0; // best block the attacker has seen from others (or published)
  let startS = 0;
  let cooldownUntilHeight = 0;
  let mined = 0;
  let done = false;
  /** Bases of the attacks that succeeded: honest blocks above them on the public branch were replaced by the attack. */
  const successBases = new Set<number>();

  let relayed = 0;
  const lacksBlock = (w: number) => !state.hasSeen(relayed, w);
  const relay = (v: number, b: number) => {
    relayed = b;
    net.broadcast(BLOCK, v, arena.alloc(1, tree.height[b], 0, b, tree.miner[b], config.blockSizeBytes), lacksBlock);
  };

  const endAttack = (success: boolean) => {
    outcome[trial] = success ? 1 : 0;
    if (success) successBases.add(base);
    trial++;
    phase = IDLE;
    state.tip[0] = tree.work[publicTip] >= tree.work[privateTip] ? publicTip : privateTip;
    cooldownUntilHeight = tree.height[state.tip[0]] + cooldown;
    if (trial >= trials) done = true;
  };

  const merchantCheck = () => {
    const m = state.tip[1];
    if (phase === RACE && Number.isNaN(kappa[trial]) && tree.height[m] - tree.height[base] >= z && tree.isAncestor(base, m)) kappa[trial] = (sim.now - startS) / expectedConfS;
    if (phase === RELEASED && tree.height[m] >= tree.height[privateRoot] && tree.isAncestor(privateRoot, m)) endAttack(true);
  };

  const tryRelease = () => {
    if (phase !== RACE || Number.isNaN(kappa[trial])) return;
    if (tree.work[privateTip] > tree.work[publicTip]) {
      phase = RELEASED;
      relay(0, privateTip);
    }
  };

  const checkGiveUp = () => {
    if ((phase === RACE || phase === RELEASED) && tree.height[publicTip] - tree.height[privateTip] >= giveUp) endAttack(false);
  };

  const BLOCK = net.defineMessage("block", (v, msg) => {
    const b = arena.value[msg];
    if (state.hasSeen(b, v)) return;
    if (v === 0 && phase !== IDLE) {
      // The attacker keeps its private tip; it tracks the best public chain beside it.
      const keep = state.tip[0];
      state.receive(0, b, sim.now);
      state.tip[0] = keep;
      if (!tree.isAncestor(privateRoot, b) && tree.work[b] > tree.work[publicTip]) publicTip = b;
      relay(0, b);
      checkGiveUp();
      tryRelease();
      return;
    }
    state.receive(v, b, sim.now);
    if (v === 0) publicTip = state.tip[0];
    relay(v, b);
    if (v === 1) merchantCheck();
    if (phase === RACE && v === 1) tryRelease();
  });

  const mining = new Timers(sim.scope("pow"), "mine", 1, () => {
    const v = pick.pick(miningRng);
    mined++;
    if (v !== 0) {
      const b = state.mine(v, sim.now, 1);
      relay(v, b);
      if (v === 1) merchantCheck();
    } else if (phase === IDLE) {
      const parent = state.tip[0];
      if (tree.height[parent] >= cooldownUntilHeight) {
        // The pre-mined block: kept secret, the attack starts.
        const b = state.mine(0, sim.now, 1);
        phase = RACE;
        base = parent;
        privateRoot = b;
        privateTip = b;
        publicTip = parent;
        startS = sim.now;
      } else {
        const b = state.mine(0, sim.now, 1);
        publicTip = b;
        relay(0, b);
      }
    } else {
      state.tip[0] = privateTip;
      const b = state.mine(0, sim.now, 1);
      privateTip = b;
      state.tip[0] = b;
      if (phase === RELEASED) relay(0, b);
      else tryRelease();
    }
    if (!done && mined < capacity) mining.set(0, exponential(miningRng, T));
  });

  mining.set(0, exponential(miningRng, T));
  const report = sim.run({ maxEvents: 4 * capacity * (n + 16) + 1e6 });
  // Out of blocks (maxBlocks) or events: the attacks that ended are the result; the one under way is dropped.
  const stop = done ? "done" : mined >= capacity ? "max-blocks" : report.stop;

  const onMain = tree.chainMask(tree.bestTip());
  const attackerChildOnMain = (a: number) => {
    for (let c = a + 1; c < tree.size; c++) if (tree.parent[c] === a && onMain[c]) return tree.miner[c] === 0;
    return false;
  };
  let honestBlocks = 0;
  let honestStale = 0;
  for (let b = 1; b < tree.size; b++) {
    if (tree.miner[b] === 0) continue;
    honestBlocks++;
    if (onMain[b]) continue;
    let a = b;
    while (!onMain[a]) a = tree.parent[a];
    // Fork point a on the main chain: a successful attack's base whose main-chain child is the attacker's.
    if (successBases.has(a) && attackerChildOnMain(a)) continue;
    honestStale++;
  }
  let successes = 0;
  for (let i = 0; i < trial; i++) successes += outcome[i];
  return { successes, trials: trial, outcome: outcome.subarray(0, trial), kappa: kappa.subarray(0, trial), honestBlocks, honestStale, blocks: tree.size - 1, events: sim.events, endTimeS: sim.now, stop };
}

/** Rosenfeld's effective attacker share when honest forks waste a share s_h of honest blocks. */
export function effectiveAttackerShare(q: number, honestStaleRate: number): number {
  const honest = (1 - q) * (1 - honestStaleRate);
  return q / (q + honest);
}

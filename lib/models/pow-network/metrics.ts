/**
 * What a proof-of-work network run measured: stale rate, forks, reorgs,
 * propagation times and each miner's share of the main chain.
 *
 * Definitions
 * - Main chain: the chain with the most work at the end (ties: the block found
 *   first). Stale (orphan) blocks are the mined blocks not on it; stale rate =
 *   stale / mined (w3_pownet: 1 - main chain length / blocks mined).
 * - Fork: a maximal subtree of stale blocks hanging off the main chain; its
 *   length is the longest path in it (1 = a single orphaned block).
 * - Node reorg: a node switching to a tip that does not extend its old one;
 *   its depth is the number of blocks it discarded. Counted per node, so one
 *   fork that n nodes had adopted is n node reorgs (nodeReorgsPerBlock).
 * - Network reorg: a fork (maximal stale subtree) that some node had adopted
 *   as its tip, and which every node later left: the usual meaning of "a
 *   reorg happened" (networkReorgsPerBlock, per block mined).
 * - Propagation: for each block, the time from being found until 50 %, 90 %
 *   and 100 % of all nodes have it; the mean arrival delay over (block, node)
 *   pairs is D (w3_pownet's D_mean).
 * - Hash-weighted delay D_h: per block, the sum over nodes of hash share times
 *   arrival delay (the miner adds 0: it cannot compete with its own block),
 *   averaged over the blocks that reached all the hash power. With equal
 *   shares and every node reached it equals D.
 * - staleRateApprox = 1 - exp(-D_h / T), T the mean block interval: the chance
 *   that a competing block is found by hash power that has not yet heard of
 *   the last one. Decker & Wattenhofer ("Information propagation in the
 *   Bitcoin network", P2P 2013) model the fork probability as
 *   1 - (1 - p)^(integral of (1 - f(t)) dt), f(t) the share of nodes that
 *   have the block after t seconds and p the block probability per second;
 *   that integral is exactly the mean arrival delay D. First order in D / T:
 *   it ignores forks during forks and the race that follows a fork.
 */
import { batchMeans, DEFAULT_BATCHES } from "../../stats/batch-means";
import { REORG_HISTOGRAM_BINS } from "./chain-state";
import type { NakamotoRun } from "./config";

export interface NakamotoSummary {
  blocksMined: number;
  mainChainBlocks: number;
  staleBlocks: number;
  staleRate: number;
  /**
   * Standard error of the stale rate by batch means over 20 batches of consecutive blocks (lib/stats/batch-means.ts):
   * forks cluster in time, so the binomial sqrt(p (1 - p) / mined) would assume an independence blocks do not have.
   */
  staleRateSE: number;
  staleRateApprox: number;
  /** 1 - exp(-D100 / T) with the mean time to reach every node (an upper-side model). */
  staleRateApproxAll: number;
  forks: number;
  meanForkLength: number;
  maxForkLength: number;
  /** Tip switches that discarded blocks, summed over nodes. */
  nodeReorgs: number;
  /** nodeReorgs / blocks mined (n times the network-level rate when every node follows every fork). */
  nodeReorgsPerBlock: number;
  /** Forks that some node had adopted (network-level reorgs). */
  networkReorgs: number;
  networkReorgsPerBlock: number;
  meanReorgDepth: number;
  maxReorgDepth: number;
  /** Mean over blocks of the time to reach 50 % / 90 % / 100 % of nodes, s (blocks that got there). */
  propagationP50S: number;
  propagationP90S: number;
  propagationP100S: number;
  /** Mean arrival delay over (block, node) pairs, s. */
  propagationMeanS: number;
  /** Mean over blocks of the hash-weighted delay D_h (blocks that reached all the hash power), s. */
  propagationHashMeanS: number;
  /** Mean over blocks of the time to reach 50 % / 90 % / 100 % of the hash power, s. */
  propagationHashP50S: number;
  propagationHashP90S: number;
  propagationHashP100S: number;
  /** Share of blocks that reached every node. */
  reachedAllShare: number;
  /** Largest |main-chain share - hash share| over miners. */
  minerShareMaxError: number;
  /** Node 0's hash share and main-chain share (node 0 is the big miner in the experiment). */
  miner0HashShare: number;
  miner0MainShare: number;
  /** Mean time between main-chain blocks, s. */
  mainIntervalS: number;
  /** Difficulty at the main tip (1 unless retargeting or initialDifficulty). */
  finalDifficulty: number;
  events: number;
  duplicateDeliveries: number;
  simTimeS: number;
}

/** Main-chain blocks per miner, and the main tip. */
export function mainChainByMiner(run: NakamotoRun): { tip: number; blocksByMiner: Int32Array } {
  const tree = run.state.tree;
  const tip = tree.bestTip();
  const blocksByMiner = new Int32Array(run.state.n);
  for (let b = tip; b > 0; b = tree.parent[b]) blocksByMiner[tree.miner[b]]++;
  return { tip, blocksByMiner };
}

/** Fork lengths (one entry per fork), from the final tree. */
export function forkLengths(run: NakamotoRun): Int32Array {
  const tree = run.state.tree;
  const onMain = tree.chainMask(tree.bestTip());
  const root = new Int32Array(tree.size).fill(-1);
  const lengthOf = new Map<number, number>();
  for (let b = 1; b < tree.size; b++) {
    if (onMain[b]) continue;
    const p = tree.parent[b];
    root[b] = onMain[p] ? b : root[p];
    const len = tree.height[b] - tree.height[root[b]] + 1;
    if (len > (lengthOf.get(root[b]) ?? 0)) lengthOf.set(root[b], len);
  }
  return Int32Array.from(lengthOf.values());
}

/** Histogram of reorg depths: counts[d] for d = 0 .. (0 is always 0; the last bin holds deeper ones). */
export function reorgDepthHistogram(run: NakamotoRun): { depth: number[]; count: number[]; lastBinIsOpen: boolean } {
  const h = run.state.reorgDepth;
  let last = 0;
  for (let d = 0; d < h.length; d++) if (h[d] > 0) last = d;
  const depth: number[] = [];
  const count: number[] = [];
  for (let d = 1; d <= Math.max(1, last); d++) {
    depth.push(d);
    count.push(h[d]);
  }
  return { depth, count, lastBinIsOpen: last === REORG_HISTOGRAM_BINS - 1 };
}

function meanFinite(xs: Float64Array, from: number, to: number): { mean: number; count: number } {
  let sum = 0;
  let count = 0;
  for (let i = from; i < to; i++) {
    if (!Number.isNaN(xs[i])) {
      sum += xs[i];
      count++;
    }
  }
  return { mean: count > 0 ? sum / count : NaN, count };
}

/** Batch-means standard error of the stale rate: stale indicators of the blocks in the order they were found. */
export function staleRateBatchSE(run: NakamotoRun, tip: number): number {
  const tree = run.state.tree;
  const onMain = tree.chainMask(tip);
  const stale = new Float64Array(tree.size - 1);
  for (let b = 1; b < tree.size; b++) stale[b - 1] = onMain[b] ? 0 : 1;
  return stale.length >= 2 ? batchMeans(stale, DEFAULT_BATCHES).se : NaN;
}

/** Mean over blocks that reached all the hash power of sum_v share(v) * delay(v) (NaN if none did). */
export function hashWeightedDelay(run: NakamotoRun): number {
  const state = run.state;
  let sum = 0;
  let count = 0;
  for (let b = 1; b < state.tree.size; b++) {
    if (Number.isNaN(state.t100HashS[b])) continue;
    sum += state.delayHashS[b];
    count++;
  }
  return count > 0 ? sum / count : NaN;
}

/** Forks (maximal stale subtrees) in which some node adopted a block: network-level reorgs. */
export function networkForks(run: NakamotoRun): number {
  const tree = run.state.tree;
  const onMain = tree.chainMask(tree.bestTip());
  const root = new Int32Array(tree.size).fill(-1);
  const counted = new Uint8Array(tree.size);
  let forks = 0;
  for (let b = 1; b < tree.size; b++) {
    if (onMain[b]) continue;
    const p = tree.parent[b];
    root[b] = onMain[p] ? b : root[p];
    if (run.state.adopted[b] && !counted[root[b]]) {
      counted[root[b]] = 1;
      forks++;
    }
  }
  return forks;
}

export function summarizeNakamoto(run: NakamotoRun): NakamotoSummary {
  const { state, config } = run;
  const tree = state.tree;
  const mined = tree.size - 1;
  const { tip, blocksByMiner } = mainChainByMiner(run);
  const mainChainBlocks = tree.height[tip];
  const stale = mined - mainChainBlocks;
  const staleRate = mined > 0 ? stale / mined : 0;

  const forks = forkLengths(run);
  let forkSum = 0;
  let forkMax = 0;
  for (const f of forks) {
    forkSum += f;
    if (f > forkMax) forkMax = f;
  }

  const h = state.reorgDepth;
  let reorgs = 0;
  let depthSum = 0;
  let depthMax = 0;
  for (let d = 1; d < h.length; d++) {
    reorgs += h[d];
    depthSum += d * h[d];
    if (h[d] > 0) depthMax = d;
  }

  let delaySum = 0;
  let pairs = 0;
  for (let b = 1; b < tree.size; b++) {
    delaySum += state.delaySumS[b];
    pairs += state.reached[b];
  }
  const D = pairs > 0 ? delaySum / pairs : NaN;
  const Dh = hashWeightedDelay(run);
  const p100 = meanFinite(state.t100S, 1, tree.size);
  const T = (config.retargetBlocks ?? 0) > 0 ? config.blockIntervalS : config.blockIntervalS * (config.initialDifficulty ?? 1);

  const shares = config.hashShares ? Float64Array.from(config.hashShares) : new Float64Array(state.n).fill(1 / state.n);
  let shareErr = 0;
  for (let i = 0; i < state.n; i++) {
    const main = mainChainBlocks > 0 ? blocksByMiner[i] / mainChainBlocks : 0;
    shareErr = Math.max(shareErr, Math.abs(main - shares[i]));
  }

  return {
    blocksMined: mined,
    mainChainBlocks,
    staleBlocks: stale,
    staleRate,
    staleRateSE: staleRateBatchSE(run, tip),
    staleRateApprox: -Math.expm1(-Dh / T),
    staleRateApproxAll: -Math.expm1(-p100.mean / T),
    forks: forks.length,
    meanForkLength: forks.length > 0 ? forkSum / forks.length : 0,
    maxForkLength: forkMax,
    nodeReorgs: reorgs,
    nodeReorgsPerBlock: mined > 0 ? reorgs / mined : 0,
    networkReorgs: networkForks(run),
    networkReorgsPerBlock: mined > 0 ? networkForks(run) / mined : 0,
    meanReorgDepth: reorgs > 0 ? depthSum / reorgs : 0,
    maxReorgDepth: depthMax,
    propagationP50S: meanFinite(state.t50S, 1, tree.size).mean,
    propagationP90S: meanFinite(state.t90S, 1, tree.size).mean,
    propagationP100S: p100.mean,
    propagationMeanS: D,
    propagationHashMeanS: Dh,
    propagationHashP50S: meanFinite(state.t50HashS, 1, tree.size).mean,
    propagationHashP90S: meanFinite(state.t90HashS, 1, tree.size).mean,
    propagationHashP100S: meanFinite(state.t100HashS, 1, tree.size).mean,
    reachedAllShare: mined > 0 ? p100.count / mined : NaN,
    minerShareMaxError: shareErr,
    miner0HashShare: shares[0],
    miner0MainShare: mainChainBlocks > 0 ? blocksByMiner[0] / mainChainBlocks : 0,
    mainIntervalS: mainChainBlocks > 0 ? tree.foundS[tip] / mainChainBlocks : NaN,
    finalDifficulty: tree.difficulty[tip],
    events: run.events,
    duplicateDeliveries: run.duplicates,
    simTimeS: run.endTimeS,
  };
}

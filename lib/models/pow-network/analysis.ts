/**
 * Richer outputs of the proof-of-work network model for notebooks: the whole
 * run instead of one row, and tidy row arrays (aq.from takes them as they
 * are) for propagation, forks, reorgs and miner shares.
 *
 *   const { run, summary } = nakamotoNetworkRun({ blocks: 500, latencyMedianMs: 200 }, 1, { recordArrivals: true });
 *   const cdf = propagationCdf(run);             // share of nodes reached vs seconds since the block was found
 *   const reorgs = reorgDepthHistogram(run);     // { depth, count }
 */
import type { Rng } from "../../random/seed";
import { replicateRng } from "../../random/seed";
import { paramCells, streamCells } from "../../experiment/params";
import { setupNodes, type NakamotoRun, type NakamotoSetup } from "./config";
import { forkLengths, mainChainByMiner, summarizeNakamoto, type NakamotoSummary } from "./metrics";
import { nakamotoNetwork, type NakamotoNetworkParams } from "./network-experiment";
import { buildNakamotoSetup, configFromParams, runNakamoto, type KernelChoice } from "./run";

export interface NakamotoNetworkRunOptions {
  /** Keep every (block, node) arrival delay, for propagationCdf (memory 8 * nodes * blocks bytes). */
  recordArrivals?: boolean;
  kernel?: KernelChoice;
  /** Replicate index (the stream is the one `runPoint(nakamotoNetwork, params, seed, replicate)` uses). */
  replicate?: number;
}

export interface NakamotoNetworkRunResult {
  params: NakamotoNetworkParams;
  setup: NakamotoSetup;
  run: NakamotoRun;
  summary: NakamotoSummary;
}

/**
 * Run the `nakamoto-network` experiment and keep everything. `seed` is the
 * root seed of a sweep (same stream as the CLI row with that seed) or an Rng.
 */
export function nakamotoNetworkRun(given: Partial<NakamotoNetworkParams>, seed: number | Rng, options: NakamotoNetworkRunOptions = {}): NakamotoNetworkRunResult {
  const params = nakamotoNetwork.resolve(given);
  // The stream runPoint names for this point (its parameter cells, output-only ones left out).
  const cells = streamCells(nakamotoNetwork.params, paramCells(nakamotoNetwork.params, params));
  const rng = typeof seed === "number" ? replicateRng(seed, nakamotoNetwork.name, cells, options.replicate ?? 0) : seed;
  const setup = buildNakamotoSetup(params, rng);
  const config = { ...configFromParams(params, setupNodes(setup), setup.hashShares), recordArrivals: options.recordArrivals ?? false };
  const run = runNakamoto(setup, config, rng, options.kernel ?? "auto");
  return { params, setup, run, summary: summarizeNakamoto(run) };
}

/**
 * CDF of block arrival delays over all (block, node) pairs: `share` of the
 * pairs reached within `delayS` seconds of the block being found, at `points`
 * evenly spaced shares from 0 to 1 (quantiles). Pairs never reached are left
 * out and counted in `unreachedShare`. Needs a run with recordArrivals.
 */
export function propagationCdf(run: NakamotoRun, points = 101): { share: number[]; delayS: number[]; unreachedShare: number } {
  const arrivals = run.state.arrivalS;
  if (!arrivals) throw new Error("propagationCdf needs a run with recordArrivals: true");
  const n = run.state.n;
  const blocks = run.state.tree.size;
  const xs = new Float64Array((blocks - 1) * n);
  let m = 0;
  for (let i = n; i < blocks * n; i++) if (!Number.isNaN(arrivals[i])) xs[m++] = arrivals[i];
  const sorted = xs.subarray(0, m).sort();
  const share: number[] = [];
  const delayS: number[] = [];
  for (let j = 0; j < points; j++) {
    const p = points === 1 ? 1 : j / (points - 1);
    share.push(p);
    delayS.push(m > 0 ? sorted[Math.min(m - 1, Math.max(0, Math.ceil(p * m) - 1))] : NaN);
  }
  const total = (blocks - 1) * n;
  return { share, delayS, unreachedShare: total > 0 ? 1 - m / total : 0 };
}

/** One row per block: who found it when, whether it is on the main chain, and its 50/90/100 % propagation times. */
export interface BlockRow {
  block: number;
  miner: number;
  height: number;
  foundS: number;
  onMainChain: boolean;
  /** Nodes that have the block at the end. */
  reached: number;
  /** Seconds from found to 50 % / 90 % / 100 % of nodes (null: never). */
  t50S: number | null;
  t90S: number | null;
  t100S: number | null;
}

export function blockRows(run: NakamotoRun): BlockRow[] {
  const { tree, reached, t50S, t90S, t100S } = run.state;
  const onMain = tree.chainMask(tree.bestTip());
  const nan = (x: number) => (Number.isNaN(x) ? null : x);
  const rows: BlockRow[] = [];
  for (let b = 1; b < tree.size; b++) {
    rows.push({ block: b, miner: tree.miner[b], height: tree.height[b], foundS: tree.foundS[b], onMainChain: onMain[b] === 1, reached: reached[b], t50S: nan(t50S[b]), t90S: nan(t90S[b]), t100S: nan(t100S[b]) });
  }
  return rows;
}

/** One row per miner: hash share against share of main-chain blocks. */
export function minerShareRows(run: NakamotoRun): Array<{ miner: number; hashShare: number; mainBlocks: number; mainShare: number }> {
  const { blocksByMiner } = mainChainByMiner(run);
  let main = 0;
  for (const c of blocksByMiner) main += c;
  const n = run.state.n;
  const shares = run.config.hashShares;
  return Array.from({ length: n }, (_, i) => ({ miner: i, hashShare: shares ? shares[i] : 1 / n, mainBlocks: blocksByMiner[i], mainShare: main > 0 ? blocksByMiner[i] / main : 0 }));
}

/** Forks by length (1 = a single orphan, 2 = two stale blocks in a row, ...). */
export function forkLengthHistogram(run: NakamotoRun): { length: number[]; count: number[] } {
  const lengths = forkLengths(run);
  let max = 0;
  for (const l of lengths) max = Math.max(max, l);
  const count = new Array(max).fill(0);
  for (const l of lengths) count[l - 1]++;
  return { length: count.map((_, i) => i + 1), count };
}

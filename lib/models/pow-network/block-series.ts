/**
 * The per-block series of a proof-of-work network run, for sweeps that keep
 * them beside their rows (series.arrow): one entry per mined block (genesis
 * left out), with the propagation times the summary averages (metrics.ts).
 *   block      block id (mining order, 1-based)
 *   height     its height in the block tree
 *   foundS     when it was found, s
 *   main       1 if it is on the main chain at the end, else 0 (stale)
 *   miner      the node that found it
 *   reached    nodes that received it
 *   t50S, t90S, t100S   time from being found until 50 / 90 / 100 % of nodes had it (NaN: never)
 *   meanDelayS mean arrival delay over the nodes it reached, s
 */
import type { SeriesColumns } from "../../experiment/experiment";
import type { NakamotoRun } from "./config";

export function blockSeries(run: NakamotoRun): SeriesColumns {
  const { tree, reached, t50S, t90S, t100S, delaySumS } = run.state;
  const blocks = tree.size - 1;
  const onMain = tree.chainMask(tree.bestTip());
  const out = {
    block: new Float64Array(blocks),
    height: new Float64Array(blocks),
    foundS: new Float64Array(blocks),
    main: new Float64Array(blocks),
    miner: new Float64Array(blocks),
    reached: new Float64Array(blocks),
    t50S: new Float64Array(blocks),
    t90S: new Float64Array(blocks),
    t100S: new Float64Array(blocks),
    meanDelayS: new Float64Array(blocks),
  };
  for (let i = 0; i < blocks; i++) {
    const b = i + 1;
    out.block[i] = b;
    out.height[i] = tree.height[b];
    out.foundS[i] = tree.foundS[b];
    out.main[i] = onMain[b];
    out.miner[i] = tree.miner[b];
    out.reached[i] = reached[b];
    out.t50S[i] = t50S[b];
    out.t90S[i] = t90S[b];
    out.t100S[i] = t100S[b];
    out.meanDelayS[i] = reached[b] > 0 ? delaySumS[b] / reached[b] : NaN;
  }
  return out;
}

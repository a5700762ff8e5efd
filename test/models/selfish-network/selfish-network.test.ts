import { test } from "node:test";
import assert from "node:assert/strict";
import { rngFor } from "../../../lib/random/seed";
import { ParameterError } from "../../../lib/experiment/params";
import { sweep } from "../../../lib/sweep/sweep";
import { BlockTree } from "../../../lib/models/pow-network/block-tree";
import { selfishRevenue } from "../../../lib/models/selfish-mining/closed-form";
import { selfishMiningNetwork, selfishNetworkRun } from "../../../lib/models/selfish-network/experiment";
import { summarizeSelfishNetwork } from "../../../lib/models/selfish-network/measure";
import { SelfishPool } from "../../../lib/models/selfish-network/pool-strategy";
import { attachPool, honestConnected } from "../../../lib/models/selfish-network/pool-network";
import { graphFromEdges } from "../../../lib/network/graph";
import { graphNetworkConfig } from "../../../lib/network/graph-network";
import { constantPairLatency } from "../../../lib/network/pair-latency";

type Rec = Record<string, number>;

/** Zero propagation delay: every node has a block the instant it is sent; only the order of equal-time arrivals and the tie-break matter. */
const ZERO_DELAY = { overlay: ["complete"], nodes: [6], latency: ["constant"], latencyMedianMs: [0], blockSizeMB: [0] };

/** Pooled effective gamma over the replicates of one point: successes / trials, binomial SE. */
function pooledGamma(rows: Rec[]): { gamma: number; se: number; trials: number } {
  let trials = 0;
  let onPool = 0;
  for (const r of rows) {
    trials += r.tiesSettledByHonest;
    onPool += r.effectiveGamma * r.tiesSettledByHonest;
  }
  const gamma = onPool / trials;
  return { gamma, se: Math.sqrt((gamma * (1 - gamma)) / trials), trials };
}

test("Algorithm 1 on heights: withhold, match at lead 1, override at lead 2, publish one at lead > 2, win a race (Eyal & Sirer 2014, Algorithm 1)", () => {
  const tree = new BlockTree(64);
  const isPool = Uint8Array.from([1, 0]); // miner 0: the pool, miner 1: honest
  const published: number[] = [];
  const pool = new SelfishPool(tree, isPool, (b) => published.push(b));
  // Lead 0, others find: adopt.
  const h1 = tree.add(0, 1, 1, 1);
  pool.heard(h1);
  assert.equal(pool.privateTip, h1);
  // Pool finds two: kept private (lead 2); others find one: publish all (override).
  const p1 = tree.add(pool.privateTip, 0, 2, 1);
  pool.mined(p1);
  const p2 = tree.add(pool.privateTip, 0, 3, 1);
  pool.mined(p2);
  assert.deepEqual(published, []);
  assert.equal(pool.lead(), 2);
  const h2 = tree.add(h1, 1, 4, 1);
  pool.heard(h2);
  assert.deepEqual(published, [p1, p2]);
  assert.equal(pool.lead(), 0);
  // Lead 1, others find: match (a tie), racing; the pool finds the next: publish it.
  const p3 = tree.add(pool.privateTip, 0, 5, 1);
  pool.mined(p3);
  const h3 = tree.add(p2, 1, 6, 1);
  pool.heard(h3);
  assert.deepEqual(published, [p1, p2, p3]);
  assert.ok(pool.racing);
  assert.deepEqual([pool.tiePoolBlock, pool.tieHonestBlock], [[p3], [h3]]);
  const p4 = tree.add(pool.privateTip, 0, 7, 1);
  pool.mined(p4);
  assert.deepEqual(published, [p1, p2, p3, p4]);
  assert.ok(!pool.racing);
  // Lead 3, others find: publish the first unpublished only (lead 2 left); again: publish all.
  const q = [1, 2, 3].map(() => {
    const b = tree.add(pool.privateTip, 0, 8, 1);
    pool.mined(b);
    return b;
  });
  const h5 = tree.add(p4, 1, 9, 1);
  pool.heard(h5);
  assert.deepEqual(published.slice(4), [q[0]]);
  assert.equal(pool.lead(), 2);
  const h6 = tree.add(h5, 1, 10, 1);
  pool.heard(h6);
  assert.deepEqual(published.slice(4), q);
  // An honest block no higher than the public chain changes nothing.
  const before = published.length;
  pool.heard(tree.add(p4, 1, 11, 1));
  assert.equal(published.length, before);
  assert.equal(pool.privateTip, q[2]);
});

test("zero delay, first-seen: the honest block always arrives first, gamma = 0 exactly, and revenue matches Eyal-Sirer eq. 8 at gamma = 0 within 4 SE", () => {
  const result = sweep(selfishMiningNetwork, { ...ZERO_DELAY, tieBreak: ["first-seen"], alpha: [0.25, 0.35, 0.45], blocks: [10_000] }, { replicates: 10, seed: 14 });
  const rows = result.rows.objects() as Rec[];
  for (const r of rows) assert.equal(r.effectiveGamma, 0, JSON.stringify(r));
  for (const s of result.summary.objects() as Rec[]) {
    const theory = selfishRevenue(s.alpha, 0);
    const z = Math.abs(s.revenue_mean - theory) / s.revenue_se;
    assert.ok(s.revenue_se > 0 && z < 4, `alpha=${s.alpha}: ${s.revenue_mean} +- ${s.revenue_se}, theory ${theory}, z=${z.toFixed(2)}`);
  }
});

test("zero delay, uniform tie-break (Eyal & Sirer 2014 section 6): gamma = 1/2 and revenue = eq. 8 at gamma = 1/2, both within 4 SE", () => {
  const result = sweep(selfishMiningNetwork, { ...ZERO_DELAY, tieBreak: ["uniform"], alpha: [0.25, 0.35, 0.45], blocks: [10_000] }, { replicates: 10, seed: 15 });
  const rows = result.rows.objects() as Rec[];
  let sumZ2 = 0;
  for (const s of result.summary.objects() as Rec[]) {
    const g = pooledGamma(rows.filter((r) => r.alpha === s.alpha));
    assert.ok(g.trials > 2000 && Math.abs(g.gamma - 0.5) < 4 * g.se, `alpha=${s.alpha}: gamma ${g.gamma} +- ${g.se}`);
    const theory = selfishRevenue(s.alpha, 0.5);
    const z = Math.abs(s.revenue_mean - theory) / s.revenue_se;
    assert.ok(s.revenue_se > 0 && z < 4, `alpha=${s.alpha}: ${s.revenue_mean} +- ${s.revenue_se}, theory ${theory}, z=${z.toFixed(2)}`);
    sumZ2 += z * z;
  }
  // Guard against an inflated SE: sum of 3 squared t(9) statistics >= chi^2(3)'s 0.1 % quantile (0.0243) with probability > 99.9 %.
  assert.ok(sumZ2 > 0.0243, `sum z^2 = ${sumZ2}`);
});

test("latency advantage: gamma = k (k - 1) / h^2 for a pool linked to k of h honest nodes at a tenth of their latency, and revenue = eq. 8 at that gamma, within 4 SE", () => {
  // Complete overlay, every link 100 ms, pool links 10 ms. The pool hears the honest block at +10 ms only if its finder is a
  // peer (probability k / h), and its own block then reaches the other k - 1 peers at +20 ms, before the honest block (+100 ms);
  // non-peers get the honest block first. So a race is settled on the pool's block by the next honest finder with probability
  // (k / h) (k - 1) / h (Eyal & Sirer 2014, section 3: gamma is the honest share mining on the pool's block).
  const h = 10;
  for (const [k, degree] of [[10, 0], [5, 5]]) {
    const gammaTheory = (k * (k - 1)) / (h * h);
    const result = sweep(
      selfishMiningNetwork,
      { overlay: ["complete"], nodes: [h + 1], latency: ["constant"], latencyMedianMs: [100], blockSizeMB: [0], poolLatencyFactor: [0.1], poolDegree: [degree], alpha: [0.3], blocks: [10_000] },
      { replicates: 10, seed: 16 },
    );
    const g = pooledGamma(result.rows.objects() as Rec[]);
    assert.ok(Math.abs(g.gamma - gammaTheory) < 4 * g.se, `k=${k}: gamma ${g.gamma} +- ${g.se}, theory ${gammaTheory}`);
    const s = (result.summary.objects() as Rec[])[0];
    const theory = selfishRevenue(0.3, gammaTheory);
    assert.ok(Math.abs(s.revenue_mean - theory) < 4 * s.revenue_se, `k=${k}: revenue ${s.revenue_mean} +- ${s.revenue_se}, theory ${theory}`);
  }
});

test("block conservation: pool + honest main chain + stale + pending = mined, on graphs with latency, bandwidth and colluding pool nodes", () => {
  const cases = [
    { nodes: 40, degree: 4, alpha: 0.3, blocks: 1500 },
    { nodes: 40, degree: 4, alpha: 0.45, poolNodes: 3, poolDegree: 4, poolLatencyFactor: 0.2, blocks: 1500, blockIntervalS: 20 },
    { nodes: 30, overlay: "complete", alpha: 0.2, tieBreak: "uniform", blocks: 1500, blockIntervalS: 10 },
  ];
  for (const given of cases) {
    const p = selfishMiningNetwork.resolve(given);
    const run = selfishNetworkRun(p, rngFor(["conservation", JSON.stringify(given)]));
    const s = summarizeSelfishNetwork(run);
    assert.equal(s.mined, p.blocks);
    assert.equal(s.poolMain + s.honestMain + s.stale + s.pending, s.mined, JSON.stringify(s));
    assert.ok(s.stale >= 0 && s.pending >= 0 && s.poolMain <= s.poolMined, JSON.stringify(s));
    // The pool finds blocks at its hash share: binomial, 4 SE.
    const se = Math.sqrt((p.alpha * (1 - p.alpha)) / p.blocks);
    assert.ok(Math.abs(s.poolMined / s.mined - p.alpha) < 4 * se, `pool mined ${s.poolMined} of ${s.mined}`);
    const row = selfishMiningNetwork.run(p, rngFor(["conservation", JSON.stringify(given)]));
    assert.equal(row.revenue, s.revenue, "the experiment's row is the run's summary (same stream, same result)");
  }
});

test("attaching the pool: its base links are replaced by links to its peers at factor x latency; honest links keep theirs; a pool that was a cut vertex leaves the honest nodes cut apart", () => {
  // A star around node 0 plus the edge 1-2: without the pool, 3 and 4 are cut off.
  const g = graphFromEdges(5, [0, 0, 0, 0, 1], [1, 2, 3, 4, 2]);
  const links = new Float64Array(g.neighbors.length).fill(0.1);
  const base = graphNetworkConfig(g, links, { latency: constantPairLatency(5, 50) });
  const pn = attachPool(base, { poolNodes: 1, poolDegree: 2, poolLatencyFactor: 0.2 }, rngFor(["attach"]).fast);
  assert.equal(pn.peers[0].length, 2);
  assert.ok(!honestConnected(pn));
  const o = pn.network.overlay;
  if (o.kind !== "graph") throw new Error("expected a graph overlay");
  const graph = o.graph;
  const lat = pn.network.linkLatencyS as Float64Array;
  for (let v = 0; v < 5; v++) {
    for (let k = graph.offsets[v]; k < graph.offsets[v + 1]; k++) {
      const w: number = graph.neighbors[k];
      if (v === 0 || w === 0) {
        assert.ok(pn.peers[0].includes(v === 0 ? w : v), `pool link ${v}-${w} to a peer`);
        assert.ok(Math.abs(lat[k] - 0.2 * 0.05) < 1e-15, `pool link ${v}-${w}: ${lat[k]}`);
      } else assert.equal(lat[k], 0.1);
    }
  }
  const all = attachPool(base, { poolNodes: 1, poolDegree: 0, poolLatencyFactor: 1 }, rngFor(["attach"]).fast);
  assert.deepEqual([...all.peers[0]], [1, 2, 3, 4]);
  assert.ok(honestConnected(all) === false, "1-2 is the only honest link: 3 and 4 hang on the pool alone");
});

test("same seed, same row; another seed, another row", () => {
  const p = selfishMiningNetwork.resolve({ nodes: 30, degree: 4, blocks: 400 });
  assert.deepEqual(selfishMiningNetwork.run(p, rngFor(["det"])), selfishMiningNetwork.run(p, rngFor(["det"])));
  assert.notDeepEqual(selfishMiningNetwork.run(p, rngFor(["det"])), selfishMiningNetwork.run(p, rngFor(["det", 2])));
});

test("bad parameters name the parameter, the value and the allowed range", () => {
  const cases: Array<[Record<string, unknown>, string, RegExp]> = [
    [{ alpha: 0.5 }, "alpha", /invalid alpha: 0.5 .*0 <= alpha < 0.5/],
    [{ nodes: 5, poolNodes: 5 }, "poolNodes", /invalid poolNodes: 5 .*poolNodes < nodes = 5/],
    [{ nodes: 10, degree: 3, poolDegree: 10 }, "poolDegree", /invalid poolDegree: 10 .*honest nodes = 9/],
    [{ poolLatencyFactor: -1 }, "poolLatencyFactor", /invalid poolLatencyFactor: -1/],
    [{ tieBreak: "random" }, "tieBreak", /invalid tieBreak: "random"/],
    // Churn and partitions are not parameters of this kernel (it has no resynchronisation after them).
    [{ meanSessionS: 100 }, "meanSessionS", /unknown parameter.*meanSessionS = 100/],
    [{ partitions: [{ startS: 0, durationS: 10, groups: { by: "fraction", shares: [0.5] } }] }, "partitions", /unknown parameter.*partitions/],
  ];
  for (const [given, name, message] of cases) {
    assert.throws(() => selfishMiningNetwork.resolve(given), (err: unknown) => err instanceof ParameterError && err.parameter === name && message.test(err.message), `${JSON.stringify(given)}`);
  }
});

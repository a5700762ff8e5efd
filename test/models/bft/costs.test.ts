/**
 * Costs that make N matter (costs.ts): signature verification on each
 * receiver's FIFO CPU queue, message sizes, aggregated certificates.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { rngFor } from "../../../lib/random/seed";
import { runPbft } from "../../../lib/models/bft/pbft";
import { runHotStuff } from "../../../lib/models/bft/hotstuff";
import { AGGREGATE_BYTES, HEADER_BYTES } from "../../../lib/models/bft/costs";
import { setupOf } from "./helpers";

const D = 0.05;

test("PBFT with signature verification c per message: each height takes 3 d + 4 f c (N = 3f + 1, d > f c)", () => {
  // Derivation (constant d, FIFO CPU per replica, Castro & Liskov 1999 4.2): the PRE-PREPARE is handled at d + c;
  // every backup's PREPARE leaves then and all arrive together at 2d + c; the (2f-1)-th other PREPARE (with the
  // PRE-PREPARE and its own: 2f + 1) is handled at 2d + 2fc, when COMMIT leaves; COMMITs arrive at 3d + 2fc on an
  // idle CPU (the remaining prepares end at 2d + 3fc < 3d + 2fc), and the 2f-th other COMMIT is handled 2fc later.
  for (const f of [1, 2, 3, 5]) {
    const n = 3 * f + 1;
    const c = 100e-6;
    const run = runPbft(setupOf({ n, heights: 5, delayMs: 50, costs: { sigVerifyUs: 100 } }), { viewTimeoutS: 10, checkpointInterval: 0 }, rngFor(["cpu"]));
    assert.equal(run.finalHeights, 5);
    for (let h = 0; h < 5; h++) assert.ok(Math.abs(run.latencyS[h] - (3 * D + 4 * f * c)) < 1e-9, `f=${f} height ${h}: ${run.latencyS[h]}, want ${3 * D + 4 * f * c}`);
  }
});

test("HotStuff bytes per height: (N-1) x (NEW-VIEW + PREPARE + 3 votes + PRE-COMMIT + COMMIT + DECIDE); aggregation shrinks each certificate to one aggregate and a bitmap", () => {
  const n = 31;
  const q = 21; // 2f + 1
  const sig = 64;
  const block = 10 * 250;
  for (const aggregate of [false, true]) {
    const run = runHotStuff(setupOf({ n, heights: 3, delayMs: 50, costs: { aggregate, batch: 10 } }), { viewTimeoutS: 10 }, rngFor(["bytes"]));
    const cert = aggregate ? AGGREGATE_BYTES + Math.ceil(n / 8) : q * sig;
    const qcMsg = HEADER_BYTES + sig + cert;
    const vote = HEADER_BYTES + sig;
    const perHeight = (n - 1) * (qcMsg /* new-view */ + (qcMsg + block) /* prepare */ + 3 * vote + 3 * qcMsg);
    assert.equal(run.bytes, 3 * perHeight, `aggregate ${aggregate}`);
    // Leaders rotate (view v: v mod N), so over 3 heights each of the 3 leaders sends one height's broadcasts
    // (PREPARE and three certificates) plus, as a replica, NEW-VIEWs and votes of the other two heights.
    assert.equal(run.bytesSentMax, (n - 1) * (qcMsg + block + 3 * qcMsg) + 2 * (qcMsg + 3 * vote));
  }
});

test("aggregated certificates cut the receivers' verification time: HotStuff at N = 100 with 50 us signatures and a 1 ms aggregate is faster", () => {
  const base = { n: 100, heights: 3, delayMs: 50 };
  const plain = runHotStuff(setupOf({ ...base, costs: { sigVerifyUs: 50 } }), { viewTimeoutS: 10 }, rngFor(["agg"]));
  const agg = runHotStuff(setupOf({ ...base, costs: { sigVerifyUs: 50, aggregate: true, aggVerifyUs: 1000 } }), { viewTimeoutS: 10 }, rngFor(["agg"]));
  const free = runHotStuff(setupOf(base), { viewTimeoutS: 10 }, rngFor(["agg"]));
  // Every certificate check costs q x 50 us = 3.35 ms plain, 1 ms aggregated; 4 certificate checks per height on the critical path.
  assert.ok(free.finalS[2] < agg.finalS[2] && agg.finalS[2] < plain.finalS[2], `${free.finalS[2]} < ${agg.finalS[2]} < ${plain.finalS[2]}`);
});

test("batching: bigger blocks raise throughput while the link keeps up, and the proposal's transmission time adds to latency exactly", () => {
  // PBFT, constant d, 100 Mbit/s links, no upload queueing: the PRE-PREPARE of B transactions of 250 bytes takes
  // (64 + 64 + 250 B) * 8 / 1e8 s more than a vote's (64 + 64) * 8 / 1e8 s on its hop; votes take their own tx time.
  const n = 4;
  const bps = 100e6;
  const vote = (64 + 64) * 8 / bps;
  let last = 0;
  for (const batch of [1, 100, 1000, 10000]) {
    const setup = setupOf({ n, heights: 4, delayMs: 50, costs: { batch } });
    const up = new Float64Array(n).fill(bps);
    const run = runPbft({ ...setup, network: { ...setup.network, resources: { uplinkBps: up, downlinkBps: up } } }, { viewTimeoutS: 100, checkpointInterval: 0 }, rngFor(["batch"]));
    const pp = (64 + 64 + batch * 250) * 8 / bps;
    for (let h = 0; h < 4; h++) assert.ok(Math.abs(run.latencyS[h] - (3 * D + pp + 2 * vote)) < 1e-9, `batch ${batch} height ${h}: ${run.latencyS[h]}`);
    const tps = (4 * batch) / run.finalS[3];
    assert.ok(tps > last, `batch ${batch}: ${tps} tx/s`);
    last = tps;
  }
});

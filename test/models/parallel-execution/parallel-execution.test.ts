import { test } from "node:test";
import assert from "node:assert/strict";
import { rngFor } from "../../../lib/random/seed";
import { ParameterError } from "../../../lib/experiment/params";
import { runPoint } from "../../../lib/sweep/run-point";
import { generateBlock, type BlockParams } from "../../../lib/models/parallel-execution/transactions";
import { executeSerial } from "../../../lib/models/parallel-execution/serial";
import { executeAccessList } from "../../../lib/models/parallel-execution/access-list";
import { executeAccessListReference } from "../../../lib/models/parallel-execution/access-list-reference";
import { executeOptimistic } from "../../../lib/models/parallel-execution/block-stm";
import { executeOptimisticReference } from "../../../lib/models/parallel-execution/block-stm-reference";
import { criticalPath, criticalPathByKey, totalWork } from "../../../lib/models/parallel-execution/critical-path";
import { parallelExecution } from "../../../lib/models/parallel-execution/experiment";
import { IndexHeap } from "../../../lib/models/parallel-execution/index-heap";

function block(p: Partial<BlockParams>, seed: unknown) {
  const params: BlockParams = { transactions: 300, accessesPerTx: 2, hotKeys: 1, hotProbability: 0.1, accounts: 1000, execTimeDist: "exponential", ...p };
  return generateBlock(params, rngFor(["block", seed, params]).fast);
}

test("serial execution: speedup exactly 1, time = total work", () => {
  const r = runPoint(parallelExecution, { scheduler: "serial", threads: 1, transactions: 200 }, 1, 0);
  assert.equal(r.speedup, 1);
  assert.equal(r.aborts, 0);
  assert.equal(r.stateMatchesSerial, true);
  const b = block({}, "serial");
  assert.equal(executeSerial(b).makespan, totalWork(b));
});

test("no conflicts, unit times: both schedulers take ceil(n / T), speedup n / ceil(n / T) -> min(T, n)", () => {
  for (const [n, T] of [[100, 1], [100, 4], [100, 7], [100, 16], [37, 64], [1, 8]]) {
    const b = block({ transactions: n, hotProbability: 0, accounts: 0, execTimeDist: "fixed" }, ["free", n]);
    for (const run of [executeAccessList, executeOptimistic]) {
      const r = run(b, T);
      assert.equal(r.makespan, Math.ceil(n / T), `${run.name} n=${n} T=${T}`);
      assert.equal(r.executions, n, `${run.name}: no aborts without conflicts`);
    }
    const row = runPoint(parallelExecution, { transactions: n, threads: T, hotProbability: 0, accounts: 0, execTimeDist: "fixed" }, 1, 0);
    assert.equal(row.speedup, n / Math.ceil(n / T));
    if (T >= n) assert.equal(row.speedup, Math.min(T, n));
  }
});

test("critical path: the O(n k) chain-per-key form equals the O(n^2) definition", () => {
  for (const hotProbability of [0, 0.05, 0.3, 1]) {
    for (const hotKeys of [1, 3]) {
      const b = block({ hotProbability, hotKeys, accounts: 50 }, ["cp", hotProbability, hotKeys]);
      assert.equal(criticalPathByKey(b), criticalPath(b));
    }
  }
  // Every transaction on the hot key: one chain, the critical path is the total work.
  const chain = block({ hotProbability: 1, accessesPerTx: 1 }, "chain");
  assert.equal(criticalPath(chain), totalWork(chain));
});

test("access lists with T >= n threads take exactly the critical path; with fewer, within Graham's bounds", () => {
  for (const hotProbability of [0.02, 0.1, 0.4]) {
    for (const seed of [1, 2, 3]) {
      const b = block({ hotProbability, accounts: 200 }, ["al", hotProbability, seed]);
      const cp = criticalPath(b);
      const total = totalWork(b);
      assert.equal(executeAccessList(b, b.n).makespan, cp);
      for (const T of [2, 8]) {
        const m = executeAccessList(b, T).makespan;
        // Lower bounds hold for any schedule; greedy list scheduling is within (total - cp) / T + cp (Graham 1966).
        assert.ok(m >= Math.max(cp, total / T) - 1e-9, `T=${T}: ${m} < max(${cp}, ${total / T})`);
        assert.ok(m <= (total - cp) / T + cp + 1e-9, `T=${T}: ${m} above Graham's bound`);
      }
    }
  }
});

test("every scheduler ends in the serial state, in every seed (rollback is correct)", () => {
  let aborts = 0;
  let waits = 0;
  for (let seed = 0; seed < 40; seed++) {
    const hotProbability = [0, 0.05, 0.2, 0.6, 1][seed % 5];
    const b = block({ hotProbability, hotKeys: 1 + (seed % 3), accessesPerTx: 1 + (seed % 4), accounts: seed % 2 ? 100 : 0, execTimeDist: seed % 7 === 0 ? "fixed" : "exponential" }, ["state", seed]);
    const serial = executeSerial(b);
    const cp = criticalPath(b);
    for (const T of [2, 7, 32]) {
      const al = executeAccessList(b, T);
      assert.deepEqual(al.state, serial.state, `access-list seed ${seed} T ${T}`);
      const opt = executeOptimistic(b, T);
      assert.deepEqual(opt.state, serial.state, `optimistic seed ${seed} T ${T}`);
      // Read-modify-write conflicts are true dependencies: no schedule beats the critical path or total / T.
      assert.ok(opt.makespan >= Math.max(cp, serial.makespan / T) - 1e-9, `optimistic seed ${seed} T ${T}: ${opt.makespan} below the bound`);
      assert.equal(opt.executions, b.n + opt.aborts);
      assert.ok(opt.wastedTime >= 0 && (opt.aborts > 0) === (opt.wastedTime > 0));
      aborts += opt.aborts;
      waits += opt.dependencyWaits;
    }
  }
  // The test exercised rollback and ESTIMATE waits, not only conflict-free runs.
  assert.ok(aborts > 100 && waits > 10, `aborts ${aborts}, waits ${waits}`);
});

test("the typed-array Block-STM schedule and its readable reference agree exactly", () => {
  for (let seed = 0; seed < 30; seed++) {
    const hotProbability = [0, 0.05, 0.2, 0.6, 1][seed % 5];
    const b = block({ transactions: 150, hotProbability, hotKeys: 1 + (seed % 3), accessesPerTx: 1 + (seed % 3), accounts: seed % 2 ? 60 : 0, execTimeDist: seed % 4 === 0 ? "fixed" : "exponential" }, ["ref", seed]);
    for (const T of [1, 3, 16]) {
      const fast = executeOptimistic(b, T);
      const ref = executeOptimisticReference(b, T);
      assert.deepEqual({ ...ref, state: [...ref.state] }, { ...fast, state: [...fast.state] }, `seed ${seed} T ${T}`);
    }
  }
});

test("the typed-array access-list schedule and its pairwise reference agree exactly", () => {
  for (let seed = 0; seed < 20; seed++) {
    const hotProbability = [0, 0.05, 0.2, 0.6, 1][seed % 5];
    const b = block({ transactions: 120, hotProbability, hotKeys: 1 + (seed % 3), accessesPerTx: 1 + (seed % 3), accounts: seed % 2 ? 40 : 0, execTimeDist: seed % 4 === 0 ? "fixed" : "exponential" }, ["alref", seed]);
    for (const T of [1, 3, 16]) {
      const fast = executeAccessList(b, T);
      const ref = executeAccessListReference(b, T);
      assert.deepEqual({ ...ref, state: [...ref.state] }, { ...fast, state: [...fast.state] }, `seed ${seed} T ${T}`);
    }
  }
});

test("one thread: optimistic execution is serial execution, no aborts", () => {
  const b = block({ hotProbability: 0.5 }, "one");
  const r = executeOptimistic(b, 1);
  assert.equal(r.aborts, 0);
  assert.equal(r.makespan, executeSerial(b).makespan);
});

test("rows are byte-identical for a seed; schedulers of one sweep share the block (common random numbers)", () => {
  const given = { transactions: 300, threads: 8, hotProbability: 0.1 };
  const a = runPoint(parallelExecution, given, 5, 0);
  const b = runPoint(parallelExecution, given, 5, 0);
  assert.equal(JSON.stringify(a), JSON.stringify(b));
  const al = runPoint(parallelExecution, { ...given, scheduler: "access-list" }, 5, 0);
  const t2 = runPoint(parallelExecution, { ...given, threads: 2 }, 5, 0);
  assert.equal(al.serialTime, a.serialTime);
  assert.equal(al.criticalPath, a.criticalPath);
  assert.equal(t2.serialTime, a.serialTime);
  assert.equal(a.stateMatchesSerial, true);
  assert.equal(al.stateMatchesSerial, true);
});

test("the index heap pops in increasing order and never holds an index twice", () => {
  const heap = new IndexHeap(100);
  const rng = rngFor(["heap"]).fast;
  const pushed = new Set<number>();
  for (let i = 0; i < 300; i++) {
    const x = rng.below(100);
    heap.push(x);
    pushed.add(x);
  }
  assert.equal(heap.size, pushed.size);
  const out: number[] = [];
  while (heap.size > 0) out.push(heap.pop());
  assert.deepEqual(out, [...pushed].sort((a, b) => a - b));
});

test("bad parameters name the parameter, the value and the allowed range", () => {
  const cases: Array<[Record<string, unknown>, string, RegExp]> = [
    [{ scheduler: "serial", threads: 8 }, "threads", /invalid threads: 8 \(allowed: 1 when scheduler is serial\)/],
    [{ scheduler: "sealevel" }, "scheduler", /invalid scheduler: "sealevel"/],
    [{ threads: 0 }, "threads", /1 <= threads <= 1024/],
    [{ hotProbability: 1.5 }, "hotProbability", /0 <= hotProbability <= 1/],
    [{ accessesPerTx: 0 }, "accessesPerTx", /invalid accessesPerTx: 0/],
    [{ execTimeDist: "pareto" }, "execTimeDist", /fixed, exponential/],
  ];
  for (const [given, name, message] of cases) {
    assert.throws(() => parallelExecution.resolve(given), (err: unknown) => err instanceof ParameterError && err.parameter === name && message.test(err.message), JSON.stringify(given));
  }
});

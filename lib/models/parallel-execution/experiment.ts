/**
 * Experiment `parallel-execution`: the speedup over serial execution of a
 * block of generated transactions (transactions.ts, hot-key conflicts) on T
 * simulated threads, under optimistic execution with rollback (Block-STM,
 * Gelashvili et al. 2023), scheduling from declared access lists (Sealevel,
 * Yakovenko 2019) or serial execution; every run checks that its final state
 * equals serial execution's.
 */
import { defineExperiment } from "../../experiment/experiment";
import { choice, int, num, ParameterError } from "../../experiment/params";
import { executeAccessList } from "./access-list";
import { executeOptimistic } from "./block-stm";
import { criticalPathByKey } from "./critical-path";
import { executeSerial, type ScheduleResult } from "./serial";
import { generateBlock, type BlockParams, type ExecTimeDist } from "./transactions";

export type Scheduler = "optimistic" | "access-list" | "serial";
export const SCHEDULERS: readonly Scheduler[] = ["optimistic", "access-list", "serial"];

export const parallelExecution = defineExperiment({
  name: "parallel-execution",
  title: "Parallel execution: speedup of optimistic (Block-STM) and access-list (Sealevel) scheduling against the hot-key conflict rate",
  reference: "Gelashvili et al. 2023, Block-STM, PPoPP (Algorithms 1-5, section 6 workloads); Yakovenko 2019, Sealevel; Graham 1966 (list scheduling)",
  source: __filename,
  params: {
    scheduler: choice({ default: "optimistic", choices: [...SCHEDULERS], doc: "optimistic: Block-STM rollback; access-list: declared conflicts scheduled ahead; serial: one thread" }),
    threads: int({ default: 8, unit: "threads", min: 1, max: 1024, doc: "simulated threads" }),
    transactions: int({ default: 1000, unit: "transactions", min: 1, max: 100_000, fuzzMax: 500, doc: "transactions in the block (optimistic: work grows with n times the touchers of the hottest key)" }),
    accessesPerTx: int({ default: 2, unit: "accounts", min: 1, max: 64, doc: "accounts each transaction reads and writes (2: a transfer)" }),
    hotKeys: int({ default: 1, unit: "accounts", min: 1, max: 1e6, doc: "number of hot accounts" }),
    hotProbability: num({ default: 0.05, unit: "", min: 0, max: 1, doc: "probability that an access goes to a hot account (the conflict rate knob)" }),
    accounts: int({ default: 100_000, unit: "accounts", min: 0, max: 1e9, doc: "ordinary accounts, drawn uniformly (0: a fresh account per access, no conflicts but the hot keys)" }),
    execTimeDist: choice({ default: "exponential", choices: ["fixed", "exponential"], doc: "execution time per transaction, mean 1 unit: fixed or exponential" }),
  },
  validate({ scheduler, threads }) {
    if (scheduler === "serial" && threads !== 1) throw new ParameterError("threads", threads, "1 when scheduler is serial");
  },
  run(params, rng) {
    // The block comes from a stream keyed by its own parameters only, so the schedulers and thread counts of
    // one sweep run on the same blocks (common random numbers): their speedups differ by the scheduler alone.
    const blockParams = blockParamsOf(params);
    const block = generateBlock(blockParams, rng.common("parallel-execution-block", blockParams).fast);
    const serial = executeSerial(block);
    const scheduler = params.scheduler as Scheduler;
    const result: ScheduleResult & { aborts?: number; dependencyWaits?: number } =
      scheduler === "serial" ? serial : scheduler === "access-list" ? executeAccessList(block, params.threads) : executeOptimistic(block, params.threads);
    const cp = criticalPathByKey(block);
    let stateMatchesSerial = result.state.length === serial.state.length;
    for (let k = 0; stateMatchesSerial && k < serial.state.length; k++) stateMatchesSerial = result.state[k] === serial.state[k];
    return {
      speedup: serial.makespan / result.makespan,
      makespan: result.makespan,
      serialTime: serial.makespan,
      executions: result.executions,
      aborts: result.aborts ?? 0,
      abortRate: (result.aborts ?? 0) / block.n,
      dependencyWaits: result.dependencyWaits ?? 0,
      wastedFraction: result.wastedTime / (serial.makespan + result.wastedTime),
      criticalPath: cp,
      // No schedule on T threads beats max(critical path, total work / T).
      speedupBound: serial.makespan / Math.max(cp, serial.makespan / params.threads),
      stateMatchesSerial,
    };
  },
});

/** The parameters that determine the generated block. */
export function blockParamsOf(p: BlockParams | Omit<BlockParams, "execTimeDist"> & { execTimeDist: string }): BlockParams {
  const { transactions, accessesPerTx, hotKeys, hotProbability, accounts } = p;
  return { transactions, accessesPerTx, hotKeys, hotProbability, accounts, execTimeDist: p.execTimeDist as ExecTimeDist };
}

/**
 * A block of generated transactions for the execution model, with a hot-key
 * conflict model: each transaction touches `accessesPerTx` accounts (e.g. a
 * transfer: sender and receiver), each of which is, with probability
 * `hotProbability`, one of `hotKeys` hot accounts (a popular pool or token
 * contract), and otherwise one of `accounts` ordinary accounts drawn
 * uniformly (accounts = 0: a fresh account per access, so that only the hot
 * keys conflict). Repeated accounts within one transaction are kept once.
 * Every access reads and writes (read-modify-write), so two transactions
 * conflict exactly when they share an account (the conflict model of
 * Gelashvili et al. 2023, Block-STM, section 6, "p2p" with a small account set).
 *
 * Layout (CSR): the keys of transaction i are keys[start[i] .. start[i+1]),
 * numbered densely in order of first use (so state arrays are as long as the
 * number of accounts touched, however many exist).
 */
import type { Xoshiro128 } from "../../random/xoshiro128";

export type ExecTimeDist = "fixed" | "exponential";
export const EXEC_TIME_DISTS: readonly ExecTimeDist[] = ["fixed", "exponential"];

export interface BlockParams {
  transactions: number;
  accessesPerTx: number;
  hotKeys: number;
  hotProbability: number;
  accounts: number;
  execTimeDist: ExecTimeDist;
}

export interface Block {
  n: number;
  start: Int32Array;
  keys: Int32Array;
  /** Number of distinct keys touched (keys are 0 .. keyCount-1). */
  keyCount: number;
  /** Execution time of each transaction, in units of the mean (1). */
  execTime: Float64Array;
}

export function generateBlock(p: BlockParams, rng: Xoshiro128): Block {
  const n = p.transactions;
  const start = new Int32Array(n + 1);
  const keys = new Int32Array(n * p.accessesPerTx);
  const execTime = new Float64Array(n);
  // Account ids: hot 0 .. hotKeys-1, ordinary hotKeys .. hotKeys+accounts-1, or fresh ids past them (accounts = 0).
  const dense = new Map<number, number>();
  let fresh = p.hotKeys;
  let m = 0;
  for (let i = 0; i < n; i++) {
    start[i] = m;
    for (let a = 0; a < p.accessesPerTx; a++) {
      const hot = rng.nextFloat() < p.hotProbability;
      const account = hot ? rng.below(p.hotKeys) : p.accounts === 0 ? fresh++ : p.hotKeys + rng.below(p.accounts);
      let key = dense.get(account);
      if (key === undefined) dense.set(account, (key = dense.size));
      let seen = false;
      for (let j = start[i]; j < m; j++) if (keys[j] === key) seen = true;
      if (!seen) keys[m++] = key;
    }
    execTime[i] = p.execTimeDist === "fixed" ? 1 : -Math.log(1 - rng.nextFloat());
  }
  start[n] = m;
  return { n, start, keys: keys.slice(0, m), keyCount: dense.size, execTime };
}

/**
 * State machine replication (Schneider 1990, "Implementing Fault-Tolerant
 * Services Using the State Machine Approach", ACM Computing Surveys 22(4),
 * section 3): replicas that start in the same state and apply the same ordered
 * log with a deterministic transition function end in the same state; a
 * replica whose transition reads anything outside the log (here its own clock,
 * Schneider's "deterministic" requirement broken) diverges. Each replica
 * keeps its accounts in a sparse Merkle tree (sparse.ts), so agreement is one
 * 32-byte root per block and divergence is detected by comparing roots.
 *
 * The log: `transactions` transfers between `accounts` accounts drawn from the
 * seed, cut into blocks of `blockSize`, block b stamped with time b * blockTimeMs.
 * A transfer moves `amount` from `from` to `to` if the sender has it and the
 * block time is not past its deadline, and records the time of the sender's
 * last activity (as a contract reading `block.timestamp`). A faulty replica
 * reads its own clock (block time + an offset) instead of the block time.
 */
import type { Rng } from "../../random/seed";
import type { Xoshiro128 } from "../../random/xoshiro128";
import { bytesEqual, concatBytes, type HashFn } from "./hash";
import { SparseMerkleTree } from "./sparse";

export interface Transfer {
  from: number;
  to: number;
  amount: number;
  /** Latest time (ms) at which the transfer may execute. */
  deadlineMs: number;
}

export interface TransferLog {
  transfers: Transfer[];
  blockSize: number;
  blockTimeMs: number;
  initialBalance: number;
}

/** The ordered log: uniform sender and distinct receiver, amount uniform in 1..maxAmount, deadline block time + uniform 0..2 blocks. */
export function generateTransferLog(accounts: number, transactions: number, blockSize: number, blockTimeMs: number, initialBalance: number, rng: Xoshiro128): TransferLog {
  if (accounts < 2) throw new RangeError(`need at least 2 accounts, got ${accounts}`);
  const transfers: Transfer[] = [];
  const maxAmount = Math.max(1, Math.floor(initialBalance / 4));
  for (let t = 0; t < transactions; t++) {
    const from = rng.below(accounts);
    let to = rng.below(accounts - 1);
    if (to >= from) to++;
    const amount = 1 + rng.below(maxAmount);
    const blockTime = Math.floor(t / blockSize) * blockTimeMs;
    const deadlineMs = blockTime + rng.below(2 * blockTimeMs + 1);
    transfers.push({ from, to, amount, deadlineMs });
  }
  return { transfers, blockSize, blockTimeMs, initialBalance };
}

/** Key of account i: H("account" || i as 4 bytes big-endian). */
export function accountKey(hash: HashFn, account: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, account);
  return hash(concatBytes(new TextEncoder().encode("account"), b));
}

/** Account value: balance (8 bytes) || last activity time in ms (8 bytes), big-endian. */
export function encodeAccount(balance: number, lastActiveMs: number): Uint8Array {
  const b = new Uint8Array(16);
  const v = new DataView(b.buffer);
  v.setBigUint64(0, BigInt(balance));
  v.setBigInt64(8, BigInt(lastActiveMs));
  return b;
}

export function decodeBalance(value: Uint8Array): number {
  return Number(new DataView(value.buffer, value.byteOffset, value.byteLength).getBigUint64(0));
}

/** One replica: its state tree and how it reads the time. */
export class Replica {
  readonly state: SparseMerkleTree;
  private readonly balances: Float64Array;
  private readonly keys: Uint8Array[];

  /** clockOffsetMs = 0: reads the block time (deterministic); otherwise its own clock, block time + offset. */
  constructor(readonly hash: HashFn, accounts: number, initialBalance: number, readonly clockOffsetMs = 0) {
    this.state = new SparseMerkleTree(hash);
    this.balances = new Float64Array(accounts).fill(initialBalance);
    this.keys = [];
    for (let i = 0; i < accounts; i++) {
      this.keys.push(accountKey(hash, i));
      this.state.set(this.keys[i], encodeAccount(initialBalance, 0));
    }
  }

  /** The time this replica's transition function sees while applying a block stamped blockTimeMs. */
  now(blockTimeMs: number): number {
    return blockTimeMs + this.clockOffsetMs;
  }

  /** Apply one transfer; returns whether it executed. */
  apply(tx: Transfer, blockTimeMs: number): boolean {
    const now = this.now(blockTimeMs);
    if (now > tx.deadlineMs || this.balances[tx.from] < tx.amount) return false;
    this.balances[tx.from] -= tx.amount;
    this.balances[tx.to] += tx.amount;
    this.state.set(this.keys[tx.from], encodeAccount(this.balances[tx.from], now));
    this.state.set(this.keys[tx.to], encodeAccount(this.balances[tx.to], readLastActive(this.state.get(this.keys[tx.to]) as Uint8Array)));
    return true;
  }

  balance(account: number): number {
    return this.balances[account];
  }
}

function readLastActive(value: Uint8Array): number {
  return Number(new DataView(value.buffer, value.byteOffset, value.byteLength).getBigInt64(8));
}

export interface ReplicationResult {
  blocks: number;
  /** Roots of every replica after the last block. */
  finalRoots: Uint8Array[];
  /** Every pair of deterministic replicas had equal roots after every block. */
  honestAgree: boolean;
  /** Some replica's root differed from the deterministic replicas' root after some block. */
  diverged: boolean;
  /** First block (1-based) after which roots differed; 0 if never. */
  firstDivergentBlock: number;
  /** Replicas whose root differed from the majority root after the last block. */
  flaggedReplicas: number[];
  /** Transfers executed by replica 0. */
  executed: number;
  /** Total balance of replica 0 at the end (conserved: accounts * initialBalance). */
  totalBalance: number;
}

/**
 * Run `replicas` replicas over the log; the last `faulty` read their clocks
 * with offsets drawn from ±(1..maxClockSkewMs). Roots are compared after every block.
 */
export function replicate(log: TransferLog, accounts: number, replicas: number, faulty: number, maxClockSkewMs: number, hash: HashFn, rng: Rng): ReplicationResult {
  const clock = rng.child("clock-offsets").fast;
  const group: Replica[] = [];
  for (let r = 0; r < replicas; r++) {
    let offset = 0;
    if (r >= replicas - faulty) {
      offset = 1 + clock.below(maxClockSkewMs);
      if (clock.below(2)) offset = -offset;
    }
    group.push(new Replica(hash, accounts, log.initialBalance, offset));
  }
  const honest = group.filter((g) => g.clockOffsetMs === 0);
  const blocks = Math.ceil(log.transfers.length / log.blockSize);
  let honestAgree = true;
  let firstDivergentBlock = 0;
  let executed = 0;
  for (let b = 0; b < blocks; b++) {
    const blockTime = b * log.blockTimeMs;
    for (const tx of log.transfers.slice(b * log.blockSize, (b + 1) * log.blockSize)) {
      group.forEach((replica, r) => {
        const done = replica.apply(tx, blockTime);
        if (r === 0 && done) executed++;
      });
    }
    const reference = group[0].state.root;
    if (honest.some((h) => !bytesEqual(h.state.root, honest[0].state.root))) honestAgree = false;
    if (firstDivergentBlock === 0 && group.some((g) => !bytesEqual(g.state.root, reference))) firstDivergentBlock = b + 1;
  }
  const finalRoots = group.map((g) => g.state.root);
  const flaggedReplicas = majorityOutliers(finalRoots);
  let totalBalance = 0;
  for (let i = 0; i < accounts; i++) totalBalance += group[0].balance(i);
  return { blocks, finalRoots, honestAgree, diverged: firstDivergentBlock > 0, firstDivergentBlock, flaggedReplicas, executed, totalBalance };
}

/** Indices whose root differs from the most common root (ties: the root of the lowest index among the most common). */
export function majorityOutliers(roots: readonly Uint8Array[]): number[] {
  const hex = roots.map((r) => Buffer.from(r).toString("hex"));
  const counts = new Map<string, number>();
  for (const h of hex) counts.set(h, (counts.get(h) ?? 0) + 1);
  let best = hex[0];
  for (const h of hex) if ((counts.get(h) as number) > (counts.get(best) as number)) best = h;
  return hex.flatMap((h, i) => (h === best ? [] : [i]));
}

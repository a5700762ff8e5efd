import { defineExperiment } from "../../experiment/experiment";
import { choice, int, ParameterError } from "../../experiment/params";
import { hashFunction, toHex, type HashName } from "./hash";
import { generateTransferLog, replicate } from "./replication";

export const stateReplication = defineExperiment({
  name: "state-replication",
  title: "State machine replication: replicas applying one ordered log agree on the state root; a replica reading its clock diverges",
  reference: "Schneider, ACM Computing Surveys 22(4), 1990, section 3; sparse Merkle state: Dahlberg, Pulls & Peeters, NordSec 2016",
  source: __filename,
  params: {
    accounts: int({ default: 200, unit: "accounts", min: 2, max: 100_000, fuzzMax: 50, doc: "accounts in the state" }),
    transactions: int({ default: 2000, unit: "transfers", min: 1, max: 1_000_000, fuzzMax: 200, doc: "transfers in the ordered log" }),
    blockSize: int({ default: 100, unit: "transfers", min: 1, max: 100_000, doc: "transfers per block; roots are compared after every block" }),
    blockTimeMs: int({ default: 12_000, unit: "ms", min: 1, max: 3_600_000, doc: "time between block stamps" }),
    replicas: int({ default: 4, unit: "replicas", min: 1, max: 64, fuzzMax: 6, doc: "replicas applying the log" }),
    faulty: int({ default: 1, unit: "replicas", min: 0, max: 64, fuzzMax: 3, doc: "replicas that read their own clock instead of the block time (at most replicas - 1)" }),
    maxClockSkewMs: int({ default: 50, unit: "ms", min: 1, max: 3_600_000, doc: "a faulty replica's clock is off by ±(1..maxClockSkewMs), drawn once" }),
    hash: choice({ default: "sha256", choices: ["sha256", "keccak256"], doc: "hash of the state tree" }),
  },
  validate({ replicas, faulty }) {
    if (faulty > replicas - 1) throw new ParameterError("faulty", faulty, `an integer, 0 <= faulty <= replicas - 1 (${replicas - 1})`);
  },
  run({ accounts, transactions, blockSize, blockTimeMs, replicas, faulty, maxClockSkewMs, hash }, rng) {
    const H = hashFunction(hash as HashName);
    const initialBalance = 1000;
    // The log is a common stream (keyed by what shapes it, not by the replicas or faults), so runs that differ
    // only in `faulty`, `replicas` or the clock skew replay the same transfers (common random numbers).
    const log = generateTransferLog(accounts, transactions, blockSize, blockTimeMs, initialBalance, rng.common("transfer-log", { accounts, transactions, blockSize, blockTimeMs }).fast);
    const r = replicate(log, accounts, replicas, faulty, maxClockSkewMs, H, rng);
    return {
      blocks: r.blocks,
      honestAgree: r.honestAgree ? 1 : 0,
      diverged: r.diverged ? 1 : 0,
      firstDivergentBlock: r.firstDivergentBlock,
      flaggedReplicas: r.flaggedReplicas.length,
      executedFraction: r.executed / transactions,
      balanceConserved: r.totalBalance === accounts * initialBalance ? 1 : 0,
      root: toHex(r.finalRoots[0]),
    };
  },
});

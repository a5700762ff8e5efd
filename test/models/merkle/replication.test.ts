import { test } from "node:test";
import assert from "node:assert/strict";
import { stateReplication } from "../../../lib/models/merkle/replication-experiment";
import { merkle } from "../../../lib/models/merkle/experiment";
import { proofSizeModel, treeDepth } from "../../../lib/models/merkle/verkle";
import { ParameterError } from "../../../lib/experiment/params";
import { replicateRng, rngFor } from "../../../lib/random/seed";
import { hashFunction } from "../../../lib/models/merkle/hash";
import { generateTransferLog, replicate } from "../../../lib/models/merkle/replication";

test("replicas applying one log agree on the root after every block, in every seed (Schneider 1990, section 3)", () => {
  for (let seed = 1; seed <= 12; seed++) {
    const p = stateReplication.resolve({ accounts: 50, transactions: 300, blockSize: 30, replicas: 4, faulty: 0 });
    const row = stateReplication.run(p, replicateRng(seed, "state-replication", p, 0));
    assert.equal(row.honestAgree, 1, `seed ${seed}`);
    assert.equal(row.diverged, 0, `seed ${seed}`);
    assert.equal(row.flaggedReplicas, 0);
    assert.equal(row.balanceConserved, 1);
    assert.ok(row.executedFraction > 0.5, `${row.executedFraction} of transfers executed`);
  }
});

test("a replica that reads its clock diverges and is flagged by root comparison, in every seed", () => {
  for (let seed = 1; seed <= 12; seed++) {
    const p = stateReplication.resolve({ accounts: 50, transactions: 300, blockSize: 30, replicas: 4, faulty: 1, maxClockSkewMs: 5 });
    const row = stateReplication.run(p, replicateRng(seed, "state-replication", p, 0));
    assert.equal(row.honestAgree, 1, `seed ${seed}: the deterministic replicas still agree`);
    assert.equal(row.diverged, 1, `seed ${seed}`);
    assert.equal(row.firstDivergentBlock, 1, "detected at the first block's root");
    assert.equal(row.flaggedReplicas, 1, "exactly the faulty replica differs from the majority");
  }
});

test("same seed, same rows, byte for byte", () => {
  const p = stateReplication.resolve({ accounts: 30, transactions: 100 });
  assert.deepEqual(stateReplication.run(p, replicateRng(3, "state-replication", p, 1)), stateReplication.run(p, replicateRng(3, "state-replication", p, 1)));
  const q = merkle.resolve({ leaves: 50, accounts: 50 });
  assert.deepEqual(merkle.run(q, replicateRng(3, "merkle", q, 1)), merkle.run(q, replicateRng(3, "merkle", q, 1)));
});

test("merkle experiment: all proofs verify, tampered ones fail, sizes ceil(log2 n)", () => {
  for (const scheme of ["rfc6962", "bitcoin"]) {
    const p = merkle.resolve({ leaves: 777, scheme, proofs: 40, accounts: 300 });
    const row = merkle.run(p, replicateRng(1, "merkle", p, 0));
    assert.equal(row.ceilLog2, 10);
    assert.equal(row.proofsVerified, 1);
    assert.equal(row.wrongLeafRejected, 1);
    assert.equal(row.wrongRootRejected, 1);
    assert.equal(row.multiproofVerified, 1);
    assert.equal(row.smtInclusionVerified, 1);
    assert.equal(row.smtExclusionVerified, 1);
    assert.ok(row.proofHashesMax <= 10);
    if (scheme === "bitcoin") assert.equal(row.proofHashesMean, 10);
  }
});

test("Verkle width model: depth ceil(log_w N) in integers; Merkle proofs grow with width, Verkle proofs shrink", () => {
  assert.equal(treeDepth(10, 1000), 3);
  assert.equal(treeDepth(10, 1001), 4);
  assert.equal(treeDepth(2, 2 ** 20), 20);
  assert.equal(treeDepth(256, 2 ** 32), 4);
  // Hexary trie over 2^32 keys: 8 levels x 15 siblings x 32 bytes = 3840 bytes (Buterin 2021's "~3.75 kB" order).
  assert.equal(proofSizeModel(16, 2 ** 32).merkleBytes, 3840);
  assert.equal(proofSizeModel(256, 2 ** 32).verkleBytes, 4 * 32 + 576);
  const N = 2 ** 30;
  const widths = [2, 4, 16, 256];
  const m = widths.map((w) => proofSizeModel(w, N));
  for (let i = 1; i < m.length; i++) {
    assert.ok(m[i].merkleBytes >= m[i - 1].merkleBytes);
    assert.ok(m[i].verkleBytes <= m[i - 1].verkleBytes);
  }
});

test("bad parameters give ParameterErrors naming the parameter", () => {
  assert.throws(() => merkle.resolve({ leaves: 0 }), (e: unknown) => e instanceof ParameterError && e.parameter === "leaves");
  assert.throws(() => merkle.resolve({ leaves: 10, multiproofLeaves: 11 }), (e: unknown) => e instanceof ParameterError && e.parameter === "multiproofLeaves");
  assert.throws(() => merkle.resolve({ scheme: "bitcoin", hash: "keccak256" }), (e: unknown) => e instanceof ParameterError && e.parameter === "hash");
  assert.throws(() => merkle.resolve({ hash: "md5" }), (e: unknown) => e instanceof ParameterError && e.parameter === "hash");
  assert.throws(() => stateReplication.resolve({ replicas: 3, faulty: 3 }), (e: unknown) => e instanceof ParameterError && e.parameter === "faulty");
  assert.throws(() => stateReplication.resolve({ accounts: 1 }), (e: unknown) => e instanceof ParameterError && e.parameter === "accounts");
});

test("runs that differ only in the faulty count replay the same log (common random numbers): with no fault the roots match across runs", () => {
  const base = { accounts: 40, transactions: 200, blockSize: 20, replicas: 3 };
  const p0 = stateReplication.resolve({ ...base, faulty: 0 });
  const p1 = stateReplication.resolve({ ...base, faulty: 1 });
  const r0 = stateReplication.run(p0, replicateRng(5, "state-replication", p0, 2));
  const r1 = stateReplication.run(p1, replicateRng(5, "state-replication", p1, 2));
  // replica 0 is deterministic in both runs and applies the same log, so it ends in the same state
  assert.equal(r0.root, r1.root);
});

test("root comparison flags exactly the replicas that read their clock", () => {
  const H = hashFunction("sha256");
  for (let seed = 1; seed <= 6; seed++) {
    const log = generateTransferLog(30, 120, 20, 12_000, 1000, rngFor(["log", seed]).fast);
    for (const faulty of [1, 2]) {
      const r = replicate(log, 30, 5, faulty, 50, H, rngFor(["clocks", seed, faulty]));
      assert.deepEqual(r.flaggedReplicas, faulty === 1 ? [4] : [3, 4], `seed ${seed}, faulty ${faulty}`);
      assert.ok(r.honestAgree && r.diverged);
    }
  }
});

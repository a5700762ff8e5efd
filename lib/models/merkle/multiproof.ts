/**
 * Multiproofs: one proof for several leaves of the same tree. Each node on the
 * union of the leaves' paths that cannot be computed from the proven leaves is
 * sent once; shared upper siblings are not repeated (the "compact multiproof"
 * of the Ethereum SSZ spec, ethereum/consensus-specs ssz/merkle-proofs.md,
 * "Merkle multiproofs"; Ramabaja & Avdullahu 2020, "Compact Merkle
 * Multiproofs", arXiv 2002.07648, section 3).
 *
 * Nodes are named (level, index); the proof lists the needed hashes in order of
 * level, then index, so prover and verifier walk the same set.
 */
import { bytesEqual, HASH_BYTES, type NodeHasher } from "./hash";
import type { MerkleTree } from "./tree";

export interface MultiProof {
  readonly indices: readonly number[];
  readonly leafCount: number;
  /** Helper hashes, in order of (level, index). */
  readonly hashes: readonly Uint8Array[];
}

/** Walk levels bottom-up over the known set; `need(level, index, count)` is called for each missing sibling in order. */
function walk(leafCount: number, indices: readonly number[], need: (level: number, index: number, count: number) => void): void {
  let known = [...new Set(indices)].sort((a, b) => a - b);
  let count = leafCount;
  for (let level = 0; count > 1; level++) {
    const parents: number[] = [];
    const knownSet = new Set(known);
    for (const i of known) {
      const sibling = i ^ 1;
      const parent = i >> 1;
      if (parents.length && parents[parents.length - 1] === parent) continue; // both children known
      if (sibling < count && !knownSet.has(sibling)) need(level, sibling, count);
      parents.push(parent);
    }
    known = parents;
    count = Math.ceil(count / 2);
  }
}

/** The multiproof of `indices` (distinct leaf positions). */
export function merkleMultiProof(tree: MerkleTree, indices: readonly number[]): MultiProof {
  checkIndices(indices, tree.leafCount);
  const hashes: Uint8Array[] = [];
  walk(tree.leafCount, indices, (level, index) => {
    hashes.push(Uint8Array.from(tree.levels[level].subarray(index * HASH_BYTES, (index + 1) * HASH_BYTES)));
  });
  return { indices: [...indices], leafCount: tree.leafCount, hashes };
}

/** Number of helper hashes a multiproof of `indices` needs in a tree of leafCount leaves. */
export function multiProofSize(leafCount: number, indices: readonly number[]): number {
  checkIndices(indices, leafCount);
  let size = 0;
  walk(leafCount, indices, () => size++);
  return size;
}

/** Does `proof` show that leafHashes[j] is leaf proof.indices[j] under `root`? */
export function verifyMultiProof(hasher: NodeHasher, proof: MultiProof, leafHashes: readonly Uint8Array[], root: Uint8Array): boolean {
  if (leafHashes.length !== proof.indices.length) return false;
  try {
    checkIndices(proof.indices, proof.leafCount);
  } catch {
    return false;
  }
  let known = new Map<number, Uint8Array>();
  proof.indices.forEach((i, j) => known.set(i, leafHashes[j]));
  let used = 0;
  let count = proof.leafCount;
  while (count > 1) {
    const parents = new Map<number, Uint8Array>();
    for (const i of [...known.keys()].sort((a, b) => a - b)) {
      const parent = i >> 1;
      if (parents.has(parent)) continue;
      const sibling = i ^ 1;
      let s: Uint8Array | undefined;
      if (sibling < count) {
        s = known.get(sibling);
        if (!s) {
          if (used >= proof.hashes.length) return false;
          s = proof.hashes[used++];
        }
      } else if (hasher.duplicateOdd) s = known.get(i);
      const h = known.get(i) as Uint8Array;
      parents.set(parent, s === undefined ? h : i & 1 ? hasher.node(s, h) : hasher.node(h, s));
    }
    known = parents;
    count = Math.ceil(count / 2);
  }
  return used === proof.hashes.length && bytesEqual(known.get(0) as Uint8Array, root);
}

function checkIndices(indices: readonly number[], leafCount: number): void {
  if (indices.length === 0) throw new RangeError("a multiproof needs at least one leaf index");
  const seen = new Set<number>();
  for (const i of indices) {
    if (!(Number.isInteger(i) && i >= 0 && i < leafCount)) throw new RangeError(`leaf index ${i} outside 0..${leafCount - 1}`);
    if (seen.has(i)) throw new RangeError(`leaf index ${i} repeated`);
    seen.add(i);
  }
}

/**
 * Binary Merkle tree over n leaves, built level by level (Merkle 1987,
 * "A Digital Signature Based on a Conventional Encryption Function", CRYPTO '87):
 * level 0 holds the leaf hashes, level l+1 pairs neighbours of level l. An odd
 * last node is carried up (rfc6962) or paired with itself (bitcoin); see hash.ts.
 *
 * With carrying, the level construction gives exactly RFC 6962's recursive
 * MTH (split at the largest power of two below n, section 2.1); the readable
 * recursive definition is `merkleRootReference` and the tests check both agree.
 *
 * An inclusion proof (audit path) is the sibling of each node on the way up:
 * ceil(log2 n) hashes under bitcoin (the duplicate counts), at most that under
 * rfc6962 (a carried node has no sibling). Verification folds the path from
 * the leaf hash and compares with the root (RFC 6962 section 2.1.1).
 */
import { bytesEqual, HASH_BYTES, type NodeHasher } from "./hash";

export interface MerkleTree {
  readonly hasher: NodeHasher;
  readonly leafCount: number;
  /** levels[0] = leaf hashes, levels[levels.length - 1] = [root]; each a flat array of 32-byte hashes. */
  readonly levels: readonly Uint8Array[];
  readonly root: Uint8Array;
}

function nodeAt(level: Uint8Array, i: number): Uint8Array {
  return level.subarray(i * HASH_BYTES, (i + 1) * HASH_BYTES);
}

/** Number of nodes on the level above one of `count` nodes. */
function parentCount(count: number): number {
  return Math.ceil(count / 2);
}

/** Build the tree from leaf data (hashed with hasher.leaf). */
export function buildMerkleTree(leaves: readonly Uint8Array[], hasher: NodeHasher): MerkleTree {
  return buildMerkleTreeFromHashes(leaves.map((d) => hasher.leaf(d)), hasher);
}

/** Build the tree from leaf hashes already computed. */
export function buildMerkleTreeFromHashes(leafHashes: readonly Uint8Array[], hasher: NodeHasher): MerkleTree {
  const n = leafHashes.length;
  if (n < 1) throw new RangeError("a Merkle tree needs at least one leaf");
  let level = new Uint8Array(n * HASH_BYTES);
  leafHashes.forEach((h, i) => {
    if (h.length !== HASH_BYTES) throw new RangeError(`leaf hash ${i} has ${h.length} bytes, need ${HASH_BYTES}`);
    level.set(h, i * HASH_BYTES);
  });
  const levels = [level];
  let count = n;
  while (count > 1) {
    const up = parentCount(count);
    const next = new Uint8Array(up * HASH_BYTES);
    for (let j = 0; j < up; j++) {
      const left = nodeAt(level, 2 * j);
      if (2 * j + 1 < count) next.set(hasher.node(left, nodeAt(level, 2 * j + 1)), j * HASH_BYTES);
      else next.set(hasher.duplicateOdd ? hasher.node(left, left) : left, j * HASH_BYTES);
    }
    levels.push(next);
    level = next;
    count = up;
  }
  return { hasher, leafCount: n, levels, root: Uint8Array.from(nodeAt(level, 0)) };
}

/** Audit path of leaf `index`: sibling hashes from the leaf level up. */
export function merkleProof(tree: MerkleTree, index: number): Uint8Array[] {
  if (!(Number.isInteger(index) && index >= 0 && index < tree.leafCount)) throw new RangeError(`leaf index ${index} outside 0..${tree.leafCount - 1}`);
  const path: Uint8Array[] = [];
  let i = index;
  let count = tree.leafCount;
  for (let l = 0; count > 1; l++) {
    const level = tree.levels[l];
    const sibling = i ^ 1;
    if (sibling < count) path.push(Uint8Array.from(nodeAt(level, sibling)));
    else if (tree.hasher.duplicateOdd) path.push(Uint8Array.from(nodeAt(level, i)));
    // rfc6962: a carried node has no sibling on this level
    i >>= 1;
    count = parentCount(count);
  }
  return path;
}

/**
 * Does `path` prove that `leafHash` is leaf `index` of a tree of `leafCount`
 * leaves with root `root`? (RFC 6962 section 2.1.1, with the bitcoin rule as
 * an option.) Rejects paths of the wrong length.
 */
export function verifyMerkleProof(hasher: NodeHasher, leafHash: Uint8Array, index: number, leafCount: number, path: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!(Number.isInteger(index) && index >= 0 && index < leafCount)) return false;
  let h = leafHash;
  let i = index;
  let count = leafCount;
  let used = 0;
  while (count > 1) {
    const sibling = i ^ 1;
    if (sibling < count || hasher.duplicateOdd) {
      if (used >= path.length) return false;
      const s = path[used++];
      if (sibling >= count && !bytesEqual(s, h)) return false; // bitcoin: the duplicate must be the node itself
      h = i & 1 ? hasher.node(s, h) : hasher.node(h, s);
    }
    i >>= 1;
    count = parentCount(count);
  }
  return used === path.length && bytesEqual(h, root);
}

/** Number of hashes in the audit path of leaf `index` in a tree of n leaves (without building it). */
export function proofLength(n: number, index: number, duplicateOdd: boolean): number {
  let len = 0;
  let i = index;
  for (let count = n; count > 1; count = parentCount(count), i >>= 1) if ((i ^ 1) < count || duplicateOdd) len++;
  return len;
}

/**
 * Readable reference: the root by the recursive definitions.
 * rfc6962: MTH(D[n]) = H(0x01 || MTH(D[0:k]) || MTH(D[k:n])) with k the largest power of two < n (RFC 6962 section 2.1).
 * bitcoin: pair neighbours, duplicating an odd last one, until one hash is left (Bitcoin Core ComputeMerkleRoot).
 */
export function merkleRootReference(leafHashes: readonly Uint8Array[], hasher: NodeHasher): Uint8Array {
  if (leafHashes.length < 1) throw new RangeError("a Merkle tree needs at least one leaf");
  if (!hasher.duplicateOdd) {
    const mth = (d: readonly Uint8Array[]): Uint8Array => {
      if (d.length === 1) return d[0];
      let k = 1;
      while (k * 2 < d.length) k *= 2;
      return hasher.node(mth(d.slice(0, k)), mth(d.slice(k)));
    };
    return mth(leafHashes);
  }
  let level = [...leafHashes];
  while (level.length > 1) {
    if (level.length % 2 === 1) level.push(level[level.length - 1]);
    const next: Uint8Array[] = [];
    for (let j = 0; j < level.length; j += 2) next.push(hasher.node(level[j], level[j + 1]));
    level = next;
  }
  return level[0];
}

/**
 * Sparse Merkle tree for account state: a binary trie on the bits of a 256-bit
 * key (the hash of the account id), in which an empty subtree hashes to 32 zero
 * bytes and a subtree holding a single leaf is that leaf (the leaf sits at its
 * shortest unique prefix). This is the compact sparse Merkle tree of
 * Dahlberg, Pulls & Peeters, "Efficient Sparse Merkle Trees", NordSec 2016,
 * section 3 (default hashes and the one-leaf shortcut), as used by the
 * Jellyfish Merkle tree (Gao et al., Diem 2021, section 3). The root depends
 * only on the set of (key, value) pairs, never on the order of writes.
 *
 *   empty    = 0^32
 *   leaf     = H(0x00 || key || value)
 *   branch   = H(0x01 || left || right)
 *
 * With N random keys a leaf sits at depth D with P(D > k) = 1 - (1 - 2^-k)^(N-1)
 * (some other key shares its first k bits), E[D] = log2 N + O(1) (Knuth, TAOCP
 * vol. 3, section 6.3): reads, writes and proofs take O(log N) hashes.
 *
 * A proof for a key is the sibling hashes down its path plus what the path ends
 * at: the key's own leaf (inclusion), or nothing or another key's leaf
 * (exclusion: the key is absent). Deletion is not implemented.
 */
import { bytesEqual, concatBytes, HASH_BYTES, type HashFn } from "./hash";

const EMPTY = new Uint8Array(HASH_BYTES);
const LEAF = Uint8Array.of(0x00);
const BRANCH = Uint8Array.of(0x01);

interface Leaf {
  readonly kind: "leaf";
  readonly key: Uint8Array;
  value: Uint8Array;
  hash: Uint8Array;
}

interface Branch {
  readonly kind: "branch";
  left: Node | null;
  right: Node | null;
  hash: Uint8Array;
}

type Node = Leaf | Branch;

/** Bit `depth` of key, most significant bit of byte 0 first. */
export function keyBit(key: Uint8Array, depth: number): number {
  return (key[depth >> 3] >> (7 - (depth & 7))) & 1;
}

/** What a key's path ends at. */
export type PathEnd = { kind: "empty" } | { kind: "leaf"; key: Uint8Array; value: Uint8Array };

export interface SparseProof {
  readonly key: Uint8Array;
  /** Sibling hashes from the root down (siblings[d] is the sibling at depth d + 1). */
  readonly siblings: readonly Uint8Array[];
  readonly end: PathEnd;
}

export class SparseMerkleTree {
  private rootNode: Node | null = null;
  private leaves = 0;
  /** Hashes computed by writes since creation (for the O(log N) check and benchmarks). */
  hashesComputed = 0;

  constructor(readonly hash: HashFn) {}

  get size(): number {
    return this.leaves;
  }

  get root(): Uint8Array {
    return this.rootNode ? this.rootNode.hash : EMPTY;
  }

  private leafHash(key: Uint8Array, value: Uint8Array): Uint8Array {
    this.hashesComputed++;
    return this.hash(concatBytes(LEAF, key, value));
  }

  private branchHash(left: Node | null, right: Node | null): Uint8Array {
    this.hashesComputed++;
    return this.hash(concatBytes(BRANCH, left ? left.hash : EMPTY, right ? right.hash : EMPTY));
  }

  /** Value stored under key, or undefined. */
  get(key: Uint8Array): Uint8Array | undefined {
    checkKey(key);
    let node = this.rootNode;
    for (let depth = 0; node; depth++) {
      if (node.kind === "leaf") return bytesEqual(node.key, key) ? node.value : undefined;
      node = keyBit(key, depth) ? node.right : node.left;
    }
    return undefined;
  }

  /** Insert or overwrite key -> value; rehashes the path (O(depth) hashes). */
  set(key: Uint8Array, value: Uint8Array): void {
    checkKey(key);
    this.rootNode = this.insert(this.rootNode, 0, Uint8Array.from(key), Uint8Array.from(value));
  }

  private insert(node: Node | null, depth: number, key: Uint8Array, value: Uint8Array): Node {
    if (!node) {
      this.leaves++;
      return { kind: "leaf", key, value, hash: this.leafHash(key, value) };
    }
    if (node.kind === "leaf") {
      if (bytesEqual(node.key, key)) {
        node.value = value;
        node.hash = this.leafHash(key, value);
        return node;
      }
      this.leaves++;
      return this.split(node, { kind: "leaf", key, value, hash: this.leafHash(key, value) }, depth);
    }
    if (keyBit(key, depth)) node.right = this.insert(node.right, depth + 1, key, value);
    else node.left = this.insert(node.left, depth + 1, key, value);
    node.hash = this.branchHash(node.left, node.right);
    return node;
  }

  /** A branch at `depth` holding two leaves, with branches down to where their keys part. */
  private split(a: Leaf, b: Leaf, depth: number): Branch {
    if (depth >= HASH_BYTES * 8) throw new Error("two distinct keys with equal bits: impossible");
    const ba = keyBit(a.key, depth);
    const bb = keyBit(b.key, depth);
    let left: Node | null;
    let right: Node | null;
    if (ba === bb) {
      const below = this.split(a, b, depth + 1);
      left = ba ? null : below;
      right = ba ? below : null;
    } else {
      left = ba ? b : a;
      right = ba ? a : b;
    }
    return { kind: "branch", left, right, hash: this.branchHash(left, right) };
  }

  /** Proof of inclusion (key present) or exclusion (key absent) against the current root. */
  prove(key: Uint8Array): SparseProof {
    checkKey(key);
    const siblings: Uint8Array[] = [];
    let node = this.rootNode;
    for (let depth = 0; node && node.kind === "branch"; depth++) {
      const bit = keyBit(key, depth);
      const sibling = bit ? node.left : node.right;
      siblings.push(sibling ? sibling.hash : EMPTY);
      node = bit ? node.right : node.left;
    }
    const end: PathEnd = node ? { kind: "leaf", key: node.key, value: node.value } : { kind: "empty" };
    return { key: Uint8Array.from(key), siblings, end };
  }

  /** Depth of every leaf (for the depth distribution). */
  leafDepths(): number[] {
    const out: number[] = [];
    const visit = (node: Node | null, depth: number) => {
      if (!node) return;
      if (node.kind === "leaf") out.push(depth);
      else {
        visit(node.left, depth + 1);
        visit(node.right, depth + 1);
      }
    };
    visit(this.rootNode, 0);
    return out;
  }
}

/** Root implied by a proof (the path folded up with the key's bits), or undefined if the proof is malformed. */
function foldProof(hash: HashFn, proof: SparseProof): Uint8Array | undefined {
  const { key, siblings, end } = proof;
  const depth = siblings.length;
  let h: Uint8Array;
  if (end.kind === "empty") h = EMPTY;
  else {
    // The leaf must sit on the key's path: its key shares the first `depth` bits.
    for (let d = 0; d < depth; d++) if (keyBit(end.key, d) !== keyBit(key, d)) return undefined;
    h = hash(concatBytes(LEAF, end.key, end.value));
  }
  for (let d = depth - 1; d >= 0; d--) {
    const s = siblings[d];
    h = keyBit(key, d) ? hash(concatBytes(BRANCH, s, h)) : hash(concatBytes(BRANCH, h, s));
  }
  return h;
}

/** Does `proof` show key -> value is in the tree with root `root`? */
export function verifyInclusion(hash: HashFn, root: Uint8Array, key: Uint8Array, value: Uint8Array, proof: SparseProof): boolean {
  if (!bytesEqual(proof.key, key) || proof.end.kind !== "leaf") return false;
  if (!bytesEqual(proof.end.key, key) || !bytesEqual(proof.end.value, value)) return false;
  const r = foldProof(hash, proof);
  return r !== undefined && bytesEqual(r, root);
}

/** Does `proof` show key is absent from the tree with root `root`? */
export function verifyExclusion(hash: HashFn, root: Uint8Array, key: Uint8Array, proof: SparseProof): boolean {
  if (!bytesEqual(proof.key, key)) return false;
  if (proof.end.kind === "leaf" && bytesEqual(proof.end.key, key)) return false;
  const r = foldProof(hash, proof);
  return r !== undefined && bytesEqual(r, root);
}

/** E[depth of a random leaf] among N random keys: sum over k >= 0 of 1 - (1 - 2^-k)^(N-1) (see the header). */
export function expectedLeafDepth(N: number): number {
  if (!(Number.isInteger(N) && N >= 1)) throw new RangeError(`expectedLeafDepth needs an integer N >= 1, got ${N}`);
  let sum = 0;
  for (let k = 0; k < 256; k++) {
    const term = 1 - Math.exp((N - 1) * Math.log1p(-(2 ** -k)));
    if (k === 0) {
      sum += N > 1 ? 1 : 0;
      continue;
    }
    sum += term;
    if (term < 1e-17) break;
  }
  return sum;
}

function checkKey(key: Uint8Array): void {
  if (key.length !== HASH_BYTES) throw new RangeError(`a sparse Merkle key has ${HASH_BYTES} bytes, got ${key.length}`);
}

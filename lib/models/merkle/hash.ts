/**
 * Hash functions and node rules of the Merkle trees in this folder.
 *
 *   rfc6962: leaf = H(0x00 || data), node = H(0x01 || left || right); an odd
 *            last node is carried up unchanged (Laurie, Langley & Kasper,
 *            RFC 6962 "Certificate Transparency", 2013, section 2.1).
 *   bitcoin: leaves are txids (internal byte order), node = SHA-256(SHA-256(left || right)),
 *            an odd last node is paired with itself (Nakamoto 2008, section 7;
 *            Bitcoin Core consensus/merkle.cpp ComputeMerkleRoot).
 *
 * H is SHA-256 (FIPS 180-4) or Keccak-256 (the pre-standard SHA-3 Ethereum
 * uses; Yellow Paper, Wood 2014), both from @noble/hashes.
 */
import { sha256 } from "@noble/hashes/sha256";
import { keccak_256 } from "@noble/hashes/sha3";

export type HashName = "sha256" | "keccak256";
export const HASH_NAMES: readonly HashName[] = ["sha256", "keccak256"];

export type TreeScheme = "rfc6962" | "bitcoin";
export const TREE_SCHEMES: readonly TreeScheme[] = ["rfc6962", "bitcoin"];

export type HashFn = (data: Uint8Array) => Uint8Array;

export const HASH_BYTES = 32;

/** The 32-byte hash function named `name`. */
export function hashFunction(name: HashName): HashFn {
  if (name === "sha256") return sha256;
  if (name === "keccak256") return keccak_256;
  throw new RangeError(`unknown hash ${JSON.stringify(name)} (known: ${HASH_NAMES.join(", ")})`);
}

/** Bytes of a..., concatenated. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** How one scheme hashes leaves and pairs of nodes. */
export interface NodeHasher {
  readonly scheme: TreeScheme;
  /** Hash of a leaf's data (bitcoin: the data is already the txid and is returned as is). */
  leaf(data: Uint8Array): Uint8Array;
  /** Hash of an inner node from its two children. */
  node(left: Uint8Array, right: Uint8Array): Uint8Array;
  /** true: an odd last node pairs with itself (bitcoin); false: it is carried up (rfc6962). */
  readonly duplicateOdd: boolean;
}

/** The node rules of `scheme` on hash `hash` (bitcoin is defined on SHA-256 only). */
export function nodeHasher(scheme: TreeScheme, hash: HashName = "sha256"): NodeHasher {
  const H = hashFunction(hash);
  if (scheme === "rfc6962") {
    return {
      scheme,
      duplicateOdd: false,
      leaf: (data) => H(concatBytes(LEAF_PREFIX, data)),
      node: (left, right) => H(concatBytes(NODE_PREFIX, left, right)),
    };
  }
  if (scheme === "bitcoin") {
    return {
      scheme,
      duplicateOdd: true,
      leaf: (data) => {
        if (data.length !== HASH_BYTES) throw new RangeError(`a bitcoin leaf is a 32-byte txid, got ${data.length} bytes`);
        return data;
      },
      node: (left, right) => H(H(concatBytes(left, right))),
    };
  }
  throw new RangeError(`unknown tree scheme ${JSON.stringify(scheme)} (known: ${TREE_SCHEMES.join(", ")})`);
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new RangeError(`not hex: ${JSON.stringify(hex)}`);
  return Uint8Array.from(Buffer.from(hex, "hex"));
}

/** Bitcoin shows txids and block hashes byte-reversed; this turns display hex into internal bytes (and back). */
export function reverseBytes(bytes: Uint8Array): Uint8Array {
  return Uint8Array.from(bytes).reverse();
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** ceil(log2 n) for n >= 1: the height of a binary Merkle tree over n leaves. */
export function ceilLog2(n: number): number {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`ceilLog2 needs an integer n >= 1, got ${n}`);
  let h = 0;
  while (2 ** h < n) h++;
  return h;
}

/**
 * Proof size against tree width, as a model (no new cryptography): one leaf's
 * proof in a tree of N leaves and width w has depth d = ceil(log_w N).
 *
 *   Merkle, width w: every level sends the w - 1 sibling hashes, d (w - 1) hashes of 32 bytes
 *                    (Merkle 1987; for w = 16 the hexary Patricia trie of Ethereum, Wood 2014, appendix D).
 *   Verkle, width w: every level sends one vector commitment (32 bytes), plus one opening proof
 *                    of constant size for all levels together
 *                    (Kuszmaul 2018, "Verkle Trees", section 3; Buterin 2021, "Verkle trees",
 *                    vitalik.eth.limo; the opening size is a parameter, default 576 bytes:
 *                    an inner-product argument over 256 values, 2 log2 256 = 16 points of 32
 *                    bytes plus 2 field elements (an assumption stated, not a spec value)).
 * Width 2 Merkle proofs are the smallest Merkle proofs; Verkle proofs shrink with width.
 */
export interface ProofSizeModel {
  width: number;
  depth: number;
  merkleHashes: number;
  merkleBytes: number;
  verkleBytes: number;
}

export const DEFAULT_OPENING_BYTES = 576;

/** Depth ceil(log_w N) of a width-w tree over N leaves, computed in integers. */
export function treeDepth(width: number, leaves: number): number {
  if (!(Number.isInteger(width) && width >= 2)) throw new RangeError(`width must be an integer >= 2, got ${width}`);
  if (!(Number.isInteger(leaves) && leaves >= 1)) throw new RangeError(`leaves must be an integer >= 1, got ${leaves}`);
  let d = 0;
  for (let cap = 1; cap < leaves; cap *= width) d++;
  return d;
}

export function proofSizeModel(width: number, leaves: number, hashBytes = 32, commitmentBytes = 32, openingBytes = DEFAULT_OPENING_BYTES): ProofSizeModel {
  const depth = treeDepth(width, leaves);
  const merkleHashes = depth * (width - 1);
  return { width, depth, merkleHashes, merkleBytes: merkleHashes * hashBytes, verkleBytes: depth * commitmentBytes + (depth > 0 ? openingBytes : 0) };
}

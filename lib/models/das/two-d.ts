/**
 * The 2-D Reed-Solomon scheme of Al-Bassam, Sonnino & Buterin, "Fraud and Data
 * Availability Proofs", FC 2019 (arXiv 1809.09044), section 5.1: a k x k data
 * square is extended to 2k x 2k by encoding every row, then every column of
 * the row-extended square, with the same code; each row and column of the
 * result is a codeword, so a row or column with k of its 2k shares is recovered
 * whole. Decoding repeats row and column recovery until nothing changes.
 *
 * Section 5 shows that an adversary must withhold at least (k+1)^2 of the
 * (2k)^2 shares to make the square unrecoverable (a set of k+1 rows x k+1
 * columns: every affected line then misses k+1 > k shares).
 */
import { rsDecode, rsEncode, type Share } from "./reed-solomon";

/** Extend a k x k square (rows of k symbols) to 2k x 2k. */
export function extendSquare(data: readonly (readonly number[])[]): number[][] {
  const k = data.length;
  if (k < 1 || data.some((r) => r.length !== k)) throw new RangeError("data must be a non-empty k x k square");
  const rows = data.map((r) => rsEncode(r, 2 * k)); // k rows of 2k
  const out: number[][] = Array.from({ length: 2 * k }, () => new Array<number>(2 * k).fill(0));
  for (let c = 0; c < 2 * k; c++) {
    const col = rsEncode(rows.map((r) => r[c]), 2 * k);
    for (let r = 0; r < 2 * k; r++) out[r][c] = col[r];
  }
  return out;
}

/**
 * Can the square be recovered from the shares marked available (available[r * 2k + c] = 1)?
 * Iterated row/column recovery on the mask alone (no symbols). Returns the final mask.
 */
export function closeMask(available: Uint8Array, k: number): Uint8Array {
  const w = 2 * k;
  if (available.length !== w * w) throw new RangeError(`mask needs ${w * w} entries, got ${available.length}`);
  const m = Uint8Array.from(available);
  for (let changed = true; changed; ) {
    changed = false;
    for (let line = 0; line < 2 * w; line++) {
      const isRow = line < w;
      const i = isRow ? line : line - w;
      let have = 0;
      for (let j = 0; j < w; j++) have += m[isRow ? i * w + j : j * w + i];
      if (have >= k && have < w) {
        for (let j = 0; j < w; j++) m[isRow ? i * w + j : j * w + i] = 1;
        changed = true;
      }
    }
  }
  return m;
}

export function isRecoverable(available: Uint8Array, k: number): boolean {
  return closeMask(available, k).every((v) => v === 1);
}

/** Recover the full 2k x 2k square from the available shares (values where available), or undefined if impossible. */
export function recoverSquare(square: readonly (readonly number[])[], available: Uint8Array, k: number): number[][] | undefined {
  const w = 2 * k;
  const m = Uint8Array.from(available);
  const v = square.map((row, r) => row.map((x, c) => (m[r * w + c] ? x : -1)));
  for (let changed = true; changed; ) {
    changed = false;
    for (let line = 0; line < 2 * w; line++) {
      const isRow = line < w;
      const i = isRow ? line : line - w;
      const shares: Share[] = [];
      for (let j = 0; j < w; j++) if (m[isRow ? i * w + j : j * w + i]) shares.push({ x: j, y: isRow ? v[i][j] : v[j][i] });
      if (shares.length >= k && shares.length < w) {
        const full = rsEncode(rsDecode(shares, k), w);
        for (let j = 0; j < w; j++) {
          if (isRow) v[i][j] = full[j];
          else v[j][i] = full[j];
          m[isRow ? i * w + j : j * w + i] = 1;
        }
        changed = true;
      }
    }
  }
  return m.every((x) => x === 1) ? v : undefined;
}

/** The adversary's minimal withholding: the (k+1) x (k+1) top-left block unavailable (1 = available). */
export function minimalWithholdingMask(k: number): Uint8Array {
  const w = 2 * k;
  const m = new Uint8Array(w * w).fill(1);
  for (let r = 0; r <= k; r++) for (let c = 0; c <= k; c++) m[r * w + c] = 0;
  return m;
}

/**
 * Shards: `--shard i/n` (0 <= i < n) runs the units u with u mod n = i, in plan
 * order. Interleaving (rather than contiguous blocks) spreads cheap and costly
 * grid regions evenly over the machines. A shard's rows are its units in plan
 * order, so `merge` needs only (i, n) to put every row back in its place.
 */
export interface Shard {
  /** 0-based index of this slice. */
  index: number;
  /** Number of slices. */
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const shard = m ? { index: Number(m[1]), count: Number(m[2]) } : undefined;
  if (!shard || !Number.isSafeInteger(shard.count) || shard.count < 1 || shard.index >= shard.count)
    throw new RangeError(`invalid shard: ${JSON.stringify(text)} (allowed: i/n with integers 0 <= i < n, e.g. 0/4 ... 3/4)`);
  return shard;
}

export function checkShard(shard: Shard): Shard {
  if (!Number.isSafeInteger(shard.count) || shard.count < 1 || !Number.isSafeInteger(shard.index) || shard.index < 0 || shard.index >= shard.count)
    throw new RangeError(`invalid shard: ${shard.index}/${shard.count} (allowed: i/n with integers 0 <= i < n)`);
  return shard;
}

/** The units of a shard (all units when `shard` is undefined), ascending. */
export function shardUnits(total: number, shard?: Shard): Uint32Array {
  if (!shard) return Uint32Array.from({ length: total }, (_, u) => u);
  const n = total > shard.index ? Math.ceil((total - shard.index) / shard.count) : 0;
  return Uint32Array.from({ length: n }, (_, k) => shard.index + k * shard.count);
}

/** Folder name of a shard's results, e.g. "shard-2-of-4". */
export function shardLabel(shard: Shard): string {
  return `shard-${shard.index}-of-${shard.count}`;
}

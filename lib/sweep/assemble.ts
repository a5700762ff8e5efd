/**
 * From the journal (units in the order they finished) to columns in plan
 * order. Whatever order, batching, worker count or number of interruptions
 * produced the journal, the same finished units give the same columns.
 *
 * Column order: the keys of the first row in plan order (parameters,
 * replicate, seed, stream, outputs, as runPoint builds it); a key that only
 * later rows have comes after, ordered by the first row that has it.
 */
import type { Cell } from "../experiment/experiment";
import { FIXED_TYPES, valueType, type ColumnData, type ColumnType } from "./arrow";
import { readJournal, type UnitFailure } from "./journal";
import { seriesColumns, type SeriesColumnsResult, type UnitSeries } from "./series";

export interface Assembled {
  columns: ColumnData[];
  /** The unit of each row, ascending. */
  rowUnits: number[];
  /** Failed units, ascending, with their last recorded error. */
  errors: Array<{ u: number } & UnitFailure>;
  /** Units with neither a row nor an error. */
  missing: number[];
  /** The rows' series as one long table (see series.ts); null when no unit returned any. */
  series: SeriesColumnsResult | null;
}

interface Builder {
  values: Cell[];
  firstPos: number;
  keyIndex: number;
}

/**
 * Read the journal's records for `units` (ascending); a unit not in `units`
 * is ignored, the first row of a unit wins, and a row beats an error.
 */
export function assemble(journalPath: string, units: Uint32Array, declared: Readonly<Record<string, ColumnType>>, replicates = 1): Assembled {
  const n = units.length;
  // Units of a whole sweep or of a shard form an arithmetic sequence; anything else goes through a map.
  const step = n > 1 ? units[1] - units[0] : 1;
  const arithmetic = n === 0 || units[n - 1] === units[0] + (n - 1) * step;
  const position = arithmetic ? undefined : new Map(Array.from(units, (u, i) => [u, i] as const));
  const posOf = (u: number): number => {
    if (position) return position.get(u) ?? -1;
    const k = (u - units[0]) / step;
    return Number.isInteger(k) && k >= 0 && k < n ? k : -1;
  };
  const status = new Uint8Array(n); // 0 nothing, 1 row, 2 error
  const failures = new Map<number, UnitFailure>();
  const builders = new Map<string, Builder>();
  const seriesOf = new Map<number, UnitSeries["series"]>();
  readJournal(journalPath, (record) => {
    const pos = posOf(record.u);
    if (pos < 0 || status[pos] === 1) return;
    if ("error" in record) {
      status[pos] = 2;
      failures.set(pos, record.error);
      return;
    }
    status[pos] = 1;
    failures.delete(pos);
    if (record.series) seriesOf.set(pos, record.series);
    let j = 0;
    for (const [key, value] of Object.entries(record.row)) {
      let b = builders.get(key);
      if (!b) {
        b = { values: new Array<Cell>(n).fill(null), firstPos: pos, keyIndex: j };
        builders.set(key, b);
      } else if (pos < b.firstPos) {
        b.firstPos = pos;
        b.keyIndex = j;
      }
      b.values[pos] = value;
      j++;
    }
  });
  const keep: number[] = [];
  const missing: number[] = [];
  const errors: Assembled["errors"] = [];
  for (let i = 0; i < n; i++) {
    if (status[i] === 1) keep.push(i);
    else if (status[i] === 2) errors.push({ u: units[i], ...(failures.get(i) as UnitFailure) });
    else missing.push(units[i]);
  }
  const ordered = [...builders.entries()].sort(([, a], [, b]) => a.firstPos - b.firstPos || a.keyIndex - b.keyIndex);
  const columns = ordered.map(([name, b]) => {
    const values = keep.length === n ? b.values : keep.map((i) => b.values[i]);
    return { name, type: declared[name] ?? FIXED_TYPES[name] ?? valueType(values), values };
  });
  const unitSeries: UnitSeries[] = [];
  for (const i of keep) {
    const s = seriesOf.get(i);
    if (s) unitSeries.push({ point: Math.floor(units[i] / replicates), replicate: units[i] % replicates, series: s });
  }
  const series = unitSeries.length ? seriesColumns(unitSeries) : null;
  return { columns, rowUnits: keep.map((i) => units[i]), errors, missing, series };
}

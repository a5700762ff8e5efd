/**
 * Data out: a stored sweep read back by tools other than ours. rows.parquet
 * and summary.parquet through DuckDB's built-in Parquet reader (SQL, no
 * extension download), rows.arrow and summary.arrow through the Apache Arrow
 * JavaScript reader; every value is compared with the rows runSweep returned.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { DuckDBInstance } from "@duckdb/node-api";
import * as aq from "arquero";
import { defineExperiment } from "../../lib/experiment/experiment";
import { bool, choice, int, num } from "../../lib/experiment/params";
import { runSweep } from "../../lib/sweep/run-sweep";
import { loadSweep } from "../../lib/sweep/load";
import { quiet, tempDir } from "./helpers";

/** Every column type a sweep stores, with nulls, NaN and infinities in float columns. */
const types = defineExperiment({
  name: "test-parquet-types",
  title: "test fixture: every stored column type",
  reference: "test fixture",
  source: __filename,
  params: {
    x: int({ default: 0, unit: "", min: 0, max: 100, doc: "integer parameter (int64)" }),
    rate: num({ default: 0.5, unit: "", min: 0, max: 1, doc: "number parameter (float64)" }),
    mode: choice({ default: "a", choices: ["a", "b"], doc: "choice parameter (utf8)" }),
    flag: bool({ default: false, doc: "boolean parameter (bool)" }),
  },
  run({ x, rate, mode, flag }, rng) {
    const u = rng.random();
    return {
      y: x + u,
      maybe: x % 2 === 1 ? null : rate * u, // nulls in a float column
      odd: x === 3 ? Number.NaN : x === 4 ? Number.POSITIVE_INFINITY : u - 0.5,
      label: `${mode}${x}`,
      big: flag && u > 0.5,
    };
  },
});

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** A DuckDB value as a plain JS value (BIGINT comes back as bigint). */
const plain = (v: unknown) => (typeof v === "bigint" ? Number(v) : v);

function sameCell(actual: unknown, expected: unknown, where: string): void {
  if (typeof expected === "number" && Number.isNaN(expected)) assert.ok(Number.isNaN(actual as number), `${where}: expected NaN, got ${String(actual)}`);
  else assert.equal(plain(actual), expected, where);
}

async function duckdbColumns(sql: string): Promise<{ columns: Record<string, unknown[]>; types: Record<string, string> }> {
  const db = await DuckDBInstance.create(":memory:");
  const connection = await db.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    const columns = reader.getColumnsObjectJS() as Record<string, unknown[]>;
    const typeNames = Object.fromEntries(reader.columnNames().map((n, i) => [n, reader.columnTypes()[i].toString()]));
    return { columns, types: typeNames };
  } finally {
    connection.closeSync();
    db.closeSync();
  }
}

test("DuckDB reads rows.parquet and summary.parquet in SQL with the stored types, and every value equals the sweep's rows", async () => {
  const dir = join(tempDir(), "sweep");
  const grid = { x: [1, 2, 3, 4], rate: [0.25], mode: ["a", "b"], flag: [true, false] };
  const result = await runSweep(types, grid, { replicates: 3, seed: 11, workers: 1, dir, ...quiet });
  const rows = result.rows.objects() as Record<string, unknown>[];
  assert.equal(rows.length, 4 * 2 * 2 * 3);

  const parquet = join(dir, "rows.parquet");
  const { columns, types: sqlTypes } = await duckdbColumns(`SELECT * FROM read_parquet(${sqlString(parquet)})`);
  // Types as declared in lib/sweep/arrow.ts: integer parameter int64, number float64, choice utf8, boolean bool.
  assert.deepEqual(
    { x: sqlTypes.x, rate: sqlTypes.rate, mode: sqlTypes.mode, flag: sqlTypes.flag, replicate: sqlTypes.replicate, seed: sqlTypes.seed, stream: sqlTypes.stream, y: sqlTypes.y, label: sqlTypes.label, big: sqlTypes.big },
    { x: "BIGINT", rate: "DOUBLE", mode: "VARCHAR", flag: "BOOLEAN", replicate: "INTEGER", seed: "BIGINT", stream: "VARCHAR", y: "DOUBLE", label: "VARCHAR", big: "BOOLEAN" },
  );
  assert.deepEqual(Object.keys(columns), result.rows.columnNames(), "same columns in the same order");
  for (const name of result.rows.columnNames()) rows.forEach((row, i) => sameCell(columns[name][i], row[name], `rows.parquet ${name}[${i}]`));
  assert.ok(columns.maybe.some((v) => v === null) && columns.odd.some((v) => v === Number.POSITIVE_INFINITY), "nulls and infinities survive");

  // An aggregate in SQL against the mean computed here from the rows (not from our summary code).
  const sql = await duckdbColumns(`SELECT x, mode, avg(y) AS m, count(*) AS k FROM read_parquet(${sqlString(parquet)}) GROUP BY x, mode ORDER BY x, mode`);
  const expected = aq.from(rows).groupby("x", "mode").rollup({ m: aq.op.mean("y"), k: aq.op.count() }).orderby("x", "mode").objects() as Record<string, number | string>[];
  assert.equal(sql.columns.x.length, expected.length);
  expected.forEach((e, i) => {
    assert.equal(plain(sql.columns.x[i]), e.x);
    assert.equal(sql.columns.mode[i], e.mode);
    assert.equal(plain(sql.columns.k[i]), e.k);
    assert.ok(Math.abs((sql.columns.m[i] as number) - (e.m as number)) <= 1e-12 * Math.abs(e.m as number), `mean of y at x=${e.x} ${e.mode}`);
  });

  // summary.parquet: the same table as summary.arrow (read here by Apache Arrow, an independent reader).
  const summary = await duckdbColumns(`SELECT * FROM read_parquet(${sqlString(join(dir, "summary.parquet"))})`);
  const arrowSummary = tableFromIPC(readFileSync(join(dir, "summary.arrow")));
  assert.deepEqual(Object.keys(summary.columns), arrowSummary.schema.fields.map((f) => f.name));
  assert.equal(arrowSummary.numRows, 4 * 2 * 2);
  for (const field of arrowSummary.schema.fields) {
    const column = arrowSummary.getChild(field.name)!;
    for (let i = 0; i < arrowSummary.numRows; i++) sameCell(summary.columns[field.name][i], plain(column.get(i)), `summary.parquet ${field.name}[${i}]`);
  }
});

test("the Apache Arrow reader reads rows.arrow: same columns, types and values as the sweep's rows", async () => {
  const dir = join(tempDir(), "sweep");
  const result = await runSweep(types, { x: [0, 1, 3, 4], mode: ["b"] }, { replicates: 2, seed: 5, workers: 1, dir, ...quiet });
  const table = tableFromIPC(readFileSync(join(dir, "rows.arrow")));
  const rows = result.rows.objects() as Record<string, unknown>[];
  assert.equal(table.numRows, rows.length);
  const typeOf = (name: string) => String(table.schema.fields.find((f) => f.name === name)!.type);
  assert.deepEqual([typeOf("x"), typeOf("rate"), typeOf("mode"), typeOf("flag"), typeOf("replicate"), typeOf("y")], ["Int64", "Float64", "Utf8", "Bool", "Int32", "Float64"]);
  for (const field of table.schema.fields) {
    const column = table.getChild(field.name)!;
    rows.forEach((row, i) => sameCell(plain(column.get(i)), row[field.name], `rows.arrow ${field.name}[${i}]`));
  }
});

test("a cached folder without its Parquet copies (stored before they existed) gets them on the next run", async () => {
  const dir = join(tempDir(), "sweep");
  const grid = { x: [1, 2] };
  await runSweep(types, grid, { replicates: 2, workers: 1, dir, ...quiet });
  const before = readFileSync(join(dir, "rows.parquet"));
  rmSync(join(dir, "rows.parquet"));
  rmSync(join(dir, "summary.parquet"));
  const again = await runSweep(types, grid, { replicates: 2, workers: 1, dir, ...quiet });
  assert.equal(again.cached, true);
  assert.ok(readFileSync(join(dir, "rows.parquet")).equals(before), "the same bytes as first written");
  assert.ok(statSync(join(dir, "summary.parquet")).size > 0);
});

test("loadSweep reads a .parquet file back to the same table as its .arrow twin", async () => {
  const dir = join(tempDir(), "sweep");
  await runSweep(types, { x: [1, 3, 4], flag: [true, false] }, { replicates: 2, workers: 1, dir, ...quiet });
  for (const name of ["rows", "summary"]) {
    const fromParquet = loadSweep(join(dir, `${name}.parquet`));
    const fromArrow = loadSweep(join(dir, `${name}.arrow`));
    assert.deepEqual(fromParquet.columnNames(), fromArrow.columnNames());
    assert.ok(fromArrow.numRows() > 0);
    for (const c of fromArrow.columnNames()) {
      const a = Array.from(fromArrow.array(c) as ArrayLike<unknown>, plain);
      const b = Array.from(fromParquet.array(c) as ArrayLike<unknown>, plain);
      a.forEach((v, i) => sameCell(b[i], v, `${name}.${c}[${i}]`));
    }
  }
});

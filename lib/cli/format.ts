/** Rows to text for stdout and files: CSV (arquero) or JSON lines. */
import * as aq from "arquero";
import type { Row } from "../experiment/experiment";

export type RowFormat = "csv" | "json";

export function formatRows(rows: readonly Row[] | aq.ColumnTable, format: RowFormat): string {
  const table = Array.isArray(rows) ? aq.from(rows as Row[]) : (rows as aq.ColumnTable);
  if (format === "csv") return table.toCSV() + "\n";
  return (table.objects() as Row[]).map((r) => JSON.stringify(r)).join("\n") + "\n";
}

export function checkFormat(raw: string | undefined): RowFormat {
  const format = raw ?? "csv";
  if (format !== "csv" && format !== "json") throw new RangeError(`invalid --format: ${JSON.stringify(format)} (allowed: csv, json)`);
  return format;
}

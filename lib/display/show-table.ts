/**
 * showTable: an arquero table (or rows) as ONE notebook output carrying
 * text/html (JupyterLab, VS Code, GitHub) and text/plain (terminals, logs).
 * By default a sweep summary shows its parameters, the replicate count and
 * each measure's "mean [lo, hi]" (table-columns.ts); `columns: "all"` or a
 * list of names shows the rest. Numbers are rounded for reading (`digits`
 * significant digits); the table itself is untouched. The HTML table scrolls
 * sideways when it is wider than the page. Returns nothing, so tslab prints
 * no value after it.
 */
import * as aq from "arquero";
import { toRows, type TableLike } from "../charts/data";
import { displaySender, type DisplayData } from "./jupyter-output";
import { selectColumns, type ColumnChoice, type ShownColumn } from "./table-columns";

export interface ShowTableOptions {
  /** Rows shown at most. Default 20. */
  limit?: number;
  /** Significant digits of non-integer numbers. Default 4. */
  digits?: number;
  /**
   * Columns: "auto" (parameters, count, then each measure's mean [lo, hi] for a
   * sweep summary; every column otherwise), "all", or a list of names. Default "auto".
   */
  columns?: ColumnChoice;
}

function cellText(value: unknown, digits: number): string {
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : Number(value.toPrecision(digits)).toString();
  if (value === null || value === undefined) return "";
  return String(value);
}

const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

function shownText(row: Record<string, unknown>, column: ShownColumn, digits: number): string {
  if (column.kind === "column") return cellText(row[column.name], digits);
  const mean = cellText(row[column.mean], digits);
  const lo = column.lo ? row[column.lo] : undefined;
  const hi = column.hi ? row[column.hi] : undefined;
  // No interval when it is missing (one replicate) or has no width (a closed form repeated in every row).
  return finite(lo) && finite(hi) && lo !== hi ? `${mean} [${cellText(lo, digits)}, ${cellText(hi, digits)}]` : mean;
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

interface Laid {
  header: string[];
  cells: string[][];
  notes: string[];
}

function layout(table: TableLike | aq.ColumnTable, options: ShowTableOptions): Laid {
  const rows = toRows(table as TableLike, "showTable");
  const limit = options.limit ?? 20;
  const digits = options.digits ?? 4;
  const names = rows.length ? Object.keys(rows[0]) : [];
  const { shown, hidden } = selectColumns(names, options.columns ?? "auto");
  const header = shown.map((c) => c.name);
  const cells = rows.slice(0, limit).map((r) => shown.map((c) => shownText(r, c, digits)));
  const notes: string[] = [];
  if (rows.length > limit) notes.push(`(${rows.length - limit} more rows)`);
  const intervals = shown.some((c) => c.kind === "interval" && c.lo);
  if (intervals) notes.push("measures: mean [lo, hi], the summary's interval");
  if (hidden > 0) notes.push(`(${hidden} more columns: showTable(t, { columns: "all" }) or a list of names)`);
  return { header, cells, notes };
}

/** Plain-text rendering: right-aligned columns under a header, then the notes. */
export function tableText(table: TableLike | aq.ColumnTable, options: ShowTableOptions = {}): string {
  const { header, cells, notes } = layout(table, options);
  const widths = header.map((n, i) => Math.max(n.length, ...cells.map((c) => c[i].length)));
  const line = (cs: string[]) => cs.map((c, i) => c.padStart(widths[i])).join("  ");
  return [line(header), ...cells.map(line), ...notes].join("\n");
}

/** HTML rendering: the table inside a box that scrolls sideways when the table is wider than the page. */
export function tableHtml(table: TableLike | aq.ColumnTable, options: ShowTableOptions = {}): string {
  const { header, cells, notes } = layout(table, options);
  const head = `<tr>${header.map((n) => `<th>${escapeHtml(n)}</th>`).join("")}</tr>`;
  const body = cells.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`).join("\n");
  const foot = notes.map((n) => `<p>${escapeHtml(n)}</p>`).join("");
  return `<div style="overflow-x: auto; max-width: 100%;">\n<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>\n</div>${foot}`;
}

/** The display_data showTable sends (text/html and text/plain). */
export function tableBundle(table: TableLike | aq.ColumnTable, options: ShowTableOptions = {}): DisplayData {
  return { data: { "text/html": tableHtml(table, options), "text/plain": tableText(table, options) }, metadata: {}, transient: {} };
}

export function showTable(table: TableLike | aq.ColumnTable, options: ShowTableOptions = {}): void {
  const send = displaySender();
  if (!send) {
    console.log(tableText(table, options));
    return;
  }
  send(tableBundle(table, options));
}

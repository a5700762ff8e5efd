/**
 * showTable: an arquero table (or rows) as ONE notebook output carrying
 * text/html (JupyterLab, VS Code, GitHub) and text/plain (terminals, logs).
 * Numbers are rounded for reading (`digits` significant digits); the table
 * itself is untouched. Returns nothing, so tslab prints no value after it.
 */
import * as aq from "arquero";
import { toRows, type TableLike } from "../charts/data";
import { displaySender } from "./jupyter-output";

export interface ShowTableOptions {
  /** Rows shown at most. Default 20. */
  limit?: number;
  /** Significant digits of non-integer numbers. Default 4. */
  digits?: number;
}

function cellText(value: unknown, digits: number): string {
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : Number(value.toPrecision(digits)).toString();
  if (value === null || value === undefined) return "";
  return String(value);
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Plain-text rendering: right-aligned columns under a header. */
export function tableText(table: TableLike, options: ShowTableOptions = {}): string {
  const rows = toRows(table, "showTable");
  const limit = options.limit ?? 20;
  const digits = options.digits ?? 4;
  const names = rows.length ? Object.keys(rows[0]) : [];
  const cells = rows.slice(0, limit).map((r) => names.map((n) => cellText(r[n], digits)));
  const widths = names.map((n, i) => Math.max(n.length, ...cells.map((c) => c[i].length)));
  const line = (cs: string[]) => cs.map((c, i) => c.padStart(widths[i])).join("  ");
  const more = rows.length > limit ? [`(${rows.length - limit} more rows)`] : [];
  return [line(names), ...cells.map(line), ...more].join("\n");
}

export function showTable(table: TableLike | aq.ColumnTable, options: ShowTableOptions = {}): void {
  const text = tableText(table as TableLike, options);
  const send = displaySender();
  if (!send) {
    console.log(text);
    return;
  }
  const rows = toRows(table as TableLike, "showTable");
  const limit = options.limit ?? 20;
  const digits = options.digits ?? 4;
  const names = rows.length ? Object.keys(rows[0]) : [];
  const head = `<tr>${names.map((n) => `<th>${escapeHtml(n)}</th>`).join("")}</tr>`;
  const body = rows
    .slice(0, limit)
    .map((r) => `<tr>${names.map((n) => `<td>${escapeHtml(cellText(r[n], digits))}</td>`).join("")}</tr>`)
    .join("\n");
  const more = rows.length > limit ? `<p>(${rows.length - limit} more rows)</p>` : "";
  send({ data: { "text/html": `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>${more}`, "text/plain": text }, metadata: {}, transient: {} });
}

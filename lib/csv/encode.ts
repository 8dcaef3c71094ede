/**
 * A tiny RFC 4180 CSV encoder with OWASP CSV-injection neutralisation.
 *
 * Why not a library: quoting is a dozen lines, and neutralisation needs to know whether a cell is TEXT
 * (neutralised) or a real NUMBER (kept numeric, `-3.5` stays a number) — a type this encoder sees
 * directly while a general stringifier would need a cast hook per type anyway. encode.test.ts pins it.
 *
 * - Records end with CRLF (RFC 4180); a cell is quoted when it holds `"`, `,`, CR or LF; quotes double.
 * - Text cells beginning with `=`, `+`, `-`, `@`, tab or carriage return get a leading `'`, so a
 *   spreadsheet shows them as text instead of running a formula. Numbers are never prefixed.
 * - `excel: true` starts the file with a UTF-8 BOM so Excel reads UTF-8 (the separator stays `,`).
 */

/** One CSV cell value: text is neutralised, numbers and booleans are written as they are. */
export type CsvCell = string | number | boolean | null | undefined;

/** Output options of a CSV file. */
export interface CsvOptions {
  /** UTF-8 BOM first (Excel otherwise guesses a legacy code page). */
  excel: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** `text` with a leading `'` when a spreadsheet would read it as a formula. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One encoded cell (no separator). Non-finite numbers and null/undefined are empty cells. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = neutralise(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvRow(cells: readonly CsvCell[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** The header record, preceded by the BOM for `excel`. */
export function csvHeader(names: readonly string[], opts: CsvOptions): string {
  return (opts.excel ? "\uFEFF" : "") + csvRow(names);
}

/**
 * The SQL fragments that differ between the engines, so a query is written once: code outside lib/db asks
 * `sqlFor(store)` for them instead of branching on `store.dialect`. Each fragment gives the same result on
 * both engines (lib/db/dialect.test.ts runs every one on SQLite and PostgreSQL). Epoch-ms arguments are
 * times at or after 1970 (SQLite truncates ms to seconds toward zero).
 *
 * Portable without a fragment (write these directly): `ON CONFLICT … DO NOTHING / DO UPDATE`, COALESCE,
 * `CASE WHEN … THEN 1 ELSE 0 END` sums, `CAST(x AS BIGINT)`, `||`, window functions.
 */
import type { Dialect } from "./store";

/** One engine's fragments. Arguments named `…Sql` are SQL expressions, inserted as they are. */
export interface SqlDialect {
  /**
   * `valueSql IN (<a list bound to ONE ? parameter>)`; bind {@link SqlDialect.list}(values) to that `?`.
   * One statement text for any number of values (statements are cached by their text).
   */
  inList(valueSql: string, type: "integer" | "text"): string;
  /** The parameter value of {@link SqlDialect.inList}'s `?`. */
  list(values: readonly (number | string)[]): unknown;
  /** `'YYYY-MM'` of the UTC month holding epoch ms `msSql`. */
  utcMonth(msSql: string): string;
  /** `'YYYY-MM-DD'` of the UTC day holding epoch ms `msSql`. */
  utcDay(msSql: string): string;
  /** Epoch ms (an integer) of the first instant of the UTC month holding epoch ms `msSql`. */
  utcMonthStartMs(msSql: string): string;
  /** Aggregate: the text of `valueSql` over the group joined by `separator` (order unspecified; NULLs skipped). */
  groupConcat(valueSql: string, separator?: string): string;
  /**
   * The JSON text of member `key` of the JSON object held as text in `jsonSql` (meant for an object or
   * array member: compare it after JSON.parse, its spacing differs by engine); NULL when absent or null.
   */
  jsonMember(jsonSql: string, key: string): string;
  /** The ASCII unit separator (U+001F) as an SQL expression: a key-part delimiter no text field holds. */
  readonly unitSeparator: string;
  /**
   * The largest of the scalar expressions. Arguments must never be NULL: SQLite's `max(a, b)` is NULL then,
   * PostgreSQL's GREATEST skips NULLs (wrap nullable ones in COALESCE).
   */
  greatest(...valueSqls: string[]): string;
  /** The smallest of the scalar expressions; arguments never NULL (see {@link SqlDialect.greatest}). */
  least(...valueSqls: string[]): string;
  /** SQL boolean: text `haystackSql` holds text `needleSql` (case-sensitive, no pattern characters). */
  contains(haystackSql: string, needleSql: string): string;
  /**
   * An ORDER BY term sorting `valueSql` in `dir` as SQLite does, on both engines: NULLs lowest (first
   * ascending, last descending) and, for `text`, by code point (SQLite's BINARY; PostgreSQL would use the
   * database's locale).
   */
  sortKey(valueSql: string, dir: "ASC" | "DESC", opts?: { text?: boolean }): string;
}

/** `'text'` as an SQL string literal. */
function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A JSON object key as used in a path: plain identifiers only (keys come from code, never from input). */
function jsonKey(key: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`unsupported JSON key ${JSON.stringify(key)}`);
  return key;
}

const sqlite: SqlDialect = {
  inList: (valueSql) => `${valueSql} IN (SELECT value FROM json_each(?))`,
  list: (values) => JSON.stringify(values),
  utcMonth: (msSql) => `strftime('%Y-%m', (${msSql}) / 1000, 'unixepoch')`,
  utcDay: (msSql) => `strftime('%Y-%m-%d', (${msSql}) / 1000, 'unixepoch')`,
  utcMonthStartMs: (msSql) =>
    `(CAST(strftime('%s', (${msSql}) / 1000, 'unixepoch', 'start of month') AS INTEGER) * 1000)`,
  groupConcat: (valueSql, separator = ",") => `group_concat(${valueSql}, ${literal(separator)})`,
  jsonMember: (jsonSql, key) => `json_extract(${jsonSql}, '$.${jsonKey(key)}')`,
  unitSeparator: "char(31)",
  greatest: (...values) => (values.length === 1 ? `(${values[0]})` : `max(${values.join(", ")})`),
  least: (...values) => (values.length === 1 ? `(${values[0]})` : `min(${values.join(", ")})`),
  contains: (haystack, needle) => `(instr(${haystack}, ${needle}) > 0)`,
  sortKey: (value, dir) => `${value} ${dir}`,
};

/** A UTC timestamp of epoch ms, truncated to the second like SQLite's `unixepoch` modifier. */
const utc = (msSql: string) => `(to_timestamp(trunc((${msSql}) / 1000.0)) AT TIME ZONE 'UTC')`;

const postgres: SqlDialect = {
  inList: (valueSql, type) => `${valueSql} = ANY(?::${type === "integer" ? "bigint" : "text"}[])`,
  list: (values) => [...values],
  utcMonth: (msSql) => `to_char(${utc(msSql)}, 'YYYY-MM')`,
  utcDay: (msSql) => `to_char(${utc(msSql)}, 'YYYY-MM-DD')`,
  utcMonthStartMs: (msSql) =>
    `(CAST(EXTRACT(EPOCH FROM date_trunc('month', ${utc(msSql)})) AS BIGINT) * 1000)`,
  groupConcat: (valueSql, separator = ",") => `string_agg(CAST(${valueSql} AS TEXT), ${literal(separator)})`,
  jsonMember: (jsonSql, key) =>
    `CAST(NULLIF(CAST(${jsonSql} AS jsonb) -> '${jsonKey(key)}', 'null'::jsonb) AS TEXT)`,
  unitSeparator: "chr(31)",
  greatest: (...values) => `GREATEST(${values.join(", ")})`,
  least: (...values) => `LEAST(${values.join(", ")})`,
  contains: (haystack, needle) => `(strpos(${haystack}, ${needle}) > 0)`,
  sortKey: (value, dir, opts) =>
    `${value}${opts?.text ? ' COLLATE "C"' : ""} ${dir} NULLS ${dir === "ASC" ? "FIRST" : "LAST"}`,
};

/** The fragments of `store`'s engine. */
export function sqlFor(store: { readonly dialect: Dialect }): SqlDialect {
  return store.dialect === "postgres" ? postgres : sqlite;
}

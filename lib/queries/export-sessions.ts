/**
 * Sessions for CSV export: the filtered set (same filters and window as the Sessions table) read in
 * keyset pages of the row id with SQLite `iterate()`, one page per call, so an export of any size holds
 * one page in memory and no statement stays open between pages (the connection is shared).
 */
import type { CsvCell } from "@/lib/csv/encode";
import { queryWindow } from "./data-span";
import type { FilteredInput } from "./get-report";
import { conn, sessionScope } from "./scope";

/** The CSV columns, in order. */
export const SESSION_EXPORT_COLUMNS = [
  "developer",
  "session_id",
  "session_name",
  "project",
  "task_type",
  "model",
  "status",
  "outcome",
  "start_time",
  "end_time",
  "duration_minutes",
  "estimate_minutes",
  "interactions",
  "avg_effectiveness",
] as const;

/** Input of {@link sessionExportPages}. */
export interface SessionExportInput extends FilteredInput {
  /** Only these developers' sessions (a member's own folders); null = every developer. */
  developers: readonly string[] | null;
  pageSize?: number;
}

/** A `nextPage` function over the filtered sessions (row id order); an empty page at the end. */
export function sessionExportPages(input: SessionExportInput): () => CsvCell[][] {
  const scope = sessionScope(input.filters, queryWindow(input));
  const only = input.developers;
  const onlySql = only ? `AND d.name IN (${only.map(() => "?").join(", ") || "NULL"})` : "";
  const size = input.pageSize ?? 1000;
  const sql = `SELECT s.id, d.name, s.session_id, s.session_name, s.project, s.task_type, s.model_name, s.status,
      s.outcome, s.start_time, s.end_time, s.duration_minutes, s.estimate_minutes, s.total_interactions,
      s.avg_effectiveness
    FROM sessions s JOIN developers d ON d.id = s.developer_id
    WHERE s.id > ? AND ${scope.sql} ${onlySql} ORDER BY s.id LIMIT ?`;
  // Its own statement (not the shared cache): `raw(true)` would change a cached one for every caller.
  const query = conn(input.db).prepare(sql).raw(true);
  let after = 0;
  return () => {
    const page: CsvCell[][] = [];
    const it = query.iterate(after, ...scope.params, ...(only ?? []), size) as IterableIterator<CsvCell[]>;
    for (const [id, ...cells] of it) {
      after = Number(id);
      page.push(cells);
    }
    return page;
  };
}

/**
 * Rows for CSV export — sessions, interactions, issues — with the same filters and window as the pages,
 * read in keyset pages of the row id (`LIMIT`), one page per call, so an export of any size holds one page
 * in memory and no statement stays open between pages (the connection is shared).
 */
import type { CsvCell } from "@/lib/csv/encode";
import { queryWindow } from "./data-span";
import type { FilteredInput } from "./get-report";
import { all, childScope, type SqlPart, sessionScope } from "./scope";

/** The sessions CSV columns, in order. */
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

/** The interactions CSV columns, in order. */
export const INTERACTION_EXPORT_COLUMNS = [
  "developer",
  "session_id",
  "timestamp",
  "prompt",
  "response_summary",
  "effectiveness_rating",
  "iteration_count",
  "tokens_in",
  "tokens_out",
] as const;

/** The issues CSV columns, in order. */
export const ISSUE_EXPORT_COLUMNS = [
  "developer",
  "session_id",
  "timestamp",
  "issue_type",
  "severity",
  "description",
  "resolved",
  "resolution_notes",
] as const;

/** Input of the export pagers. */
export interface ExportInput extends FilteredInput {
  /** Only these developers' rows (a member's own folders); null = every developer. */
  developers: readonly string[] | null;
  pageSize?: number;
}

/** A `nextPage` function: the next batch of records, empty at the end. */
export type NextPage = () => Promise<CsvCell[][]>;

/**
 * Keyset pages of `select` (its first column the row id `x.id` / `s.id`, dropped from the output) over
 * `from` (FROM … WHERE …, joined to developers `d`) in id order.
 */
function keysetPages(input: ExportInput, idCol: string, select: string, from: SqlPart): NextPage {
  const only = input.developers;
  const onlySql = only ? `AND d.name IN (${only.map(() => "?").join(", ") || "NULL"})` : "";
  const sql = `SELECT ${idCol}, ${select} ${from.sql} AND ${idCol} > ? ${onlySql} ORDER BY ${idCol} LIMIT ?`;
  const size = input.pageSize ?? 1000;
  let after = 0;
  return async () => {
    const rows = await all<Record<string, CsvCell>>(input.db, sql, [
      ...from.params,
      after,
      ...(only ?? []),
      size,
    ]);
    // A row's values in the SELECT's order (its column names are distinct): the id first.
    return rows.map((r) => {
      const [id, ...cells] = Object.values(r);
      after = Number(id);
      return cells;
    });
  };
}

/** The filtered sessions, page by page (row id order). */
export async function sessionExportPages(input: ExportInput): Promise<NextPage> {
  const scope = sessionScope(input.filters, await queryWindow(input));
  return keysetPages(
    input,
    "s.id",
    `d.name, s.session_id, s.session_name, s.project, s.task_type, s.model_name, s.status, s.outcome,
      s.start_time, s.end_time, s.duration_minutes, s.estimate_minutes, s.total_interactions, s.avg_effectiveness`,
    {
      sql: `FROM sessions s JOIN developers d ON d.id = s.developer_id WHERE ${scope.sql}`,
      params: scope.params,
    },
  );
}

/**
 * FROM … WHERE … over the child rows the pages count for the filters (childScope), developers joined as
 * `d`. childScope's SQL is "<table> x … WHERE …" and its WHERE may hold a sub-select's own WHERE: the
 * join goes before the first one.
 */
async function childRowsFrom(table: "interactions" | "issues", input: ExportInput): Promise<SqlPart> {
  const scope = childScope(table, input.filters, await queryWindow(input));
  const cut = scope.sql.indexOf(" WHERE ");
  return {
    sql: `FROM ${scope.sql.slice(0, cut)} JOIN developers d ON d.id = x.developer_id ${scope.sql.slice(cut + 1)}`,
    params: scope.params,
  };
}

/** The interactions the pages count for the filters (the interactions list's rows), page by page (row id order). */
export async function interactionExportPages(input: ExportInput): Promise<NextPage> {
  return keysetPages(
    input,
    "x.id",
    `d.name, x.session_id, x.timestamp, x.prompt, x.response_summary, x.effectiveness_rating, x.iteration_count,
      x.tokens_in, x.tokens_out`,
    await childRowsFrom("interactions", input),
  );
}

/** The issues the Issues page counts for the filters, page by page (row id order). */
export async function issueExportPages(input: ExportInput): Promise<NextPage> {
  return keysetPages(
    input,
    "x.id",
    "d.name, x.session_id, x.timestamp, x.issue_type, x.severity, x.description, x.resolved, x.resolution_notes",
    await childRowsFrom("issues", input),
  );
}

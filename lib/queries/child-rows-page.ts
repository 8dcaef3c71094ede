/**
 * One page of a per-session child table (interactions, issues) for the dashboard filters: the rows the
 * pages count (`childScope`: with no session-level filter every row of the developers, including rows
 * whose session record is missing; otherwise the rows of the sessions in scope), only a member's own
 * folders' rows when the read model says so (`onlyDevelopers`), sorted, with the total. Shared by `list-interactions.ts`
 * and `list-issues.ts`.
 */
import { z } from "zod";
import { queryWindow } from "./data-span";
import type { FilteredInput } from "./get-report";
import { memo } from "./memo";
import { all, childScope, get, type ScopedFilters } from "./scope";

/** A list's page, page size (5..200, default 25), sort key and direction, defaults applied. */
export interface ListParams<S extends string> {
  page: number;
  pageSize: number;
  sort: S;
  dir: "asc" | "desc";
}

/**
 * zod schema of a list's params over the keys of `orderBy` (default `defaultSort`, newest first): strict,
 * no fallback (the API's query schema already refused bad values with a 400).
 */
export function listParamsSchema<S extends string>(orderBy: Record<S, string>, defaultSort: S) {
  const sorts = Object.keys(orderBy) as [S, ...S[]];
  return z.object({
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.coerce.number().int().min(5).max(200).default(25),
    sort: z.enum(sorts).default(defaultSort as never),
    dir: z.enum(["asc", "desc"]).default("desc"),
  });
}

/** What every row of a child list carries. Times are the tracker's ISO text (and epoch ms when parseable). */
export interface ChildRow {
  id: number;
  developer: string;
  sessionId: string;
  /** The portal's row id of its session (the session page), null when the session record is missing. */
  sessionRowId: number | null;
  timestamp: string;
  tsMs: number | null;
}

/** The SELECT list of {@link ChildRow}'s columns (alias `x`, developers `d`; `sessionRowId` is added). */
export const CHILD_ROW_COLUMNS =
  "x.id, d.name AS developer, x.session_id AS sessionId, x.timestamp, x.ts_ms AS tsMs";

/** A page of rows with the total the filters select; `page` is clamped to the last page. */
export interface RowsPage<R, S extends string> {
  rows: R[];
  total: number;
  page: number;
  pageCount: number;
  params: ListParams<S>;
}

/** Input of {@link childRowsPage}: `filters.onlyDevelopers` (set by the read model) limits rows to a member's folders. */
export interface ChildRowsInput<S extends string> extends FilteredInput {
  filters: ScopedFilters;
  params: ListParams<S>;
}

/**
 * The page of `table` (alias `x`, developers joined as `d`) selecting `select`, ordered by the SQL of
 * `orderBy[params.sort]` then the row id in the same direction. `name` keys the result cache.
 */
export function childRowsPage<R, S extends string>(
  input: ChildRowsInput<S>,
  spec: { name: string; table: "interactions" | "issues"; select: string; orderBy: Record<S, string> },
): RowsPage<R, S> {
  return memo(input.db, spec.name, [input.filters, input.nowMs, input.params], () => {
    const scope = childScope(spec.table, input.filters, queryWindow(input));
    // childScope's SQL is "<table> x … WHERE …" (its WHERE may hold a sub-select's own WHERE): the
    // developers join goes before the first one.
    const cut = scope.sql.indexOf(" WHERE ");
    const from = scope.sql.slice(0, cut);
    const where = scope.sql.slice(cut + " WHERE ".length);
    const body = `FROM ${from} JOIN developers d ON d.id = x.developer_id WHERE ${where}`;
    const { params } = scope;
    const total = get<{ n: number }>(input.db, `SELECT count(*) AS n ${body}`, params)?.n ?? 0;
    const { pageSize } = input.params;
    const pageCount = Math.max(1, Math.ceil(total / pageSize));
    const page = Math.min(input.params.page, pageCount);
    const dir = input.params.dir === "asc" ? "ASC" : "DESC";
    const rows = all<R>(
      input.db,
      `SELECT ${spec.select},
         (SELECT s2.id FROM sessions s2 WHERE s2.developer_id = x.developer_id AND s2.session_id = x.session_id) AS sessionRowId
       ${body} ORDER BY ${spec.orderBy[input.params.sort]} ${dir}, x.id ${dir} LIMIT ? OFFSET ?`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    return { rows, total, page, pageCount, params: { ...input.params, page } };
  });
}

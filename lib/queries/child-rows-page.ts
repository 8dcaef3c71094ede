/**
 * One page of a per-session child table (interactions, issues) for the dashboard filters: the rows the
 * pages count (`childScope`: with no session-level filter every row of the developers, including rows
 * whose session record is missing; otherwise the rows of the sessions in scope), only a member's own
 * folders' rows when the read model says so (`onlyDevelopers`), sorted, with the total. Shared by `list-interactions.ts`
 * and `list-issues.ts`.
 */
import { z } from "zod";
import { sqlFor } from "@/lib/db/dialect";
import type { Store } from "@/lib/db/store";
import { queryWindow } from "./data-span";
import type { FilteredInput } from "./get-report";
import { memo } from "./memo";
import { ONE_DEVELOPER, perDeveloper } from "./per-developer";
import { all, childScope, get, picksSessions, type ScopedFilters, sessionScope } from "./scope";

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
export const CHILD_ROW_COLUMNS = `x.id, d.name AS developer, x.session_id AS "sessionId", x.timestamp, x.ts_ms AS "tsMs"`;

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

/** Rows read in time order before a time-sorted page is taken from the developers' heads instead. */
const HEAD_SCAN_ROWS = 2_000;

/**
 * How many rows of `table` the filters select (`selected`: childScope's FROM and WHERE), added up per
 * developer, each developer's count kept under their data version (per-developer.ts). With a
 * session-level filter the rows of the sessions in scope — interactions from the ingest's per-session
 * totals, which it keeps equal to the rows (`session_interaction_totals.interactions`); else the
 * developer's rows as they are, by the table's (developer, session) index.
 */
async function countRows(
  input: ChildRowsInput<string>,
  table: "interactions" | "issues",
  selected: { from: string; where: string; params: unknown[] },
): Promise<number> {
  const window = await queryWindow(input);
  const scope = picksSessions(input.filters, window) ? sessionScope(input.filters, window) : null;
  const sql = !scope
    ? `SELECT count(*) AS n FROM ${selected.from} WHERE x.developer_id = @dev AND ${selected.where}`
    : table === "interactions"
      ? `SELECT COALESCE(sum(t.interactions), 0) AS n FROM sessions s JOIN session_interaction_totals t
           ON t.developer_id = s.developer_id AND t.session_id = s.session_id
         WHERE ${ONE_DEVELOPER} AND ${scope.sql}`
      : `SELECT count(*) AS n FROM sessions s JOIN ${table} x
           ON x.developer_id = s.developer_id AND x.session_id = s.session_id
         WHERE ${ONE_DEVELOPER} AND ${scope.sql}`;
  const params = scope ? scope.params : selected.params;
  const parts = await perDeveloper(
    input.db,
    `${table}-count`,
    [sql, params],
    input.filters.developer,
    async (dev) => (await get<{ n: number }>(input.db, sql, [...params, { dev }]))?.n ?? 0,
  );
  return parts.reduce((a, b) => a + b, 0);
}

/**
 * The ids of the first `want` selected rows in time order (`ts_ms`, then id, in `dir`), read along the
 * table's time index and checked one by one, so the newest page of a window costs a few rows instead of
 * a sort of every row the window selects. Null when the first {@link HEAD_SCAN_ROWS} rows do not hold
 * them (a filter that selects few rows, the oldest rows first): then {@link developerHeads} is cheaper.
 */
async function headOfTimeOrder(
  db: Store,
  table: "interactions" | "issues",
  selected: { from: string; where: string; params: unknown[] },
  dir: "ASC" | "DESC",
  want: number,
): Promise<number[] | null> {
  const ts = (col: string) => sqlFor(db).sortKey(col, dir);
  // The time index's head in two reads (a few rows past the page, then the rest of HEAD_SCAN_ROWS), each
  // row checked against the filters.
  const ids: number[] = [];
  const first = Math.min(HEAD_SCAN_ROWS, Math.max(100, 2 * want));
  for (const [offset, limit] of [
    [0, first],
    [first, HEAD_SCAN_ROWS - first],
  ] as const) {
    if (limit <= 0) break;
    const scan = await all<{ id: number; hit: number }>(
      db,
      `SELECT h.id, EXISTS (SELECT 1 FROM ${selected.from} JOIN developers d ON d.id = x.developer_id
         WHERE x.id = h.id AND ${selected.where}) AS hit
       FROM (SELECT id, ts_ms FROM ${table} ORDER BY ${ts("ts_ms")}, id ${dir} LIMIT ${limit} OFFSET ${offset}) h
       ORDER BY ${ts("h.ts_ms")}, h.id ${dir}`,
      selected.params,
    );
    for (const { id, hit } of scan) {
      if (hit) ids.push(id);
      if (ids.length >= want) return ids;
    }
    if (scan.length < limit) return ids; // the whole table read
  }
  return null;
}

/** Rows per developer a page may need before the list sorts every selected row at once instead. */
const DEVELOPER_HEAD_MAX = 2_000;
/** Per-developer heads are read in steps of this many rows, so nearby pages share them. */
const DEVELOPER_HEAD_STEP = 250;

/**
 * The ids of each developer's first `want` selected rows in the list's order (`order`, ending in the row
 * id, so a total order): the first `want` rows of all developers are among them, and sorting these few
 * candidates gives the page exactly. Each developer's head is kept under their data version
 * (per-developer.ts), so after an ingest change only that developer's rows are sorted again. Null past
 * {@link DEVELOPER_HEAD_MAX} rows (a deep page: one sort of every row is cheaper).
 */
async function developerHeads(
  input: ChildRowsInput<string>,
  name: string,
  selected: { from: string; where: string; params: unknown[] },
  order: string,
  want: number,
): Promise<number[] | null> {
  if (want > DEVELOPER_HEAD_MAX) return null;
  const n = Math.ceil(want / DEVELOPER_HEAD_STEP) * DEVELOPER_HEAD_STEP;
  const sql = `SELECT x.id FROM ${selected.from} JOIN developers d ON d.id = x.developer_id
    WHERE (${selected.where}) AND x.developer_id = @dev ORDER BY ${order} LIMIT ${n}`;
  const heads = await perDeveloper(
    input.db,
    `${name}-head`,
    [sql, selected.params],
    input.filters.developer,
    async (dev) => (await all<{ id: number }>(input.db, sql, [...selected.params, { dev }])).map((r) => r.id),
  );
  return heads.flatMap((ids) => ids.slice(0, want));
}

/**
 * The page of `table` (alias `x`, developers joined as `d`) selecting `select`, ordered by the SQL of
 * `orderBy[params.sort]` then the row id in the same direction. `name` keys the result cache. The time
 * order (`x.ts_ms`, indexed in both tables) is read along its index when the page lies near its head;
 * other orders sort each developer's head (kept per developer) and then only those candidates.
 */
export function childRowsPage<R, S extends string>(
  input: ChildRowsInput<S>,
  spec: {
    name: string;
    table: "interactions" | "issues";
    select: string;
    orderBy: Record<S, string>;
    /** The sort keys whose SQL is text (ordered by code point on both engines). */
    textSorts: readonly S[];
  },
): Promise<RowsPage<R, S>> {
  return memo(input.db, spec.name, [input.filters, input.nowMs, input.params], async () => {
    const scope = childScope(spec.table, input.filters, await queryWindow(input));
    // childScope's SQL is "<table> x … WHERE …" (its WHERE may hold a sub-select's own WHERE): the
    // developers join goes before the first one.
    const cut = scope.sql.indexOf(" WHERE ");
    const from = scope.sql.slice(0, cut);
    const where = scope.sql.slice(cut + " WHERE ".length);
    const body = `FROM ${from} JOIN developers d ON d.id = x.developer_id WHERE ${where}`;
    const { params } = scope;
    const total = await countRows(input, spec.table, { from, where, params });
    const { pageSize } = input.params;
    const pageCount = Math.max(1, Math.ceil(total / pageSize));
    const page = Math.min(input.params.page, pageCount);
    const dir = input.params.dir === "asc" ? "ASC" : "DESC";
    const { sort } = input.params;
    const order = `${sqlFor(input.db).sortKey(spec.orderBy[sort], dir, { text: spec.textSorts.includes(sort) })}, x.id ${dir}`;
    const offset = (page - 1) * pageSize;
    const sessionRowId = `(SELECT s2.id FROM sessions s2 WHERE s2.developer_id = x.developer_id AND s2.session_id = x.session_id) AS "sessionRowId"`;
    const want = Math.min(offset + pageSize, total);
    const head =
      total === 0
        ? null
        : spec.orderBy[sort] === "x.ts_ms"
          ? await headOfTimeOrder(input.db, spec.table, { from, where, params }, dir, want)
          : null;
    const candidates =
      head ??
      (total > 0 ? await developerHeads(input, spec.name, { from, where, params }, order, want) : null);
    const rows = candidates
      ? await all<R>(
          input.db,
          `SELECT ${spec.select}, ${sessionRowId}
           FROM ${spec.table} x JOIN developers d ON d.id = x.developer_id
           WHERE ${sqlFor(input.db).inList("x.id", "integer")} ORDER BY ${order} LIMIT ? OFFSET ?`,
          [sqlFor(input.db).list(candidates), pageSize, offset],
        )
      : await all<R>(
          input.db,
          `SELECT ${spec.select}, ${sessionRowId} ${body} ORDER BY ${order} LIMIT ? OFFSET ?`,
          [...params, pageSize, offset],
        );
    return { rows, total, page, pageCount, params: { ...input.params, page } };
  });
}

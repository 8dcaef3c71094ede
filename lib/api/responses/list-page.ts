/**
 * The paging fields of a list body (interactions, issues): total, page, page count and the params in
 * force (page clamped to the last page, defaults applied), snake_case.
 */
import { z } from "zod";
import type { RowsPage } from "@/lib/queries/child-rows-page";

const num = z.number();

/** The paging fields of a list over the sort keys `sorts`. */
export function listPageFields<S extends string>(sorts: readonly [S, ...S[]]) {
  return {
    total: num.meta({ description: "Rows the filters select (every page)" }),
    page: num,
    page_count: num,
    params: z.strictObject({
      page: num,
      page_size: num,
      sort: z.enum(sorts),
      dir: z.enum(["asc", "desc"]),
    }),
  };
}

/** The paging fields' DTO of a page. */
export const listPageDto = <S extends string>(p: RowsPage<unknown, S>) => ({
  total: p.total,
  page: p.page,
  page_count: p.pageCount,
  params: { page: p.params.page, page_size: p.params.pageSize, sort: p.params.sort, dir: p.params.dir },
});

/** The list columns of a child row (interaction, issue) beside its own fields (`timestamp` among them). */
export const childRowFields = {
  id: num,
  developer: z.string(),
  session_id: z.string().meta({ description: "The tracker's session id (unique per developer)" }),
  session_row_id: num.nullable().meta({
    description:
      "The portal's session id (GET /api/v1/sessions/{id}); null when the session record is missing",
  }),
  ts_ms: num
    .nullable()
    .meta({ description: "Epoch milliseconds (UTC); null when the timestamp is unreadable" }),
};

/** The common columns' DTO of a child row. */
export const childRowDto = (r: {
  id: number;
  developer: string;
  sessionId: string;
  sessionRowId: number | null;
  timestamp: string;
  tsMs: number | null;
}) => ({
  id: r.id,
  developer: r.developer,
  session_id: r.sessionId,
  session_row_id: r.sessionRowId,
  timestamp: r.timestamp,
  ts_ms: r.tsMs,
});

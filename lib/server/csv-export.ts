/**
 * CSV export of `/api/v1` resources (`?format=csv`, scope `export`): the resource's rows for the
 * request's filters, streamed page by page
 * (lib/csv/stream.ts) as an attachment whose file name carries the filters.
 * `excel=1` starts the file with a UTF-8 BOM (see lib/csv/encode.ts).
 */
import "server-only";
import type { z } from "zod";
import { filtersExportQuery } from "@/lib/api/query";
import { SHIP_RATES_CSV_COLUMNS, shipRateGroupOf, shipRatesCsvRows } from "@/lib/api/responses/ship-rates";
import { SPEND_CSV_COLUMNS, spendCsvRows } from "@/lib/api/responses/spend";
import { USAGE_CSV_COLUMNS, usageCsvRows } from "@/lib/api/responses/usage";
import { type CsvStreamInput, csvStream, pagesOf } from "@/lib/csv/stream";
import type { DashboardFilters } from "@/lib/filters";
import {
  INTERACTION_EXPORT_COLUMNS,
  ISSUE_EXPORT_COLUMNS,
  SESSION_EXPORT_COLUMNS,
} from "@/lib/queries/export-sessions";
import { CHARGEBACK_COLUMNS } from "@/lib/queries/get-chargeback";
import { type ComparisonGroup, sortComparison } from "@/lib/queries/get-comparison";
import { usageListParamsSchema } from "@/lib/queries/list-usage";
import type { Principal } from "./auth";
import {
  readChargeback,
  readComparison,
  readInteractionExportPages,
  readIssueExportPages,
  readSessionExportPages,
  readShipRates,
  readSpend,
  readUsage,
} from "./read-model";
import { comparisonSortFrom, type DashboardScope, scopeFromSearchParams } from "./request-scope";
import { apiHandler } from "./route";

/** What can be exported as CSV. */
export type CsvResource =
  | "sessions"
  | "interactions"
  | "issues"
  | "chargeback"
  | "spend"
  | "usage"
  | "ship-rates"
  | ComparisonGroup;

const COMPARISON_COLUMNS = [
  "key",
  "sessions",
  "active_days",
  "active_weeks",
  "value_hours",
  "hours_saved",
  "hours_saved_per_active_week",
  "return_per_dollar",
  "success_rate_pct",
  "effectiveness",
  "interactions",
  "issues",
  "issues_per_session",
] as const;

/** True when the request asks for CSV (`format=csv`). */
export function wantsCsv(request: Request): boolean {
  return new URL(request.url).searchParams.get("format") === "csv";
}

/** The file name: the resource, then each filter set (`sessions_range-30d_project-web.csv`), safe characters only. */
export function csvFileName(resource: string, filters: DashboardFilters): string {
  const parts = [resource];
  for (const [k, v] of Object.entries(filters)) {
    if (v === undefined || v === null || v === "") continue;
    parts.push(`${k}-${String(v)}`);
  }
  return `${parts
    .join("_")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .slice(0, 150)}.csv`;
}

async function source(
  resource: CsvResource,
  scope: DashboardScope,
  principal: Principal,
  request: Request,
): Promise<{ columns: readonly string[]; nextPage: CsvStreamInput["nextPage"] }> {
  const own = principal.developers;
  if (resource === "sessions") {
    return { columns: SESSION_EXPORT_COLUMNS, nextPage: await readSessionExportPages(scope, own) };
  }
  if (resource === "interactions") {
    return { columns: INTERACTION_EXPORT_COLUMNS, nextPage: await readInteractionExportPages(scope, own) };
  }
  if (resource === "issues") {
    return { columns: ISSUE_EXPORT_COLUMNS, nextPage: await readIssueExportPages(scope, own) };
  }
  if (resource === "chargeback") {
    // A member sees their own rows only: a row names one developer.
    const rows = (await readChargeback(scope)).filter((r) => !own || own.includes(r.developer));
    return {
      columns: CHARGEBACK_COLUMNS,
      nextPage: pagesOf(rows.map((r) => CHARGEBACK_COLUMNS.map((c) => r[c]))),
    };
  }
  if (resource === "ship-rates") {
    // readShipRates already limits a member to their own sessions.
    const rates = await readShipRates(scope, shipRateGroupOf(request));
    return { columns: SHIP_RATES_CSV_COLUMNS, nextPage: pagesOf(shipRatesCsvRows(rates)) };
  }
  if (resource === "spend") {
    // readSpend already limits a member to their own folders' usage.
    return { columns: SPEND_CSV_COLUMNS, nextPage: pagesOf(spendCsvRows(await readSpend(scope))) };
  }
  if (resource === "usage") {
    // readUsage already limits a member to their own folders' rows; every row, in the query's order.
    const q = new URL(request.url).searchParams;
    const params = usageListParamsSchema.parse({
      sort: q.get("sort") ?? undefined,
      dir: q.get("dir") ?? undefined,
    });
    const rows = (await readUsage(scope, params, true)).rows;
    return { columns: USAGE_CSV_COLUMNS, nextPage: pagesOf(usageCsvRows(rows)) };
  }
  // In the table's order (its `sort` / `dir`, already checked by the strict query parse).
  const sorted = sortComparison((await readComparison(scope, resource)).rows, comparisonSortFrom(request));
  const rows = sorted.map((r) => [
    r.key,
    r.sessions,
    r.activeDays,
    r.activeWeeks,
    r.valueHours,
    r.hoursSaved,
    r.hoursSavedPerActiveWeek,
    r.returnPerDollar,
    r.successRatePct,
    r.effectiveness,
    r.interactions,
    r.issues,
    r.issuesPerSession,
  ]);
  return { columns: COMPARISON_COLUMNS, nextPage: pagesOf(rows) };
}

/**
 * GET `…?format=csv` of `resource`: 401 / 403 (no `export` scope) as JSON, 400 for any bad parameter
 * (`query`: the route's exportable query, lib/api/query.ts — strict as its JSON answer), else the CSV
 * attachment. `overrides` are the route's own filter overrides (a comparison table drops the filter it
 * groups by).
 */
export function csvExport(
  request: Request,
  resource: CsvResource,
  overrides: Partial<DashboardFilters> = {},
  query: z.ZodType = filtersExportQuery,
): Promise<Response> {
  return apiHandler(
    request,
    async (principal) => {
      const scope = scopeFromSearchParams(request, overrides);
      const excel = new URL(request.url).searchParams.get("excel") === "1";
      const { columns, nextPage } = await source(resource, scope, principal, request);
      return new Response(csvStream({ columns, excel, nextPage }), {
        headers: {
          "Content-Type": "text/csv; charset=utf-8; header=present",
          "Content-Disposition": `attachment; filename="${csvFileName(resource, scope.filters)}"`,
          "Cache-Control": "private, no-store",
        },
      });
    },
    { scope: "export", query },
  );
}

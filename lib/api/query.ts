/**
 * The query parameters of `/api/v1`, strictly: where a page falls back visibly (lib/filters.ts,
 * lib/server/request-scope.ts), the API answers 400 with the zod issue — an unknown value, an
 * out-of-range page size, an unknown or repeated parameter is never silently replaced. The same schemas
 * feed the OpenAPI document (lib/api/openapi.ts), so the reference says exactly what is accepted.
 */
import { z } from "zod";
import { calendarDayMs, FILTER_VALUE_MAX, OUTCOME_FILTERS, RANGE_PRESETS } from "@/lib/filters";
import { COMPARISON_SORTS } from "@/lib/queries/get-comparison";
import { INTERACTION_SORTS, type InteractionSort } from "@/lib/queries/list-interactions";
import { ISSUE_SORTS, type IssueSort } from "@/lib/queries/list-issues";
import { SESSION_SORTS, type SessionSort } from "@/lib/queries/list-sessions";
import { USAGE_SORTS, type UsageSort } from "@/lib/queries/list-usage";

const name = z.string().min(1).max(FILTER_VALUE_MAX);
const day = z
  .string()
  .refine((s) => calendarDayMs(s) !== null, { message: "Expected a calendar day YYYY-MM-DD" })
  .meta({ format: "date" });

/** The dashboard filters (the same keys and values as the pages' URLs). */
export const filtersQuery = z.strictObject({
  range: z
    .enum(RANGE_PRESETS)
    .optional()
    .meta({ description: "Date range; default 30d (custom needs from/to)" }),
  from: day.optional().meta({ description: "First day of a custom range (UTC)" }),
  to: day.optional().meta({ description: "Last day of a custom range (UTC), included" }),
  developer: name.optional().meta({ description: "Developer folder name" }),
  project: name.optional().meta({ description: "Project name; /none = sessions without a project" }),
  model: name.optional(),
  task: name.optional().meta({ description: "Task type" }),
  outcome: z.enum(OUTCOME_FILTERS).optional(),
  compare: name.optional().meta({ description: "Compare mode's earlier range, YYYY-MM-DD..YYYY-MM-DD" }),
});

const dir = z.enum(["asc", "desc"]).optional();

/** The sessions list: the filters plus page, page size (5..200), sort column and direction. */
export const sessionsQuery = filtersQuery.extend({
  page: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .optional()
    .meta({ description: "1-based page; default 1" }),
  pageSize: z.coerce
    .number()
    .int()
    .min(5)
    .max(200)
    .optional()
    .meta({ description: "Rows per page; default 25" }),
  sort: z.enum(Object.keys(SESSION_SORTS) as [SessionSort, ...SessionSort[]]).optional(),
  dir,
});

/** The comparison tables (projects, models, task types): the filters plus sort column and direction. */
export const comparisonQuery = filtersQuery.extend({ sort: z.enum(COMPARISON_SORTS).optional(), dir });

/** The interactions list: the filters plus page, page size (5..200), sort (default time) and direction. */
export const interactionsQuery = filtersQuery.extend({
  page: sessionsQuery.shape.page,
  pageSize: sessionsQuery.shape.pageSize,
  sort: z.enum(Object.keys(INTERACTION_SORTS) as [InteractionSort, ...InteractionSort[]]).optional(),
  dir,
});

/** The issues list: the filters plus page, page size (5..200), sort (default time) and direction. */
export const issuesQuery = filtersQuery.extend({
  page: sessionsQuery.shape.page,
  pageSize: sessionsQuery.shape.pageSize,
  sort: z.enum(Object.keys(ISSUE_SORTS) as [IssueSort, ...IssueSort[]]).optional(),
  dir,
});

/**
 * The request stats: the filters that apply to requests (date, developer, project, model). Requests are
 * not tied to sessions, so a task type, outcome or compare filter would change nothing: a 400, not ignored.
 */
export const requestsQuery = filtersQuery.omit({ task: true, outcome: true, compare: true });

/**
 * A resource that also exports CSV: its own query plus `format` (json, the default, or csv: the rows as
 * an RFC 4180 file, scope `export`) and `excel=1` (CSV only: a UTF-8 BOM first). The CSV path parses with
 * it too, so a bad parameter is a 400 whichever format is asked for.
 */
export function exportable<T extends z.ZodObject>(query: T) {
  return query
    .extend({
      format: z
        .enum(["json", "csv"])
        .optional()
        .meta({ description: "csv: the rows as an RFC 4180 file (text/csv; scope `export`); default json" }),
      excel: z
        .enum(["0", "1"])
        .optional()
        .meta({ description: "With format=csv: 1 starts the file with a UTF-8 byte order mark (Excel)" }),
    })
    .superRefine((q, ctx) => {
      if (q.excel !== undefined && q.format !== "csv")
        ctx.addIssue({ code: "custom", path: ["excel"], message: "excel applies to format=csv only" });
    });
}

/** The filters of a resource whose rows export as CSV (developers, chargeback). */
export const filtersExportQuery = exportable(filtersQuery);
/** The sessions list, JSON or CSV. */
export const sessionsExportQuery = exportable(sessionsQuery);
/** A comparison table, JSON or CSV. */
export const comparisonExportQuery = exportable(comparisonQuery);
/**
 * The developers list: its JSON is upstream's report per developer (unsorted); its CSV is the developers
 * comparison table the pages export, in their `sort`/`dir` — so those two apply to format=csv only.
 */
export const developersExportQuery = comparisonExportQuery.superRefine((q, ctx) => {
  for (const key of ["sort", "dir"] as const) {
    if (q[key] !== undefined && q.format !== "csv")
      ctx.addIssue({ code: "custom", path: [key], message: `${key} applies to format=csv only` });
  }
});
/** The interactions list, JSON or CSV (every row the filters select). */
export const interactionsExportQuery = exportable(interactionsQuery);
/** The issues list and figures, JSON or CSV (every issue the filters select). */
export const issuesExportQuery = exportable(issuesQuery);

/** Ship rates from git evidence (issue 15), grouped by `group`, JSON or CSV. */
export const shipRatesExportQuery = exportable(
  filtersQuery.extend({ group: z.enum(["developer", "project", "model", "task_type"]).optional() }),
);

/**
 * The raw usage rows (issue 13), JSON or CSV: the filters that apply to usage (date, developer, project,
 * model — a task type, outcome or compare would change nothing: a 400) plus page, page size, sort, dir.
 */
export const usageExportQuery = exportable(
  requestsQuery.extend({
    page: sessionsQuery.shape.page,
    pageSize: sessionsQuery.shape.pageSize,
    sort: z.enum(Object.keys(USAGE_SORTS) as [UsageSort, ...UsageSort[]]).optional(),
    dir,
  }),
);

/** A route that takes no query parameters: any parameter is a 400. */
export const noQuery = z.strictObject({});

/**
 * Parses a request's search params with `schema`, throwing a ZodError (apiHandler's 400 with the issue)
 * on any bad value. A repeated key is refused too: the pages read its first value, the API says so.
 */
export function parseApiQuery<S extends z.ZodType>(params: URLSearchParams, schema: S): z.output<S> {
  const record: Record<string, string | string[]> = {};
  for (const [k, v] of params) {
    const prev = record[k];
    record[k] = prev === undefined ? v : [...(Array.isArray(prev) ? prev : [prev]), v];
  }
  return schema.parse(record);
}

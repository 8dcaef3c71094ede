/**
 * The one way a page or an `/api/v1` route turns a request into the scope of its reads: the dashboard
 * filters of the search params and the request time, rounded up to the minute (`quantizeNow`) so every
 * widget of a page, and every request of that minute, asks for the same window (and shares cached
 * figures). Parsing never throws: bad filter values fall back to "not set" (lib/filters.ts).
 */
import "server-only";
import { portalNow } from "@/lib/clock";
import { type DashboardFilters, parseFilters, quantizeNow, type SearchParamsInput } from "@/lib/filters";
import {
  type ComparisonSortParams,
  comparisonSortSchema,
  parseComparisonSort,
} from "@/lib/queries/get-comparison";
import { type SessionTableParams, sessionTableParamsSchema } from "@/lib/queries/list-sessions";

/** What every dashboard read receives: the filters and the request time they are resolved at. */
export interface DashboardScope {
  filters: DashboardFilters;
  /** Request time (epoch ms, UTC), fixed once per page render or API request so all reads agree. */
  nowMs: number;
}

/** Search params as a page gets them (`await searchParams`), or a route handler's request. */
export type ScopeSource = SearchParamsInput | Request;

function searchParamsOf(source: ScopeSource): SearchParamsInput {
  return source instanceof Request ? new URL(source.url).searchParams : source;
}

/** First value of a key (a repeated key keeps its first value, as the filters do). */
function first(sp: SearchParamsInput, key: string): string | undefined {
  if (sp instanceof URLSearchParams) return sp.get(key) ?? undefined;
  const v = sp[key];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The scope of a request: its filters (with `overrides` applied, e.g. the developer of a developer page,
 * or `undefined` to drop a filter a table groups by) at the request time rounded up to the minute.
 */
export function scopeFromSearchParams(
  source: ScopeSource,
  overrides: Partial<DashboardFilters> = {},
): DashboardScope {
  return {
    filters: { ...parseFilters(searchParamsOf(source)), ...overrides },
    nowMs: quantizeNow(portalNow()),
  };
}

/** The sessions table's page, sort, direction and page size of the search params (bad values fall back). */
export function sessionTableParamsFrom(source: ScopeSource): SessionTableParams {
  const sp = searchParamsOf(source);
  return sessionTableParamsSchema.parse({
    page: first(sp, "page"),
    sort: first(sp, "sort"),
    dir: first(sp, "dir"),
    pageSize: first(sp, "pageSize"),
  });
}

/**
 * The comparison tables' `sort`/`dir` of a page's search params: an unknown value falls back to the
 * default and is reported in `rejected` (pages show it rather than fail).
 */
export function comparisonSortFrom(source: ScopeSource): ComparisonSortParams & { rejected: string | null } {
  const sp = searchParamsOf(source);
  return parseComparisonSort({ sort: first(sp, "sort"), dir: first(sp, "dir") });
}

/** The same for an `/api/v1` route, strictly: an unknown column or direction throws a ZodError (400). */
export function comparisonSortStrict(source: ScopeSource): ComparisonSortParams {
  const sp = searchParamsOf(source);
  return comparisonSortSchema.parse({ sort: first(sp, "sort"), dir: first(sp, "dir") });
}

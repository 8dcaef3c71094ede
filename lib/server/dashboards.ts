/**
 * Request-scoped loaders of the dashboard read model: each `lib/queries` call memoised per request with
 * React `cache()` (several widgets of a page share one report), fed with the process DB and the
 * assumptions in force. Keys are strings because `cache()` compares arguments by identity.
 *
 * Every loader checks the signed-in user itself before any query runs (`signedIn`): Next renders a
 * layout and its page in parallel, so the layout's check alone would let a page stream its data into
 * the body of the redirect to /login.
 */
import "server-only";
import { cache } from "react";
import type { PortalUser } from "@/lib/auth/users";
import type { DashboardFilters } from "@/lib/filters";
import { getEstimationAccuracy } from "@/lib/queries/get-estimation-accuracy";
import { getFilterOptions } from "@/lib/queries/get-filter-options";
import { getIssues } from "@/lib/queries/get-issues";
import { getKpis } from "@/lib/queries/get-kpis";
import { getOutcomes } from "@/lib/queries/get-outcomes";
import { getBreakdown, getReport } from "@/lib/queries/get-report";
import { getRequestStats } from "@/lib/queries/get-request-stats";
import { getSessionDetail } from "@/lib/queries/get-session-detail";
import { getSourcesStatus } from "@/lib/queries/get-sources-status";
import { getWeeklyTrend, getWeeklyTrendByDeveloper } from "@/lib/queries/get-trend";
import { listSessions, type SessionTableParams, sessionTableParamsSchema } from "@/lib/queries/list-sessions";
import type { SliceGroup } from "@/lib/queries/slices";
import { requireUser } from "./auth";
import { getCurrentAssumptions, getCurrentStaleAfterDays, getDb } from "./data";

/** Redirects to /login unless a user is signed in (memoised per request by getSessionUser). */
const signedIn = (): Promise<PortalUser> => requireUser();

/** Wraps a synchronous loader so it runs only for a signed-in user. */
function guarded<A extends unknown[], R>(load: (...args: A) => R): (...args: A) => Promise<R> {
  return async (...args: A) => {
    await signedIn();
    return load(...args);
  };
}

/** What every dashboard widget receives from its page. */
export interface DashboardScope {
  filters: DashboardFilters;
  /** Request time (epoch ms), fixed once per page render so all widgets agree. */
  nowMs: number;
}

const keyOf = (s: DashboardScope) => JSON.stringify([s.filters, s.nowMs]);
const parse = (k: string): DashboardScope => {
  const [filters, nowMs] = JSON.parse(k) as [DashboardFilters, number];
  return { filters, nowMs };
};
const input = (k: string) => ({ db: getDb(), assumptions: getCurrentAssumptions(), ...parse(k) });

const report = cache((k: string) => getReport(input(k)));
const kpis = cache((k: string) => getKpis({ ...input(k), current: report(k) }));
const trend = cache((k: string) => getWeeklyTrend(input(k)));
const trendByDev = cache((k: string) => getWeeklyTrendByDeveloper(input(k)));
const breakdown = cache((k: string, group: Exclude<SliceGroup, "none">) =>
  getBreakdown({ ...input(k), group }),
);
const taskSummary = cache((k: string) => getBreakdown({ ...input(k), group: "task", detail: "sessions" }));
const outcomes = cache((k: string) => getOutcomes(input(k)));
const issues = cache((k: string) => getIssues(input(k)));
const requests = cache((k: string) => getRequestStats(input(k)));
const estimation = cache((k: string, breakdowns: boolean) =>
  getEstimationAccuracy({ ...input(k), breakdowns }),
);

/** Report figures (ROI, outcome ROI, gaps, effectiveness, tokens) of the scope. */
export const loadReport = guarded((s: DashboardScope) => report(keyOf(s)));
/** KPI figures with the previous period. */
export const loadKpis = guarded((s: DashboardScope) => kpis(keyOf(s)));
/** Weekly trend. */
export const loadTrend = guarded((s: DashboardScope) => trend(keyOf(s)));
/** Weekly trend per developer (sparklines). */
export const loadTrendByDeveloper = guarded((s: DashboardScope) => trendByDev(keyOf(s)));
/** Figures per developer / project / model / task type. */
export const loadBreakdown = guarded((s: DashboardScope, group: Exclude<SliceGroup, "none">) =>
  breakdown(keyOf(s), group),
);
/** Sessions, time and money per task type (no gap/interaction figures: the Overview chart). */
export const loadTaskSummary = guarded((s: DashboardScope) => taskSummary(keyOf(s)));
/** Sessions per outcome and status. */
export const loadOutcomes = guarded((s: DashboardScope) => outcomes(keyOf(s)));
/** Issues breakdown. */
export const loadIssues = guarded((s: DashboardScope) => issues(keyOf(s)));
/** Request stats. */
export const loadRequests = guarded((s: DashboardScope) => requests(keyOf(s)));
/** Estimation accuracy. */
export const loadEstimation = guarded((s: DashboardScope, breakdowns?: boolean) =>
  estimation(keyOf(s), breakdowns ?? false),
);
/** Filter bar options. */
export const loadFilterOptions = guarded(cache(() => getFilterOptions(getDb())));
/** The assumptions in force (for popovers). */
export const loadAssumptions = guarded(() => getCurrentAssumptions());

const sessionsPage = cache((k: string, p: string) =>
  listSessions({ ...input(k), params: sessionTableParamsSchema.parse(JSON.parse(p)) }),
);
/** A page of the sessions table. */
export const loadSessions = guarded((s: DashboardScope, params: SessionTableParams) =>
  sessionsPage(keyOf(s), JSON.stringify(params)),
);
/** One session's detail (throws PortalError not_found). */
export const loadSessionDetail = guarded(
  cache((id: number) => getSessionDetail({ db: getDb(), id, assumptions: getCurrentAssumptions() })),
);
/** Status of every source folder (Sources page). */
export const loadSourcesStatus = guarded(
  cache((nowMs: number) => getSourcesStatus(getDb(), { now: nowMs, staleDays: getCurrentStaleAfterDays() })),
);

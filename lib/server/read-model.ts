/**
 * The read model as pages and `/api/v1` routes both load it: each `lib/queries` call fed with the
 * process DB and the assumptions in force, memoised per request with React `cache()` (several widgets
 * of a page share one report). Keys are strings because `cache()` compares arguments by identity.
 *
 * NO AUTH CHECK HERE: the caller has authenticated first. Pages and their widgets use the guarded
 * loaders of `./dashboards` (each awaits `requireUser()` before its query); route handlers call these
 * inside `apiHandler` (lib/server/route.ts), after `requireApiAuth`. `read-model-callers.test.ts` fails
 * when anything under app/ other than a route handler imports this module.
 */
import "server-only";
import { cache } from "react";
import { portalNow } from "@/lib/clock";
import { interactionExportPages, issueExportPages, sessionExportPages } from "@/lib/queries/export-sessions";
import { getAdoption } from "@/lib/queries/get-adoption";
import { getChargeback } from "@/lib/queries/get-chargeback";
import { type ComparisonGroup, getComparison } from "@/lib/queries/get-comparison";
import { getEstimationAccuracy } from "@/lib/queries/get-estimation-accuracy";
import { getFilterOptions } from "@/lib/queries/get-filter-options";
import { getFriction } from "@/lib/queries/get-friction";
import { getIssues } from "@/lib/queries/get-issues";
import { getKpis } from "@/lib/queries/get-kpis";
import { getOutcomes } from "@/lib/queries/get-outcomes";
import { getPeriodCompare } from "@/lib/queries/get-period-compare";
import { getBreakdown, getReport } from "@/lib/queries/get-report";
import { getRequestStats } from "@/lib/queries/get-request-stats";
import { getRoiMethod } from "@/lib/queries/get-roi-method";
import { getSessionDetail } from "@/lib/queries/get-session-detail";
import { getSourcesStatus } from "@/lib/queries/get-sources-status";
import { getTrend, getWeeklyTrend, getWeeklyTrendByDeveloper } from "@/lib/queries/get-trend";
import { listSessions, type SessionTableParams, sessionTableParamsSchema } from "@/lib/queries/list-sessions";
import type { SliceGroup } from "@/lib/queries/slices";
import {
  getCurrentAssumptions,
  getCurrentMaxSessionMinutes,
  getCurrentMethodSettings,
  getCurrentStaleAfterDays,
  getDb,
} from "./data";
import type { DashboardScope } from "./request-scope";

const keyOf = (s: DashboardScope) => JSON.stringify([s.filters, s.nowMs]);
const parse = (k: string): DashboardScope => {
  const [filters, nowMs] = JSON.parse(k) as [DashboardScope["filters"], number];
  return { filters, nowMs };
};
const input = (k: string) => ({ db: getDb(), assumptions: getCurrentAssumptions(), ...parse(k) });

const report = cache((k: string) => getReport(input(k)));
const roiMethod = cache((k: string) =>
  getRoiMethod({ db: getDb(), method: getCurrentMethodSettings(), ...parse(k) }),
);
const kpis = cache((k: string) => getKpis({ ...input(k), current: report(k) }));
const trend = cache((k: string) => getWeeklyTrend(input(k)));
const trendByDev = cache((k: string) => getWeeklyTrendByDeveloper(input(k)));
const breakdown = cache((k: string, group: Exclude<SliceGroup, "none">) =>
  getBreakdown({ ...input(k), group }),
);
const taskSummary = cache((k: string) => getBreakdown({ ...input(k), group: "task", detail: "sessions" }));
const comparison = cache((k: string, group: ComparisonGroup) =>
  getComparison({ ...input(k), group, method: getCurrentMethodSettings() }),
);
const adoption = cache((k: string) => getAdoption(input(k)));
const outcomes = cache((k: string) =>
  getOutcomes({ ...input(k), maxSessionMinutes: getCurrentMaxSessionMinutes() }),
);
const issues = cache((k: string) => getIssues(input(k)));
const requests = cache((k: string) => getRequestStats(input(k)));
const estimation = cache((k: string, breakdowns: boolean) =>
  getEstimationAccuracy({ ...input(k), breakdowns }),
);
const sessionsPage = cache((k: string, p: string) =>
  listSessions({
    ...input(k),
    params: sessionTableParamsSchema.parse(JSON.parse(p)),
    maxSessionMinutes: getCurrentMaxSessionMinutes(),
  }),
);

/** Report figures (ROI, outcome ROI, gaps, effectiveness, tokens) of the scope. */
export const readReport = (s: DashboardScope) => report(keyOf(s));
/** The portal's ROI method (value, spend, return per dollar, savings rate; three cases) of the scope. */
export const readRoiMethod = (s: DashboardScope) => roiMethod(keyOf(s));
/** KPI figures with the previous period. */
export const readKpis = (s: DashboardScope) => kpis(keyOf(s));
/** Weekly trend. */
export const readTrend = (s: DashboardScope) => trend(keyOf(s));
/** Weekly trend per developer (sparklines). */
export const readTrendByDeveloper = (s: DashboardScope) => trendByDev(keyOf(s));
/** Figures per developer / project / model / task type. */
export const readBreakdown = (s: DashboardScope, group: Exclude<SliceGroup, "none">) =>
  breakdown(keyOf(s), group);
/** Sessions, time and money per task type (no gap/interaction figures: the Overview chart). */
export const readTaskSummary = (s: DashboardScope) => taskSummary(keyOf(s));
/** "For whom": the comparison rows per developer / project / model / task type (unsorted). */
export const readComparison = (s: DashboardScope, group: ComparisonGroup) => comparison(keyOf(s), group);
/** Adoption: active developers per day and week, active days, silent developers, days since last session. */
export const readAdoption = (s: DashboardScope) => adoption(keyOf(s));
/** Sessions per outcome and status. */
export const readOutcomes = (s: DashboardScope) => outcomes(keyOf(s));
/** Issues breakdown. */
export const readIssues = (s: DashboardScope) => issues(keyOf(s));
/** Request stats. */
export const readRequests = (s: DashboardScope) => requests(keyOf(s));
/** Estimation accuracy (per task type and developer when `breakdowns`). */
export const readEstimation = (s: DashboardScope, breakdowns?: boolean) =>
  estimation(keyOf(s), breakdowns ?? false);
/** A page of the sessions table. */
export const readSessions = (s: DashboardScope, params: SessionTableParams) =>
  sessionsPage(keyOf(s), JSON.stringify(params));
/** Filter bar options. */
export const readFilterOptions = cache(() => getFilterOptions({ db: getDb() }));
/** The assumptions in force (for popovers and the summary). */
export const readAssumptions = () => getCurrentAssumptions();
/** The ROI method's settings in force (for its receipts). */
export const readMethodSettings = () => getCurrentMethodSettings();
/** One session's detail (throws PortalError not_found). */
export const readSessionDetail = cache((id: number) =>
  getSessionDetail({
    db: getDb(),
    id,
    assumptions: getCurrentAssumptions(),
    nowMs: portalNow(),
    maxSessionMinutes: getCurrentMaxSessionMinutes(),
  }),
);
const trendSeries = cache((k: string) => getTrend(input(k)));
const friction = cache((k: string) => getFriction(input(k)));
const periodCompare = cache((k: string) => getPeriodCompare(input(k)));
/** The trend with its bucket size chosen by the range's length, partial buckets flagged. */
export const readTrendSeries = (s: DashboardScope) => trendSeries(keyOf(s));
/** In-day friction: the team's baseline and the groups clearly above it. */
export const readFriction = (s: DashboardScope) => friction(keyOf(s));
/** Compare mode (the `compare` range beside the main range); null without one. */
export const readPeriodCompare = (s: DashboardScope) => periodCompare(keyOf(s));
/** Status of every source folder at `nowMs` (epoch ms; the Sources page and API pass the exact request time). */
export const readSourcesStatus = cache((nowMs: number) =>
  getSourcesStatus({ db: getDb(), nowMs, staleDays: getCurrentStaleAfterDays() }),
);
/** The monthly chargeback table (month × developer × project) of the scope. */
export const readChargeback = (s: DashboardScope) =>
  getChargeback({ db: getDb(), method: getCurrentMethodSettings(), ...s });
/** The scope's sessions for CSV export, page by page (`developers`: a member's own folders, null = all). */
export const readSessionExportPages = (s: DashboardScope, developers: readonly string[] | null) =>
  sessionExportPages({ db: getDb(), developers, ...s });
/** The interactions of the scope's sessions for CSV export, page by page. */
export const readInteractionExportPages = (s: DashboardScope, developers: readonly string[] | null) =>
  interactionExportPages({ db: getDb(), developers, ...s });
/** The scope's issues for CSV export, page by page. */
export const readIssueExportPages = (s: DashboardScope, developers: readonly string[] | null) =>
  issueExportPages({ db: getDb(), developers, ...s });

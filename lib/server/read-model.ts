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
import {
  type DataAccess,
  isOwn,
  ownOnly,
  rowShown,
  scopeMode,
  type WithheldSummary,
  withholdBuckets,
  withholdRows,
} from "@/lib/auth/privacy";
import { portalNow } from "@/lib/clock";
import { PortalError } from "@/lib/errors";
import { interactionExportPages, issueExportPages, sessionExportPages } from "@/lib/queries/export-sessions";
import { findSessionRowId } from "@/lib/queries/find-session";
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
import { getShipRates, type ShipRateGroup } from "@/lib/queries/get-ship-rates";
import { getSourcesStatus } from "@/lib/queries/get-sources-status";
import { getSpend } from "@/lib/queries/get-spend";
import {
  type BucketPoint,
  getTrend,
  getWeeklyTrend,
  getWeeklyTrendByDeveloper,
} from "@/lib/queries/get-trend";
import {
  type GroupDevelopers,
  getBucketDevelopers,
  getGroupDevelopers,
  getWindowDevelopers,
  type PrivacyGroup,
} from "@/lib/queries/group-developers";
import { type InteractionListParams, listInteractions } from "@/lib/queries/list-interactions";
import { type IssueListParams, listIssues } from "@/lib/queries/list-issues";
import { listSessions, type SessionTableParams, sessionTableParamsSchema } from "@/lib/queries/list-sessions";
import { listUsage, type UsageListParams } from "@/lib/queries/list-usage";
import type { ScopedFilters } from "@/lib/queries/scope";
import type { SliceGroup } from "@/lib/queries/slices";
import {
  currentAccess,
  getCurrentAssumptions,
  getCurrentMaxSessionMinutes,
  getCurrentMethodSettings,
  getCurrentPrices,
  getCurrentStaleAfterDays,
} from "./access";
import { getStore } from "./data";
import type { DashboardScope } from "./request-scope";

const keyOf = (s: DashboardScope) => JSON.stringify([s.filters, s.nowMs]);
const parse = (k: string): DashboardScope => {
  const [filters, nowMs] = JSON.parse(k) as [DashboardScope["filters"], number];
  return { filters, nowMs };
};
const input = async (k: string) => ({
  db: await getStore(),
  assumptions: getCurrentAssumptions(),
  ...parse(k),
});

const report = cache(async (k: string) => getReport(await input(k)));
const roiMethod = cache(async (k: string) =>
  getRoiMethod({ db: await getStore(), method: getCurrentMethodSettings(), ...parse(k) }),
);
const kpis = cache(async (k: string) => getKpis({ ...(await await input(k)), current: await report(k) }));
const trend = cache(async (k: string) => getWeeklyTrend(await input(k)));
const trendByDev = cache(async (k: string) => getWeeklyTrendByDeveloper(await input(k)));
const breakdown = cache(async (k: string, group: Exclude<SliceGroup, "none">) =>
  getBreakdown({ ...(await await input(k)), group }),
);
const taskSummary = cache(async (k: string) =>
  getBreakdown({ ...(await await input(k)), group: "task", detail: "sessions" }),
);
const comparison = cache(async (k: string, group: ComparisonGroup) =>
  getComparison({ ...(await await input(k)), group, method: getCurrentMethodSettings() }),
);
const adoption = cache(async (k: string) => getAdoption(await input(k)));
const outcomes = cache(async (k: string) =>
  getOutcomes({ ...(await await input(k)), maxSessionMinutes: getCurrentMaxSessionMinutes() }),
);
const issues = cache(async (k: string) => getIssues(await input(k)));
const requests = cache(async (k: string) => getRequestStats(await input(k)));
const estimation = cache(async (k: string, breakdowns: boolean) =>
  getEstimationAccuracy({ ...(await await input(k)), breakdowns }),
);
const filterOptions = cache(async () => getFilterOptions({ db: await getStore() }));
const sessionDetail = cache(async (id: number) =>
  getSessionDetail({
    db: await getStore(),
    id,
    assumptions: getCurrentAssumptions(),
    nowMs: portalNow(),
    maxSessionMinutes: getCurrentMaxSessionMinutes(),
    prices: getCurrentPrices(),
  }),
);
const sessionsPage = cache(async (k: string, p: string) =>
  listSessions({
    ...(await await input(k)),
    params: sessionTableParamsSchema.parse(JSON.parse(p)),
    maxSessionMinutes: getCurrentMaxSessionMinutes(),
  }),
);

const groupDevs = cache(async (k: string, group: PrivacyGroup) =>
  getGroupDevelopers({ db: await getStore(), ...parse(k), group }),
);

/**
 * The principal's view of a read of scope `s` (lib/auth/privacy.ts), the one place the data scope is
 * applied: a team role gets `load(s)`; a member gets it whole for their own folder, redacted by `redact`
 * for a team view, and `forbidden` for another developer's filter or a selection of too few people.
 */
async function view<T>(
  s: DashboardScope,
  load: (k: string) => T | Promise<T>,
  redact?: (value: T, a: DataAccess, groups: (g: PrivacyGroup) => Promise<GroupDevelopers>) => T | Promise<T>,
): Promise<T> {
  const k = keyOf(s);
  const a = currentAccess();
  const mode = await modeOf(a, s, k);
  const value = await load(k);
  return mode === "team" && redact ? redact(value, a, (g) => groupDevs(k, g)) : value;
}

/**
 * {@link scopeMode} of the principal for scope `s` (key `k`): the developers of the whole selection are
 * read only when the rule needs them (a member's team view).
 */
async function modeOf(a: DataAccess, s: DashboardScope, k: string) {
  const devs =
    a.own !== null && s.filters.developer === undefined ? ((await groupDevs(k, "none")).get("") ?? []) : [];
  return scopeMode(a, s.filters, () => devs);
}

/** A breakdown's rows as the principal may see them, with what was withheld. */
function withheldOf<R extends { key: string }>(s: DashboardScope, group: PrivacyGroup, rows: readonly R[]) {
  return view(
    s,
    () => ({ rows: [...rows], withheld: null as WithheldSummary | null }),
    async (v, a, groups) => withholdRows(a, group, v.rows, await groups(group)),
  );
}

/** Report figures (ROI, outcome ROI, gaps, effectiveness, tokens) of the scope. */
export const readReport = (s: DashboardScope) =>
  view(s, report, (r, a) => ({
    ...r,
    gaps: { ...r.gaps, byDeveloper: ownOnly(a, r.gaps.byDeveloper, (d) => d.developer) },
  }));
/** The portal's ROI method (value, spend, return per dollar, savings rate; three cases) of the scope. */
export const readRoiMethod = (s: DashboardScope) => view(s, roiMethod);
/** KPI figures with the previous period. */
export const readKpis = (s: DashboardScope) =>
  view(s, kpis, async (v, a) => {
    // The previous period is a row too: too few other people in it, and a member gets no comparison.
    if (!v.previous || !v.previousWindow) return v;
    const devs = await getWindowDevelopers({
      db: await getStore(),
      filters: s.filters,
      window: v.previousWindow,
    });
    return rowShown(a, devs) ? v : { ...v, previous: null, comparison: "no_comparable_period" as const };
  });
/** Weekly trend. */
export const readTrend = (s: DashboardScope) => view(s, trend);
/** Weekly trend per developer (sparklines): a member's own folders only. */
export const readTrendByDeveloper = (s: DashboardScope) =>
  view(s, trendByDev, (m, a) => new Map([...m].filter(([dev]) => isOwn(a, dev))));
/** Figures per developer / project / model / task type (withheld rows left out: see {@link readWithheld}). */
export const readBreakdown = async (s: DashboardScope, group: Exclude<SliceGroup, "none">) =>
  (await withheldOf(s, group, await breakdown(keyOf(s), group))).rows;
/** What {@link readBreakdown} withheld from the principal for `group` (null: nothing). */
export const readWithheld = async (s: DashboardScope, group: Exclude<SliceGroup, "none">) =>
  (await withheldOf(s, group, await breakdown(keyOf(s), group))).withheld;
/** Sessions, time and money per task type (no gap/interaction figures: the Overview chart). */
export const readTaskSummary = async (s: DashboardScope) =>
  (await withheldOf(s, "task", await taskSummary(keyOf(s)))).rows;
/** "For whom": the comparison rows per developer / project / model / task type (unsorted), `withheld` rows counted. */
export const readComparison = async (s: DashboardScope, group: ComparisonGroup) => {
  const c = await view(s, (k) => comparison(k, group));
  return { ...c, ...(await withheldOf(s, group, c.rows)) };
};
/** Adoption: active developers per day and week, active days, silent developers, days since last session. */
export const readAdoption = (s: DashboardScope) =>
  view(s, adoption, (v, a) => ({
    ...v,
    byDeveloper: ownOnly(a, v.byDeveloper, (d) => d.developer),
    silent: ownOnly(a, v.silent, (d) => d),
  }));
/** Sessions per outcome and status. */
export const readOutcomes = (s: DashboardScope) => view(s, outcomes);
/** Issues breakdown (a member: their own latest issues; model / task rows of enough people). */
export const readIssues = (s: DashboardScope) =>
  view(s, issues, async (v, a, groups) => ({
    ...v,
    byModel: withholdRows(a, "model", v.byModel, await groups("model")).rows,
    byTaskType: withholdRows(a, "task", v.byTaskType, await groups("task")).rows,
    latest: ownOnly(a, v.latest, (i) => i.developer),
  }));
/** Request stats. */
export const readRequests = (s: DashboardScope) => view(s, requests);
/** Estimation accuracy (per task type and developer when `breakdowns`). */
export const readEstimation = (s: DashboardScope, breakdowns?: boolean) =>
  view(
    s,
    (k) => estimation(k, breakdowns ?? false),
    async (v, a, groups) => ({
      ...v,
      byTaskType: withholdRows(a, "task", v.byTaskType, await groups("task")).rows,
      byDeveloper: ownOnly(a, v.byDeveloper, (d) => d.key),
    }),
  );
/** The filters of a row-level read: a member's own folders only (`forbidden` for another developer's filter). */
function ownRowsFilters(s: DashboardScope): ScopedFilters {
  const a = currentAccess();
  scopeMode(a, s.filters, () => []);
  return a.own === null ? s.filters : { ...s.filters, onlyDevelopers: a.own };
}
/** A page of the sessions table (a member: their own folders' sessions only). */
export const readSessions = (s: DashboardScope, params: SessionTableParams) =>
  sessionsPage(keyOf({ ...s, filters: ownRowsFilters(s) }), JSON.stringify(params));
/** A page of the interactions the pages count (a member: their own folders' rows only). */
export const readInteractionList = async (s: DashboardScope, params: InteractionListParams) =>
  listInteractions({ db: await getStore(), nowMs: s.nowMs, filters: ownRowsFilters(s), params });
/** A page of the issues the Issues page counts (a member: their own folders' rows only). */
export const readIssueList = async (s: DashboardScope, params: IssueListParams) =>
  listIssues({ db: await getStore(), nowMs: s.nowMs, filters: ownRowsFilters(s), params });
/**
 * Filter bar options (a member: only their own folders among the developers). With the page's scope, the
 * page's view is checked first (`forbidden` for a member: another developer's filter, too few people), so
 * a page refuses before it streams anything.
 */
export const readFilterOptions = async (s?: DashboardScope) => {
  const a = currentAccess();
  if (s) await modeOf(a, s, keyOf(s));
  const o = await filterOptions();
  return a.own === null ? o : { ...o, developers: ownOnly(a, o.developers, (d) => d) };
};
/** The assumptions in force (for popovers and the summary). */
export const readAssumptions = () => getCurrentAssumptions();
/** The ROI method's settings in force (for its receipts). */
export const readMethodSettings = () => getCurrentMethodSettings();
/** One session's detail (throws PortalError not_found; for another developer's session, to a member, the same "No such session" as for a missing one). */
export const readSessionDetail = async (id: number) => {
  const d = await sessionDetail(id);
  if (!isOwn(currentAccess(), d.developer)) throw new PortalError("not_found", "No such session");
  return d;
};
/**
 * A session by its natural key (developer folder, the tracker's session id: unique per developer only),
 * as {@link readSessionDetail} (not_found when there is none, or it is another developer's, to a member).
 */
export const readSessionDetailByKey = async (developer: string, sessionId: string) => {
  const id = await findSessionRowId({ db: await getStore(), developer, sessionId });
  if (id === null) throw new PortalError("not_found", "No such session");
  return readSessionDetail(id);
};
const trendSeries = cache(async (k: string) => getTrend(await input(k)));
const friction = cache(async (k: string) => getFriction(await input(k)));
const periodCompare = cache(async (k: string) => getPeriodCompare(await input(k)));
/** The trend with its bucket size chosen by the range's length, partial buckets flagged. */
export const readTrendSeries = async (s: DashboardScope) => {
  const t = await view(s, trendSeries);
  // A time bucket is a row too: a member sees it when it is their own or holds enough other people.
  return {
    ...t,
    ...(await view(
      s,
      () => ({
        points: t.points.map((p) => ({ ...p, withheld: false })),
        withheld: null as WithheldSummary | null,
      }),
      async (_v, a) => {
        const devs = await getBucketDevelopers({ db: await getStore(), ...s, buckets: t.points });
        const blank = (p: BucketPoint) => ({
          ...p,
          sessions: 0,
          completed: 0,
          timeSavedHours: 0,
          costSaved: 0,
        });
        return withholdBuckets(a, t.points, devs, blank);
      },
    )),
  };
};
/** In-day friction: the team's baseline and the groups clearly above it (a member: own developer rows). */
export const readFriction = (s: DashboardScope) =>
  view(s, friction, async (v, a, groups) => ({
    ...v,
    developer: ownOnly(a, v.developer, (f) => f.key),
    project: withholdRows(a, "project", v.project, await groups("project")).rows,
    model: withholdRows(a, "model", v.model, await groups("model")).rows,
  }));
/** Compare mode (the `compare` range beside the main range); null without one. */
export const readPeriodCompare = (s: DashboardScope) => view(s, periodCompare);
const sourcesStatus = cache(async (nowMs: number) =>
  getSourcesStatus({ db: await getStore(), nowMs, staleDays: getCurrentStaleAfterDays() }),
);
/**
 * Status of every source folder at `nowMs` (epoch ms; the Sources page and API pass the exact request
 * time); a member sees their own folders' sources, and totals over those.
 */
export const readSourcesStatus = async (nowMs: number) => {
  const a = currentAccess();
  const all = await sourcesStatus(nowMs);
  if (a.own === null) return all;
  const sources = ownOnly(a, all.sources, (x) => x.developer);
  const totals = {
    sources: sources.length,
    stale: sources.filter((x) => x.stale).length,
    filesWithErrors: sources.reduce((n, x) => n + x.files.filter((f) => f.status === "error").length, 0),
    mergedCopies: sources.reduce((n, x) => n + x.mergedCopies.length, 0),
  };
  return { ...all, sources, totals };
};
/** The monthly chargeback table (month × developer × project) of the scope (a member: own rows; a row names one person). */
export const readChargeback = async (s: DashboardScope) => {
  const a = currentAccess();
  scopeMode(a, s.filters, () => []);
  const rows = await getChargeback({ db: await getStore(), method: getCurrentMethodSettings(), ...s });
  return ownOnly(a, rows, (r) => r.developer);
};
/**
 * Measured AI spend of the scope (issue 13; lib/queries/get-spend.ts), priced with the table in force
 * (shipped rows + the admin's). A member sees their own folders' usage only: a line names one person.
 */
export const readSpend = async (s: DashboardScope) =>
  getSpend({
    db: await getStore(),
    filters: ownRowsFilters(s),
    nowMs: s.nowMs,
    prices: getCurrentPrices(),
  });
/**
 * The raw usage rows of the scope (issue 13; lib/queries/list-usage.ts): a page, or with `everyRow` every
 * row in the params' order (CSV). A member: their own folders' rows only.
 */
export const readUsage = async (s: DashboardScope, params: UsageListParams, everyRow = false) =>
  listUsage({
    db: await getStore(),
    filters: ownRowsFilters(s),
    nowMs: s.nowMs,
    prices: getCurrentPrices(),
    params,
    everyRow,
  });
/** The scope's sessions for CSV export, page by page (`developers`: a member's own folders, null = all). */
export const readSessionExportPages = async (s: DashboardScope, developers: readonly string[] | null) =>
  sessionExportPages({ db: await getStore(), developers, ...s });
/** The interactions of the scope's sessions for CSV export, page by page. */
export const readInteractionExportPages = async (s: DashboardScope, developers: readonly string[] | null) =>
  interactionExportPages({ db: await getStore(), developers, ...s });
/** The scope's issues for CSV export, page by page. */
export const readIssueExportPages = async (s: DashboardScope, developers: readonly string[] | null) =>
  issueExportPages({ db: await getStore(), developers, ...s });
/**
 * Ship rates from the recorder's git evidence (issue 15) grouped by `group`, with the disagreements.
 * A member gets their own sessions only (a disagreement names one person's session).
 */
export const readShipRates = async (s: DashboardScope, group: ShipRateGroup) =>
  getShipRates({ db: await getStore(), filters: ownRowsFilters(s), nowMs: s.nowMs, group });

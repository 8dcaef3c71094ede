/**
 * The loaders pages and their widgets read the dashboards through: each one of `./read-model` behind
 * the signed-in user check. Route handlers call `./read-model` directly inside `apiHandler`, which has
 * authenticated the request (bearer token or cookie) and must answer 401 JSON rather than redirect.
 *
 * Every loader checks the signed-in user itself before any query runs (`guarded`): Next renders a
 * layout and its page in parallel, so the layout's check alone would let a page stream its data into
 * the body of the redirect to /login.
 */
import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { visibleDevelopers } from "@/lib/auth/member-folders";
import type { PortalUser } from "@/lib/auth/users";
import { isPortalError } from "@/lib/errors";
import { accessOf, runWithAccess } from "./access";
import { requireUser } from "./auth";
import { getStore } from "./data";
import {
  readAdoption,
  readAssumptions,
  readBreakdown,
  readComparison,
  readEstimation,
  readFilterOptions,
  readFriction,
  readIssues,
  readKpis,
  readMethodSettings,
  readOutcomes,
  readPeriodCompare,
  readReport,
  readRequests,
  readRoiMethod,
  readSessionDetail,
  readSessions,
  readShipRates,
  readSourcesStatus,
  readSpend,
  readTaskSummary,
  readTrend,
  readTrendByDeveloper,
  readTrendSeries,
  readWithheld,
} from "./read-model";

export type { DashboardScope } from "./request-scope";

/** The data scope of a signed-in user, once per request. */
const accessOfUser = cache(async (userId: number, role: PortalUser["role"]) =>
  accessOf(await visibleDevelopers({ db: await getStore(), userId, role })),
);

/** Redirects to /login unless a user is signed in (memoised per request by getSessionUser). */
const signedIn = (): Promise<PortalUser> => requireUser();

/**
 * Wraps a loader so it runs only for a signed-in user, with that user's data scope
 * (lib/auth/privacy.ts). A read a member may not see (another developer's filter, a selection of too
 * few people) is a 404 page: no figures, and nothing said about whether that data exists.
 */
function guarded<A extends unknown[], R>(load: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    const user = await signedIn();
    const access = await accessOfUser(user.id, user.role);
    try {
      return await runWithAccess(access, () => load(...args));
    } catch (e) {
      if (isPortalError(e, "forbidden")) notFound();
      throw e;
    }
  };
}

/** Report figures (ROI, outcome ROI, gaps, effectiveness, tokens) of the scope. */
export const loadReport = guarded(readReport);
/** The portal's ROI method (value, spend, return per dollar, savings rate; three cases). */
export const loadRoiMethod = guarded(readRoiMethod);
/** The ROI method's settings in force (for its receipts). */
export const loadMethodSettings = guarded(readMethodSettings);
/** KPI figures with the previous period. */
export const loadKpis = guarded(readKpis);
/** Weekly trend. */
export const loadTrend = guarded(readTrend);
/** Weekly trend per developer (sparklines). */
export const loadTrendByDeveloper = guarded(readTrendByDeveloper);
/** Figures per developer / project / model / task type. */
export const loadBreakdown = guarded(readBreakdown);
/** Sessions, time and money per task type (no gap/interaction figures: the Overview chart). */
export const loadTaskSummary = guarded(readTaskSummary);
/** "For whom": comparison rows per developer / project / model / task type (unsorted). */
export const loadComparison = guarded(readComparison);
/** Adoption figures (active developers per day/week, silent developers, days since last session). */
export const loadAdoption = guarded(readAdoption);
/** Sessions per outcome and status. */
export const loadOutcomes = guarded(readOutcomes);
/** Issues breakdown. */
export const loadIssues = guarded(readIssues);
/** Request stats. */
export const loadRequests = guarded(readRequests);
/** Estimation accuracy. */
export const loadEstimation = guarded(readEstimation);
/** Filter bar options. */
export const loadFilterOptions = guarded(readFilterOptions);
/** The assumptions in force (for popovers). */
export const loadAssumptions = guarded(readAssumptions);
/** A page of the sessions table. */
export const loadSessions = guarded(readSessions);
/** The trend, bucket size by range length, partial buckets flagged. */
export const loadTrendSeries = guarded(readTrendSeries);
/** In-day friction against the team's baseline. */
export const loadFriction = guarded(readFriction);
/** Compare mode's before/after figures (null without a `compare` range). */
export const loadPeriodCompare = guarded(readPeriodCompare);
/** One session's detail (throws PortalError not_found). */
export const loadSessionDetail = guarded(readSessionDetail);
/** What {@link loadBreakdown} withheld from a member (null: nothing), for the table's note. */
export const loadWithheld = guarded(readWithheld);
/** Status of every source folder (Sources page). */
export const loadSourcesStatus = guarded(readSourcesStatus);
/** Measured AI spend (issue 13). */
export const loadSpend = guarded(readSpend);
/** Ship rates and self-report disagreements from git evidence (issue 15). */
export const loadShipRates = guarded(readShipRates);

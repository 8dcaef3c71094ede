/**
 * Request-scoped data access for pages: the process DB handle and settings, memoised per request with
 * React `cache()`. Pages and route handlers get the DB here instead of opening it.
 */
import "server-only";
import { cache } from "react";
import type { PortalDb } from "@/lib/db/client";
import { getAssumptions, getMaxSessionMinutes, getStaleAfterDays } from "@/lib/queries/get-assumptions";
import { getMethodSettings } from "@/lib/queries/get-roi-method";
import { getPortalDb } from "@/lib/runtime/db";
import { getPortalSettings } from "@/lib/settings";

/** The process-wide DB handle (auth is checked by the caller: requireUser / requireApiAuth). */
export const getDb = cache((): PortalDb => getPortalDb());

/** Every setting (assumptions + sync), once per request. */
export const getSettings = cache(() => getPortalSettings({ db: getDb() }));

/** The ROI assumptions in force, once per request. */
export const getCurrentAssumptions = cache(() => getAssumptions({ db: getDb() }));

/** The ROI method's settings in force (rate, seat price, engagement, partial weight), once per request. */
export const getCurrentMethodSettings = cache(() => getMethodSettings({ db: getDb() }));

/** Days after which a source is stale, once per request. */
export const getCurrentStaleAfterDays = cache(() => getStaleAfterDays({ db: getDb() }));

/** Minutes without activity after which an active session is abandoned, once per request. */
export const getCurrentMaxSessionMinutes = cache(() => getMaxSessionMinutes({ db: getDb() }));

/**
 * Request-scoped data access for pages: the process's data store and the settings in force, memoised per
 * request with React `cache()`. Pages and route handlers get them here instead of opening the database.
 */
import "server-only";
import { cache } from "react";
import type { Store } from "@/lib/db/store";
import { getPriceRows } from "@/lib/pricing-settings";
import { getPortalStore } from "@/lib/runtime/db";
import { getPortalSettings } from "@/lib/settings";

/**
 * The process-wide data store (lib/db/store.ts) on the engine the environment names (PostgreSQL with
 * DATABASE_URL, else SQLite), once per request (auth is checked by the caller).
 */
export const getStore = cache((): Promise<Store> => getPortalStore());

/**
 * Every setting, read from the database once per request: never kept across requests, so a change made
 * through another portal instance applies at the next request here.
 */
export const getSettings = cache(async () => getPortalSettings({ db: await getStore() }));

/** The price table in force (shipped rows + the admin's), once per request. */
export const getPrices = cache(async () => getPriceRows({ db: await getStore() }));

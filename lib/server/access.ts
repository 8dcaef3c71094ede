/**
 * The principal's data scope (lib/auth/privacy.ts) and the settings in force for the reads of one
 * request. `apiHandler` (route handlers, CSV exports) and the page loaders of `./dashboards` load them
 * once ({@link accessOf}, async) and run the reads inside {@link runWithAccess}; `./read-model` asks
 * {@link currentAccess} and applies it to every result, and reads the settings synchronously here.
 * A read outside any of them throws (fails closed) rather than showing a member everything.
 */
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { Assumptions, PriceRow } from "ai-session-tracker-mcp/stats";
import type { DataAccess } from "@/lib/auth/privacy";
import { assumptionsOf } from "@/lib/queries/get-assumptions";
import { methodSettingsOf, type PortalMethodSettings } from "@/lib/queries/get-roi-method";
import type { PortalSettings } from "@/lib/settings";
import { getPrices, getSettings } from "./data";

/** What the reads of one request see: the principal's data scope and the settings and prices in force. */
export interface RequestAccess {
  access: DataAccess;
  settings: PortalSettings;
  prices: readonly PriceRow[];
}

const store = new AsyncLocalStorage<RequestAccess>();

/**
 * The access of a principal whose full-view folders are `developers` (null = all), with the group size,
 * settings and prices in force (read from the database once per request).
 */
export async function accessOf(developers: readonly string[] | null): Promise<RequestAccess> {
  const [settings, prices] = await Promise.all([getSettings(), getPrices()]);
  return { access: { own: developers, minGroupSize: settings.minGroupSize }, settings, prices };
}

/** Runs `fn` (and everything it awaits) with `access` as the data scope of its reads. */
export function runWithAccess<T>(access: RequestAccess, fn: () => T): T {
  return store.run(access, fn);
}

function current(): RequestAccess {
  const a = store.getStore();
  if (!a) throw new Error("read-model read outside runWithAccess: no principal's data scope");
  return a;
}

/** The data scope of the running read; throws when no principal set one (a bug: never show everything). */
export function currentAccess(): DataAccess {
  return current().access;
}

/** The ROI assumptions in force for the running read. */
export function getCurrentAssumptions(): Assumptions {
  return assumptionsOf(current().settings);
}

/** The ROI method's settings in force (rate, seat price, engagement, partial weight, outcome signal). */
export function getCurrentMethodSettings(): PortalMethodSettings {
  return methodSettingsOf(current().settings);
}

/** Days after which a source is stale. */
export function getCurrentStaleAfterDays(): number {
  return current().settings.staleAfterDays;
}

/** Minutes without activity after which an active session is abandoned. */
export function getCurrentMaxSessionMinutes(): number {
  return current().settings.maxSessionHours * 60;
}

/** The price table in force (shipped rows + the admin's). */
export function getCurrentPrices(): readonly PriceRow[] {
  return current().prices;
}

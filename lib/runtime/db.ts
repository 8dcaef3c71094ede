/**
 * The process-wide data layer of the running portal. Kept on `globalThis` because Next bundles
 * instrumentation, route handlers and pages separately: a module-level variable would open one
 * connection (or pool) per bundle, and the conventions allow one per process.
 */
import { openStore, storeLocation } from "@/lib/db/open-store";
import type { Store } from "@/lib/db/store";
import { getEnv } from "@/lib/env";

const g = globalThis as typeof globalThis & { __astPortalStore?: Promise<Store> };

/**
 * The portal's data layer on the engine the environment names (lib/db/open-store.ts: PostgreSQL with
 * DATABASE_URL, else SQLite at PORTAL_DB_PATH), opened and migrated once per process. (The per-session
 * interaction totals of a database ingested before they existed are filled by the portal's start-up,
 * lib/runtime/ingest.ts, before any page reads them.)
 */
export function getPortalStore(): Promise<Store> {
  g.__astPortalStore ??= openStore(storeLocation(getEnv()));
  return g.__astPortalStore;
}

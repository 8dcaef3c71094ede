/**
 * The process-wide SQLite handle of the running portal. Kept on `globalThis` because Next bundles
 * instrumentation, route handlers and pages separately: a module-level variable would open one
 * connection per bundle, and the conventions allow one per process.
 */
import { openDb, type PortalDb } from "@/lib/db/client";
import { openStore, storeLocation } from "@/lib/db/open-store";
import { storeOf } from "@/lib/db/sqlite-store";
import type { Store } from "@/lib/db/store";
import { getEnv } from "@/lib/env";

const g = globalThis as typeof globalThis & { __astPortalDb?: PortalDb; __astPortalStore?: Promise<Store> };

/**
 * Opens (once, migrating) and returns the portal DB at `PORTAL_DB_PATH`. (The per-session interaction
 * totals of a database ingested before they existed are filled by the portal's start-up,
 * lib/runtime/ingest.ts, before any page reads them.)
 */
export function getPortalDb(): PortalDb {
  if (!g.__astPortalDb) {
    g.__astPortalDb = openDb(getEnv().PORTAL_DB_PATH);
  }
  return g.__astPortalDb;
}

/**
 * The portal's data layer on the engine the environment names (lib/db/open-store.ts: PostgreSQL with
 * DATABASE_URL, else SQLite at PORTAL_DB_PATH), opened and migrated once per process.
 */
export function getPortalStore(): Promise<Store> {
  g.__astPortalStore ??= (async () => {
    const location = storeLocation(getEnv());
    // While pages still read SQLite through getPortalDb(), the store wraps that same connection: one per
    // process (the conventions), and the ingest's writes seen by the pages at once.
    return location.engine === "sqlite" ? storeOf(getPortalDb()) : openStore(location);
  })();
  return g.__astPortalStore;
}

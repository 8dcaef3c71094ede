/**
 * The process-wide SQLite handle of the running portal. Kept on `globalThis` because Next bundles
 * instrumentation, route handlers and pages separately: a module-level variable would open one
 * connection per bundle, and the conventions allow one per process.
 */
import { openDb, type PortalDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";

const g = globalThis as typeof globalThis & { __astPortalDb?: PortalDb };

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

/**
 * The process-wide SQLite handle of the running portal. Kept on `globalThis` because Next bundles
 * instrumentation, route handlers and pages separately: a module-level variable would open one
 * connection per bundle, and the conventions allow one per process.
 */
import { openDb, type PortalDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { rebuildInteractionTotalsIfMissing } from "@/lib/ingest/interaction-totals";

const g = globalThis as typeof globalThis & { __astPortalDb?: PortalDb };

/**
 * Opens (once, migrating) and returns the portal DB at `PORTAL_DB_PATH`. A database ingested before the
 * per-session interaction totals existed gets them filled here, before any page reads them (the ingest's
 * store does the same when it is created).
 */
export function getPortalDb(): PortalDb {
  if (!g.__astPortalDb) {
    const db = openDb(getEnv().PORTAL_DB_PATH);
    rebuildInteractionTotalsIfMissing(db.$client);
    g.__astPortalDb = db;
  }
  return g.__astPortalDb;
}

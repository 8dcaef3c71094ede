/**
 * Result cache of the read model, keyed by the data version: dashboards are read far more often than
 * the shared folder changes, so a figure computed once is served from memory until the database
 * changes. The version is `PRAGMA data_version` (bumped by writes of other connections, e.g. a CLI scan)
 * plus `total_changes()` of this connection (the in-process ingest watcher and settings writes), so any
 * committed write invalidates everything. Results are shared: callers must treat them as read-only.
 */
import type { PortalDb } from "@/lib/db/client";
import { perConnection } from "@/lib/db/connection-cache";
import { conn, get } from "./scope";

interface Cache {
  version: string;
  entries: Map<string, unknown>;
}

/** Entries kept per connection before the oldest are dropped. */
const MAX_ENTRIES = 500;
const cacheOf = perConnection((): Cache => ({ version: "", entries: new Map() }));

/** Current data version of the connection (cheap: two pragma-level reads). */
export function dataVersion(db: PortalDb): string {
  const c = conn(db);
  const dv = c.pragma("data_version", { simple: true });
  const tc = get<{ n: number }>(db, "SELECT total_changes() AS n")?.n ?? 0;
  return `${String(dv)}:${tc}`;
}

/**
 * Returns the cached result of `name(args)` for the current data version, computing it with `compute`
 * on a miss. `args` must be JSON-serialisable (filters, window, options), never the DB handle.
 */
export function memo<T>(db: PortalDb, name: string, args: unknown, compute: () => T): T {
  const version = dataVersion(db);
  const cache = cacheOf(db);
  if (cache.version !== version) {
    cache.version = version;
    cache.entries = new Map();
  }
  const key = `${name}:${JSON.stringify(args)}`;
  if (cache.entries.has(key)) return cache.entries.get(key) as T;
  const value = compute();
  if (cache.entries.size >= MAX_ENTRIES) {
    const oldest = cache.entries.keys().next().value;
    if (oldest !== undefined) cache.entries.delete(oldest);
  }
  cache.entries.set(key, value);
  return value;
}

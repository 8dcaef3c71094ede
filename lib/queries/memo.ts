/**
 * Result cache of the read model, keyed by the data version: dashboards are read far more often than
 * the shared folder changes, so a figure computed once is served from memory until the database
 * changes. The version is the store's `dataVersion()` (lib/db: on SQLite `PRAGMA data_version` plus this
 * connection's `total_changes()`; on PostgreSQL a counter every committed write moves), so any committed
 * write of any connection invalidates everything. Kept per store object (one per connection or pool).
 * Only finished results are kept: sharing a computation still running could make a request that holds a
 * SQLite transaction wait for statements that wait for that transaction. Results are shared: callers
 * must treat them as read-only.
 */
import type { Store } from "@/lib/db/store";

interface Cache {
  version: string;
  entries: Map<string, unknown>;
}

/** Entries kept per store before the oldest are dropped. */
const MAX_ENTRIES = 500;
const caches = new WeakMap<Store, Cache>();

/** Per-store state of the read model, created on first use and dropped with the store. */
export function perStore<T>(create: () => T): (db: Store) => T {
  const values = new WeakMap<Store, T>();
  return (db) => {
    let v = values.get(db);
    if (v === undefined) {
      v = create();
      values.set(db, v);
    }
    return v;
  };
}

/** Current data version of the store (opaque; changes with every committed write). */
export function dataVersion(db: Store): Promise<string> {
  return db.dataVersion();
}

/**
 * Returns the cached result of `name(args)` for the current data version, computing it with `compute`
 * on a miss. `args` must be JSON-serialisable (filters, window, options), never the DB handle.
 */
export async function memo<T>(db: Store, name: string, args: unknown, compute: () => Promise<T>): Promise<T> {
  const version = await db.dataVersion();
  let cache = caches.get(db);
  if (!cache) {
    cache = { version, entries: new Map() };
    caches.set(db, cache);
  }
  if (cache.version !== version) {
    cache.version = version;
    cache.entries = new Map();
  }
  const entries = cache.entries;
  const key = `${name}:${JSON.stringify(args)}`;
  if (entries.has(key)) return entries.get(key) as T;
  const value = await compute();
  if (entries.size >= MAX_ENTRIES) {
    const oldest = entries.keys().next().value;
    if (oldest !== undefined) entries.delete(oldest);
  }
  entries.set(key, value);
  return value;
}

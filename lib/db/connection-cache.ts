/**
 * The one home of per-connection caches: everything the portal keeps for the life of a SQLite connection
 * (prepared statements, registered SQL functions, the read model's result cache, the ingest's store) hangs
 * off the raw better-sqlite3 connection here, in a WeakMap, so it goes away with the connection and a
 * second connection (a test's fresh DB, the CLI) never sees another's state.
 */
import type Database from "better-sqlite3";
import type { PortalDb } from "./client";

/** The raw connection of a Drizzle handle, or the raw connection itself. */
function rawOf(db: PortalDb | Database.Database): Database.Database {
  return "$client" in db ? db.$client : db;
}

/**
 * A cache of one `T` per connection: the returned function gives the connection's value, creating it
 * with `create` on first use. Keyed by the raw connection, so two Drizzle handles over one connection
 * share it.
 */
export function perConnection<T, D extends PortalDb | Database.Database = PortalDb>(
  create: (db: D) => T,
): (db: D) => T {
  const values = new WeakMap<Database.Database, T>();
  return (db) => {
    const key = rawOf(db);
    let value = values.get(key);
    if (value === undefined) {
      value = create(db);
      values.set(key, value);
    }
    return value;
  };
}

const statementsOf = perConnection<Map<string, Database.Statement>, Database.Database>(() => new Map());

/**
 * The prepared statement for `sql` on connection `sqlite` (prepared once, then reused): preparing is the
 * expensive part of a small query, and the read model and the ingest's derived tables run the same few
 * statements many times.
 */
export function prepareCached(sqlite: Database.Database, sql: string): Database.Statement {
  const m = statementsOf(sqlite);
  let st = m.get(sql);
  if (!st) {
    st = sqlite.prepare(sql);
    m.set(sql, st);
  }
  return st;
}

/**
 * Prepared statements cached per connection and SQL text: preparing is the expensive part of a small
 * query, and the read model and the ingest's derived tables run the same few statements many times.
 */
import type Database from "better-sqlite3";

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** The prepared statement for `sql` on connection `sqlite` (prepared once, then reused). */
export function prepareCached(sqlite: Database.Database, sql: string): Database.Statement {
  let m = cache.get(sqlite);
  if (!m) {
    m = new Map();
    cache.set(sqlite, m);
  }
  let st = m.get(sql);
  if (!st) {
    st = sqlite.prepare(sql);
    m.set(sql, st);
  }
  return st;
}

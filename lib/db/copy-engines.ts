/**
 * What `npm run db:copy` (lib/db/copy.ts) does differently per engine: the fast bulk insert, emptying
 * the target, and the generated-id counters (read on the source, moved past the copied ids on the
 * target so the next insert does not collide). Everything runs through the store, so inside the copy's
 * transaction or snapshot.
 */
import { prepareCached } from "./connection-cache";
import type { CopyTable } from "./copy-tables";
import { isSqliteStore, type SqliteStore, type Store } from "./store";

/** The engine-specific steps of a copy, on one store. */
export interface CopyEngine {
  /** Names of the tables in the database (its current schema). */
  listTables(): Promise<string[]>;
  /** The largest `id` the table has ever handed out (its counter, at least the largest id present). */
  lastId(table: CopyTable): Promise<number>;
  /** Inserts `rows` (values in `table.columns` order) as they are, ids included. */
  insert(table: CopyTable, rows: readonly unknown[][]): Promise<void>;
  /** Makes the table's next generated id greater than `lastId`. */
  setNextId(table: CopyTable, lastId: number): Promise<void>;
  /** Deletes every row of `tables` (given parents first) and resets their counters. */
  empty(tables: readonly CopyTable[]): Promise<void>;
}

const quote = (name: string) => `"${name}"`;

function sqliteEngine(store: SqliteStore): CopyEngine {
  return {
    async listTables() {
      const rows = await store.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'");
      return rows.map((r) => r.name);
    },
    async lastId(table) {
      const row = await store.get<{ n: number | null }>(
        `SELECT max(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = ?), 0),
           COALESCE((SELECT max(id) FROM ${quote(table.name)}), 0)) AS n`,
        [table.name],
      );
      return row?.n ?? 0;
    },
    insert(table, rows) {
      const cols = table.columns.map((c) => quote(c.name));
      const sql = `INSERT INTO ${quote(table.name)} (${cols.join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`;
      // Synchronous prepared inserts inside the copy's transaction: the fastest path better-sqlite3 has.
      return store.withSqlite((sqlite) => {
        const st = prepareCached(sqlite, sql);
        for (const r of rows) st.run(...r);
      });
    },
    async setNextId(table, lastId) {
      // SQLite moved the counter to the largest id inserted; a source whose newest rows were deleted had
      // handed out more, and ids are never reused (a token's created_by_token_id names one).
      const changed = await store.run("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?", [
        lastId,
        table.name,
      ]);
      if (changed.changes === 0 && lastId > 0)
        await store.run("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", [table.name, lastId]);
    },
    async empty(tables) {
      for (const t of [...tables].reverse()) await store.run(`DELETE FROM ${quote(t.name)}`);
      const names = tables.map((t) => t.name);
      await store.run(
        `DELETE FROM sqlite_sequence WHERE name IN (${names.map(() => "?").join(", ")})`,
        names,
      );
    },
  };
}

function pgEngine(store: Store): CopyEngine {
  return {
    async listTables() {
      const rows = await store.all<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
      );
      return rows.map((r) => r.name);
    },
    async lastId(table) {
      const row = await store.get<{ n: number | null }>(
        `SELECT GREATEST(COALESCE(pg_sequence_last_value(CAST(pg_get_serial_sequence(?, 'id') AS regclass)), 0),
           COALESCE((SELECT max(id) FROM ${quote(table.name)}), 0)) AS n`,
        [table.name],
      );
      return row?.n ?? 0;
    },
    async insert(table, rows) {
      if (rows.length === 0) return;
      // One statement per batch whatever its size: one array parameter per column, unnested into rows.
      const cols = table.columns.map((c) => quote(c.name));
      const arrays = table.columns.map((_c, i) => rows.map((r) => r[i]));
      await store.run(
        `INSERT INTO ${quote(table.name)} (${cols.join(", ")})
         SELECT * FROM unnest(${table.columns.map((c) => `CAST(? AS ${c.pgType}[])`).join(", ")})`,
        arrays,
      );
    },
    async setNextId(table, lastId) {
      // setval(seq, n, true): the next id is n + 1; a table that never handed one out starts at 1.
      await store.get("SELECT setval(pg_get_serial_sequence(?, 'id'), ?, ?)", [
        table.name,
        Math.max(lastId, 1),
        lastId > 0,
      ]);
    },
    async empty(tables) {
      await store.run(`TRUNCATE ${tables.map((t) => quote(t.name)).join(", ")} RESTART IDENTITY`);
    },
  };
}

/** The copy steps of `store`'s engine. */
export function copyEngineFor(store: Store): CopyEngine {
  return isSqliteStore(store) ? sqliteEngine(store) : pgEngine(store);
}

/**
 * The portal's data layer: one asynchronous interface over either engine — SQLite (the default, one
 * file, zero setup) or PostgreSQL (`DATABASE_URL=postgres://…`, several portal instances on one
 * database). Pages, API routes, the ingest and the tests read and write through a {@link Store} and
 * never branch on the engine; what differs between engines (placeholders, SQL fragments, bulk writes,
 * the data version, notifications) lives behind it, in lib/db/.
 *
 * SQL is written once with `?` placeholders; the PostgreSQL engine numbers them.
 */
import type Database from "better-sqlite3";

/** The engine behind a store. Code outside lib/db/ reads it only to print it (health, logs). */
export type Dialect = "sqlite" | "postgres";

/** What a write statement did. */
export interface RunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

/** Statements on a store, or inside one of its transactions (same methods). */
export interface SqlRunner {
  readonly dialect: Dialect;
  /** Every row of `sql`, each a plain object of SQL values (integers as numbers). */
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** The first row of `sql`, or undefined. */
  get<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  /** Runs a statement that returns no rows. */
  run(sql: string, params?: readonly unknown[]): Promise<RunResult>;
}

/**
 * A portal database. Statements issued while `fn` of {@link Store.transaction} / {@link Store.snapshot}
 * runs — through `tx` or through the store itself, anywhere in `fn`'s async call tree — belong to that
 * transaction; statements of other concurrent requests wait for it (SQLite) or use another connection
 * (PostgreSQL). A transaction started inside another joins it.
 */
export interface Store extends SqlRunner {
  /** Runs `fn` in one write transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /** Runs `fn` (reads only) on one consistent snapshot of the data. */
  snapshot<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /** Opaque text that changes with every committed write of any connection or instance. */
  dataVersion(): Promise<string>;
  /** Closes the connection(s). Safe to call twice. */
  close(): Promise<void>;
  /**
   * The raw SQLite connection, for the SQLite engine's own fast paths inside lib/db (bulk ingest,
   * migrations); undefined on PostgreSQL. Use it only through {@link Store.withSqlite}.
   */
  readonly sqlite?: Database.Database;
}

/** A store on SQLite, with the synchronous fast path of its own engine code. */
export interface SqliteStore extends Store {
  readonly dialect: "sqlite";
  readonly sqlite: Database.Database;
  /**
   * Runs synchronous `fn` on the raw connection once no transaction of another request is open
   * (inside one of the caller's own transactions, at once). For lib/db's SQLite-only code.
   */
  withSqlite<T>(fn: (sqlite: Database.Database) => T): Promise<T>;
}

/** Whether `store` is the SQLite engine (for lib/db's engine-specific implementations only). */
export function isSqliteStore(store: Store): store is SqliteStore {
  return store.dialect === "sqlite";
}

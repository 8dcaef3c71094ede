/**
 * The SQLite engine of the data layer (lib/db/store.ts) over one better-sqlite3 connection. Statements
 * run synchronously underneath (prepared once per connection); the async surface only orders them:
 * while a transaction of one request is open (its `fn` awaits), statements of other requests wait for
 * it, so they never land in — or roll back with — another request's transaction. The request a
 * statement belongs to is told by AsyncLocalStorage, so code anywhere in `fn`'s call tree may use the
 * store itself.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type Database from "better-sqlite3";
import type { PortalDb } from "./client";
import { perConnection, prepareCached } from "./connection-cache";
import { registerSqlFunctions } from "./sqlite-functions";
import type { RunResult, SqliteStore, SqlRunner } from "./store";

interface OpenTx {
  /** Resolved when the transaction has ended. */
  done: Promise<void>;
}

function runAll<T>(sqlite: Database.Database, sql: string, params: readonly unknown[]): T[] {
  const st = prepareCached(sqlite, sql);
  if (st.reader) return st.all(...params) as T[];
  st.run(...params);
  return [];
}

function runGet<T>(sqlite: Database.Database, sql: string, params: readonly unknown[]): T | undefined {
  const st = prepareCached(sqlite, sql);
  if (st.reader) return st.get(...params) as T | undefined;
  st.run(...params);
  return undefined;
}

function runRun(sqlite: Database.Database, sql: string, params: readonly unknown[]): RunResult {
  return { changes: prepareCached(sqlite, sql).run(...params).changes };
}

class SqliteStoreImpl implements SqliteStore {
  readonly dialect = "sqlite" as const;
  /** The transaction of the current async context, if any. */
  private readonly context = new AsyncLocalStorage<OpenTx>();
  private open: OpenTx | null = null;
  private readonly inTx: SqlRunner;

  constructor(readonly sqlite: Database.Database) {
    const s = sqlite;
    registerSqlFunctions(s); // py_round / classify_gap, as PostgreSQL has them from its migrations
    this.inTx = {
      dialect: "sqlite",
      all: async (sql, params = []) => runAll(s, sql, params),
      get: async (sql, params = []) => runGet(s, sql, params),
      run: async (sql, params = []) => runRun(s, sql, params),
    };
  }

  /** Waits until no transaction of another async context is open. */
  private async turn(): Promise<void> {
    while (this.open && this.context.getStore() !== this.open) await this.open.done;
  }

  private mine(): boolean {
    return this.open === null || this.context.getStore() === this.open;
  }

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    while (!this.mine()) await this.turn(); // re-checked: another request may begin between
    return runAll<T>(this.sqlite, sql, params);
  }

  async get<T>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    while (!this.mine()) await this.turn(); // re-checked: another request may begin between
    return runGet<T>(this.sqlite, sql, params);
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<RunResult> {
    while (!this.mine()) await this.turn(); // re-checked: another request may begin between
    return runRun(this.sqlite, sql, params);
  }

  async withSqlite<T>(fn: (sqlite: Database.Database) => T): Promise<T> {
    while (!this.mine()) await this.turn(); // re-checked: another request may begin between
    return fn(this.sqlite);
  }

  private async begin<T>(beginSql: string, fn: (tx: SqlRunner) => Promise<T>, readOnly = false): Promise<T> {
    if (this.open && this.context.getStore() === this.open) return fn(this.inTx); // joins the open one
    while (!this.mine()) await this.turn(); // re-checked after each wait (no await between it and `open`)
    let end = () => {};
    const tx: OpenTx = { done: new Promise<void>((r) => (end = r)) };
    this.open = tx;
    try {
      this.sqlite.exec(beginSql);
      // A snapshot refuses writes, as PostgreSQL's READ ONLY one does: the connection is this request's
      // until the snapshot ends, so the connection-wide switch affects no one else.
      if (readOnly) this.sqlite.pragma("query_only = ON");
      const result = await this.context.run(tx, () => fn(this.inTx));
      this.sqlite.exec("COMMIT");
      return result;
    } catch (e) {
      if (this.sqlite.inTransaction) this.sqlite.exec("ROLLBACK");
      throw e;
    } finally {
      if (readOnly) this.sqlite.pragma("query_only = OFF");
      this.open = null;
      end();
    }
  }

  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.begin("BEGIN IMMEDIATE", fn);
  }

  snapshot<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.begin("BEGIN", fn, true);
  }

  async dataVersion(): Promise<string> {
    // data_version moves with other connections' commits (a CLI scan), total_changes with this one's.
    const dv = this.sqlite.pragma("data_version", { simple: true });
    const tc = (prepareCached(this.sqlite, "SELECT total_changes() AS n").get() as { n: number }).n;
    return `${String(dv)}:${tc}`;
  }

  async close(): Promise<void> {
    if (this.sqlite.open) this.sqlite.close();
  }
}

/** The store over a better-sqlite3 connection (one per connection: its ordering state is shared). */
export const sqliteStoreOf = perConnection<SqliteStore, Database.Database>(
  (sqlite) => new SqliteStoreImpl(sqlite),
);

/** The store over an opened portal DB (lib/db/client.ts `openDb`): the bridge while modules move over. */
export function storeOf(db: PortalDb): SqliteStore {
  return sqliteStoreOf(db.$client);
}

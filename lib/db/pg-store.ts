/**
 * The PostgreSQL engine of the data layer (lib/db/store.ts) over a node-postgres pool. Same semantics as
 * the SQLite engine (lib/db/sqlite-store.ts): SQL written with `?` placeholders (numbered `$1…$n` here),
 * rows as plain objects with every number a JS number, a transaction's statements found by
 * AsyncLocalStorage anywhere in its `fn`'s async call tree, a transaction inside another joining it.
 * Other requests' statements run meanwhile on other pooled connections instead of waiting.
 *
 * Types read back (per pool, never node-postgres's global parsers, which other code may rely on):
 * BIGINT and NUMERIC as JS numbers (epoch ms, sums, counts — exact up to 2^53, which the portal's
 * figures stay far below) and BOOLEAN as 1 / 0, so `SELECT a = b AS flag` reads as on SQLite.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
import { migratePg } from "./pg-migrate";
import type { RunResult, SqlRunner, Store } from "./store";

/** Options of {@link openPgStore}. */
export interface OpenPgStoreOptions {
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  /** Override the migrations folder (default: the repo's `drizzle-pg/`). */
  migrationsFolder?: string;
  /** Most connections of the pool (default 10). */
  maxConnections?: number;
  /** How long a new connection may take before it fails (default {@link CONNECT_TIMEOUT_MS}). */
  connectTimeoutMs?: number;
}

/**
 * A server that accepts the TCP connection but never answers (a hung host, a firewall that drops
 * packets) would otherwise hold every request and the start-up forever: node-postgres waits without a limit.
 */
export const CONNECT_TIMEOUT_MS = 10_000;

const INT8 = 20;
const NUMERIC = 1700;
const BOOL = 16;
const INT8_ARRAY = 1016;
const NUMERIC_ARRAY = 1231;
const TEXT_ARRAY = 1009;

/**
 * node-postgres's type parsers, except int8/numeric (and their arrays) → number and bool → 1/0. Given to
 * one pool only. (Parsers are never called for NULL.)
 */
const portalTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
    if (oid === BOOL) return (v: string) => (v === "t" ? 1 : 0);
    if (oid === INT8_ARRAY || oid === NUMERIC_ARRAY) {
      // @types/pg types getTypeParser's oid as the scalar builtins only; text[] is a builtin parser too.
      const anyParser = pg.types.getTypeParser as (oid: number, format: "text") => (v: string) => unknown;
      const textArray = anyParser(TEXT_ARRAY, "text") as (v: string) => (string | null)[];
      return (v: string) => textArray(v).map((x) => (x === null ? null : Number(x)));
    }
    return pg.types.getTypeParser(oid, format ?? "text");
  },
} as pg.CustomTypesConfig;

const converted = new Map<string, string>();

/**
 * `sql` with each `?` placeholder numbered `$1…$n` in order, leaving alone a `?` inside a quoted string
 * ('…'), a quoted identifier ("…"), a dollar-quoted body ($tag$…$tag$) or a comment. Cached per text.
 */
export function numberPlaceholders(sql: string): string {
  const hit = converted.get(sql);
  if (hit !== undefined) return hit;
  let out = "";
  let n = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    const next = sql[i + 1];
    let end = i + 1;
    if (c === "'" || c === '"') {
      // A doubled quote inside is an escaped quote: scanning to each next quote handles it.
      end = sql.indexOf(c, i + 1);
      end = end < 0 ? sql.length : end + 1;
    } else if (c === "-" && next === "-") {
      end = sql.indexOf("\n", i);
      end = end < 0 ? sql.length : end;
    } else if (c === "/" && next === "*") {
      end = sql.indexOf("*/", i + 2);
      end = end < 0 ? sql.length : end + 2;
    } else if (c === "$") {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i));
      if (tag) {
        end = sql.indexOf(tag[0], i + tag[0].length);
        end = end < 0 ? sql.length : end + tag[0].length;
      }
    } else if (c === "?") {
      out += `$${++n}`;
      i++;
      continue;
    }
    out += sql.slice(i, end);
    i = end;
  }
  // The portal's statements are a bounded set; a runaway of generated texts only stops being cached.
  if (converted.size < 5000) converted.set(sql, out);
  return out;
}

/** Something statements can run on: the pool (autocommit, any free connection) or one client. */
type Queryable = pg.Pool | pg.PoolClient;

function runnerOn(q: () => Queryable): SqlRunner {
  return {
    dialect: "postgres",
    all: async <T>(sql: string, params: readonly unknown[] = []) =>
      (await q().query(numberPlaceholders(sql), params as unknown[])).rows as T[],
    get: async <T>(sql: string, params: readonly unknown[] = []) =>
      (await q().query(numberPlaceholders(sql), params as unknown[])).rows[0] as T | undefined,
    run: async (sql: string, params: readonly unknown[] = []): Promise<RunResult> => ({
      changes: (await q().query(numberPlaceholders(sql), params as unknown[])).rowCount ?? 0,
    }),
  };
}

interface OpenTx {
  client: pg.PoolClient;
  runner: SqlRunner;
  /** False once committed or rolled back: a promise that outlives `fn` must not reuse the client. */
  open: boolean;
}

class PgStoreImpl implements Store {
  readonly dialect = "postgres" as const;
  private readonly context = new AsyncLocalStorage<OpenTx>();
  private readonly outside: SqlRunner;
  private closed = false;

  constructor(readonly pool: pg.Pool) {
    this.outside = runnerOn(() => this.current()?.client ?? this.pool);
  }

  /** The open transaction of the current async context, if any. */
  private current(): OpenTx | undefined {
    const tx = this.context.getStore();
    return tx?.open ? tx : undefined;
  }

  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return this.outside.all<T>(sql, params);
  }

  get<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined> {
    return this.outside.get<T>(sql, params);
  }

  run(sql: string, params?: readonly unknown[]): Promise<RunResult> {
    return this.outside.run(sql, params);
  }

  private async begin<T>(beginSql: string, fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    const joined = this.current();
    if (joined) return fn(joined.runner); // a transaction inside another joins it
    const client = await this.pool.connect();
    const tx: OpenTx = { client, runner: runnerOn(() => client), open: true };
    let broken: unknown;
    // A checked-out client's connection error (server restart, terminated backend between two statements)
    // is emitted as an event, which would crash the process unheard: the next statement fails instead.
    const onError = (e: Error) => {
      broken = e;
    };
    client.on("error", onError);
    try {
      await client.query(beginSql);
      const result = await this.context.run(tx, () => fn(tx.runner));
      await client.query("COMMIT");
      return result;
    } catch (e) {
      try {
        await client.query("ROLLBACK");
      } catch (rollbackError) {
        broken = rollbackError; // the connection is unusable: the pool must not hand it out again
      }
      throw e;
    } finally {
      tx.open = false;
      client.off("error", onError);
      client.release(broken instanceof Error ? broken : undefined);
    }
  }

  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.begin("BEGIN", fn);
  }

  snapshot<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", fn);
  }

  /** The next read of the data version outside a transaction, not sent yet: calls made meanwhile share it. */
  private nextVersion: Promise<string> | null = null;

  /**
   * Every widget of a page asks (memo.ts) at about the same moment: calls made before the next read is
   * sent share it (one round trip, one pooled connection, instead of one each). A call never gets a read
   * sent before it, so it sees every commit made before it, as with a read of its own. Inside a
   * transaction the version is read in it (its snapshot's).
   */
  dataVersion(): Promise<string> {
    if (this.current()) return this.readVersion();
    if (!this.nextVersion)
      // A microtask, not a later turn of the event loop: the calls of one synchronous pass join, no call waits.
      this.nextVersion = Promise.resolve().then(() => {
        this.nextVersion = null; // from here on, calls wait for a read sent after them
        return this.readVersion();
      });
    return this.nextVersion;
  }

  private async readVersion(): Promise<string> {
    // Moved at commit by every write transaction of any connection (drizzle-pg/0001_data_version.sql).
    const row = await this.get<{ v: number }>("SELECT version AS v FROM portal_data_version WHERE id = 1");
    return String(row?.v ?? 0);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/** A PostgreSQL store: the pool is the engine's own (lib/db only, e.g. LISTEN or COPY). */
export interface PgStore extends Store {
  readonly dialect: "postgres";
  readonly pool: pg.Pool;
}

/**
 * Opens a store on the PostgreSQL database at `url` (`postgres://user:password@host:port/database`,
 * libpq parameters such as `?sslmode=require` honoured by node-postgres) and applies pending migrations
 * unless told not to. Throws when the server cannot be reached or a migration fails.
 */
export async function openPgStore(url: string, options: OpenPgStoreOptions = {}): Promise<PgStore> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    types: portalTypes,
    application_name: "ai-session-tracker-portal",
  });
  // An idle connection the server dropped (restart, failover) must not crash the process: the pool
  // discards it and the next statement gets a new one. After close() (pool.ended) it is expected.
  pool.on("error", (e) => {
    if (!pool.ended) process.emitWarning(`PostgreSQL connection lost: ${e.message}`);
  });
  try {
    if (options.migrate !== false) await migratePg(pool, options.migrationsFolder);
  } catch (e) {
    await pool.end();
    throw e;
  }
  return new PgStoreImpl(pool) as PgStore;
}

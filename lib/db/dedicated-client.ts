/**
 * A PostgreSQL connection of its own, outside the store's pool, for what must stay on one server session:
 * the ingest leader's advisory lock (held as long as the session lives) and LISTEN (notifications reach
 * the session that listens). Pool connections are lent out and recycled, so neither could live there.
 *
 * Both sides watch the session: the client sends TCP keepalives and gives up on a query that takes too
 * long (a dead server or network), and the server is told to end the session when it stays idle (a frozen
 * process: its socket stays open, but its heartbeat stops) or when its TCP peer stops answering (a dead
 * machine). A killed process closes its socket, which ends the session at once.
 */
import pg from "pg";
import type { PgStore } from "./pg-store";
import type { Store } from "./store";

/** The connection settings of a PostgreSQL store's pool (for a client of its own). Throws for SQLite. */
export function pgClientConfig(store: Store): pg.ClientConfig {
  if (store.dialect !== "postgres" || !("pool" in store)) throw new Error("not a PostgreSQL store");
  // The pool's own options: URL, credentials, TLS and the engine's type parsers; pool-only keys are ignored.
  return { ...(store as PgStore).pool.options };
}

/** Options of {@link openDedicatedClient}. */
export interface DedicatedClientOptions {
  /** Connection settings of the store's pool (host, database, credentials, TLS). */
  config: pg.ClientConfig;
  /** Shown in `pg_stat_activity.application_name` (at most 63 bytes are kept). */
  applicationName: string;
  /**
   * The server ends the session after this long without a statement (ms; 0 = never). Only for sessions
   * that run a statement more often (the leader's heartbeat). Needs PostgreSQL 14; older servers skip it.
   */
  idleSessionTimeoutMs?: number;
  /** A statement still unanswered after this long fails (ms): the connection is then treated as lost. */
  queryTimeoutMs: number;
  /** Called once when the connection fails or ends after it was opened (not after `close()`). */
  onLost: (error: Error) => void;
  /** Diagnostics. */
  log: (message: string) => void;
}

/** A connected dedicated client; `close()` ends it without waiting for an unresponsive server. */
export interface DedicatedClient {
  readonly client: pg.Client;
  close(): void;
}

/** Seconds of TCP silence before the server probes the peer, between probes, and probes before it gives up. */
const SERVER_KEEPALIVE = { idle: 5, interval: 5, count: 3 } as const;

/**
 * Opens a dedicated connection with the session settings above. Rejects when it cannot connect (or set
 * the keepalives up), closing what it opened.
 */
export async function openDedicatedClient(options: DedicatedClientOptions): Promise<DedicatedClient> {
  const client = new pg.Client({
    ...options.config,
    application_name: options.applicationName.slice(0, 63),
    keepAlive: true,
    keepAliveInitialDelayMillis: 5_000,
    connectionTimeoutMillis: options.queryTimeoutMs,
    query_timeout: options.queryTimeoutMs,
  });
  let closed = false;
  let lost = false;
  // A failure while opening rejects the open instead (the caller has no handle to hand a loss to yet).
  let opened = false;
  const lose = (e: Error) => {
    if (closed || lost || !opened) return;
    lost = true;
    options.onLost(e);
  };
  // Without an 'error' listener a dropped connection would crash the process.
  client.on("error", (e) => lose(e));
  client.on("end", () => lose(new Error("connection ended")));
  const close = () => {
    if (closed) return;
    closed = true;
    // end() waits for the server's goodbye; on a dead socket that never comes, so it is not awaited.
    client.end().catch(() => undefined);
  };
  try {
    await client.connect();
    await client.query(
      "SELECT set_config('tcp_keepalives_idle', $1, false), set_config('tcp_keepalives_interval', $2, false), set_config('tcp_keepalives_count', $3, false)",
      [SERVER_KEEPALIVE.idle, SERVER_KEEPALIVE.interval, SERVER_KEEPALIVE.count].map(String),
    );
    if (options.idleSessionTimeoutMs) {
      try {
        await client.query("SELECT set_config('idle_session_timeout', $1, false)", [
          String(options.idleSessionTimeoutMs),
        ]);
      } catch (e) {
        // PostgreSQL before 14: a frozen process then keeps its session until TCP keepalives end it.
        options.log(`idle_session_timeout not available: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  } catch (e) {
    close();
    throw e;
  }
  opened = true;
  return { client, close };
}

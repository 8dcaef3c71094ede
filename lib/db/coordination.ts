/**
 * Leadership among the portal instances that share one database: exactly one of them runs the ingest
 * watcher. The engine decides how:
 *
 * - **PostgreSQL** (several instances behind a load balancer): a session-level advisory lock, taken with
 *   `pg_try_advisory_lock` on a dedicated connection (lib/db/dedicated-client.ts) — never a pool
 *   connection, which is recycled. The leader proves every `checkMs` that its session still holds the
 *   lock (a heartbeat statement); followers try to take it every `checkMs`. The lock goes with the
 *   session: a killed leader's socket closes and the server frees it at once; a frozen leader stops its
 *   heartbeat and the server ends its idle session after `sessionTimeoutMs`; a dead machine is found by TCP
 *   keepalives. Another instance then leads within `sessionTimeoutMs + checkMs` (15 + 3 s by default,
 *   under the 30 s promised). A leader that finds its session gone stops leading at once.
 * - **SQLite**: the one instance leads. A SQLite portal is one file on one machine served by one process
 *   (a second `next start` on the same file would be a second portal, not a replica), so there is nobody
 *   to elect; the ingest CLI (`npm run scan`) may still run beside it as today, on SQLite's own locking.
 *
 * Followers learn who leads from the server itself (`pg_locks` joined to `pg_stat_activity`): the
 * leader's connection carries its instance id as `application_name`, and the start of its last statement
 * is its last heartbeat. No table is written.
 */
import type pg from "pg";
import { type DedicatedClient, openDedicatedClient, pgClientConfig } from "./dedicated-client";
import { isSqliteStore, type Store } from "./store";

/** What an instance knows about the leadership of one `name`. */
export interface LeadershipStatus {
  /** This instance leads now. */
  leader: boolean;
  /** Epoch ms since when this instance leads (null while it does not). */
  leaderSinceMs: number | null;
  /** Instance id of the leader as the database reports it (this instance's own when it leads; null if unknown or none). */
  leaderInstance: string | null;
  /**
   * Epoch ms of the leader's last heartbeat: this instance's own last confirmation when it leads, the
   * server's time of the leader's last statement when it follows; null on SQLite (nothing to beat) or
   * while no leader is known.
   */
  leaderHeartbeatMs: number | null;
}

/** A running membership in the election of one `name`. */
export interface Leadership {
  status(): LeadershipStatus;
  /** Resolves once the first attempt has decided whether this instance leads (it may follow). */
  readonly ready: Promise<void>;
  /** Stops trying and gives up the lead (the lock is released with the session). */
  stop(): Promise<void>;
}

/** Options of {@link leadership}. */
export interface LeadershipOptions {
  /** What is led (one lock per name), e.g. `ingest`. */
  name: string;
  /** This instance's id (hostname:pid or PORTAL_INSTANCE_ID), shown to the other instances. */
  instanceId: string;
  /** Called on every change: true when this instance starts leading, false when it stops. */
  onChange: (leading: boolean) => void;
  /** How often the leader beats and followers try, in ms (default 3000). */
  checkMs?: number;
  /**
   * How long the server keeps a silent leader's session (and lock), in ms (default 15000). Must be well
   * above `checkMs`: the leader's heartbeat is what keeps its session.
   */
  sessionTimeoutMs?: number;
  /** Diagnostics (default: stderr). */
  log?: (message: string) => void;
}

/**
 * Joins the election of `options.name` on `store`'s database. `onChange(true)` is called when this
 * instance starts leading, `onChange(false)` when it stops; it is never called after `stop()` resolved.
 */
export function leadership(store: Store, options: LeadershipOptions): Leadership {
  if (isSqliteStore(store)) return soleLeadership(options);
  return pgLeadership(pgClientConfig(store), options);
}

/** SQLite: this instance leads from the start until stopped (see the module comment for why). */
function soleLeadership(options: LeadershipOptions): Leadership {
  const since = Date.now();
  let leading = true;
  options.onChange(true);
  return {
    status: () => ({
      leader: leading,
      leaderSinceMs: leading ? since : null,
      leaderInstance: leading ? options.instanceId : null,
      leaderHeartbeatMs: null,
    }),
    ready: Promise.resolve(),
    stop: async () => {
      if (!leading) return;
      leading = false;
      options.onChange(false);
    },
  };
}

/** First key of every portal advisory lock ("ASTP"), so they do not collide with other applications'. */
const LOCK_CLASS = 0x41535450;

/** Second key of the lock of `name`: FNV-1a of the name, kept positive (pg_locks shows keys as oids). */
export function lockKeyOf(name: string): number {
  let h = 0x811c9dc5;
  for (const ch of Buffer.from(name, "utf8")) {
    h ^= ch;
    h = Math.imul(h, 0x01000193);
  }
  return h & 0x7fffffff;
}

const HOLDS_LOCK_SQL = `SELECT count(*)::int AS n FROM pg_locks
  WHERE pid = pg_backend_pid() AND locktype = 'advisory' AND granted
    AND classid = $1::int::oid AND objid = $2::int::oid AND objsubid = 2`;

const LEADER_SQL = `SELECT a.application_name AS instance,
    (extract(epoch FROM COALESCE(a.query_start, a.backend_start)) * 1000)::float8 AS heartbeat_ms
  FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
  WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
    AND l.classid = $1::int::oid AND l.objid = $2::int::oid AND l.objsubid = 2`;

/** The prefix of a leadership connection's application_name (the rest is the instance id). */
const APP_PREFIX = "ast-portal ";

/** PostgreSQL: the advisory-lock election described in the module comment. */
export function pgLeadership(config: pg.ClientConfig, options: LeadershipOptions): Leadership {
  const checkMs = options.checkMs ?? 3_000;
  const sessionTimeoutMs = options.sessionTimeoutMs ?? 15_000;
  const log = options.log ?? ((m: string) => process.stderr.write(`[leader] ${m}\n`));
  const key = lockKeyOf(options.name);
  let conn: DedicatedClient | null = null;
  let leaderSinceMs: number | null = null;
  let leaderInstance: string | null = null;
  let leaderHeartbeatMs: number | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let lastConnectError: string | null = null;

  const setLeading = (leading: boolean) => {
    if ((leaderSinceMs !== null) === leading) return;
    leaderSinceMs = leading ? Date.now() : null;
    if (!leading) leaderHeartbeatMs = null;
    log(
      leading
        ? `${options.instanceId} leads ${options.name}`
        : `${options.instanceId} no longer leads ${options.name}`,
    );
    try {
      options.onChange(leading);
    } catch (e) {
      log(`onChange failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const drop = (reason: string) => {
    if (conn) log(`leadership connection dropped: ${reason}`);
    conn?.close();
    conn = null;
    setLeading(false);
  };

  const connect = async (): Promise<DedicatedClient> => {
    const c = await openDedicatedClient({
      config,
      applicationName: `${APP_PREFIX}${options.instanceId}`,
      idleSessionTimeoutMs: sessionTimeoutMs,
      // A heartbeat still unanswered when the server may already have ended the session is a lost lead.
      queryTimeoutMs: Math.max(1_000, Math.min(sessionTimeoutMs - checkMs, 10_000)),
      onLost: (e) => {
        if (conn === c) drop(e.message);
      },
      log,
    });
    return c;
  };

  const attempt = async (): Promise<void> => {
    try {
      conn ??= await connect();
      lastConnectError = null;
      const client = conn.client;
      if (leaderSinceMs !== null) {
        const r = await client.query<{ n: number }>(HOLDS_LOCK_SQL, [LOCK_CLASS, key]);
        if ((r.rows[0]?.n ?? 0) === 0) return drop("the lock is no longer held");
        leaderHeartbeatMs = Date.now();
        leaderInstance = options.instanceId;
        return;
      }
      const got = await client.query<{ got: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS got", [
        LOCK_CLASS,
        key,
      ]);
      if (got.rows[0]?.got) {
        if (stopped) return; // stop() ends the session, which releases the lock just taken
        leaderHeartbeatMs = Date.now();
        leaderInstance = options.instanceId;
        return setLeading(true);
      }
      const who = await client.query<{ instance: string | null; heartbeat_ms: number | null }>(LEADER_SQL, [
        LOCK_CLASS,
        key,
      ]);
      const row = who.rows[0];
      leaderInstance = row?.instance?.startsWith(APP_PREFIX) ? row.instance.slice(APP_PREFIX.length) : null;
      leaderHeartbeatMs = row?.heartbeat_ms ?? null;
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      // A database that stays unreachable is told once, not every check.
      if (!conn && reason !== lastConnectError)
        log(`cannot reach the database for the leadership: ${reason}`);
      lastConnectError = conn ? null : reason;
      drop(reason);
    }
  };

  const loop = () => {
    if (stopped) return;
    running = attempt().finally(() => {
      if (!stopped) timer = setTimeout(loop, checkMs);
    });
  };
  loop();
  const ready = running;

  return {
    status: () => ({
      leader: leaderSinceMs !== null,
      leaderSinceMs,
      leaderInstance,
      leaderHeartbeatMs,
    }),
    ready,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      drop("stopped");
    },
  };
}

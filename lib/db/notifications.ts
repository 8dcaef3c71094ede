/**
 * Application notifications through the data layer, so every portal instance on one database hears them
 * (live refresh: an instance that does not ingest must still tell its viewers that data changed).
 *
 * - **PostgreSQL**: `pg_notify(channel, payload)` on the store (inside a transaction it is sent on commit),
 *   heard through `LISTEN` on one dedicated connection per store (lib/db/dedicated-client.ts), which is
 *   opened with the first subscriber and re-opened after a loss with a growing delay. The instance that
 *   publishes hears its own notification through LISTEN like the others (never twice). Payloads are
 *   limited to {@link Notifications.maxPayloadBytes}.
 * - **SQLite**: an in-process emitter per connection: one file, one portal process (see
 *   lib/db/coordination.ts).
 *
 * One {@link Notifications} per store, kept on `globalThis` like the store itself: Next bundles route
 * handlers and instrumentation separately, and they must share it.
 */
import { EventEmitter } from "node:events";
import type pg from "pg";
import { type DedicatedClient, openDedicatedClient, pgClientConfig } from "./dedicated-client";
import { isSqliteStore, type Store } from "./store";

/** Publish/subscribe on named channels (lower-case identifiers) with text payloads. */
export interface Notifications {
  /** Largest payload `publish` accepts, in UTF-8 bytes. */
  readonly maxPayloadBytes: number;
  /** Sends `payload` to every subscriber of `channel` on every instance (this one included). */
  publish(channel: string, payload: string): Promise<void>;
  /**
   * Calls `listener` with each payload published on `channel` until the returned function is called.
   * `onGap` (optional) is called after notifications may have been missed (a lost LISTEN connection was
   * re-opened), so the subscriber can catch up.
   */
  subscribe(channel: string, listener: (payload: string) => void, onGap?: () => void): () => void;
  /** Closes the LISTEN connection, if any. */
  close(): Promise<void>;
}

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

function checkChannel(channel: string): void {
  if (!CHANNEL.test(channel)) throw new Error(`invalid notification channel name: ${channel}`);
}

const g = globalThis as typeof globalThis & { __astNotifications?: WeakMap<object, Notifications> };

/** The notifications of `store`'s database (one per store, or per SQLite connection). */
export function notificationsOf(store: Store, log?: (message: string) => void): Notifications {
  g.__astNotifications ??= new WeakMap();
  // A SQLite connection may be wrapped by more than one store object (one per bundle): key by the connection.
  const key: object = store.sqlite ?? store;
  let n = g.__astNotifications.get(key);
  if (!n) {
    n = isSqliteStore(store) ? inProcessNotifications() : pgNotifications(store, log);
    g.__astNotifications.set(key, n);
  }
  return n;
}

function inProcessNotifications(): Notifications {
  const emitter = new EventEmitter();
  // One listener per open browser tab; the default cap of 10 would warn on a busy team.
  emitter.setMaxListeners(0);
  return {
    maxPayloadBytes: Number.POSITIVE_INFINITY,
    publish: async (channel, payload) => {
      checkChannel(channel);
      emitter.emit(channel, payload);
    },
    subscribe: (channel, listener) => {
      checkChannel(channel);
      emitter.on(channel, listener);
      return () => {
        emitter.off(channel, listener);
      };
    },
    close: async () => {
      emitter.removeAllListeners();
    },
  };
}

/** PostgreSQL's limit is 8000 bytes; a little is left for the channel name and framing. */
const PG_MAX_PAYLOAD_BYTES = 7_900;

function pgNotifications(store: Store, logTo?: (message: string) => void): Notifications {
  const log = logTo ?? ((m: string) => void process.stderr.write(`[notify] ${m}\n`));
  const config: pg.ClientConfig = pgClientConfig(store);
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const gapListeners = new Set<() => void>();
  /** Subscribers per channel. */
  const wanted = new Map<string, number>();
  /** Channels LISTENed on the current connection. */
  let active = new Set<string>();
  let conn: DedicatedClient | null = null;
  let connecting: Promise<void> | null = null;
  let syncing: Promise<void> = Promise.resolve();
  let retryMs = 500;
  let retryTimer: NodeJS.Timeout | null = null;
  let closed = false;
  let hadConnection = false;

  const quote = (channel: string) => `"${channel}"`; // checked by CHANNEL: no quote inside

  /** Brings the connection's LISTENs in line with the subscribers (serialised; a failure drops the connection). */
  const sync = (): Promise<void> => {
    syncing = syncing.then(async () => {
      const c = conn;
      if (!c) return;
      try {
        for (const channel of wanted.keys()) {
          if (active.has(channel)) continue;
          await c.client.query(`LISTEN ${quote(channel)}`);
          active.add(channel);
        }
        for (const channel of [...active]) {
          if (wanted.has(channel)) continue;
          await c.client.query(`UNLISTEN ${quote(channel)}`);
          active.delete(channel);
        }
      } catch (e) {
        if (conn === c) lost(c, e instanceof Error ? e : new Error(String(e)));
      }
    });
    return syncing;
  };

  const lost = (c: DedicatedClient, e: Error) => {
    if (conn !== c) return;
    log(`LISTEN connection lost: ${e.message}`);
    c.close();
    conn = null;
    scheduleReopen();
  };

  const open = (): Promise<void> => {
    connecting ??= (async () => {
      try {
        const c: DedicatedClient = await openDedicatedClient({
          config,
          applicationName: "ast-portal listen",
          queryTimeoutMs: 10_000,
          onLost: (e) => lost(c, e),
          log,
        });
        if (closed) return c.close();
        c.client.on("notification", (msg) => emitter.emit(msg.channel, msg.payload ?? ""));
        conn = c;
        active = new Set();
        await sync();
        if (conn !== c) return;
        retryMs = 500;
        if (hadConnection) for (const onGap of gapListeners) onGap();
        hadConnection = true;
      } catch (e) {
        log(`LISTEN connection failed: ${e instanceof Error ? e.message : String(e)}`);
        scheduleReopen();
      } finally {
        connecting = null;
      }
    })();
    return connecting;
  };

  const scheduleReopen = () => {
    if (closed || retryTimer || wanted.size === 0) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void open();
    }, retryMs);
    retryMs = Math.min(retryMs * 2, 10_000);
  };

  const changed = () => {
    if (conn) void sync();
    else if (!connecting && !retryTimer && wanted.size > 0) void open();
  };

  return {
    maxPayloadBytes: PG_MAX_PAYLOAD_BYTES,
    publish: async (channel, payload) => {
      checkChannel(channel);
      if (Buffer.byteLength(payload, "utf8") > PG_MAX_PAYLOAD_BYTES)
        throw new Error(`notification payload over ${PG_MAX_PAYLOAD_BYTES} bytes`);
      await store.run("SELECT pg_notify(?, ?)", [channel, payload]);
    },
    subscribe: (channel, listener, onGap) => {
      checkChannel(channel);
      emitter.on(channel, listener);
      if (onGap) gapListeners.add(onGap);
      wanted.set(channel, (wanted.get(channel) ?? 0) + 1);
      changed();
      let done = false;
      return () => {
        if (done) return;
        done = true;
        emitter.off(channel, listener);
        if (onGap) gapListeners.delete(onGap);
        const left = (wanted.get(channel) ?? 1) - 1;
        if (left > 0) wanted.set(channel, left);
        else wanted.delete(channel);
        changed();
      };
    },
    close: async () => {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      await connecting;
      await syncing;
      conn?.close();
      conn = null;
      emitter.removeAllListeners();
    },
  };
}

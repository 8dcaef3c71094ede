/**
 * A fresh portal database for one test, on the engine the run is for: `PORTAL_TEST_ENGINE=sqlite` (the
 * default: a new SQLite file in a temp dir) or `postgres` (a new database copied from the migrated
 * template on the run's PostgreSQL server, test-support/postgres.ts). vitest's `portal-postgres` project
 * sets the engine and starts the server (test-support/postgres-setup.ts) for the files listed in
 * POSTGRES_TEST_FILES of vitest.config.ts.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDb } from "../lib/db/client";
import { openPgStore } from "../lib/db/pg-store";
import { storeOf } from "../lib/db/sqlite-store";
import type { Store } from "../lib/db/store";
import { createTestDatabase, TEST_PG_URL_ENV } from "./postgres";

/** The engines a test can run on. */
export type TestEngine = "sqlite" | "postgres";

/** The engine of this test run (`PORTAL_TEST_ENGINE`, default sqlite). */
export function testEngine(): TestEngine {
  const e = process.env.PORTAL_TEST_ENGINE ?? "sqlite";
  if (e !== "sqlite" && e !== "postgres")
    throw new Error(`PORTAL_TEST_ENGINE must be sqlite or postgres, got ${e}`);
  return e;
}

/** A test's database. */
export interface TestStore {
  /** The store (migrations applied). */
  store: Store;
  engine: TestEngine;
  /** A temp dir of the test's own (both engines), removed by cleanup. */
  dir: string;
  /** What `openStore` would be given: the SQLite file's path or the PostgreSQL URL. */
  location: string;
  /** Opens another store (another connection) on the same database, closed by cleanup too. */
  another(): Promise<Store>;
  /**
   * The environment that points a portal process (`npm start`, `npm run scan`/`watch`) at this database:
   * DATABASE_URL on PostgreSQL, PORTAL_DB_PATH (and no DATABASE_URL) on SQLite.
   */
  portalEnv(): Record<string, string>;
  /** Closes every store opened here and removes the database and the temp dir. Safe to call twice. */
  cleanup(): Promise<void>;
}

/** Opens a fresh, migrated database on `engine` (default: the run's engine). */
export async function openTestStore(engine: TestEngine = testEngine()): Promise<TestStore> {
  const dir = mkdtempSync(path.join(tmpdir(), "store-test-"));
  const stores: Store[] = [];
  let drop = async () => {};
  let location: string;
  let open: () => Promise<Store>;
  if (engine === "sqlite") {
    location = path.join(dir, "portal.db");
    open = async () => storeOf(openDb(location));
  } else {
    const adminUrl = process.env[TEST_PG_URL_ENV];
    if (!adminUrl)
      throw new Error(
        `no PostgreSQL server for this run: ${TEST_PG_URL_ENV} is unset (run the test through vitest's portal-postgres project, which starts one)`,
      );
    const db = await createTestDatabase(adminUrl);
    location = db.url;
    drop = db.drop;
    // Small pools: many test files run at once against one server.
    open = () => openPgStore(db.url, { maxConnections: 4 });
  }
  const first = await open();
  stores.push(first);
  let cleaned = false;
  return {
    store: first,
    engine,
    dir,
    location,
    another: async () => {
      const s = await open();
      stores.push(s);
      return s;
    },
    portalEnv: (): Record<string, string> =>
      engine === "postgres" ? { DATABASE_URL: location } : { DATABASE_URL: "", PORTAL_DB_PATH: location },
    cleanup: async () => {
      if (cleaned) return;
      cleaned = true;
      for (const s of stores) await s.close();
      await drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

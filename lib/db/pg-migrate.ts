/**
 * Applies the drizzle-kit migrations committed in `drizzle-pg/` to a PostgreSQL database (idempotent:
 * drizzle records applied ones in `drizzle.__drizzle_migrations`). Several portal instances may start at
 * once: a session advisory lock lets one migrate while the others wait, then find nothing to do.
 */
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import type pg from "pg";
import { migrationsFolderOf } from "./migrate";

/** Advisory lock key of the portal's migrations (any constant unlikely to clash with other apps). */
const MIGRATION_LOCK = 7_140_014;

/** Brings the schema of the pool's database up to date. Throws if a migration fails. */
export async function migratePg(
  pool: pg.Pool,
  migrationsFolder: string = migrationsFolderOf("drizzle-pg"),
): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A lost connection is emitted as an event on a checked-out client: heard here, the migration's own
  // statement fails and the client is discarded rather than the process crashing.
  const onError = (e: Error) => {
    broken = e;
  };
  client.on("error", onError);
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await migrate(drizzle({ client }), { migrationsFolder });
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}

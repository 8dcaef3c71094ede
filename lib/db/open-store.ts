/**
 * Opens the portal's data layer on the engine the environment names: PostgreSQL when `DATABASE_URL` is a
 * postgres:// (or postgresql://) URL, else SQLite at `PORTAL_DB_PATH` (lib/env.ts validates both). The
 * one place that decides the engine: everything above it holds a {@link Store}.
 */
import type { PortalEnv } from "@/lib/env";
import { openDb } from "./client";
import { openPgStore } from "./pg-store";
import { storeOf } from "./sqlite-store";
import type { Store } from "./store";

/** Where the portal's data lives. */
export type StoreLocation = { engine: "sqlite"; path: string } | { engine: "postgres"; url: string };

/** The location `env` names (DATABASE_URL, else PORTAL_DB_PATH). */
export function storeLocation(env: Pick<PortalEnv, "DATABASE_URL" | "PORTAL_DB_PATH">): StoreLocation {
  return env.DATABASE_URL
    ? { engine: "postgres", url: env.DATABASE_URL }
    : { engine: "sqlite", path: env.PORTAL_DB_PATH };
}

/**
 * Opens a store at `location` and applies pending migrations (drizzle/ on SQLite, drizzle-pg/ on
 * PostgreSQL). Throws when the database cannot be opened or reached, or a migration fails.
 */
export async function openStore(location: StoreLocation): Promise<Store> {
  if (location.engine === "postgres") return openPgStore(location.url);
  return storeOf(openDb(location.path));
}

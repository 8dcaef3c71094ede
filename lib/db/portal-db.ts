/**
 * The type of a portal DB handle, on its own so that modules the client imports (migrate.ts) can name it
 * without importing the client back.
 */
import type Database from "better-sqlite3";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type * as schema from "./schema";

/** Drizzle handle over the portal schema. `db.$client` is the raw better-sqlite3 connection. */
export type PortalDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

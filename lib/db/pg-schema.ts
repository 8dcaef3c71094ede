/**
 * The PostgreSQL mirror of lib/db/schema.ts, read by drizzle-kit (drizzle.pg.config.ts) to generate
 * `drizzle-pg/`; lib/db/pg-migrate.ts applies those migrations when a PostgreSQL store opens.
 */
export * from "./pg-tables/ingest";
export * from "./pg-tables/portal";
export * from "./pg-tables/usage";

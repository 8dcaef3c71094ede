/**
 * The portal's drizzle schema, re-exported from one module per area (drizzle-kit reads this file):
 * `tables/ingest.ts` holds what the ingest writes from the tracker files (developers, sources and their
 * files, sessions, interactions, issues, requests, code metrics, ingest runs), `tables/portal.ts` the
 * portal's own tables (users, sign-in sessions, login attempts, API tokens, settings). Change a table
 * there, run `npm run db:generate` to write the migration into `drizzle/`; lib/db/migrate.ts applies it
 * when the DB is opened.
 */
export * from "./tables/ingest";
export * from "./tables/portal";
export * from "./tables/usage";

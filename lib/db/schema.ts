/**
 * The portal's drizzle schema: one module per area, re-exported here (drizzle-kit reads this file).
 * Add an area (e.g. settings, users, API tokens) as `tables/<area>.ts`, export it below, then run
 * `npm run db:generate` to write a new migration into `drizzle/`.
 */
export * from "./tables/ingest";
export * from "./tables/portal";

import { defineConfig } from "drizzle-kit";

// PostgreSQL migrations (issue 14): generated from the mirror of the SQLite schema by `npm run db:generate`,
// committed, and applied by lib/db/pg-migrate.ts when a PostgreSQL store opens.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/pg-schema.ts",
  out: "./drizzle-pg",
});

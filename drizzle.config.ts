import { defineConfig } from "drizzle-kit";

// Migrations are generated (`npm run db:generate`), committed, and applied by lib/db/migrate.ts at open.
export default defineConfig({
  dialect: "sqlite",
  schema: "./lib/db/schema.ts",
  out: "./drizzle",
});

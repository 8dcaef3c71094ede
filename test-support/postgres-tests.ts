/**
 * The test files that also run on PostgreSQL (vitest's `portal-postgres` project, vitest.config.ts): the
 * one list a module's converter extends when its tests open their database with `openTestStore()`
 * (test-support/store.ts). Every file here runs on SQLite too (the `portal` project), except the
 * PostgreSQL-only `*.pg.test.ts`. At the end of issue 14 this is the whole suite.
 */
export const POSTGRES_TEST_FILES: readonly string[] = [
  "lib/db/store.test.ts",
  "lib/db/pg-store.pg.test.ts",
  "lib/db/open-store.test.ts",
];

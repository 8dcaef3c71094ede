import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { configDefaults, defineConfig } from "vitest/config";

// Every test runs in UTC, whatever the shell's TZ (`npm test` alone, not only .ci/run): Node re-reads TZ
// when it is assigned, and the test workers inherit this process's env (test-support/utc.test.ts).
process.env.TZ = "UTC";

// One run covers the whole repository: the MCP package, the portal's lib/ and test-support/ (its own checks).
// CI sets TEST_REPORT_DIR to collect machine-readable totals (see .ci/run).
const reportDir = process.env.TEST_REPORT_DIR;

/**
 * The test files that also run on PostgreSQL (project `portal-postgres` below): the one list a module's
 * converter extends once its tests open their database with `openTestStore()` (test-support/store.ts).
 * Every file here runs on SQLite too (project `portal`), except the PostgreSQL-only `*.pg.test.ts`. It
 * holds every test file that touches the database; the portal files left out hold none (pure functions,
 * source scans) or test what only SQLite has (file modes, its data migration, its in-process
 * leadership and notifications), each saying so at its top.
 */
const POSTGRES_TEST_FILES = [
  "lib/db/store.test.ts",
  "lib/db/pg-store.pg.test.ts",
  "lib/db/open-store.test.ts",
  "lib/db/pg-functions.pg.test.ts",
  "lib/db/dialect.test.ts",
  "lib/ingest/engines.test.ts",
  "lib/ingest/usage.test.ts",
  "lib/ingest/push-usage.test.ts",
  "lib/ingest/apply-steps.test.ts",
  "lib/ingest/hostile-files.test.ts",
  "lib/ingest/watch.test.ts",
  "lib/ingest/ingest.test.ts",
  "lib/ingest/push.test.ts",
  "lib/ingest/quarantine.test.ts",
  "lib/ingest/cli.test.ts",
  "lib/runtime/events.test.ts",
  "lib/runtime/health.test.ts",
  // Users, sign-in sessions, tokens, invites, throttle, settings and prices (lib/auth, lib/settings.ts).
  "lib/auth/auth.test.ts",
  "lib/auth/oidc.test.ts",
  "lib/auth/push-access.test.ts",
  "lib/auth/shared-instances.test.ts",
  "lib/auth/tokens.test.ts",
  "lib/auth/user-admin.test.ts",
  "lib/pricing-settings.test.ts",
  "lib/display-names.test.ts",
  "lib/queries/get-ship-rates.test.ts",
  "lib/queries/list-interactions-cache.test.ts",
  "lib/queries/withheld-text.test.ts",
  // The read model (lib/queries): figures equal on both engines (the oracles).
  "lib/queries/dashboards.test.ts",
  "lib/queries/slices.test.ts",
  "lib/queries/roi-method.test.ts",
  "lib/queries/roi-method-outcome.test.ts",
  "lib/queries/comparison.test.ts",
  "lib/queries/period-compare.test.ts",
  "lib/queries/trend.test.ts",
  "lib/queries/bucketing.test.ts",
  "lib/queries/friction.test.ts",
  "lib/queries/per-developer.test.ts",
  "lib/queries/moved-window.test.ts",
  "lib/queries/chargeback.test.ts",
  "lib/queries/lists.test.ts",
  "lib/queries/session-liveness.test.ts",
  "lib/queries/export-sessions.test.ts",
  "lib/queries/session-git.test.ts",
  "lib/queries/list-interactions-withheld.test.ts",
  "lib/queries/scope.test.ts",
  "lib/api/responses/responses.test.ts",
  "lib/auth/privacy.test.ts",
  "lib/queries/get-spend.test.ts",
  "lib/queries/session-usage.test.ts",
  // PostgreSQL-only files (several instances: leadership, notifications, failover) run here only.
  "lib/**/*.pg.test.ts",
];

// A listed file that does not exist would silently run nothing on PostgreSQL.
for (const file of POSTGRES_TEST_FILES) {
  if (!file.includes("*") && !existsSync(file)) throw new Error(`POSTGRES_TEST_FILES: no file ${file}`);
}

export default defineConfig({
  test: {
    // Every core: the default (one fewer) ran the suite in ONE worker on a 2-core machine (526 → 269 s).
    maxWorkers: availableParallelism(),
    reporters: reportDir ? ["default", "json"] : ["default"],
    ...(reportDir ? { outputFile: { json: `${reportDir}/vitest.json` } } : {}),
    projects: [
      {
        test: {
          name: "mcp-server",
          root: "./mcp-server",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias: { "@": new URL("./", import.meta.url).pathname } },
        test: {
          name: "portal",
          include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "test-support/**/*.test.ts"],
          exclude: [...configDefaults.exclude, "**/*.pg.test.ts"],
          env: { PORTAL_TEST_ENGINE: "sqlite" },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The same tests on PostgreSQL (issue 14), against one real server started for the run
        // (test-support/postgres-setup.ts).
        resolve: { alias: { "@": new URL("./", import.meta.url).pathname } },
        test: {
          name: "portal-postgres",
          include: POSTGRES_TEST_FILES,
          env: { PORTAL_TEST_ENGINE: "postgres" },
          globalSetup: ["test-support/postgres-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});

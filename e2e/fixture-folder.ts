/**
 * The e2e fixture: a generated team folder (deterministic seed, fixed `now`), a dedicated DB and test
 * credentials. Shared by playwright.config.ts (server env), global-setup.ts (writes the folder) and specs.
 */
import path from "node:path";

/**
 * The engine of the portal under test (`PORTAL_TEST_ENGINE`: sqlite, the default, or postgres). The two
 * engines' runs may go at the same time (`npm run test:e2e`), so each writes into its own folders.
 */
export const E2E_ENGINE = process.env.PORTAL_TEST_ENGINE === "postgres" ? "postgres" : "sqlite";
/** Everything e2e writes lives here (git-ignored): `e2e/.artifacts`, `e2e/.artifacts/postgres` on PostgreSQL. */
export const ARTIFACTS_DIR = path.resolve("e2e/.artifacts", E2E_ENGINE === "postgres" ? "postgres" : "");
/**
 * Playwright's own output (results, HTML report): the usual top-level folders for SQLite; inside the
 * artifacts on PostgreSQL, where the SQLite run's clean-up of `test-results/` at its start cannot reach.
 */
export const RUNNER_OUTPUT =
  E2E_ENGINE === "postgres"
    ? {
        results: path.join(ARTIFACTS_DIR, "test-results"),
        report: path.join(ARTIFACTS_DIR, "playwright-report"),
      }
    : { results: "test-results", report: "playwright-report" };
/** The team folder the server under test watches (PORTAL_DATA_ROOT). */
export const FIXTURE_ROOT = path.join(ARTIFACTS_DIR, "team");
/** The server's SQLite file, recreated on every run. */
export const FIXTURE_DB = path.join(ARTIFACTS_DIR, "portal.db");
/** Screenshots of every page, saved by the specs. */
export const SCREENSHOT_DIR = path.join(ARTIFACTS_DIR, "screenshots");
/** The fixture's `now` (the server's PORTAL_NOW). */
export const FIXTURE_NOW = "2026-06-01T12:00:00.000Z";
/**
 * Generator inputs (scripts/make-team-folder.ts, with its DEMO_MESS) of the folder global-setup.ts writes
 * and expected-figures.ts regenerates: change them and the expected figures in the specs change.
 */
export const FIXTURE_GENERATOR = {
  seed: 7,
  developers: 6,
  sessionsPerDeveloper: 40,
  interactionsPerSession: 4,
  now: FIXTURE_NOW,
} as const;

/** The admin the server creates from env on start. */
export const ADMIN = { email: "lead@e2e.test", password: "e2e-admin-password-1" } as const;

/** Env of the server under test. */
export function serverEnv(port: number): Record<string, string> {
  return {
    PORTAL_DATA_ROOT: FIXTURE_ROOT,
    PORTAL_DB_PATH: FIXTURE_DB,
    PORTAL_ADMIN_EMAIL: ADMIN.email,
    PORTAL_ADMIN_PASSWORD: ADMIN.password,
    PORTAL_NOW: FIXTURE_NOW,
    // Short settle time: the live-refresh journey writes a file and expects it on screen within 2 s.
    PORTAL_INGEST_SETTLE_MS: "200",
    // Sign-in throttle small enough for the access spec to see a lock end (defaults: 5 / 20 / 30 s).
    PORTAL_LOGIN_FREE_FAILURES: "3",
    PORTAL_LOGIN_FREE_FAILURES_PER_ADDRESS: "6",
    PORTAL_LOGIN_BACKOFF_MS: "2000",
    NEXTAUTH_SECRET: "e2e-only-secret-not-for-production-0123456789",
    NEXTAUTH_URL: `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    // Every /api/v1 body is parsed with its response schema (the OpenAPI document's): drift is a 500.
    PORTAL_API_CHECK_RESPONSES: "1",
    TZ: "UTC",
  };
}

/**
 * Single sign-on in e2e: a real OpenID Connect provider (the `oidc-provider` package, e2e/oidc-provider.ts)
 * started by playwright.config.ts before the portal, on its own free port (E2E_OIDC_PORT), with this client
 * registered. Its login page accepts any e-mail as the login (its development interactions).
 */
export const SSO = {
  name: "Test SSO",
  clientId: "portal-e2e",
  clientSecret: "e2e-only-oidc-client-secret-0123456789",
  allowedDomain: "sso.e2e.test",
  defaultRole: "member",
} as const;

/** Issuer URL of the test provider (127.0.0.1, so its cookies are not the portal's localhost cookies). */
export const ssoIssuer = (oidcPort: number) => `http://127.0.0.1:${oidcPort}`;

/** The portal's SSO env for the test provider on `oidcPort`. */
export function ssoServerEnv(oidcPort: number): Record<string, string> {
  return {
    PORTAL_OIDC_ISSUER: ssoIssuer(oidcPort),
    PORTAL_OIDC_CLIENT_ID: SSO.clientId,
    PORTAL_OIDC_CLIENT_SECRET: SSO.clientSecret,
    PORTAL_OIDC_NAME: SSO.name,
    PORTAL_OIDC_ALLOWED_DOMAINS: SSO.allowedDomain,
    PORTAL_OIDC_DEFAULT_ROLE: SSO.defaultRole,
  };
}

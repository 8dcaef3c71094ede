import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { defineConfig, devices, type ReporterDescription } from "@playwright/test";
import { E2E_ENGINE, RUNNER_OUTPUT, serverEnv, ssoIssuer, ssoServerEnv } from "./e2e/fixture-folder";

// Specs and the server under test run in UTC, whatever the shell's TZ (`npm test` alone, not only .ci/run):
// the workers and the web server inherit this process's env.
process.env.TZ = "UTC";

// Test-runner configuration (not portal configuration), so it reads its own env here:
// TEST_REPORT_DIR (CI totals), CHROMIUM_PATH (browser), E2E_PORT (the port of the server under test).
const reportDir = process.env.TEST_REPORT_DIR;

/**
 * The server under test gets a free port the OS picks (never 3000 by default: `npm start` may be serving
 * the portal there), unless E2E_PORT names one; reusing your own server (E2E_REUSE_SERVER=1) means the
 * portal's 3000 unless E2E_PORT says otherwise. Playwright loads this file again in every worker process,
 * so the choice goes into E2E_PORT, which the workers inherit, and is made once.
 */
function e2ePort(): string {
  if (process.env.E2E_PORT) return process.env.E2E_PORT;
  if (process.env.E2E_REUSE_SERVER === "1") return "3000";
  return freePort();
}
function freePort(): string {
  return execFileSync(
    process.execPath,
    ["-e", "const s=require('net').createServer().listen(0,()=>{console.log(s.address().port);s.close()})"],
    { encoding: "utf8" },
  ).trim();
}
process.env.E2E_PORT = e2ePort();
const port = Number(process.env.E2E_PORT);
// The test OpenID Connect provider (single sign-on): its own free port, chosen once like the portal's.
process.env.E2E_OIDC_PORT ??= freePort();
const oidcPort = Number(process.env.E2E_OIDC_PORT);
// PORTAL_TEST_ENGINE=postgres: the portal runs on a real PostgreSQL started first in the webServer list
// (test-support/postgres-e2e.ts) on a free port with a random password, chosen once like the ports.
const onPostgres = E2E_ENGINE === "postgres";
if (onPostgres) {
  process.env.E2E_PG_PORT ??= freePort();
  process.env.E2E_PG_PASSWORD ??= randomBytes(12).toString("hex");
}
const pgEnv: Record<string, string> = onPostgres
  ? {
      DATABASE_URL: `postgres://postgres:${process.env.E2E_PG_PASSWORD}@127.0.0.1:${process.env.E2E_PG_PORT}/postgres`,
    }
  : {};
// Always localhost, never 127.0.0.1: next-auth's CSRF cookie is bound to the NEXTAUTH_URL host.
const baseURL = `http://localhost:${port}`;

const reporter: ReporterDescription[] = [
  ["list"],
  ["html", { open: "never", outputFolder: RUNNER_OUTPUT.report }],
];
// One report per engine (.ci/summary.mjs adds them up).
if (reportDir) reporter.push(["json", { outputFile: path.join(reportDir, `playwright-${E2E_ENGINE}.json`) }]);
// E2E_PREBUILT=1: `.next-e2e` was built already for this tree (e2e/run-engines.ts builds once for both
// engines' runs), so the server is started without building again.
const build = process.env.E2E_PREBUILT === "1" ? "" : "node node_modules/next/dist/bin/next build && ";

export default defineConfig({
  testDir: "e2e",
  outputDir: RUNNER_OUTPUT.results,
  // One worker: specs share one server and DB (the assumptions journey changes settings other figures use).
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter,
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } } },
  ],
  webServer: [
    ...(onPostgres
      ? [
          {
            command: "exec node --import tsx test-support/postgres-e2e.ts",
            port: Number(process.env.E2E_PG_PORT),
            env: {
              E2E_PG_PORT: String(process.env.E2E_PG_PORT),
              E2E_PG_PASSWORD: String(process.env.E2E_PG_PASSWORD),
            },
            gracefulShutdown: { signal: "SIGTERM" as const, timeout: 10_000 },
            timeout: 120_000,
            stdout: "pipe" as const,
            stderr: "pipe" as const,
          },
        ]
      : []),
    {
      // A real OIDC provider for the SSO journey, up before the portal (which discovers it on the first SSO
      // sign-in) and stopped with the run (SIGTERM).
      command: "exec node --import tsx e2e/oidc-provider.ts",
      url: `${ssoIssuer(oidcPort)}/.well-known/openid-configuration`,
      env: { E2E_OIDC_PORT: String(oidcPort), E2E_PORT: String(port) },
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
      reuseExistingServer: process.env.E2E_REUSE_SERVER === "1",
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // The fixture folder is written first (see e2e/global-setup.ts for why not as globalSetup), then the
      // production build is served; /api/health answers 200 once the first ingest pass is done.
      // `exec` + SIGTERM: next start forwards the signal to next-server, which runs in its own process group
      // and would otherwise outlive the run and keep the port. Idle connections are kept 30 s, as `npm start`
      // does (scripts/start.ts: why).
      command: `npx tsx e2e/global-setup.ts && ${build}exec node node_modules/next/dist/bin/next start -p ${port} --keepAliveTimeout 30000`,
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      url: `${baseURL}/api/health`,
      env: { ...serverEnv(port), ...ssoServerEnv(oidcPort), ...pgEnv, NEXT_DIST_DIR: ".next-e2e" },
      // E2E_REUSE_SERVER=1: iterate on specs against a server you started with the same env (see README).
      reuseExistingServer: process.env.E2E_REUSE_SERVER === "1",
      timeout: 600_000,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});

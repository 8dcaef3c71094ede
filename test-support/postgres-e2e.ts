/**
 * The e2e run's PostgreSQL server (`PORTAL_TEST_ENGINE=postgres npx playwright test`): playwright.config.ts
 * starts this first in its `webServer` list, on the port and with the password it chose (E2E_PG_PORT,
 * E2E_PG_PASSWORD), and points the portal's DATABASE_URL at the server's `postgres` database, which exists
 * from the start (the portal migrates it when it opens). A throwaway server: a fresh, empty database
 * every run, deleted when Playwright stops this process (SIGTERM).
 */
import { startPostgres } from "./postgres";

const port = Number(process.env.E2E_PG_PORT);
const password = process.env.E2E_PG_PASSWORD;
if (!Number.isInteger(port) || !password) throw new Error("E2E_PG_PORT and E2E_PG_PASSWORD must be set");

const server = await startPostgres({ port, password });
process.stderr.write(`[e2e] PostgreSQL on 127.0.0.1:${port}\n`);
const stop = () => void server.stop().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

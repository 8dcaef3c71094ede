/**
 * vitest global setup of the `portal-postgres` project (vitest.config.ts): one PostgreSQL server for the
 * whole run with the migrated template database, its admin URL handed to the test workers through
 * `PORTAL_TEST_PG_URL` (they inherit this process's env); stopped and deleted when the run ends.
 */
import { createTemplate, startPostgres, TEST_PG_URL_ENV } from "./postgres";

export default async function setup(): Promise<() => Promise<void>> {
  const server = await startPostgres();
  try {
    await createTemplate(server);
  } catch (e) {
    await server.stop();
    throw e;
  }
  process.env[TEST_PG_URL_ENV] = server.adminUrl;
  return () => server.stop();
}

/**
 * The e2e run's own setting (playwright.config.ts): specs run in UTC whatever the shell's TZ, and the
 * server under test is on the port the config chose (a free one unless E2E_PORT fixes it), not assumed
 * to be the portal's 3000 — `npm start` may be serving there.
 */
import { expect, test } from "./fixtures";

test("the run is in UTC and talks to the server on the port the config chose", async ({
  request,
  baseURL,
}) => {
  expect(process.env.TZ).toBe("UTC");
  expect(new Date(0).getTimezoneOffset()).toBe(0);
  expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe("UTC");
  expect(baseURL).toBe(`http://localhost:${process.env.E2E_PORT}`);
  expect((await request.get("/api/health")).status()).toBe(200);
});

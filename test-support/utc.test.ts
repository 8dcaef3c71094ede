/**
 * `npm test` runs in UTC by itself (vitest.config.ts sets it), whatever TZ the
 * shell has: try `TZ=America/New_York npx vitest run test-support/utc.test.ts`.
 */
import { expect, it } from "vitest";

it("the test process is in UTC", () => {
  expect(process.env.TZ).toBe("UTC");
  expect(new Date(0).getTimezoneOffset()).toBe(0);
  expect(new Date(Date.UTC(2026, 6, 1)).getTimezoneOffset()).toBe(0);
  expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe("UTC");
});

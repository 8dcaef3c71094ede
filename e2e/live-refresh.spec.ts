import { authTest, expect, snap } from "./fixtures";
import { removeDeveloperFolder, testSession, writeDeveloperSessions } from "./fixtures/shared-folder";

const DEV = "zz-live-developer";

authTest(
  "a session file written to the shared folder appears on an open page without a reload",
  async ({ page }, testInfo) => {
    await removeDeveloperFolder(DEV);
    await page.goto("/sources");
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
    await expect(page.locator("main")).not.toContainText(DEV);
    // A marker that a full reload would wipe.
    await page.evaluate(() => {
      (window as unknown as { __noReload: boolean }).__noReload = true;
    });

    try {
      writeDeveloperSessions(DEV, [
        testSession("live_refresh_check_20260530_100000", { session_name: "Live refresh check" }),
      ]);
      // Settle time (200 ms in e2e) + ingest + SSE + re-render: the bound is 2 s; allow scheduling slack.
      await expect(page.locator("main")).toContainText(DEV, { timeout: 3_000 });
      expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(
        true,
      );
      await snap(page, "live-refresh-sources", testInfo);
    } finally {
      // Leave the fixture as it was (ingested): other journeys assert exact figures.
      await removeDeveloperFolder(DEV);
    }
  },
);

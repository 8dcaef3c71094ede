import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { FIXTURE_ROOT } from "./fixture-folder";
import { authTest, expect, snap } from "./fixtures";

const DEV = "zz-live-developer";

function sessionFile(): string {
  const id = "live_refresh_check_20260530_100000";
  return JSON.stringify(
    {
      [id]: {
        id,
        session_name: "Live refresh check",
        task_type: "testing",
        context: "written by the e2e suite",
        start_time: "2026-05-30T10:00:00+00:00",
        model_name: "claude-sonnet-4-20250514",
        initial_estimate_minutes: 60,
        estimate_source: "manual",
        status: "completed",
        end_time: "2026-05-30T10:20:00+00:00",
        outcome: "success",
        notes: "",
        total_interactions: 0,
        avg_effectiveness: 0,
        code_metrics: [],
      },
    },
    null,
    2,
  );
}

authTest(
  "a session file written to the shared folder appears on an open page without a reload",
  async ({ page }, testInfo) => {
    const dir = path.join(FIXTURE_ROOT, DEV);
    rmSync(dir, { recursive: true, force: true });
    await page.goto("/sources");
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
    await expect(page.locator("main")).not.toContainText(DEV);
    // A marker that a full reload would wipe.
    await page.evaluate(() => {
      (window as unknown as { __noReload: boolean }).__noReload = true;
    });

    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, "sessions.json"), sessionFile());
      // Settle time (200 ms in e2e) + ingest + SSE + re-render: the bound is 2 s; allow scheduling slack.
      await expect(page.locator("main")).toContainText(DEV, { timeout: 3_000 });
      expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(
        true,
      );
      await snap(page, "live-refresh-sources", testInfo);
    } finally {
      // Leave the fixture as it was: other journeys assert exact figures.
      rmSync(dir, { recursive: true, force: true });
    }
    // Let the watcher ingest the deletion before the next journey reads figures (settle 200 ms + a pass).
    await page.waitForTimeout(1_500);
  },
);

import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { classifyFileName } from "../lib/ingest/file-names";
import { parseFileBytes } from "../lib/ingest/parse";
import { teamRoi } from "../test-support/team-roi";
import { fixtureTruth, lastDays, sessionCount } from "./expected-figures";
import { FIXTURE_ROOT } from "./fixture-folder";
import { expect, snap, authTest as test } from "./fixtures";
import { DashboardPage, expectedKpiTexts } from "./pages/dashboard-page";

const truth = fixtureTruth();

/** The fixture's unreadable tracker files and the reason the ingest gives for each. */
function brokenFiles(): { name: string; reason: string }[] {
  const out: { name: string; reason: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const c = classifyFileName(name);
        if (!c) continue;
        const r = parseFileBytes(c.kind, readFileSync(p), Date.now());
        if (!r.ok) out.push({ name, reason: r.error });
      }
    }
  };
  walk(FIXTURE_ROOT);
  return out;
}

test.describe("dashboards", () => {
  test("overview shows the exact team figures for the fixture folder", async ({ page }, testInfo) => {
    const d = new DashboardPage(page);
    await d.open("/?range=all", "Overview");
    const roi = teamRoi(truth);
    const sessions = sessionCount(truth);
    await d.expectKpis(expectedKpiTexts(roi, sessions));
    await expect(page.getByTestId("roi-explainer")).toContainText("a failed session's cost and no value");
    await expect(page.getByTestId("roi-explainer")).toContainText("half");
    // The ROI figures say which assumptions they used.
    await page.getByTestId("widget-roi").getByRole("button", { name: "Assumptions used" }).click();
    await expect(page.getByTestId("assumptions-popover")).toContainText("$130.00/h");
    await page.keyboard.press("Escape");
    await snap(page, "overview-all-time", testInfo);

    // The JSON API gives the same figures (signed-in cookie here; tokens are covered by api-tokens.spec).
    const api = await page.request.get("/api/v1/summary?range=all");
    expect(api.status()).toBe(200);
    const body = (await api.json()) as { roi: typeof roi; sessions: number };
    expect(body.roi).toEqual(roi);
    expect(body.sessions).toBe(sessions);
  });

  test("filters change every figure correctly and stay in the URL", async ({ page }, testInfo) => {
    const d = new DashboardPage(page);
    await d.open("/?range=all", "Overview");
    const dev = truth[1];
    if (!dev) throw new Error("fixture has fewer than 2 developers");
    await d.filter("Developer", dev.dev);
    await expect(page).toHaveURL(new RegExp(`developer=${encodeURIComponent(dev.dev)}`));
    await d.expectKpis(expectedKpiTexts(teamRoi([dev]), dev.sessions.length));

    await d.filter("Developer", "");
    await expect(page).not.toHaveURL(/developer=/);
    await d.filter("Date range", "30d");
    await expect(page).not.toHaveURL(/range=/);
    const recent = lastDays(truth, 30);
    await d.expectKpis(expectedKpiTexts(teamRoi(recent), sessionCount(recent)));
    await snap(page, "overview-30-days", testInfo);

    // Navigation keeps the filters.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sessions" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Sessions" })).toBeVisible();
    await expect(page.getByTestId("sessions-table")).toContainText(`${sessionCount(recent)} sessions match`);
  });

  test("drill-down: developers → developer → session", async ({ page }, testInfo) => {
    const d = new DashboardPage(page);
    await d.open("/developers?range=all", "Developers");
    await snap(page, "developers", testInfo);
    const dev = truth[0];
    if (!dev) throw new Error("no developer");
    await page.getByTestId("developers-table").getByRole("link", { name: dev.dev, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: dev.dev })).toBeVisible();
    await d.expectKpis(expectedKpiTexts(teamRoi([dev]), dev.sessions.length));
    await snap(page, "developer", testInfo);

    const first = page.getByTestId("recent-sessions").getByTestId("session-link").first();
    await first.click();
    await expect(page.getByTestId("interaction-timeline")).toBeVisible();
    await expect(page.getByTestId("estimate-vs-actual")).toBeVisible();
    await expect(page.getByRole("link", { name: dev.dev })).toBeVisible();
    await snap(page, "session-detail", testInfo);
  });

  test("sources page shows the broken file and its reason", async ({ page }, testInfo) => {
    const broken = brokenFiles();
    expect(broken.length).toBeGreaterThan(0);
    const d = new DashboardPage(page);
    await d.open("/sources", "Sources");
    const errors = page.getByTestId("source-errors");
    for (const b of broken) await expect(errors).toContainText(`${b.name}: ${b.reason}`);
    await snap(page, "sources", testInfo);
  });

  test("every other page renders (screenshots)", async ({ page }, testInfo) => {
    const d = new DashboardPage(page);
    for (const [url, heading, name] of [
      ["/projects?range=all", "Projects", "projects"],
      ["/models?range=all", "Models", "models"],
      ["/sessions?range=all", "Sessions", "sessions"],
      ["/issues?range=all", "Issues", "issues"],
      ["/?range=90d", "Overview", "overview-90-days"],
    ] as const) {
      await d.open(url, heading);
      await expect(page.locator("main")).not.toContainText("Could not load");
      await snap(page, name, testInfo);
    }
    // Sorting and paging run on the server and keep the filters.
    await d.open("/sessions?range=all&sort=duration&dir=asc", "Sessions");
    await page.getByRole("link", { name: "Next →" }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page).toHaveURL(/sort=duration/);
    await expect(page.getByTestId("sessions-range")).toContainText("26–50");
  });

  test("phone and dark mode", async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const d = new DashboardPage(page);
    await d.open("/?range=all", "Overview");
    await snap(page, "overview-phone", testInfo);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.evaluate(() => {
      localStorage.removeItem("theme");
      document.documentElement.classList.add("dark");
    });
    await d.open("/?range=all", "Overview");
    await snap(page, "overview-dark", testInfo);
    await d.open("/sessions?range=all", "Sessions");
    await snap(page, "sessions-dark", testInfo);
  });
});

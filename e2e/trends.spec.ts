/**
 * Honest comparisons, trends and stale sessions on the fixture folder (90 days of data ending at
 * FIXTURE_NOW). Expected figures come from the generator's truth (expected-figures.ts) and the shared
 * ROI oracle, never from the portal's own helpers.
 */
import { timestampToEpochMs } from "ai-session-tracker-mcp/contract";
import { teamRoi } from "../test-support/team-roi";
import { between, type DevTruth, fixtureTruth } from "./expected-figures";
import { FIXTURE_NOW } from "./fixture-folder";
import { expect, snap, authTest as test } from "./fixtures";
import { DashboardPage } from "./pages/dashboard-page";

const truth = fixtureTruth();
const NOW = Date.parse(FIXTURE_NOW);
const DAY = 86_400_000;
const MAX_SESSION_MS = 4 * 3_600_000;

const count = (t: DevTruth[]) => t.reduce((n, d) => n + d.sessions.length, 0);

test.describe("honest comparisons and trends", () => {
  test("a 90-day range with no earlier data shows 'no comparable period', never a ▲/▼", async ({
    page,
  }, testInfo) => {
    const first = Math.min(
      ...truth.flatMap((d) => d.sessions.map((s) => timestampToEpochMs(s.start_time) ?? NOW)),
    );
    expect(first).toBeGreaterThan(NOW - 180 * DAY); // the previous 90 days hold no data
    const d = new DashboardPage(page);
    await d.open("/?range=90d", "Overview");
    const grid = page.getByTestId("kpi-grid");
    await expect(grid.getByTestId("no-comparable-period")).toHaveCount(10);
    await expect(grid).not.toContainText("▲");
    await expect(grid).not.toContainText("▼");
    // The trend of 90 days is weekly, and its cut first and running last weeks are marked partial.
    await expect(
      page.getByTestId("widget-trend").getByRole("heading", { name: "Weekly trend" }),
    ).toBeVisible();
    await expect(page.getByTestId("trend-partial-note")).toContainText("Partial weeks");
    await snap(page, "overview-90d-no-comparable-period", testInfo);
    const api = await (await page.request.get("/api/v1/summary?range=90d")).json();
    expect(api.previous).toBeNull();
    expect(api.comparison).toBe("no_comparable_period");

    // 30 days: the previous 30 days lie inside the data, so the cards carry a change; days as buckets.
    await d.open("/?range=30d", "Overview");
    await expect(grid.getByTestId("no-comparable-period")).toHaveCount(0);
    await expect(page.getByTestId("kpi-sessions")).toContainText(/[▲▼→]/);
    await expect(
      page.getByTestId("widget-trend").getByRole("heading", { name: "Daily trend" }),
    ).toBeVisible();
    const api30 = await (await page.request.get("/api/v1/summary?range=30d")).json();
    expect(api30.comparison).toBe("previous");
    expect(api30.previous.sessions).toBe(count(between(truth, NOW - 60 * DAY, NOW - 30 * DAY)));
  });

  test("compare mode: two explicit ranges side by side, kept in the URL; a bad range is an inline error", async ({
    page,
  }, testInfo) => {
    const before = between(truth, Date.UTC(2026, 2, 10), Date.UTC(2026, 3, 10));
    const after = between(truth, NOW - 30 * DAY, NOW);
    const d = new DashboardPage(page);
    await d.open("/?range=30d", "Overview");
    await page.getByTestId("compare-closed").getByText("Compare with another range").click();
    await page.getByLabel(/Before range/).fill("2026-03-10..2026-04-09");
    await page.getByRole("button", { name: "Compare" }).click();
    await expect(page).toHaveURL(/compare=2026-03-10\.\.2026-04-09/);
    const w = page.getByTestId("widget-compare");
    await expect(w.getByTestId("compare-sessions").getByTestId("before")).toHaveText(String(count(before)));
    await expect(w.getByTestId("compare-sessions").getByTestId("after")).toHaveText(String(count(after)));
    const diff = count(after) - count(before);
    await expect(w.getByTestId("compare-sessions").getByTestId("change")).toHaveText(
      diff > 0 ? `+${diff}` : diff < 0 ? `−${-diff}` : "0",
    );
    await snap(page, "overview-compare", testInfo);
    // A filter change keeps the compare range in the URL.
    await d.filter("Developer", truth[0]?.dev ?? "");
    await expect(page).toHaveURL(/compare=2026-03-10\.\.2026-04-09/);

    // The API's figures equal the oracle's ROI of each side.
    const api = await (
      await page.request.get("/api/v1/summary?range=30d&compare=2026-03-10..2026-04-09")
    ).json();
    expect(api.compare.before.values.roi_pct).toBe(teamRoi(before).cost_metrics.roi_percentage);
    expect(api.compare.after.values.cost_saved).toBe(teamRoi(after).cost_metrics.cost_saved);
    expect(api.compare.before.covered).toBe(true);

    // Backwards and malformed ranges: an inline error on a page that still renders; 400 from the API.
    for (const [bad, text] of [
      ["2026-04-09..2026-03-10", "ends (2026-03-10) before it starts (2026-04-09)"],
      ["last-march", "YYYY-MM-DD..YYYY-MM-DD"],
    ] as const) {
      const res = await page.goto(`/?range=30d&compare=${bad}`);
      expect(res?.status()).toBe(200);
      await expect(page.getByTestId("compare-error")).toContainText(text);
      await expect(page.getByTestId("kpi-grid")).toBeVisible();
      const r = await page.request.get(`/api/v1/summary?range=30d&compare=${bad}`);
      expect(r.status()).toBe(400);
    }
  });
});

test.describe("stale sessions", () => {
  /** Active sessions of the truth with their last activity (start or latest interaction). */
  const active = truth.flatMap((d) =>
    d.sessions
      .filter((s) => s.status === "active")
      .map((s) => {
        const times = [
          s.start_time,
          ...d.interactions.filter((i) => i.session_id === s.id).map((i) => i.timestamp),
        ]
          .map((t) => timestampToEpochMs(t))
          .filter((t): t is number => t !== null);
        // The ingest stores whole milliseconds (microsecond timestamps are cut).
        const last = Math.floor(Math.max(...times));
        return { dev: d.dev, id: s.id, last, abandoned: NOW - last > MAX_SESSION_MS };
      }),
  );

  test("an abandoned session shows as abandoned with its last activity, and leaves the active count", async ({
    page,
  }, testInfo) => {
    const abandoned = active.filter((a) => a.abandoned);
    expect(abandoned.length).toBeGreaterThan(0);
    const res = await page.request.get("/api/v1/sessions?range=all&outcome=none&pageSize=200");
    const body = (await res.json()) as {
      rows: {
        id: number;
        session_id: string;
        developer: string;
        liveness: string | null;
        last_activity_ms: number | null;
      }[];
    };
    const rows = body.rows.filter((r) => r.liveness !== null);
    expect(rows).toHaveLength(active.length);
    for (const a of active) {
      const row = rows.find((r) => r.session_id === a.id && r.developer === a.dev);
      expect(row?.liveness, `${a.dev}/${a.id}`).toBe(a.abandoned ? "abandoned" : "live");
      expect(row?.last_activity_ms).toBe(a.last);
    }

    // The sessions table shows the badges; the session page says abandoned with the last activity.
    const d = new DashboardPage(page);
    await d.open("/sessions?range=all&outcome=none&pageSize=200", "Sessions");
    await expect(page.getByTestId("sessions-table").getByTestId("badge-abandoned")).toHaveCount(
      abandoned.length,
    );
    await snap(page, "sessions-abandoned", testInfo);
    const one = rows.find((r) => r.liveness === "abandoned");
    await d.open(`/sessions/${one?.id}`, /./);
    await expect(page.getByTestId("session-abandoned")).toContainText("abandoned — last activity");
    await expect(page.getByTestId("badge-abandoned")).toBeVisible();

    // The Overview's outcome list counts them as abandoned, not active.
    await d.open("/?range=all", "Overview");
    const outcomes = page.getByTestId("widget-outcomes");
    await expect(outcomes.getByText("Abandoned", { exact: true })).toBeVisible();
    const live = active.length - abandoned.length;
    if (live === 0) await expect(outcomes.getByText("Active", { exact: true })).toHaveCount(0);
  });
});

/**
 * The filter bar's behaviour and the not-found pages (issue 10, item 7): a custom range picked with date
 * fields (kept in the URL, an inline error for a backwards or impossible range), a visible pending state
 * while the server answers a filter change, filters behind a button on a phone, every category of the
 * task-type chart labelled, and a 404 with a way back for every dynamic page of the route tree.
 */
import { expect, authTest as test } from "./fixtures";
import { withDb } from "./fixtures/accounts";
import { dynamicSegments, fillRoute, portalRoutes } from "./fixtures/portal-pages";
import { DashboardPage } from "./pages/dashboard-page";

test.describe("custom date range", () => {
  test("Custom… shows date fields, stays selected and lands in the URL", async ({ page }) => {
    const d = new DashboardPage(page);
    await d.open("/", "Overview");
    await d.filter("Date range", "custom");
    const bar = d.bar();
    // The select does not snap back to the default while no day is chosen yet.
    await expect(bar.getByLabel("Date range")).toHaveValue("custom");
    await bar.getByLabel("From", { exact: true }).fill("2026-05-01");
    await bar.getByLabel("To", { exact: true }).fill("2026-05-10");
    await bar.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/range=custom/);
    const url = new URL(page.url());
    expect(url.searchParams.get("from")).toBe("2026-05-01");
    expect(url.searchParams.get("to")).toBe("2026-05-10");
    await expect(bar.getByLabel("Date range")).toHaveValue("custom");
    await expect(page.getByRole("heading", { level: 1 }).locator("xpath=..")).toContainText(
      "1 May 2026 – 10 May 2026",
    );

    // A reload keeps it.
    await page.reload();
    await expect(bar.getByLabel("Date range")).toHaveValue("custom");
    await expect(bar.getByLabel("From", { exact: true })).toHaveValue("2026-05-01");
  });

  test("a backwards range is refused with an inline error, the URL unchanged", async ({ page }) => {
    const d = new DashboardPage(page);
    await d.open("/?range=custom&from=2026-05-01&to=2026-05-10", "Overview");
    const bar = d.bar();
    await bar.getByLabel("From", { exact: true }).fill("2026-05-20");
    await bar.getByRole("button", { name: "Apply" }).click();
    const error = bar.getByRole("alert");
    await expect(error).toContainText("after");
    await expect(bar.getByLabel("From", { exact: true })).toHaveAttribute("aria-invalid", "true");
    expect(new URL(page.url()).searchParams.get("from")).toBe("2026-05-01");
  });

  test("a backwards or impossible range typed into the URL is named, not silently accepted", async ({
    page,
  }) => {
    const d = new DashboardPage(page);
    await d.open("/?range=custom&from=2026-05-20&to=2026-05-10", "Overview");
    await expect(d.bar().getByRole("alert")).toContainText("after");

    await d.open("/?range=custom&from=2026-02-30&to=2026-03-05", "Overview");
    await expect(d.bar().getByRole("alert")).toContainText("2026-02-30");
    await expect(d.bar().getByRole("alert")).toContainText("not a date");
  });
});

test("a filter change shows a visible pending state until the server answers", async ({ page }) => {
  const d = new DashboardPage(page);
  await d.open("/?range=all", "Overview");
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  // Hold the server's answer (RSC requests) until the pending state has been seen.
  let release = () => {};
  const held = new Promise<void>((r) => {
    release = r;
  });
  await page.route("**/*", async (route) => {
    if (route.request().headers().rsc === "1") await held;
    await route.continue();
  });
  const developer = await d.bar().getByLabel("Developer").locator("option").nth(1).getAttribute("value");
  await d.filter("Developer", developer ?? "");
  const status = page.getByTestId("filters-pending");
  await expect(status).toBeVisible();
  await expect(status).toContainText("Updating");
  await expect(page.locator("main")).toHaveAttribute("aria-busy", "true");
  release();
  await expect(page).toHaveURL(/developer=/);
  await expect(status).toBeHidden();
  await expect(page.locator("main")).not.toHaveAttribute("aria-busy", "true");
  await page.unroute("**/*");
});

test("on a phone the filters sit behind a button", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const d = new DashboardPage(page);
  await d.open("/?range=all&model=x", "Overview");
  const toggle = d.bar().getByRole("button", { name: /Filters/ });
  await expect(toggle).toBeVisible();
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(d.bar().getByLabel("Developer")).toBeHidden();
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(d.bar().getByLabel("Developer")).toBeVisible();

  // On a wide screen the fields are always shown and there is no button.
  await page.setViewportSize({ width: 1440, height: 900 });
  await d.open("/?range=all", "Overview");
  await expect(d.bar().getByLabel("Developer")).toBeVisible();
  await expect(d.bar().getByRole("button", { name: /^Filters/ })).toBeHidden();
});

test("the task-type chart labels every task type", async ({ page }) => {
  const taskTypes = Number(
    await withDb(
      async (db) => (await db.get<{ n: number }>("SELECT count(DISTINCT task_type) AS n FROM sessions"))?.n,
    ),
  );
  expect(taskTypes).toBeGreaterThan(3);
  const d = new DashboardPage(page);
  await d.open("/?range=all", "Overview");
  const chart = page.getByTestId("widget-task-types").getByRole("img", { name: /task type/i });
  await expect(chart.locator(".recharts-cartesian-axis-tick-value")).not.toHaveCount(0);
  const labels = await chart.locator(".recharts-yAxis .recharts-cartesian-axis-tick-value").allTextContents();
  expect(labels.filter((l) => l.trim() !== "").length).toBe(taskTypes);
});

test.describe("not-found pages", () => {
  const dynamic = portalRoutes().filter((r) => dynamicSegments(r).length > 0);

  test("the route tree has dynamic pages", () => {
    expect(dynamic.length).toBeGreaterThanOrEqual(2);
  });

  for (const route of dynamic) {
    test(`${route} naming nothing answers 404 with a way back`, async ({ page }) => {
      const url = fillRoute(route, (parent) =>
        parent === "sessions" ? "999999999" : `no-such-${parent}-e2e`,
      );
      const res = await page.goto(url);
      expect(res?.status()).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toContainText(/not found/i);
      // Inside the portal shell, with a link back to the list the address pointed into.
      await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
      const list = `/${dynamicSegments(route)[0]?.parent}`;
      const back = page.getByTestId("not-found-back");
      await expect(back).toHaveAttribute("href", new RegExp(`^${list}(\\?|$)`));
      await back.click();
      await expect(page).toHaveURL(new RegExp(`${list}(\\?|$)`));
    });
  }

  test("an unknown address answers 404 with a link to the overview", async ({ page }) => {
    const res = await page.goto("/no-such-page-e2e");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(/not found/i);
    await expect(page.getByTestId("not-found-back")).toHaveAttribute("href", "/");
  });
});

test("the favicon is served to the signed-out and linked from every page", async ({
  page,
  playwright,
  baseURL,
}) => {
  await page.goto("/");
  const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(href).toMatch(/^\/icon/);
  const anon = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const res = await anon.get(href ?? "", { maxRedirects: 0 });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^image\//);
  await anon.dispose();
});

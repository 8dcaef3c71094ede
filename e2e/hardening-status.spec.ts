/**
 * Status codes for bad URLs (issue 8, item 13): malformed escapes, unknown ids and names, unknown
 * routes and oversized or nonsense filter values get a 400/404 page — or the page with the bad value
 * dropped — never a 500, and a "not found" page answers 404, not 200.
 */
import { expect, authTest as test } from "./fixtures";

const LONG = "x".repeat(300);

/** Paths with a malformed %-escape: a 400 (or 404) page. */
const MALFORMED = [
  "/developers/%E0%A4%A",
  "/developers/%E0%A4%A?range=all",
  "/sessions/%E0%A4%A",
  "/%E0%A4%A",
];

/** URLs that name nothing: a 404 page. */
const NOT_FOUND = [
  "/developers/no-such-developer",
  "/developers/%00",
  `/developers/${LONG}`,
  "/sessions/999999999",
  "/sessions/0",
  "/sessions/-1",
  "/sessions/abc",
  "/sessions/1e3",
  "/no-such-page",
  "/developers/a/b",
];

/** URLs with bad filter or table values: the page renders with the value dropped. */
const DROPPED = [
  `/?developer=${LONG}`,
  `/sessions?project=${LONG}&model=${LONG}`,
  `/developers?task=${LONG}`,
  "/?range=custom&from=9999-99-99&to=garbage",
  "/?range=bogus&outcome=bogus",
  "/sessions?page=-1&sort=nope&dir=sideways&pageSize=999999",
  "/projects?model=%E0%A4%A",
  "/models?developer=a&developer=b",
  `/issues?${LONG}=${LONG}`,
  "/sources?range=%00",
];

test.describe("status codes for bad URLs, signed in", () => {
  for (const url of MALFORMED) {
    test(`${url} answers a 400/404 page, not a 500`, async ({ request }) => {
      const res = await request.get(url);
      expect([400, 404]).toContain(res.status());
      expect(await res.text()).toMatch(/Not found|Bad request/);
    });
  }

  for (const url of NOT_FOUND) {
    test(`${url.slice(0, 60)} answers a 404 page`, async ({ request }) => {
      const res = await request.get(url);
      expect(res.status()).toBe(404);
      expect(await res.text()).toContain("Not found");
    });
  }

  for (const url of DROPPED) {
    test(`${url.slice(0, 60)} answers 200 with the bad value dropped`, async ({ page }) => {
      const res = await page.goto(url);
      expect(res?.status()).toBe(200);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      // No error boundary ("Could not load …") and no filter set to the bad value.
      await expect(page.getByRole("alert").filter({ hasText: "Could not load" })).toHaveCount(0);
      for (const select of await page.locator("search select").all())
        expect(await select.inputValue()).not.toContain(LONG);
    });
  }

  test("the JSON API answers bad values with 400/404, never 500", async ({ request }) => {
    for (const url of [
      `/api/v1/summary?developer=${LONG}`,
      `/api/v1/sessions?project=${LONG}`,
      "/api/v1/sessions/abc",
      "/api/v1/sessions/999999999",
      "/api/v1/sessions/%E0%A4%A",
    ]) {
      const status = (await request.get(url)).status();
      expect([200, 400, 404], `${url.slice(0, 60)} → ${status}`).toContain(status);
    }
  });

  test("the not-found page is a proper page inside the portal", async ({ page }) => {
    const res = await page.goto("/developers/no-such-developer");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
    // The way back leads to the list the address pointed into (app/_components/not-found-back.tsx).
    await expect(page.getByRole("link", { name: "Back to Developers" })).toHaveAttribute(
      "href",
      "/developers",
    );
  });
});

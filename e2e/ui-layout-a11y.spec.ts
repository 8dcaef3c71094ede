/**
 * Layout and accessibility of every page (issue 10, item 7), asserted rather than screenshotted: the
 * pages come from the route tree on disk (a new page is covered without editing this spec), dynamic
 * ones filled with a real developer / session / … of the fixture.
 * - `@axe-core/playwright` (e2e/fixtures/axe.ts): no serious or critical violation, light and dark theme;
 * - no horizontal overflow at 390 × 844 and 1440 × 900; anything that scrolls sideways inside the page
 *   (a wide table) is keyboard-reachable and shows a scroll shadow;
 * - every chart sits in a labelled `role="img"`; one date style, no ISO dates or 12-hour times on screen.
 */
import type { Page } from "@playwright/test";
import { expect, authTest as test } from "./fixtures";
import { seriousViolations } from "./fixtures/axe";
import { fillRoute, portalRoutes, realValues } from "./fixtures/portal-pages";

const ROUTES = portalRoutes();
/** Dashboards over all time, so every widget has data to lay out. */
const urlOf = async (route: string) => `${fillRoute(route, await realValues())}?range=all`;

const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
] as const;

/** Opens `url` and waits until no widget is still streaming in (skeletons carry aria-busy). */
async function openSettled(page: Page, url: string): Promise<void> {
  const res = await page.goto(url);
  expect(res?.status(), url).toBe(200);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

test("the route tree has the pages this spec expects to walk", () => {
  expect(ROUTES).toEqual(
    expect.arrayContaining(["/", "/sessions", "/sessions/[id]", "/developers/[developer]"]),
  );
});

for (const route of ROUTES) {
  for (const scheme of ["light", "dark"] as const) {
    test(`axe: ${route} (${scheme}) has no serious or critical violation`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await openSettled(page, await urlOf(route));
      expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(
        scheme === "dark",
      );
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  for (const vp of VIEWPORTS) {
    test(`layout: ${route} at ${vp.width}×${vp.height} does not overflow sideways`, async ({ page }) => {
      await page.setViewportSize(vp);
      await openSettled(page, await urlOf(route));
      const m = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      expect(m.scroll, `page ${m.scroll} px wide in a ${m.client} px viewport`).toBeLessThanOrEqual(m.client);

      // Sideways scrollers inside the page: reachable by keyboard and visibly scrollable (a shadow).
      const hidden = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>("main *")]
          .filter((el) => {
            const s = getComputedStyle(el);
            return (
              (s.overflowX === "auto" || s.overflowX === "scroll") &&
              el.scrollWidth > el.clientWidth + 1 &&
              el.getClientRects().length > 0
            );
          })
          .filter((el) => el.tabIndex < 0 || !getComputedStyle(el).backgroundImage.includes("gradient"))
          .map((el) => `${el.tagName.toLowerCase()}.${el.className} (${el.scrollWidth} > ${el.clientWidth})`),
      );
      expect(hidden, "sideways scrollers without focus or scroll hint").toEqual([]);

      // Charts have accessible names.
      const unlabelled = await page.evaluate(
        () =>
          [...document.querySelectorAll(".recharts-wrapper, .recharts-responsive-container")].filter(
            (c) => !c.closest('[role="img"][aria-label]:not([aria-label=""])'),
          ).length,
      );
      expect(unlabelled, "charts without a labelled role=img").toBe(0);

      // One date and time style: "2 Mar 2026", 24-hour times; no ISO dates or AM/PM on screen.
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is asserted
      const text = await page.getByRole("main").innerText();
      expect(text.match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? [], "ISO dates on screen").toEqual([]);
      expect(text.match(/\b\d{1,2}:\d{2}(:\d{2})?\s?[AaPp]\.?[Mm]\b/g) ?? [], "12-hour times").toEqual([]);
    });
  }
}

test("the sign-in page has no serious or critical violation and fits a phone", async ({
  browser,
  baseURL,
}) => {
  for (const scheme of ["light", "dark"] as const) {
    const context = await browser.newContext({
      baseURL,
      colorScheme: scheme,
      viewport: { width: 390, height: 844 },
      storageState: { cookies: [], origins: [] },
    });
    const page = await context.newPage();
    await page.goto("/login");
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
    expect(await seriousViolations(page), scheme).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await context.close();
  }
});

test("the accessibility check catches a planted violation (it is not blind)", async ({ page }) => {
  await openSettled(page, "/sessions?range=all");
  expect(await seriousViolations(page)).toEqual([]);
  await page.evaluate(() => {
    const main = document.querySelector("main");
    main?.insertAdjacentHTML(
      "beforeend",
      '<p style="color:#777;background:#888">grey on grey</p><button type="button"></button><img src="data:,">',
    );
  });
  const found = (await seriousViolations(page)).map((v) => v.split(":")[0]);
  expect(found).toEqual(
    expect.arrayContaining(["serious color-contrast", "critical button-name", "critical image-alt"]),
  );
});

test("a not-found page has no serious or critical violation (light and dark)", async ({ page }) => {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/sessions/999999999");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await seriousViolations(page), scheme).toEqual([]);
  }
});

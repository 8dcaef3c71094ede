/**
 * Spoofing and size in the UI (issue 8, item 14): a developer folder, project and session name with
 * bidirectional-override characters and a 1 MB session name, written into the watched fixture root at
 * test time (and removed afterwards, like live-refresh.spec.ts: other journeys assert exact figures).
 * Lists stay small, show the controls as visible markers, never raw, and do not overflow sideways;
 * the session page shows the whole name.
 */
import { expect, authTest as test } from "./fixtures";
import { addDeveloperSessions, removeDeveloperFolder, testSession } from "./fixtures/shared-folder";

// A folder name that would read "zz-spoof-developer" reversed after the override.
const DEV = "zz-spoof-\u202Erepoleved";
const PROJECT = "proj\u2066ect\u2069-\u200Fx";
const HEAD = "Fix invoice \u202Efdp.exe\u202C totals ";
const LONG_NAME = `${HEAD}${"lorem ipsum ".repeat(Math.ceil(1_000_000 / 12))}`;
const BIDI = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** The HTML's text nodes (scripts and tags dropped): what a reader of the markup sees. */
function htmlText(html: string): string {
  return html.replace(/<script\b[\s\S]*?<\/script>/g, "").replace(/<[^>]*>/g, "");
}

test.describe("hostile names", () => {
  test.beforeAll(async () => {
    await addDeveloperSessions(DEV, [
      testSession("spoof_check_20260530_100000", {
        session_name: LONG_NAME,
        project: PROJECT,
        model_name: "claude-\u202Esonnet",
      }),
    ]);
  });

  test.afterAll(async () => {
    await removeDeveloperFolder(DEV);
  });

  test("lists stay small and show the name cut, with controls as visible markers", async ({
    page,
    request,
  }) => {
    const res = await request.get("/sessions?range=all&sort=developer&dir=desc");
    expect(res.status()).toBe(200);
    const html = await res.text();
    expect(html.length).toBeLessThan(1_000_000);
    const text = htmlText(html);
    expect(text).toContain("Fix invoice ⟨U+202E⟩fdp.exe⟨U+202C⟩ totals lorem");
    expect(text).toContain("zz-spoof-⟨U+202E⟩repoleved");
    expect(text).not.toMatch(BIDI);

    await page.goto("/sessions?range=all&sort=developer&dir=desc");
    const row = page.getByRole("row").filter({ hasText: "zz-spoof-⟨U+202E⟩repoleved" });
    await expect(row).toContainText("Fix invoice ⟨U+202E⟩fdp.exe");
    await expect(row).toContainText("proj⟨U+2066⟩ect⟨U+2069⟩-⟨U+200F⟩x");
    // innerText, not textContent: what the reader sees (rendered text, no script bodies).
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point
    expect(await page.evaluate(() => document.body.innerText)).not.toMatch(BIDI);
    // User text is isolated from its surroundings.
    expect(await row.locator("bdi").count()).toBeGreaterThan(0);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      "no horizontal overflow",
    ).toBe(true);
  });

  test("breakdowns, filters and the developer page escape the names too", async ({ page, request }) => {
    for (const url of ["/developers?range=all", "/projects?range=all", "/models?range=all", "/?range=all"]) {
      const res = await request.get(url);
      expect(res.status(), url).toBe(200);
      const text = htmlText(await res.text());
      expect(text, url).not.toMatch(BIDI);
    }
    const res = await page.goto(`/developers/${encodeURIComponent(DEV)}?range=all`);
    expect(res?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("zz-spoof-⟨U+202E⟩repoleved");
    expect(await page.title()).not.toMatch(BIDI);
    // innerText, not textContent: what the reader sees (rendered text, no script bodies).
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point
    expect(await page.evaluate(() => document.body.innerText)).not.toMatch(BIDI);
  });

  test("the session page shows the whole name, wrapped, without overflow", async ({ page }) => {
    await page.goto("/sessions?range=all&sort=developer&dir=desc");
    await page
      .getByRole("row")
      .filter({ hasText: "zz-spoof-⟨U+202E⟩repoleved" })
      .getByTestId("session-link")
      .click();
    const full = page.getByTestId("session-full-name");
    await expect(full).toBeVisible();
    const shown = await full.evaluate((e) => e.textContent ?? "");
    expect(shown.length).toBeGreaterThanOrEqual(LONG_NAME.length);
    expect(shown.endsWith("lorem ipsum ")).toBe(true);
    expect(shown).not.toMatch(BIDI);
    expect((await page.getByRole("heading", { level: 1 }).textContent())?.length).toBeLessThan(300);
    expect((await page.title()).length).toBeLessThan(300);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
});

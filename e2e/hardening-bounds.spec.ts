/**
 * Ranges cannot bend the portal (issue 8, item 10): a custom range from year 0 is clamped to the data,
 * so the Overview answers with the fixture's weeks only — not a bucket per week since year 0 (31.6 MB
 * and 13–18 s before). Sizes are compared with the all-time page, not timed.
 */
import { weekStartOf } from "../lib/queries/scope";
import { fixtureTruth } from "./expected-figures";
import { expect, authTest as test } from "./fixtures";

const firstStartMs = Math.min(
  ...fixtureTruth().flatMap((d) => d.sessions.map((s) => Date.parse(s.start_time ?? ""))),
);
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const firstWeekDate = new Date(weekStartOf(firstStartMs));
/** The first week's label as the portal writes dates ("2 Nov 2026", UTC), spelled here on its own. */
const firstWeek = `${firstWeekDate.getUTCDate()} ${MONTHS[firstWeekDate.getUTCMonth()]} ${firstWeekDate.getUTCFullYear()}`;

/** Most weeks the fixture's 90 days (and the week after its `now`) can fill. */
const MAX_FIXTURE_WEEKS = 16;

test("a custom range from year 0 renders the data's weeks only", async ({ page }) => {
  for (const [path, query] of [
    ["/", "range=custom&from=0000-01-01"],
    ["/", "range=custom&from=0000-01-01&to=9999-12-31"],
    ["/developers", "range=custom&from=0000-01-01"],
  ] as const) {
    const all = await page.request.get(`${path}?range=all`);
    expect(all.status()).toBe(200);
    const allSize = (await all.body()).length;
    const url = `${path}?${query}`;
    const res = await page.request.get(url);
    expect(res.status(), url).toBe(200);
    const body = await res.text();
    // The same data as all time, plus the weeks up to the request time: the same order of size.
    expect(body.length, url).toBeLessThan(allSize * 2);
    // Before the clamp the series started in year 0: labels of year 1 were in the page.
    expect(body, url).not.toMatch(/\b0001-01-\d\d/);
    if (path === "/") expect(body, url).toContain(firstWeek);
    else {
      // Sparklines: "Weekly sessions of <name>: 1, 3, …", one number per week.
      const labels = [...body.matchAll(/Weekly sessions of [^:]+: ([\d, ]+)/g)];
      expect(labels.length, url).toBeGreaterThan(0);
      for (const m of labels)
        expect(m[1]?.split(",").length ?? 0, url).toBeLessThanOrEqual(MAX_FIXTURE_WEEKS);
    }
  }
});

test("a backwards custom range answers 200", async ({ page }) => {
  const res = await page.request.get("/?range=custom&from=9999-12-31&to=0000-01-01");
  expect(res.status()).toBe(200);
});

/**
 * The portal method's headline on the Overview and a developer page: every figure, its range and the
 * numbers in its receipt, read off the page and compared with the independent oracle
 * (`test-support/roi-method-oracle.ts`) over the fixture's raw records; the API's `method` block; and a
 * settings change moving the figures.
 */
import type { Locator, Page } from "@playwright/test";
import {
  type OracleMethod,
  type OracleSession,
  type OracleSettings,
  roiMethodOracle,
  roundHalfEven,
} from "../test-support/roi-method-oracle";
import { fixtureDevelopers } from "./expected-figures";
import { FIXTURE_NOW } from "./fixture-folder";
import { expect, snap, authTest as test } from "./fixtures";

const DAY = 86_400_000;
const NOW = Date.parse(FIXTURE_NOW);
const DEFAULTS: OracleSettings = { rate: 130, seatPrice: 40, engagement: 1, partialWeight: 0.5 };
const developers = fixtureDevelopers();

/** Raw sessions of the last `days` days (optionally one developer's). */
function lastDays(days: number, developer?: string): OracleSession[] {
  return developers
    .filter((d) => !developer || d.name === developer)
    .flatMap((d) =>
      Object.values(d.sessions)
        .filter((r) => {
          const ms = Date.parse(String(r.start_time));
          return ms >= NOW - days * DAY && ms < NOW;
        })
        .map((record) => ({ developer: d.name, record })),
    );
}

function oracle(days: number, settings: OracleSettings, developer?: string): OracleMethod {
  return roiMethodOracle({
    sessions: lastDays(days, developer),
    fromMs: NOW - days * DAY,
    toMs: NOW,
    settings,
  });
}

/** Every number in a text ("$1,234.50", "-3.42 h", "100 %"), in order. */
function numbers(text: string): number[] {
  return [...text.matchAll(/-?\$?-?[\d,]*\d(?:\.\d+)?/g)].map((m) => Number(m[0].replace(/[$,]/g, "")));
}

async function numbersIn(l: Locator): Promise<number[]> {
  return numbers(((await l.textContent()) ?? "").replace(/\s+/g, " "));
}

/** Opens a headline's receipt and returns the numbers of each of its lines. */
async function receipt(page: Page, id: string): Promise<number[][]> {
  const r = page.getByTestId(`receipt-${id}`);
  await r.getByText("Receipt").click();
  const lines = r.getByTestId(`receipt-${id}-line`);
  await expect(lines.first()).toBeVisible();
  const out: number[][] = [];
  for (const l of await lines.all()) out.push(await numbersIn(l));
  return out;
}

/** Checks the headline, range and receipts on the open page against the oracle's figures. */
async function expectMethod(page: Page, o: OracleMethod, s: OracleSettings): Promise<void> {
  const e = o.expected;
  const value = (id: string) => numbersIn(page.getByTestId(`method-${id}-value`));
  const range = (id: string) => numbersIn(page.getByTestId(`method-${id}-range`));
  expect(await value("return")).toEqual([e.returnPerDollar]);
  expect(await range("return")).toEqual([o.conservative.returnPerDollar, o.optimistic.returnPerDollar]);
  expect(await value("value")).toEqual([e.valueUsd]);
  expect(await range("value")).toEqual([o.conservative.valueUsd, o.optimistic.valueUsd]);
  // The headline shows hours with one decimal; the receipt with two.
  expect(await value("hours-saved")).toEqual([roundHalfEven(e.hoursSaved, 1)]);
  expect(await value("spend")).toEqual([o.spendUsd]);
  expect(await value("savings-rate")).toEqual([e.savingsRatePct]);
  expect(await range("savings-rate")).toEqual([o.conservative.savingsRatePct, o.optimistic.savingsRatePct]);

  const spendLine = [o.seats, o.months, s.seatPrice, o.spendUsd];
  expect(await receipt(page, "return")).toEqual([
    [e.valueUsd, o.spendUsd, e.returnPerDollar],
    [e.hoursSaved, s.rate],
    spendLine,
  ]);
  expect(await receipt(page, "value")).toEqual([[e.hoursSaved, s.rate, e.valueUsd]]);
  const [saved, , inSessions] = await receipt(page, "hours-saved");
  expect(saved).toEqual([e.deliveredHours, e.developerHours, e.hoursSaved]);
  expect(inSessions).toEqual([roundHalfEven(s.engagement * 100, 1), o.aiHours, o.sessions, e.developerHours]);
  expect((await receipt(page, "spend"))[0]).toEqual(spendLine);
  const deliveredUsd = roundHalfEven(e.deliveredHours * s.rate, 2);
  expect(await receipt(page, "savings-rate")).toEqual([
    [e.valueUsd, o.spendUsd, e.deliveredHours, s.rate, e.netUsd, deliveredUsd, e.savingsRatePct],
  ]);
}

async function setMethod(page: Page, engagement: string, partial: string): Promise<void> {
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "ROI method" });
  await form.getByLabel("Engagement share").fill(engagement);
  await form.getByLabel("Partial-session weight").fill(partial);
  await form.getByRole("button", { name: "Save method" }).click();
  await expect(form.getByRole("status")).toHaveText(/Saved/);
}

test.describe("ROI method (portal headline)", () => {
  test("the overview's headline, range and receipts equal the oracle; the API says the same", async ({
    page,
  }, testInfo) => {
    await page.goto("/?range=30d");
    await expect(page.getByTestId("widget-roi-method")).toBeVisible();
    const o = oracle(30, DEFAULTS);
    expect(o.sessions).toBeGreaterThan(0);
    await expectMethod(page, o, DEFAULTS);
    // Receipts link to the settings that drive them.
    await expect(
      page.getByTestId("receipt-return").getByRole("link", { name: "Engagement share" }),
    ).toHaveAttribute("href", "/settings#field-engagementPercent");
    // The upstream figures are still there, labelled as such.
    await expect(page.getByText("ROI (upstream method)")).toBeVisible();
    await snap(page, "overview-roi-method", testInfo);

    const api = await page.request.get("/api/v1/summary?range=30d");
    expect(api.status()).toBe(200);
    const body = (await api.json()) as {
      roi: unknown;
      method: { sessions: number; spend: { seats: number; months: number; usd: number } } & Record<
        "conservative" | "expected" | "optimistic",
        Record<string, unknown>
      >;
    };
    expect(body.roi).toBeDefined();
    expect(body.method.sessions).toBe(o.sessions);
    expect(body.method.spend).toMatchObject({ seats: o.seats, months: o.months, usd: o.spendUsd });
    for (const k of ["conservative", "expected", "optimistic"] as const) {
      const c = o[k];
      expect(body.method[k], k).toMatchObject({
        delivered_hours: c.deliveredHours,
        developer_hours: c.developerHours,
        hours_saved: c.hoursSaved,
        value_usd: c.valueUsd,
        spend_usd: c.spendUsd,
        net_usd: c.netUsd,
        return_per_dollar: c.returnPerDollar,
        savings_rate_pct: c.savingsRatePct,
      });
    }
  });

  test("a developer page charges one seat", async ({ page }) => {
    const dev = developers.find((d) => lastDays(90, d.name).length > 0);
    if (!dev) throw new Error("no developer with sessions in 90 days");
    await page.goto(`/developers/${encodeURIComponent(dev.name)}?range=90d`);
    const o = oracle(90, DEFAULTS, dev.name);
    expect(o.seats).toBe(1);
    await expectMethod(page, o, DEFAULTS);
  });

  test("changing the engagement share and partial weight moves the figures", async ({ page }) => {
    const changed: OracleSettings = { ...DEFAULTS, engagement: 0.2, partialWeight: 0 };
    try {
      await setMethod(page, "20", "0");
      await page.goto("/?range=30d");
      const o = oracle(30, changed);
      expect(o.expected.valueUsd).not.toBe(oracle(30, DEFAULTS).expected.valueUsd);
      await expectMethod(page, o, changed);
      // Bounds are enforced with a field message; nothing is stored.
      await page.goto("/settings");
      const form = page.getByRole("form", { name: "ROI method" });
      await form.getByLabel("Engagement share").fill("120");
      await form.getByRole("button", { name: "Save method" }).click();
      await expect(form.getByText("At most 100 %")).toBeVisible();
      await page.reload();
      await expect(form.getByLabel("Engagement share")).toHaveValue("20");
    } finally {
      await setMethod(page, "100", "50");
    }
  });
});
